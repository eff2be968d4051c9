import Fluent

/// 0002: applications remember a digest of what came with their idempotency key.
struct AddRequestDigest: AsyncMigration {
    var name: String { "0002-add-request-digest" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ApplicationRecord.schema).field("request_digest", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ApplicationRecord.schema).deleteField("request_digest").update()
    }
}
