import Foundation
import MadoguchiDomain
import SQLKit

/// The outbox: a notice to a resident is a row written in the same transaction as what it tells
/// (the receipt, a 補正依頼, a decision), and delivered afterwards by `OutboxDelivery` with retry and
/// back-off. The row holds only what to say and to whom; the text is made from the template when it
/// is sent, and never carries 個人番号, answers or the 照会キー.
enum Outbox {
    /// What a notice tells.
    enum Kind: String, Sendable, CaseIterable {
        case received
        case correctionRequested = "correction_requested"
        case approved
        case rejected

        /// The notice a status change sends, if any.
        init?(status: ApplicationStatus) {
            switch status {
            case .correctionRequested: self = .correctionRequested
            case .approved: self = .approved
            case .rejected: self = .rejected
            default: return nil
            }
        }
    }

    struct Notice: Sendable {
        var id: UUID
        var tenant: String
        var application: UUID
        var kind: Kind
        var recipient: String
        var at: Date
    }

    /// One INSERT for the notices (nil when there are none).
    static func insert(_ notices: [Notice]) -> SQLQueryString? {
        guard !notices.isEmpty else { return nil }
        var query: SQLQueryString = """
            INSERT INTO outbox (id, tenant_code, application_id, kind, recipient, created_at, next_attempt_at, attempts) VALUES 
            """
        for (index, notice) in notices.enumerated() {
            query += """
                \(unsafeRaw: index == 0 ? "" : ", ")(\(bind: notice.id), \(bind: notice.tenant), \(bind: notice.application), \
                \(bind: notice.kind.rawValue), \(bind: notice.recipient), \(bind: notice.at), \(bind: notice.at), 0)
                """
        }
        return query
    }
}
