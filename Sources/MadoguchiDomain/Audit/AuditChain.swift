import Crypto
import Foundation

/// 監査ログの1件: who did what to which, when. Never personal data: an application is named by its
/// id, a staff member by their account id; `detail` holds codes (statuses, field ids, counts).
public struct AuditEntry: Sendable, Hashable {
    /// Position in the municipality's chain, from 1 without gaps.
    public var sequence: Int
    public var occurredAt: Date
    /// A staff account id, "resident", "system", or "cli".
    public var actor: String
    /// What happened, e.g. `application.view` (`AuditAction`).
    public var action: String
    /// What it happened to (an application or staff account id), or "".
    public var target: String
    public var detail: String

    public init(sequence: Int, occurredAt: Date, actor: String, action: String, target: String, detail: String) {
        self.sequence = sequence
        self.occurredAt = occurredAt
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
    }
}

/// The audit log is a hash chain per municipality: each entry's hash covers the previous entry's
/// hash and its own content, so editing, deleting or reordering any entry breaks every link after
/// it, and the chain's head (the last sequence and hash, kept apart) shows a removed tail.
public enum AuditChain {
    /// The "previous hash" of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 (hex) over the previous hash and the entry's fields, each length-prefixed so no
    /// two different entries serialise alike. Time to the millisecond, as both databases keep it.
    public static func hash(previous: String, tenant: LocalGovernmentCode, entry: AuditEntry) -> String {
        var text = "madoguchi-audit-v1\n"
        let milliseconds = Int64((entry.occurredAt.timeIntervalSince1970 * 1000).rounded())
        for field in [
            previous, tenant.value, String(entry.sequence), String(milliseconds), entry.actor, entry.action,
            entry.target, entry.detail,
        ] {
            text += "\(field.utf8.count):\(field)\n"
        }
        return SHA256Hex.of(Data(text.utf8))
    }

    /// A stored entry with the hashes kept beside it.
    public struct StoredEntry: Sendable, Hashable {
        public var entry: AuditEntry
        public var previousHash: String
        public var hash: String

        public init(entry: AuditEntry, previousHash: String, hash: String) {
            self.entry = entry
            self.previousHash = previousHash
            self.hash = hash
        }
    }

    /// The first broken link found.
    public struct Break: Error, Sendable, Hashable, CustomStringConvertible {
        public var sequence: Int
        public var reason: String
        public var description: String { "entry \(sequence): \(reason)" }

        public init(sequence: Int, reason: String) {
            self.sequence = sequence
            self.reason = reason
        }
    }

    /// Checks entries read in sequence order, continuing from `previous` (the last good entry's
    /// sequence and hash; nil at the start). Returns the last good position, or the first break.
    public static func verify(
        _ entries: [StoredEntry], tenant: LocalGovernmentCode, after previous: (sequence: Int, hash: String)?
    ) -> Result<(sequence: Int, hash: String), Break> {
        var last = previous ?? (0, genesis)
        for stored in entries {
            let expected = last.sequence + 1
            guard stored.entry.sequence == expected else {
                return .failure(
                    Break(
                        sequence: expected,
                        reason: stored.entry.sequence > expected
                            ? "missing (the next entry found is \(stored.entry.sequence))"
                            : "out of order (found \(stored.entry.sequence) after \(last.sequence))"))
            }
            guard stored.previousHash == last.hash else {
                return .failure(Break(sequence: expected, reason: "does not link to entry \(last.sequence)"))
            }
            guard hash(previous: stored.previousHash, tenant: tenant, entry: stored.entry) == stored.hash else {
                return .failure(Break(sequence: expected, reason: "its content does not match its hash (edited)"))
            }
            last = (expected, stored.hash)
        }
        return .success(last)
    }
}
