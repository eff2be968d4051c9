import Fluent
import SQLKit

/// What the workflow keeps beside an application: internal notes, 補正 requests (the fields and
/// what is wrong), every earlier version of the answers, and decisions recorded from the core system.
struct AddWorkflow: AsyncMigration {
    var name: String { "0009-add-workflow" }

    func prepare(on database: any Database) async throws {
        try await database.schema("application_notes")
            .id()
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("author_id", .uuid, .required, .references("staff_accounts", "id"))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("correction_requests")
            .id()
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("fields", .string, .required)
            .field("message", .string, .required)
            .field("requested_by", .uuid, .required, .references("staff_accounts", "id"))
            .field("requested_at", .datetime, .required)
            .field("resolved_at", .datetime)
            .create()
        try await database.schema("application_revisions")
            .id()
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("revision", .int, .required)
            .field("data", .string, .required)
            .field("replaced_at", .datetime, .required)
            .unique(on: "application_id", "revision")
            .create()
        try await database.schema("application_events").field("detail", .string).update()
        if let sql = database as? any SQLDatabase {
            for table in ["application_notes", "correction_requests", "application_revisions"] {
                try await sql.create(index: SQLIdentifier("\(table)_application")).on(table).column("application_id")
                    .run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("application_events").deleteField("detail").update()
        for table in ["application_revisions", "correction_requests", "application_notes"] {
            try await database.schema(table).delete()
        }
    }
}
