import Fluent
import SQLKit

/// The hand-off to core systems: the applications released to them, in the order released
/// (`handoff_queue`, its sequence is the cursor every consumer reads by), and the core systems'
/// registered clients and the tokens issued to them.
struct AddHandOff: AsyncMigration {
    var name: String { "0013-add-handoff" }

    func prepare(on database: any Database) async throws {
        try await database.schema("handoff_queue")
            .field("sequence", .int64, .identifier(auto: true))
            .field("application_id", .uuid, .required, .references("applications", "id"))
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("department", .string, .required)
            .field("procedure_id", .string, .required)
            .field("released_at", .datetime, .required)
            .field("released_by", .string, .required)
            .field("acknowledged_at", .datetime)
            .field("acknowledged_by", .string)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "handoff_queue_pull").on("handoff_queue")
                .column("tenant_code").column("procedure_id").column("sequence").run()
            try await sql.create(index: "handoff_queue_application").on("handoff_queue").column("application_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("handoff_queue").delete()
    }
}
