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
        let t = context.text
        return Layout.page(context, title: t(UIText.statusHeading)) {
            el("h1") { t(UIText.statusHeading) }
            el("p") { t(UIText.statusIntro) }
            if let error {
                el("div", .class("error-summary"), Attribute("role", "alert")) { el("p") { t(error) } }
            }
            el("form", Attribute("method", "post"), Attribute("action", SiteURL.status.path)) {
                el(
                    "input", Attribute("type", "hidden"), Attribute("name", CSRFMiddleware.fieldName),
                    Attribute("value", context.csrfToken))
                el("div", .class("field")) {
                    el("label", Attribute("for", "receipt_number"), .class("field__label")) {
                        t(UIText.receiptNumber)
                        " "
                        el("span", .class("marker marker--required")) { t(UIText.required) }
                    }
                    el(
                        "input", .id("receipt_number"), Attribute("name", "receipt_number"), Attribute("type", "text"),
                        Attribute("value", receiptNumber), Attribute("autocomplete", "off"), .class("input--medium"))
                }
                el("div", .class("field")) {
                    el("label", Attribute("for", "inquiry_key"), .class("field__label")) {
                        t(UIText.inquiryKey)
                        " "
                        el("span", .class("marker marker--required")) { t(UIText.required) }
                    }
                    el(
                        "input", .id("inquiry_key"), Attribute("name", "inquiry_key"), Attribute("type", "password"),
                        Attribute("autocomplete", "off"), .class("input--medium"))
                }
                el("button", .class("button button--primary"), Attribute("type", "submit")) { t(UIText.statusButton) }
            }
        }
    }

    static func status(
        _ context: PageContext, view: ApplicationQueries.StatusView, procedureName: LocalizedText
    ) -> Node {
        let t = context.text
        return Layout.page(context, title: t(UIText.statusHeading)) {
            el("h1") { t(UIText.statusHeading) }
            el("dl", .class("receipt")) {
                el("dt") { t(UIText.receiptNumber) }
                el("dd", .class("code")) { view.receiptNumber.description }
                el("dt") { t(UIText.procedureName) }
                el("dd") { t(procedureName) }
                el("dt") { t(UIText.currentStatus) }
                el("dd", .id("current-status")) { el("strong") { t(view.status.label) } }
                el("dt") { t(UIText.receivedAt) }
                el("dd") { dateTime(view.submittedAt, context) }
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
        }
    }

    static func resumeForm(_ context: PageContext, error: LocalizedText? = nil) -> Node {
        let t = context.text
        return Layout.page(context, title: t(UIText.resumeHeading)) {
            el("h1") { t(UIText.resumeHeading) }
            el("p") { t(UIText.resumeIntro) }
            if let error {
                el("div", .class("error-summary"), Attribute("role", "alert")) { el("p") { t(error) } }
            }
            el("form", Attribute("method", "post"), Attribute("action", SiteURL.resume.path)) {
                el(
                    "input", Attribute("type", "hidden"), Attribute("name", CSRFMiddleware.fieldName),
                    Attribute("value", context.csrfToken))
                el("div", .class("field")) {
                    el("label", Attribute("for", "resume_code"), .class("field__label")) {
                        t(UIText.resumeCode)
                        " "
                        el("span", .class("marker marker--required")) { t(UIText.required) }
                    }
                    el(
                        "input", .id("resume_code"), Attribute("name", "resume_code"), Attribute("type", "text"),
                        Attribute("autocomplete", "off"), .class("input--medium"))
                }
                el("button", .class("button button--primary"), Attribute("type", "submit")) { t(UIText.resumeButton) }
            }
        }
    }
}
