import Foundation
import MadoguchiDomain
import Vapor

/// The inbox page: counts per status, the filters and the search (a GET form, so a list can be
/// bookmarked — it carries no personal data but what a member types into the search), and the list.
enum InboxPages {
    struct Model {
        var member: StaffMember
        var query: InboxQuery
        var problems: [LocalizedText]
        var counts: [ApplicationStatus: Int]
        var page: InboxList.Page
        var procedures: [Procedure]
        var staffNames: [String: String]
        var today: CivilDate
    }

    static func render(_ context: PageContext, _ model: Model) -> Node {
        let t = context.text
        let query = model.query
        let procedureNames = Dictionary(model.procedures.map { ($0.id, $0.name) }) { first, _ in first }
        return StaffLayout.page(context, member: model.member, title: t(StaffText.inbox)) {
            el("h1") { t(StaffText.inbox) }
            if !model.problems.isEmpty {
                el("div", .class("error-summary"), Attribute("role", "alert")) {
                    el("ul") { model.problems.map { problem in el("li") { t(problem) } } }
                }
            }
            el("h2", .id("counts")) { t(InboxText.countsHeading) }
            el("ul", .class("status-counts"), Attribute("aria-labelledby", "counts")) {
                ApplicationStatus.allCases.map { status in
                    el("li") {
                        el("a", Attribute("href", StaffURL.inbox(query: "status=\(status.rawValue)").path)) {
                            "\(t(status.label))：\(model.counts[status] ?? 0)"
                        }
                    }
                }
            }
            el("form", Attribute("method", "get"), Attribute("action", StaffURL.inbox().path), .class("inbox-filters"))
            {
                el("div", .class("field")) {
                    el("label", .class("field__label"), Attribute("for", "q")) { t(InboxText.searchLabel) }
                    el("p", .class("field__hint"), .id("q-hint")) { t(InboxText.searchHint) }
                    el(
                        "input", .id("q"), Attribute("name", "q"), Attribute("type", "search"),
                        Attribute("value", query.search), Attribute("aria-describedby", "q-hint"))
                }
                select(
                    context, name: "kind", label: InboxText.searchKind,
                    options: InboxQuery.SearchKind.allCases.map { ($0.rawValue, InboxText.kind($0)) },
                    selected: query.searchKind.rawValue)
                select(
                    context, name: "procedure", label: InboxText.procedure,
                    options: [("", InboxText.all)] + model.procedures.map { ($0.id, $0.name) },
                    selected: query.procedure ?? "")
                select(
                    context, name: "status", label: InboxText.status,
                    options: [("", InboxText.all)] + ApplicationStatus.allCases.map { ($0.rawValue, $0.label) },
                    selected: query.status?.rawValue ?? "")
                el("div", .class("field__parts")) {
                    dateBox(context, name: "from", label: InboxText.receivedFrom, value: query.receivedFrom)
                    dateBox(context, name: "to", label: InboxText.receivedTo, value: query.receivedTo)
                }
                checkbox(context, name: "mine", label: InboxText.mine, checked: query.mine)
                checkbox(context, name: "overdue", label: InboxText.overdue, checked: query.overdue)
                select(
                    context, name: "order", label: InboxText.order,
                    options: InboxQuery.Order.allCases.map { ($0.rawValue, InboxText.order($0)) },
                    selected: query.order.rawValue)
                el("div", .class("actions")) {
                    el("button", .class("button button--primary"), Attribute("type", "submit")) {
                        t(InboxText.apply)
                    }
                    el("a", .class("button button--secondary"), Attribute("href", StaffURL.inbox().path)) {
                        t(InboxText.clear)
                    }
                }
            }
            el("h2", .id("results")) { t(InboxText.results) }
            if model.page.items.isEmpty {
                el("p") { t(InboxText.none) }
            } else {
                el(
                    "div", .class("table-wrap"), Attribute("role", "region"), Attribute("aria-labelledby", "results"),
                    Attribute("tabindex", "0")
                ) {
                    el("table", .class("inbox-table")) {
                        el("thead") {
                            el("tr") {
                                for heading in [
                                    InboxText.receiptNumber, InboxText.procedure, InboxText.applicant,
                                    InboxText.birthDate, InboxText.status, InboxText.received, InboxText.due,
                                    InboxText.assignee,
                                ] {
                                    el("th", Attribute("scope", "col")) { t(heading) }
                                }
                            }
                        }
                        el("tbody") {
                            model.page.items.map { item in
                                row(context, item, model: model, procedureName: procedureNames[item.procedureID])
                            }
                        }
                    }
                }
            }
            el("p") {
                el("a", Attribute("href", StaffURL.inboxCSV(query: query.queryString()).path)) { t(InboxText.download) }
            }
            if let next = model.page.next {
                el("p") {
                    el(
                        "a", .class("button button--secondary"),
                        Attribute("href", StaffURL.inbox(query: query.queryString(after: next)).path)
                    ) {
                        t(InboxText.nextPage)
                    }
                }
            }
        }
    }

    static func row(
        _ context: PageContext, _ item: InboxList.Item, model: Model, procedureName: LocalizedText?
    ) -> Node {
        let t = context.text
        let overdue =
            !item.status.isFinal && item.status != .approved && item.dueDate < model.today.iso
        return el("tr") {
            el("td") { el("a", Attribute("href", StaffURL.application(item.id).path)) { item.receiptNumber } }
            el("td") { procedureName.map(t) ?? item.procedureID }
            el("td") { item.applicantName ?? "—" }
            el("td") { item.birthDate.flatMap { CivilDate(iso: $0) }.map { date(context, $0) } ?? "—" }
            el("td") { t(item.status.label) }
            el("td") { date(context, JapanCalendar.civilDate(of: item.receivedAt)) }
            el("td", overdue ? .class("overdue") : nil) {
                (CivilDate(iso: item.dueDate).map { date(context, $0) } ?? item.dueDate)
                    + (overdue ? " \(t(InboxText.overdueMark))" : "")
            }
            el("td") { item.assignee.flatMap { model.staffNames[$0.uuidString] } ?? "—" }
        }
    }

    /// 和暦 and 西暦 together for staff: 令和8年4月1日（2026-04-01）.
    static func date(_ context: PageContext, _ date: CivilDate) -> String {
        context.language == .ja ? "\(date.wareki)（\(date.iso)）" : date.iso
    }

    static func select(
        _ context: PageContext, name: String, label: LocalizedText, options: [(String, LocalizedText)], selected: String
    ) -> Node {
        el("div", .class("field")) {
            el("label", .class("field__label"), Attribute("for", name)) { context.text(label) }
            el("select", .id(name), Attribute("name", name)) {
                options.map { value, text in
                    el("option", Attribute("value", value), .flag("selected", value == selected)) { context.text(text) }
                }
            }
        }
    }

    static func dateBox(_ context: PageContext, name: String, label: LocalizedText, value: CivilDate?) -> Node {
        el("div", .class("field")) {
            el("label", .class("field__label"), Attribute("for", name)) { context.text(label) }
            el(
                "input", .id(name), Attribute("name", name), Attribute("type", "text"), .class("input--medium"),
                Attribute("value", value?.iso ?? ""), Attribute("placeholder", "2026-04-01"))
        }
    }

    static func checkbox(_ context: PageContext, name: String, label: LocalizedText, checked: Bool) -> Node {
        el("div", .class("choice")) {
            el(
                "input", .id(name), Attribute("name", name), Attribute("type", "checkbox"), Attribute("value", "1"),
                .flag("checked", checked))
            el("label", Attribute("for", name)) { context.text(label) }
        }
    }
}

/// The inbox's words.
enum InboxText {
    static func t(_ ja: String, _ en: String) -> LocalizedText { LocalizedText(ja: ja, en: en) }

    static let countsHeading = t("状態ごとの件数", "Applications by status")
    static let searchLabel = t("検索", "Search")
    static let searchHint = t(
        "受付番号、氏名（漢字・カナ）、電話番号、生年月日（西暦・和暦）で探せます。",
        "Receipt number, name (kanji or kana), phone number or birth date.")
    static let searchKind = t("検索の種類", "Search by")
    static let procedure = t("手続", "Procedure")
    static let status = t("状態", "Status")
    static let all = t("すべて", "All")
    static let receivedFrom = t("受付日（から）", "Received from")
    static let receivedTo = t("受付日（まで）", "Received until")
    static let mine = t("自分の担当のみ", "Assigned to me")
    static let overdue = t("標準処理期間を過ぎたもの", "Past the standard processing time")
    static let order = t("並び順", "Order")
    static let apply = t("絞り込む", "Filter")
    static let clear = t("条件を消す", "Clear")
    static let results = t("申請", "Applications")
    static let none = t("該当する申請はありません。", "No application matches.")
    static let receiptNumber = t("受付番号", "Receipt number")
    static let applicant = t("申請者", "Applicant")
    static let birthDate = t("生年月日", "Date of birth")
    static let received = t("受付日", "Received")
    static let due = t("処理期限", "Due")
    static let assignee = t("担当者", "Assignee")
    static let nextPage = t("次の50件", "Next 50")
    static let overdueMark = t("（期限超過）", "(overdue)")
    static let download = t("この一覧をCSVでダウンロード（記録されます）", "Download this list as CSV (recorded)")

    static func kind(_ kind: InboxQuery.SearchKind) -> LocalizedText {
        switch kind {
        case .auto: t("自動で判別", "Detect automatically")
        case .receipt: t("受付番号", "Receipt number")
        case .name: t("氏名（漢字）", "Name")
        case .kana: t("氏名（フリガナ）", "Name in kana")
        case .phone: t("電話番号", "Phone number")
        case .birth: t("生年月日", "Date of birth")
        }
    }

    static func order(_ order: InboxQuery.Order) -> LocalizedText {
        switch order {
        case .newest: t("受付の新しい順", "Newest first")
        case .oldest: t("受付の古い順", "Oldest first")
        case .due: t("処理期限の近い順", "Due soonest")
        }
    }
}
