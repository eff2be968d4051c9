import Fluent
import SQLKit

/// The inbox projection (`InboxFields`): one row per application, written in the intake's own
/// transaction, with the indexes the inbox's lists, filters and searches read; and the counts per
/// 課 and status, kept in step in the same transactions, so the inbox's counts read a few rows
/// instead of counting a million. Applications stored before this are projected at start-up
/// (`InboxProjection.fillMissing`), where the catalog is at hand.
struct AddInbox: AsyncMigration {
    var name: String { "0008-add-inbox" }

    func prepare(on database: any Database) async throws {
        // Search keys are matched by prefix on an index: PostgreSQL must order them by code point
        // (the "C" collation), as SQLite does, or a range would miss keys its collation sorts apart.
        let key: DatabaseSchema.DataType =
            (database as? any SQLDatabase)?.dialect.name == "postgresql" ? .custom("TEXT COLLATE \"C\"") : .string
        try await database.schema("inbox")
            .field("application_id", .uuid, .identifier(auto: false), .references("applications", "id"))
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("department", .string, .required)
            .field("procedure_id", .string, .required)
            .field("status", .string, .required)
            .field("receipt_number", .string, .required)
            .field("channel", .string, .required)
            .field("applicant_name", .string)
            .field("name_key", key)
            .field("kana_key", key)
            .field("birth_date", .string)
            .field("phone", key)
            // Where notifications go (the application's e-mail address, if it has one).
            .field("email", .string)
            // Microseconds since 1970, as an integer: keyset pages compare it exactly, on both databases.
            .field("received_us", .int64, .required)
            .field("due_date", .string, .required)
            .field("assignee_id", .uuid)
            .field("version", .int, .required)
            .field("updated_at", .datetime, .required)
            // Who made the last change and what it was ("status:under_review", "assignee"): what a
            // colleague acting on an older page is told.
            .field("changed_by", .string, .required)
            .field("last_change", .string, .required)
            .create()
        try await database.schema("inbox_counts")
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("department", .string, .required)
            .field("status", .string, .required)
            .field("count", .int64, .required)
            .compositeIdentifier(over: "tenant_code", "department", "status")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // Newest first within a 課, and within a 課 by status, procedure or assignee; the id breaks
        // ties so that keyset pages never skip or repeat a row.
        let orders: [(String, [String])] = [
            ("inbox_received", []), ("inbox_status", ["status"]), ("inbox_procedure", ["procedure_id"]),
            ("inbox_assignee", ["assignee_id"]),
        ]
        for (name, columns) in orders {
            var index = sql.create(index: SQLIdentifier(name)).on("inbox").column("tenant_code").column("department")
            for column in columns { index = index.column(column) }
            try await index.column("received_us").column("application_id").run()
        }
        try await sql.create(index: "inbox_due").on("inbox").column("tenant_code").column("department")
            .column("status").column("due_date").run()
        for column in ["name_key", "kana_key", "phone", "birth_date", "receipt_number"] {
            try await sql.create(index: SQLIdentifier("inbox_\(column)")).on("inbox").column("tenant_code")
                .column(column).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("inbox_counts").delete()
        try await database.schema("inbox").delete()
    }
}
