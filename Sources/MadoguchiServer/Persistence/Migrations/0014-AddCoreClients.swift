import Fluent
import SQLKit

/// The hand-off API's core-system clients (`core_clients`: one per 業務システムID and municipality,
/// its 課, scopes and sealed secret), the access tokens issued to them (`core_tokens`, by the
/// SHA-256 of the token only) and the ids of the client assertions already used (`core_assertions`,
/// kept until they expire, so a replay is refused by every server process).
struct AddCoreClients: AsyncMigration {
    var name: String { "0014-add-core-clients" }

    func prepare(on database: any Database) async throws {
        try await database.schema("core_clients")
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("client_id", .string, .required)
            .field("name", .string, .required)
            // JSON array of 課 names.
            .field("departments", .string, .required)
            // Space-separated, as OAuth's `scope` parameter.
            .field("scopes", .string, .required)
            // Sealed (`NumberVault.sealText`): HS256 needs the secret itself to check a signature.
            .field("secret", .string, .required)
            .field("created_at", .datetime, .required)
            .field("disabled_at", .datetime)
            .compositeIdentifier(over: "tenant_code", "client_id")
            .create()
        try await database.schema("core_tokens")
            .field("token_hash", .string, .identifier(auto: false))
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("client_id", .string, .required)
            .field("scopes", .string, .required)
            .field("issued_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .create()
        try await database.schema("core_assertions")
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("client_id", .string, .required)
            .field("jti", .string, .required)
            .field("expires_at", .datetime, .required)
            .compositeIdentifier(over: "tenant_code", "client_id", "jti")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "core_tokens_expiry").on("core_tokens").column("expires_at").run()
            try await sql.create(index: "core_assertions_expiry").on("core_assertions").column("expires_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("core_assertions").delete()
        try await database.schema("core_tokens").delete()
        try await database.schema("core_clients").delete()
    }
}
