import Foundation
import MadoguchiDomain
import SQLKit

/// The words of a notice, per procedure and kind: a municipality's own (edited by its
/// administrators), else its own for every procedure ("*"), else the defaults here. Japanese first,
/// English second, in one message. Placeholders: {municipality}, {procedure}, {receipt_number},
/// {status_url}. Nothing else can be put in: never a 個人番号, an answer or the 照会キー.
struct NotificationTemplate: Sendable, Equatable {
    var subject: LocalizedText
    var body: LocalizedText

    static let placeholders = ["{municipality}", "{procedure}", "{receipt_number}", "{status_url}"]

    static func standard(_ kind: Outbox.Kind) -> NotificationTemplate {
        let footer = LocalizedText(
            ja:
                "申請の状況は、次のページで受付番号と照会キー（申請時の控えに記載）を入力して確認できます。\n{status_url}\n\nこのメールは送信専用です。ご返信いただいてもお答えできません。\n{municipality}",
            en:
                "You can check the application on the page below with its receipt number and inquiry key (on your receipt).\n{status_url}\n\nThis address does not take replies.\n{municipality}"
        )
        let (subject, lead): (LocalizedText, LocalizedText) =
            switch kind {
            case .received:
                (
                    LocalizedText(ja: "【{municipality}】申請を受け付けました", en: "Application received"),
                    LocalizedText(
                        ja: "「{procedure}」の申請を受け付けました（受付番号 {receipt_number}）。担当課が内容を確認します。",
                        en: "Your application ({procedure}) was received: receipt number {receipt_number}.")
                )
            case .correctionRequested:
                (
                    LocalizedText(ja: "【{municipality}】申請の補正をお願いします", en: "Please correct your application"),
                    LocalizedText(
                        ja: "「{procedure}」の申請（受付番号 {receipt_number}）について、直していただきたい点があります。状況確認のページでお知らせをご覧ください。",
                        en:
                            "Something in your application ({procedure}, receipt number {receipt_number}) needs correcting. Please see the status page."
                    )
                )
            case .approved:
                (
                    LocalizedText(ja: "【{municipality}】申請が承認されました", en: "Your application was approved"),
                    LocalizedText(
                        ja: "「{procedure}」の申請（受付番号 {receipt_number}）が承認されました。",
                        en: "Your application ({procedure}, receipt number {receipt_number}) was approved.")
                )
            case .rejected:
                (
                    LocalizedText(ja: "【{municipality}】申請の審査結果のお知らせ", en: "The decision on your application"),
                    LocalizedText(
                        ja: "「{procedure}」の申請（受付番号 {receipt_number}）は認められませんでした。理由は状況確認のページでご覧ください。",
                        en:
                            "Your application ({procedure}, receipt number {receipt_number}) was not approved. The reason is on the status page."
                    )
                )
            }
        return NotificationTemplate(
            subject: subject,
            body: LocalizedText(ja: lead.ja + "\n\n" + footer.ja, en: lead.en + "\n\n" + footer.en))
    }

    /// The template in force for a procedure and kind at a municipality.
    static func find(
        tenant: String, procedure: String, kind: Outbox.Kind, on sql: any SQLDatabase
    ) async throws -> NotificationTemplate {
        let rows = try await sql.raw(
            """
            SELECT procedure_id, subject_ja, subject_en, body_ja, body_en FROM notification_templates
            WHERE tenant_code = \(bind: tenant) AND kind = \(bind: kind.rawValue) AND procedure_id IN (\(binds: [procedure, "*"]))
            """
        ).all()
        let chosen =
            try rows.first { try $0.decode(column: "procedure_id", as: String.self) == procedure } ?? rows.first
        guard let chosen else { return standard(kind) }
        return NotificationTemplate(
            subject: LocalizedText(
                ja: try chosen.decode(column: "subject_ja", as: String.self),
                en: try chosen.decode(column: "subject_en", as: String.self)),
            body: LocalizedText(
                ja: try chosen.decode(column: "body_ja", as: String.self),
                en: try chosen.decode(column: "body_en", as: String.self)))
    }

    /// Subject and body with the placeholders filled: Japanese, then English.
    func render(_ values: [String: String]) -> (subject: String, body: String) {
        func fill(_ text: String) -> String {
            values.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        }
        let subject = "\(fill(subject.ja))（\(fill(subject.en))）"
        let body = fill(body.ja) + "\n\n――――――――――\n\n" + fill(body.en) + "\n"
        return (subject, body)
    }

    /// Braces that are not a placeholder (a typo an administrator should hear about).
    static func unknownPlaceholders(in text: String) -> [String] {
        let pattern = #/\{[^{}]*\}/#
        return text.matches(of: pattern).map { String($0.output) }.filter { !placeholders.contains($0) }
    }
}
