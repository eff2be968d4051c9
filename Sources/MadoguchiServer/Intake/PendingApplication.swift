import Foundation
import MadoguchiDomain

/// An application ready to be stored: validated, with everything but its 受付番号.
struct PendingApplication: Sendable {
    var tenant: LocalGovernmentCode
    var procedureID: String
    var procedureVersion: String
    var channel: IntakeChannel
    /// The validated data as stored (FormDataCoding), encoded once by the caller.
    var encodedData: String
    var idempotencyKey: String?
    /// SHA-256 of procedure, version and data: a repeated key must come with the same request.
    var requestDigest: String
    var submittedAt: Date
    /// The year (JST) the 受付番号 is counted in.
    var receiptYear: Int
    /// SHA-256 of the web form session's idempotency key: the drafts saved from that form are
    /// deleted in the same transaction (they hold personal data no longer needed).
    var draftSession: String? = nil
    /// SHA-256 of each file the application refers to: recorded in `attachment_files` in the same
    /// transaction, so that no file an application refers to is ever swept away.
    var attachments: [String] = []
    /// The inbox projection, written in the same transaction.
    var inbox: InboxFields
    /// The key its 個人番号 are sealed with (`NumberVault`).
    var numberKey: String = ""
    /// For an application from マイナポータル: its 受付番号 there, signer and package.
    var portal: PortalLink? = nil
}

/// What the store answers once the application is durable.
struct StoredApplication: Sendable, Equatable {
    var id: UUID
    var receiptNumber: ReceiptNumber
    var submittedAt: Date
    /// False when an earlier submission with the same idempotency key was returned instead.
    var created: Bool
    /// True when the idempotency key was used before for a different request (nothing stored).
    var conflict: Bool = false
}
