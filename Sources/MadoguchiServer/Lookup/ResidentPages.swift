import MadoguchiDomain

/// The resident's pages for a 補正 and a 取下げ.
enum ResidentPages {
    static func confirmWithdrawal(_ context: PageContext, number: ReceiptNumber, pass: String) -> Node {
        let t = context.text
        return Layout.page(context, title: t(UIText.withdrawHeading)) {
            el("h1") { t(UIText.withdrawHeading) }
            el("p", .class("lead")) { t(UIText.withdrawConfirm) }
            el("dl", .class("receipt")) {
                el("dt") { t(UIText.receiptNumber) }
                el("dd", .class("code")) { number.description }
            }
            el("form", Attribute("method", "post"), Attribute("action", SiteURL.statusWithdraw.path)) {
                ReceiptPages.hidden(CSRFMiddleware.fieldName, context.csrfToken)
                ReceiptPages.hidden(ResidentActions.passField, pass)
                ReceiptPages.hidden("confirm", "1")
                el("div", .class("actions")) {
                    el("button", .class("button button--primary"), Attribute("type", "submit")) {
                        t(UIText.withdrawConfirmButton)
                    }
                }
            }
            el("p") { el("a", Attribute("href", SiteURL.status.path)) { t(UIText.withdrawCancel) } }
        }
    }

    /// Only the fields staff asked to correct, filled with the answers as they are, validated as at intake.
    static func correctionForm(
        _ context: PageContext, procedure: Procedure, number: ReceiptNumber, correction: ApplicationWork.Correction,
        input: FormInput, issues: [FieldIssue], pass: String, attachment: @escaping (String) -> AttachmentReference?
    ) -> Node {
        let t = context.text
        let fields = procedure.fields.filter { correction.fields.contains($0.id) }
        let state = FormState(input: input, items: [:], step: 0, idempotencyKey: "", issues: issues)
        let renderer = FormFields(
            context: context, procedure: procedure, state: state, stepFieldIDs: Set(correction.fields),
            attachment: attachment)
        return Layout.page(context, title: t(UIText.correctionHeading)) {
            el("h1") { t(UIText.correctionHeading) }
            el("dl", .class("receipt")) {
                el("dt") { t(UIText.receiptNumber) }
                el("dd", .class("code")) { number.description }
                el("dt") { t(UIText.procedureName) }
                el("dd") { t(procedure.name) }
            }
            el("div", .class("notice")) {
                el("p") { t(UIText.correctionIntro) }
                el("p", .class("correction-message")) { correction.message }
            }
            if !issues.isEmpty { FormPages.errorSummary(context, issues) }
            el(
                "form", Attribute("method", "post"), Attribute("action", SiteURL.statusCorrection.path),
                Attribute("novalidate", nil)
            ) {
                ReceiptPages.hidden(CSRFMiddleware.fieldName, context.csrfToken)
                ReceiptPages.hidden(ResidentActions.passField, pass)
                ReceiptPages.hidden("_submit", "1")
                renderer.render(fields, scope: procedure.fieldsByID, itemPrefix: nil)
                el("div", .class("actions")) {
                    el("button", .class("button button--primary"), Attribute("type", "submit")) {
                        t(UIText.correctionSubmit)
                    }
                }
            }
        }
    }
}
