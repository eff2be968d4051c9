import Fluent
import SQLKit

/// Staff accounts of each municipality, the 課 they belong to, and their sessions (kept in the
/// database so that every server process shares them).
struct AddStaff: AsyncMigration {
    var name: String { "0006-add-staff" }

    func prepare(on database: any Database) async throws {
        try await database.schema("staff_accounts")
            .id()
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("login", .string, .required)
            .field("name", .string, .required)
            .field("roles", .string, .required)
            .field("password_hash", .string, .required)
            .field("must_change_password", .bool, .required)
            .field("totp_secret", .string)
            .field("totp_last_step", .int64)
            .field("failed_sign_ins", .int, .required)
            .field("locked_until", .datetime)
            .field("disabled", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "tenant_code", "login")
            .create()
        try await database.schema("staff_departments")
            .field("staff_id", .uuid, .required, .references("staff_accounts", "id"))
            .field("department", .string, .required)
            .compositeIdentifier(over: "staff_id", "department")
            .create()
        try await database.schema("staff_sessions")
            .field("token_digest", .string, .identifier(auto: false))
            .field("staff_id", .uuid, .required, .references("staff_accounts", "id"))
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("stage", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("revoked", .bool, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "staff_sessions_staff").on("staff_sessions").column("staff_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["staff_sessions", "staff_departments", "staff_accounts"] {
            try await database.schema(table).delete()
        }
    }
}
