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
            try await AuditLogGuard.create(on: sql)
            try await sql.create(index: "audit_log_target").on("audit_log").column("tenant_code").column("target")
                .run()
            try await sql.create(index: "audit_log_actor").on("audit_log").column("tenant_code").column("actor")
                .run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await AuditLogGuard.drop(on: sql) }
        try await database.schema("audit_heads").delete()
        try await database.schema("audit_log").delete()
    }
}

/// The database refuses to change or delete an audit entry (triggers), so not even a bug in the
/// application can; someone who drops the triggers is caught by `madoguchi audit verify`.
enum AuditLogGuard {
    static func create(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
                """
            ).run()
        } else {
            for operation in ["UPDATE", "DELETE"] {
                try await sql.raw(
                    """
                    CREATE TRIGGER audit_log_no_\(unsafeRaw: operation.lowercased()) BEFORE \(unsafeRaw: operation) ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                    """
                ).run()
            }
        }
    }

    static func drop(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log").run()
            try await sql.raw("DROP FUNCTION IF EXISTS audit_log_append_only()").run()
        } else {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_log_no_update").run()
            try await sql.raw("DROP TRIGGER IF EXISTS audit_log_no_delete").run()
        }
    }
}
