import Foundation
import MadoguchiDomain
import Vapor

/// The administrator's pages: the staff list with a form for a new account, and one account.
enum StaffAdminPages {
    static func list(
        _ context: PageContext, member: StaffMember, municipality: Municipality, accounts: [StaffAccountRecord],
        departments: [UUID: Set<String>], message: (LocalizedText, Bool)?, created: (login: String, password: String)?
    ) -> Node {
        let t = context.text
        return StaffLayout.page(context, member: member, title: t(StaffText.staffAdmin)) {
            el("h1") { t(StaffText.staffAdmin) }
            if let (text, isError) = message { StaffLayout.message(t(text), error: isError) }
            if let created { oneTimePassword(context, login: created.login, password: created.password) }
            el("table", .class("inbox-table")) {
                el("thead") {
                    el("tr") {
                        for heading in [
                            StaffText.login, StaffAdminText.name, StaffAdminText.roles, StaffAdminText.departments,
                            StaffAdminText.state,
                        ] {
                            el("th", Attribute("scope", "col")) { t(heading) }
                        }
                    }
                }
                el("tbody") {
                    accounts.map { account in
                        el("tr") {
                            el("td") {
                                el("a", Attribute("href", StaffURL.adminStaffMember(account.id!).path)) {
                                    account.login
                                }
                            }
                            el("td") { account.name }
                            el("td") { account.roleSet.sorted().map { t($0.label) }.joined(separator: "・") }
                            el("td") { (departments[account.id!] ?? []).sorted().joined(separator: "、") }
                            el("td") { t(account.disabled ? StaffAdminText.disabled : StaffAdminText.active) }
                        }
                    }
                }
            }
            el("h2") { t(StaffAdminText.newAccount) }
            el("form", Attribute("method", "post"), Attribute("action", StaffURL.adminStaff.path)) {
                StaffLayout.csrfField(context)
                SignInPages.textField(context, name: "login", label: StaffText.login, required: true)
                SignInPages.textField(context, name: "name", label: StaffAdminText.name, required: true)
                roleAndDepartmentChoices(context, municipality: municipality, roles: [], departments: [])
                el("div", .class("actions")) {
                    el("button", .class("button button--primary"), Attribute("type", "submit")) {
                        t(StaffAdminText.createButton)
                    }
                }
            }
        }
    }

    static func member(
        _ context: PageContext, member: StaffMember, municipality: Municipality, account: StaffAccountRecord,
        departments: Set<String>, message: (LocalizedText, Bool)?, oneTimePassword password: String?
    ) -> Node {
        let t = context.text
        let id = account.id!
        return StaffLayout.page(context, member: member, title: "\(t(StaffText.staffAdmin))：\(account.login)") {
            el("h1") { "\(t(StaffText.staffAdmin))：\(account.login)" }
            el("p") { el("a", Attribute("href", StaffURL.adminStaff.path)) { t(StaffAdminText.backToList) } }
            if let (text, isError) = message { StaffLayout.message(t(text), error: isError) }
            if let password { oneTimePassword(context, login: account.login, password: password) }
            el("form", Attribute("method", "post"), Attribute("action", StaffURL.adminStaffMember(id).path)) {
                StaffLayout.csrfField(context)
                el("input", Attribute("type", "hidden"), Attribute("name", "operation"), Attribute("value", "update"))
                SignInPages.textField(
                    context, name: "name", label: StaffAdminText.name, value: account.name, required: true)
                roleAndDepartmentChoices(
                    context, municipality: municipality, roles: account.roleSet, departments: departments)
                InboxPages.checkbox(context, name: "disabled", label: StaffAdminText.disable, checked: account.disabled)
                el("div", .class("actions")) {
                    el("button", .class("button button--primary"), Attribute("type", "submit")) {
                        t(StaffAdminText.save)
                    }
                }
            }
            el("h2") { t(StaffAdminText.resetHeading) }
            el("p") { t(StaffAdminText.resetIntro) }
            el("form", Attribute("method", "post"), Attribute("action", StaffURL.adminStaffMember(id).path)) {
                StaffLayout.csrfField(context)
                el(
                    "input", Attribute("type", "hidden"), Attribute("name", "operation"),
                    Attribute("value", "reset_password"))
                el("button", .class("button button--secondary"), Attribute("type", "submit")) {
                    t(StaffAdminText.resetButton)
                }
            }
        }
    }

    static func roleAndDepartmentChoices(
        _ context: PageContext, municipality: Municipality, roles: Set<StaffRole>, departments: Set<String>
    ) -> Node {
        let t = context.text
        return .fragment([
            el("fieldset", .class("fieldset field")) {
                el("legend", .class("field__label")) { t(StaffAdminText.roles) }
                StaffRole.allCases.map { role in
                    el("div", .class("choice")) {
                        el(
                            "input", .id("role-\(role.rawValue)"), Attribute("type", "checkbox"),
                            Attribute("name", "roles"),
                            Attribute("value", role.rawValue), .flag("checked", roles.contains(role)))
                        el("label", Attribute("for", "role-\(role.rawValue)")) { t(role.label) }
                    }
                }
            },
            el("fieldset", .class("fieldset field")) {
                el("legend", .class("field__label")) { t(StaffAdminText.departments) }
                municipality.departments.enumerated().map { index, department in
                    el("div", .class("choice")) {
                        el(
                            "input", .id("department-\(index)"), Attribute("type", "checkbox"),
                            Attribute("name", "departments"), Attribute("value", department),
                            .flag("checked", departments.contains(department)))
                        el("label", Attribute("for", "department-\(index)")) { department }
                    }
                }
            },
        ])
    }

    static func oneTimePassword(_ context: PageContext, login: String, password: String) -> Node {
        let t = context.text
        return el("div", .class("notice"), Attribute("role", "status")) {
            el("p") { t(StaffAdminText.oneTimeIntro) }
            el("dl", .class("facts")) {
                el("dt") { t(StaffText.login) }
                el("dd", .class("code")) { login }
                el("dt") { t(StaffAdminText.oneTimePassword) }
                el("dd", .class("code")) { password }
            }
        }
    }
}

enum StaffAdminText {
    static func t(_ ja: String, _ en: String) -> LocalizedText { LocalizedText(ja: ja, en: en) }

    static let name = t("氏名", "Name")
    static let roles = t("役割", "Roles")
    static let departments = t("所属課", "Departments")
    static let state = t("状態", "State")
    static let active = t("有効", "Active")
    static let disabled = t("停止中", "Disabled")
    static let disable = t("このアカウントを停止する", "Disable this account")
    static let newAccount = t("職員の追加", "Add a staff member")
    static let createButton = t("追加する", "Add")
    static let created = t("職員を追加しました。", "The staff member was added.")
    static let save = t("保存する", "Save")
    static let saved = t("保存しました。", "Saved.")
    static let backToList = t("職員の一覧に戻る", "Back to the staff list")
    static let resetHeading = t("パスワードの再発行", "Reset the password")
    static let resetIntro = t(
        "新しい一時パスワードを発行します。本人は次のサインインでパスワードと認証アプリを設定し直します。",
        "Issues a new one-time password; the person sets a password and an authenticator again at the next sign-in.")
    static let resetButton = t("一時パスワードを発行する", "Issue a one-time password")
    static let passwordReset = t("一時パスワードを発行しました。", "A one-time password was issued.")
    static let oneTimeIntro = t(
        "一時パスワードはこの画面にだけ表示されます。本人に安全な方法で伝えてください。",
        "The one-time password is shown only here: give it to the person in a safe way.")
    static let oneTimePassword = t("一時パスワード", "One-time password")
    static let notYourself = t(
        "自分自身を停止したり、自分の管理者の役割を外したりすることはできません。",
        "You cannot disable yourself or remove your own administrator role.")
}
