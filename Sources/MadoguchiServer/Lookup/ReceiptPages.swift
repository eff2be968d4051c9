import Foundation
import MadoguchiDomain

/// The 控え (receipt), the status lookup and the draft resume pages.
enum ReceiptPages {
    static func receipt(
        _ context: PageContext, procedure: Procedure, receipt: IntakeService.Receipt, municipality: Municipality
    ) -> Node {
        let t = context.text
        return Layout.page(context, title: t(UIText.receiptHeading)) {
            el("h1") { t(UIText.receiptHeading) }
            el("p", .class("lead")) { t(UIText.receiptIntro) }
            el("dl", .class("receipt")) {
                el("dt") { t(UIText.receiptNumber) }
                el("dd", .class("code"), .id("receipt-number")) { receipt.receiptNumber.description }
                el("dt") { t(UIText.inquiryKey) }
                el("dd", .class("code"), .id("inquiry-key")) { receipt.inquiryKey }
                el("dt") { t(UIText.procedureName) }
                el("dd") { t(procedure.name) }
                el("dt") { t(UIText.receivedAt) }
                el("dd") { dateTime(receipt.submittedAt, context) }
                el("dt") { t(UIText.department) }
                el("dd") { "\(t(municipality.name)) \(procedure.department)" }
                el("dt") { t(UIText.processingDays) }
                el("dd") { "\(procedure.standardProcessingDays)\(t(UIText.days))" }
            }
            el("p", .class("print-hint")) { t(UIText.printHint) }
            el("p") { el("a", Attribute("href", SiteURL.status.path)) { t(UIText.statusLink) } }
        }
    }

    static func dateTime(_ date: Date, _ context: PageContext) -> String {
        let parts = JapanCalendar.gregorian.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let day = CivilDate(parts.year!, parts.month!, parts.day!)!
        let time = "\(parts.hour!.zeroPadded(2)):\(parts.minute!.zeroPadded(2))"
        return context.language == .ja ? "\(day.japaneseDisplay) \(time)" : "\(day.iso) \(time) JST"
    }

    static func statusForm(_ context: PageContext, receiptNumber: String = "", error: LocalizedText? = nil) -> Node {
        lookupForm(
            context, heading: UIText.statusHeading, intro: UIText.statusIntro, action: .status, error: error,
            fields: [
                codeField(
                    context, name: "receipt_number", label: UIText.receiptNumber, type: "text", value: receiptNumber),
                codeField(context, name: "inquiry_key", label: UIText.inquiryKey, type: "password", value: ""),
            ], button: UIText.statusButton)
    }

    /// A short form asking for codes (受付番号・照会キー, 再開コード), posted so they never enter a URL.
    static func lookupForm(
        _ context: PageContext, heading: LocalizedText, intro: LocalizedText, action: SiteURL, error: LocalizedText?,
        fields: [Node], button: LocalizedText
    ) -> Node {
        let t = context.text
        return Layout.page(context, title: t(heading)) {
            el("h1") { t(heading) }
            el("p") { t(intro) }
            if let error {
                el("div", .class("error-summary"), Attribute("role", "alert")) { el("p") { t(error) } }
            }
            el("form", Attribute("method", "post"), Attribute("action", action.path)) {
                el(
                    "input", Attribute("type", "hidden"), Attribute("name", CSRFMiddleware.fieldName),
                    Attribute("value", context.csrfToken))
                fields
                el("button", .class("button button--primary"), Attribute("type", "submit")) { t(button) }
            }
        }
    }

    static func codeField(
        _ context: PageContext, name: String, label: LocalizedText, type: String, value: String
    ) -> Node {
        el("div", .class("field")) {
            el("label", Attribute("for", name), .class("field__label")) {
                FormFields.labelText(label, required: true, in: context)
            }
            el(
                "input", .id(name), Attribute("name", name), Attribute("type", type), Attribute("value", value),
                Attribute("autocomplete", "off"), .class("input--medium"))
        }
    }

    static func status(
        _ context: PageContext, view: ApplicationQueries.StatusView, procedure: Procedure,
        correction: ApplicationWork.Correction?, pass: String, notice: LocalizedText? = nil,
        error: LocalizedText? = nil
    ) -> Node {
        let t = context.text
        return Layout.page(context, title: t(UIText.statusHeading)) {
            el("h1") { t(UIText.statusHeading) }
            if let notice { el("div", .class("notice"), Attribute("role", "status")) { el("p") { t(notice) } } }
            if let error { el("div", .class("error-summary"), Attribute("role", "alert")) { el("p") { t(error) } } }
            el("dl", .class("receipt")) {
                el("dt") { t(UIText.receiptNumber) }
                el("dd", .class("code")) { view.receiptNumber.description }
                el("dt") { t(UIText.procedureName) }
                el("dd") { t(procedure.name) }
                el("dt") { t(UIText.currentStatus) }
                el("dd", .id("current-status")) { el("strong") { t(view.status.label) } }
                el("dt") { t(UIText.receivedAt) }
                el("dd") { dateTime(view.submittedAt, context) }
            }
            el("p") { t(UIText.statusMeaning(view.status)) }
            if let correction {
                el("section", .class("notice"), Attribute("aria-labelledby", "correction-heading")) {
                    el("h2", .id("correction-heading")) { t(UIText.correctionHeading) }
                    el("p") { t(UIText.correctionIntro) }
                    el("p", .class("correction-message")) { correction.message }
                    el("ul") {
                        correction.fields.map { id in el("li") { procedure.fieldsByID[id].map { t($0.label) } ?? id } }
                    }
                    el("form", Attribute("method", "post"), Attribute("action", SiteURL.statusCorrection.path)) {
                        hidden(CSRFMiddleware.fieldName, context.csrfToken)
                        hidden(ResidentActions.passField, pass)
                        el("button", .class("button button--primary"), Attribute("type", "submit")) {
                            t(UIText.correctButton)
                        }
                    }
                }
            }
            el("h2") { t(UIText.history) }
            el("ol", .class("history")) {
                for entry in view.history {
                    el("li") {
                        "\(dateTime(entry.at, context)) \(t(entry.status.label))"
                        if let reason = entry.reason { "（\(reason)）" }
                    }
                }
            }
            if WorkflowAction.withdraw.sources.contains(view.status) {
                el("h2") { t(UIText.withdrawHeading) }
                el("p") { t(UIText.withdrawIntro) }
                el("form", Attribute("method", "post"), Attribute("action", SiteURL.statusWithdraw.path)) {
                    hidden(CSRFMiddleware.fieldName, context.csrfToken)
                    hidden(ResidentActions.passField, pass)
                    el("button", .class("button button--secondary"), Attribute("type", "submit")) {
                        t(UIText.withdrawButton)
                    }
                }
            }
        }
    }

    static func hidden(_ name: String, _ value: String) -> Node {
        el("input", Attribute("type", "hidden"), Attribute("name", name), Attribute("value", value))
    }

    static func resumeForm(_ context: PageContext, error: LocalizedText? = nil) -> Node {
        lookupForm(
            context, heading: UIText.resumeHeading, intro: UIText.resumeIntro, action: .resume, error: error,
            fields: [codeField(context, name: "resume_code", label: UIText.resumeCode, type: "text", value: "")],
            button: UIText.resumeButton)
    }
}
