import Fluent
import Foundation
import MadoguchiDomain

/// 一時保存: a form saved part-way, reopened with its 再開コード.
final class DraftRecord: Model, @unchecked Sendable {
    static let schema = "drafts"

    // MARK: identity
    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_code") var tenantCode: String
    /// SHA-256 of the normalised 再開コード; the code itself is never stored.
    @Field(key: "code_digest") var codeDigest: String
    /// SHA-256 of the form session's idempotency key: drafts of a submitted form are deleted.
    @OptionalField(key: "session_digest") var sessionDigest: String?

    // MARK: data
    @Field(key: "procedure_id") var procedureID: String
    @Field(key: "procedure_version") var procedureVersion: String
    /// The raw input as typed (JSON object of path → [values]).
    @Field(key: "input") var input: String
    @Field(key: "step") var step: Int
    @Field(key: "expires_at") var expiresAt: Date

    // MARK: timestamps
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(
        tenantCode: String, codeDigest: String, sessionDigest: String, procedureID: String,
        procedureVersion: String, input: String, step: Int, expiresAt: Date
    ) {
        self.tenantCode = tenantCode
        self.codeDigest = codeDigest
        self.sessionDigest = sessionDigest
        self.procedureID = procedureID
        self.procedureVersion = procedureVersion
        self.input = input
        self.step = step
        self.expiresAt = expiresAt
    }
}

extension DraftRecord {
    /// How long a saved draft can be brought back: 30 days (the pages say so).
    static let lifetime: TimeInterval = 30 * 24 * 3600

    /// Drafts hold personal data: they are deleted once their 30 days are over (every municipality).
    static func purgeExpired(now: Date, on db: any Database) async throws {
        try await DraftRecord.query(on: db).filter(\.$expiresAt <= now).delete()
    }

    /// What a draft records of the form session (its idempotency key) it was saved from.
    static func sessionDigest(_ idempotencyKey: String) -> String {
        SHA256Hex.of(Data(idempotencyKey.utf8))
    }
}

/// A procedure definition at one version, kept from the first time it was served, so that
/// applications made with it are always shown and exported through it.
final class ProcedureVersionRecord: Model, @unchecked Sendable {
    static let schema = "procedure_versions"

    // MARK: identity
    @ID(key: .id) var id: UUID?
    @Field(key: "procedure_id") var procedureID: String
    @Field(key: "version") var version: String

    // MARK: data
    /// The catalog YAML as it was.
    @Field(key: "definition") var definition: String

    // MARK: timestamps
    @Timestamp(key: "registered_at", on: .create) var registeredAt: Date?

    init() {}

    init(procedureID: String, version: String, definition: String) {
        self.procedureID = procedureID
        self.version = version
        self.definition = definition
    }
}

/// What a draft keeps: the raw input as typed, the group items and the idempotency key.
struct DraftContent: Codable {
    var values: [String: [String]]
    var items: [String: [Int]]
    var idempotencyKey: String
}
