import Fluent
import SQLKit

/// The notification outbox (`Outbox`) and the templates administrators edit.
struct AddOutbox: AsyncMigration {
    var name: String { "0010-add-outbox" }

    func prepare(on database: any Database) async throws {
        try await database.schema("outbox")
            .field("id", .uuid, .identifier(auto: false))
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("kind", .string, .required)
            .field("recipient", .string, .required)
            .field("created_at", .datetime, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("attempts", .int, .required)
            // A delivery in progress: another server leaves the row alone until then.
            .field("claimed_until", .datetime)
            .field("sent_at", .datetime)
            .field("failed_at", .datetime)
            .field("last_error", .string)
            .create()
        try await database.schema("notification_templates")
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            // A procedure's id, or "*" for every procedure without its own.
            .field("procedure_id", .string, .required)
            .field("kind", .string, .required)
            .field("subject_ja", .string, .required)
            .field("subject_en", .string, .required)
            .field("body_ja", .string, .required)
            .field("body_en", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .string, .required)
            .compositeIdentifier(over: "tenant_code", "procedure_id", "kind")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "outbox_due").on("outbox").column("sent_at").column("failed_at")
                .column("next_attempt_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notification_templates").delete()
        try await database.schema("outbox").delete()
    }
}
