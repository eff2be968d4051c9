import Fluent
import SQLKit

/// The audit log, a hash chain per municipality (`AuditChain`), and the head of each chain.
struct AddAuditLog: AsyncMigration {
    var name: String { "0007-add-audit-log" }

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_log")
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("sequence", .int64, .required)
            .field("occurred_at", .datetime, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("target", .string, .required)
            .field("detail", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .compositeIdentifier(over: "tenant_code", "sequence")
            .create()
        try await database.schema("audit_heads")
            .field("tenant_code", .string, .identifier(auto: false), .references("municipalities", "code"))
            .field("sequence", .int64, .required)
            .field("hash", .string, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "audit_log_target").on("audit_log").column("tenant_code").column("target")
                .run()
            try await sql.create(index: "audit_log_actor").on("audit_log").column("tenant_code").column("actor")
                .run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_heads").delete()
        try await database.schema("audit_log").delete()
    }
}
