import MadoguchiDomain

/// The step page, the confirmation page (確認画面) and the draft-saved page.
enum FormPages {
    static let formID = "application-form"

    /// `attachment`: the file behind an attachment box's token, while the token is accepted.
    static func step(
        _ context: PageContext, procedure: Procedure, state: FormState, sealer: FormStateSealer.Bound,
        attachment: @escaping (String) -> AttachmentReference?
    ) -> Node {
        let t = context.text
        let step = procedure.steps[state.step]
        let fields = FormFields(
            context: context, procedure: procedure, state: state, stepFieldIDs: Set(step.fields.map(\.id)),
            attachment: attachment)
        let isLast = state.step == procedure.steps.count - 1
        let title = "\(t(step.title))｜\(t(procedure.name))"
        return Layout.page(context, title: state.issues.isEmpty ? title : "\(t(UIText.errorHeading))：\(title)") {
            el("p", .class("breadcrumb")) { el("a", .href(.procedure(procedure.id))) { t(procedure.name) } }
            progress(context, procedure: procedure, current: state.step)
            el("h1") { t(step.title) }
            if !state.issues.isEmpty { errorSummary(context, state.issues) }
            el(
                "form", .id(formID), Attribute("method", "post"), Attribute("action", SiteURL.apply(procedure.id).path),
                Attribute("enctype", "multipart/form-data"), Attribute("novalidate", nil)
            ) {
                el(
                    "input", Attribute("type", "hidden"), Attribute("name", CSRFMiddleware.fieldName),
                    Attribute("value", context.csrfToken))
                state.hiddenFields(excludingPrefixes: fields.renderedPaths(step.fields), sealer: sealer)
                fields.render(step.fields, scope: procedure.fieldsByID, itemPrefix: nil)
                el("div", .class("actions")) {
                    el(
                        "button", .class("button button--primary"), Attribute("type", "submit"),
                        Attribute("name", FormState.actionField), Attribute("value", "next")
                    ) {
                        t(isLast ? UIText.toConfirm : UIText.next)
                    }
                    if state.step > 0 {
                        el(
                            "button", .class("button button--secondary"), Attribute("type", "submit"),
                            Attribute("name", FormState.actionField), Attribute("value", "back")
                        ) {
                            t(UIText.back)
                        }
                    }
                    el(
                        "button", .class("button button--secondary"), Attribute("type", "submit"),
                        Attribute("name", FormState.actionField), Attribute("value", "save")
                    ) {
                        t(UIText.saveDraft)
                    }
                }
            }
        }
    }

    static func progress(_ context: PageContext, procedure: Procedure, current: Int?) -> Node {
        let t = context.text
        return el("ol", .class("progress"), Attribute("aria-label", t(UIText.stepOf))) {
            for (index, step) in procedure.steps.enumerated() {
                el(
                    "li", index == current ? Attribute("aria-current", "step") : nil,
                    index == current ? .class("current") : nil
                ) {
                    t(step.title)
                }
            }
            el("li", current == nil ? Attribute("aria-current", "step") : nil, current == nil ? .class("current") : nil)
            {
                t(UIText.confirmStep)
            }
        }
    }

    /// The error summary at the top, each entry linking to its box.
    static func errorSummary(_ context: PageContext, _ issues: [FieldIssue]) -> Node {
        let t = context.text
        return el(
            "div", .class("error-summary"), Attribute("role", "alert"),
            Attribute("aria-labelledby", "error-summary-title"), Attribute("tabindex", "-1")
        ) {
            el("h2", .id("error-summary-title")) { t(UIText.errorSummaryTitle) }
            el("p") { t(UIText.errorSummaryIntro) }
            el("ul") {
                for issue in issues {
                    el("li") {
                        el("a", Attribute("href", "#" + FormFields.domID(issue.path))) {
                            "\(t(issue.label))：\(t(issue.error.message))"
                        }
                    }
                }
            }
        }
    }

    static func confirm(
        _ context: PageContext, procedure: Procedure, state: FormState, data: FormData, sealer: FormStateSealer.Bound
    ) -> Node {
        let t = context.text
        let display = DisplayValue(context: context)
        return Layout.page(context, title: "\(t(UIText.confirmHeading))｜\(t(procedure.name))") {
            el("p", .class("breadcrumb")) { el("a", .href(.procedure(procedure.id))) { t(procedure.name) } }
            progress(context, procedure: procedure, current: nil)
            el("h1") { t(UIText.confirmHeading) }
            el("p") { t(UIText.confirmIntro) }
            el("form", .id(formID), Attribute("method", "post"), Attribute("action", SiteURL.submit(procedure.id).path))
            {
                el(
                    "input", Attribute("type", "hidden"), Attribute("name", CSRFMiddleware.fieldName),
                    Attribute("value", context.csrfToken))
                state.hiddenFields(excludingPrefixes: [], sealer: sealer)
                for (index, step) in procedure.steps.enumerated() {
                    el("section", .class("review")) {
                        el("h2") { t(step.title) }
                        el("dl", .class("review__list")) {
                            display.rows(step.fields, data: data)
                        }
                        el(
                            "button", .class("button button--secondary"), Attribute("type", "submit"),
                            Attribute("formaction", SiteURL.apply(procedure.id).path),
                            Attribute("name", FormState.actionField),
                            Attribute("value", "edit:\(index)")
                        ) { "\(t(UIText.edit))（\(t(step.title))）" }
                    }
                }
                el("div", .class("actions")) {
                    el(
                        "button", .class("button button--primary"), Attribute("type", "submit"),
                        Attribute("name", FormState.actionField), Attribute("value", "submit")
                    ) {
                        t(UIText.submit)
                    }
                }
            }
        }
    }

    static func draftSaved(_ context: PageContext, procedure: Procedure, code: String) -> Node {
        let t = context.text
        return Layout.page(context, title: t(UIText.draftSavedHeading)) {
            el("h1") { t(UIText.draftSavedHeading) }
            el("p") { t(UIText.draftSavedIntro) }
            el("dl", .class("receipt")) {
                el("dt") { t(UIText.procedureName) }
                el("dd") { t(procedure.name) }
                el("dt") { t(UIText.resumeCode) }
                el("dd", .class("code")) { code }
            }
            el("p") { el("a", Attribute("href", SiteURL.resume.path)) { t(UIText.continueNow) } }
        }
    }
}

/// How stored values are shown: to the resident on the confirmation page and the 控え, and to staff.
/// Staff see both 和暦 and 西暦, and the account number masked.
struct DisplayValue {
    let context: PageContext
    var staff = false
    var t: (LocalizedText) -> String { context.text }

    func rows(_ fields: [FieldDefinition], data: FormData) -> [Node] {
        fields.compactMap { field -> Node? in
            guard let value = data[field.id] else {
                // hidden (condition not met) and unanswered optional fields are not listed
                return nil
            }
            if field.type == .group, case .items(let items) = value {
                return .fragment(
                    items.enumerated().map { index, item in
                        .fragment([
                            el("dt", .class("review__group")) {
                                FormFields.itemLegend(field, number: index + 1, language: context.language)
                            },
                            el("dd", .class("review__group")) {
                                el("dl") { rows(field.fields, data: item) }
                            },
                        ])
                    })
            }
            return .fragment([el("dt") { t(field.label) }, el("dd") { text(field, value) }])
        }
    }

    func text(_ field: FieldDefinition, _ value: FormValue) -> String {
        switch (field.type, value) {
        case (.date, .string(let iso)):
            guard let date = CivilDate(iso: iso) else { return iso }
            if staff { return InboxPages.date(context, date) }
            return context.language == .ja ? date.japaneseDisplay : date.iso
        case (.individualNumber, .string(let stored)): return NumberVault.masked(stored)
        case (.select, .string(let option)), (.radio, .string(let option)):
            return field.option(option).map { t($0.label) } ?? option
        case (.checkbox, .list(let options)):
            return options.compactMap { field.option($0).map { t($0.label) } }.joined(separator: "、")
        case (.boolean, .bool(let flag)): return t(flag ? UIText.yes : UIText.no)
        case (.yen, .integer(let amount)): return "\(Self.grouped(amount))円"
        case (.integer, .integer(let number)): return "\(number)\(field.unit ?? "")"
        case (.name, .object(let parts)), (.kanaName, .object(let parts)):
            return [parts["family"]?.string, parts["given"]?.string].compactMap { $0 }.joined(separator: "　")
        case (.bankAccount, .object(let parts)):
            let type = parts["type"]?.string.flatMap(BankAccount.AccountType.init(rawValue:)).map { t($0.label) } ?? ""
            return [
                "\(t(UIText.bankCode)) \(parts["bank_code"]?.string ?? "")",
                "\(t(UIText.branchCode)) \(parts["branch_code"]?.string ?? "")", type,
                "\(t(UIText.accountNumber)) \(staff ? Self.masked(parts["number"]?.string ?? "") : parts["number"]?.string ?? "")",
                parts["holder"]?.string ?? "",
            ].joined(separator: " / ")
        case (.attachment, .object(let parts)): return parts["filename"]?.string ?? ""
        case (_, .string(let text)): return text
        case (_, .integer(let number)): return String(number)
        default: return t(UIText.notEntered)
        }
    }

    /// An account number with all but its last three digits hidden (****567).
    static func masked(_ number: String) -> String {
        String(repeating: "*", count: max(0, number.count - 3)) + number.suffix(3)
    }

    /// 12,345 — thousands separated by commas.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(abs(number)))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (number < 0 ? "-" : "") + out
    }
}
