import Foundation
import MadoguchiDomain
import Vapor

/// The JSON bodies of the hand-off API (`HandOffAPIController`), as the OpenAPI document states them.
enum HandOffAPIModels {
    /// One application released for hand-off, with its answers (個人番号 opened).
    struct Item: Content {
        var sequence: Int64
        var applicationID: UUID
        var receiptNumber: String
        var procedureID: String
        var procedureVersion: String
        var department: String
        var channel: String
        var status: String
        var receivedAt: Date
        var releasedAt: Date
        var acknowledgedAt: Date?
        var answers: FormData

        enum CodingKeys: String, CodingKey {
            case sequence, department, channel, status, answers
            case applicationID = "application_id"
            case receiptNumber = "receipt_number"
            case procedureID = "procedure_id"
            case procedureVersion = "procedure_version"
            case receivedAt = "received_at"
            case releasedAt = "released_at"
            case acknowledgedAt = "acknowledged_at"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sequence, forKey: .sequence)
            try container.encode(applicationID, forKey: .applicationID)
            try container.encode(receiptNumber, forKey: .receiptNumber)
            try container.encode(procedureID, forKey: .procedureID)
            try container.encode(procedureVersion, forKey: .procedureVersion)
            try container.encode(department, forKey: .department)
            try container.encode(channel, forKey: .channel)
            try container.encode(status, forKey: .status)
            try container.encode(receivedAt, forKey: .receivedAt)
            try container.encode(releasedAt, forKey: .releasedAt)
            // Written as null, not left out: the member is always there.
            try container.encode(acknowledgedAt, forKey: .acknowledgedAt)
            try container.encode(answers, forKey: .answers)
        }
    }

    /// A page of the pull: the items after the cursor, and the cursor to ask with next.
    struct Page: Content {
        var items: [Item]
        /// The last item's sequence, or the cursor asked with when there were none.
        var nextCursor: Int64
        /// Whether the page was full: more may follow at once.
        var hasMore: Bool

        enum CodingKeys: String, CodingKey {
            case items
            case nextCursor = "next_cursor"
            case hasMore = "has_more"
        }
    }

    /// An application's state after an acknowledgement or a decision.
    struct State: Content {
        var applicationID: UUID
        var receiptNumber: String
        var status: String
        var statusLabel: APIController.Text

        enum CodingKeys: String, CodingKey {
            case status
            case applicationID = "application_id"
            case receiptNumber = "receipt_number"
            case statusLabel = "status_label"
        }
    }

    /// The core system's decision: `{"decision": "approved"|"rejected", "date": "YYYY-MM-DD",
    /// "reference": "…", "reason": "…"}` (a reason for a rejection).
    struct Decision: Decodable {
        var decision: String
        var date: String
        var reference: String
        var reason: String?
    }
}
