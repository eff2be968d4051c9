import Fluent
import SQLKit

/// Files for core systems (CSV and 方式4 fixed-length): each consumer's cursor in the hand-off queue
/// (`handoff_cursors`, one per municipality, procedure and target), and every file written
/// (`handoff_exports`), recorded in the transaction that moves the cursor.
struct AddHandOffExports: AsyncMigration {
    var name: String { "0015-add-handoff-exports" }

    func prepare(on database: any Database) async throws {
        try await database.schema("handoff_cursors")
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("procedure_id", .string, .required)
            .field("target", .string, .required)
            // The last hand-off queue sequence the target was sent.
            .field("position", .int64, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "tenant_code", "procedure_id", "target")
            .create()
        try await database.schema("handoff_exports")
            .field("id", .uuid, .identifier(auto: false))
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("procedure_id", .string, .required)
            .field("target", .string, .required)
            // Numbered per target from 1: the files' names carry it.
            .field("number", .int, .required)
            .field("layout", .string, .required)
            .field("format", .string, .required)
            .field("encoding", .string, .required)
            .field("folder", .string, .required)
            .field("file_name", .string, .required)
            .field("report_name", .string)
            .field("rows", .int, .required)
            .field("first_sequence", .int64, .required)
            .field("last_sequence", .int64, .required)
            .field("sha256", .string, .required)
            .field("resend", .bool, .required)
            // The manifest as written, so that a file committed but not yet published can be.
            .field("manifest", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .string, .required)
            // When the manifest was written (the file is then the reader's); abandoned: its files
            // were gone before that could be done.
            .field("published_at", .datetime)
            .field("abandoned_at", .datetime)
            .unique(on: "tenant_code", "procedure_id", "target", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("handoff_exports").delete()
        try await database.schema("handoff_cursors").delete()
    }
}
