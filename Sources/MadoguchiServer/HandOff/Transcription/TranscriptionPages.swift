import Foundation
import MadoguchiDomain

enum TranscriptionPages {
    static func render(
        _ context: PageContext, member: StaffMember, model: TranscriptionController.Model
    ) -> Node {
        let t = context.text
        let id = model.applicationID
        let query = "layout=\(SiteURL.escape(model.layoutName))"
        return StaffLayout.page(context, member: member, title: t(TranscriptionText.title)) {
            el("h1") { t(TranscriptionText.title) }
            el("p", .class("print-hint")) { t(TranscriptionText.intro) }
            el("dl", .class("summary")) {
                el("dt") { t(InboxText.receiptNumber) }
                el("dd", .id("t-meta-receipt")) { model.receiptNumber }
                el("dt") { t(TranscriptionText.procedure) }
                el("dd") { t(model.procedureName) }
                el("dt") { t(TranscriptionText.layout) }
                el("dd", .id("t-meta-layout")) { model.layoutName }
            }
            el("p", .class("print-hint")) {
                el("a", Attribute("href", StaffURL.application(id).path)) { t(TranscriptionText.back) }
                "　"
                el("a", Attribute("href", StaffURL.transcription(id, query: query + "&print=1").path)) {
                    t(StaffText.printView)
                }
                "　"
                el("a", Attribute("href", StaffURL.transcriptionCSV(id, query: query).path)) {
                    t(TranscriptionText.csv)
                }
            }
            el(
                "div", .class("table-wrap"), Attribute("role", "region"),
                Attribute("aria-label", t(TranscriptionText.title)), Attribute("tabindex", "0")
            ) {
                el("table", .class("inbox-table transcription")) {
                    el("thead") {
                        el("tr") {
                            for heading in [TranscriptionText.number, TranscriptionText.item, TranscriptionText.value] {
                                el("th", Attribute("scope", "col")) { t(heading) }
                            }
                        }
                    }
                    el("tbody") {
                        model.items.map { item in
                            el("tr") {
                                el("td") { String(item.number) }
                                el("th", Attribute("scope", "row")) {
                                    el("label", Attribute("for", item.elementID)) { item.name }
                                }
                                el("td") {
                                    el(
                                        "input", .id(item.elementID), Attribute("type", "text"),
                                        Attribute("value", item.value), .flag("readonly"),
                                        Attribute("size", String(min(max(item.value.count, 4), 40))))
                                    if !model.print {
                                        el(
                                            "button", .class("button button--secondary copy"),
                                            Attribute("type", "button"), Attribute("data-copy", item.elementID),
                                            Attribute("aria-label", "\(t(TranscriptionText.copy))：\(item.name)"),
                                            .flag("hidden")
                                        ) { t(TranscriptionText.copy) }
                                    }
                                    if item.problem != nil {
                                        el("p", .class("field__error")) { t(TranscriptionText.problem) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

enum TranscriptionText {
    static func t(_ ja: String, _ en: String) -> LocalizedText { LocalizedText(ja: ja, en: en) }

    static let title = t("基幹システムへの転記（方式1・方式2）", "Transcription for the core system")
    static let intro = t(
        "基幹システムの入力画面の順序と書式で申請内容を表示しています。値を選んでコピーするか、コピーボタンを使ってください。各値の要素IDは固定です（RPA用、docs/handoff-files.md）。",
        "The answers in the core system's order and format. Select a value to copy it, or use its copy button. Each value's element id is fixed (for RPA tools, docs/handoff-files.md)."
    )
    static let procedure = t("手続", "Procedure")
    static let layout = t("レイアウト", "Layout")
    static let back = t("申請の詳細に戻る", "Back to the application")
    static let csv = t("この申請のCSV（方式2）", "This application as CSV")
    static let number = t("項番", "No.")
    static let item = t("項目名", "Item")
    static let value = t("値", "Value")
    static let copy = t("コピー", "Copy")
    static let problem = t(
        "レイアウトどおりに書けない値です（コード表にない値など）。申請の詳細を確認してください。",
        "This value cannot be written as the layout says (a value without a code, for instance); check the application."
    )
}
