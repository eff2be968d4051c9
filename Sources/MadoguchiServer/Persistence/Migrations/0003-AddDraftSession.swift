import Fluent
import SQLKit

/// Drafts remember the form session they were saved from, so that they can be deleted when that
/// form is submitted: a draft holds personal data (個人番号 included) that is no longer needed then.
struct AddDraftSession: AsyncMigration {
    var name: String { "0003-add-draft-session" }

    func prepare(on database: any Database) async throws {
        try await database.schema(DraftRecord.schema).field("session_digest", .string).update()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX drafts_session ON drafts (tenant_code, session_digest)").run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DROP INDEX drafts_session").run()
        }
        try await database.schema(DraftRecord.schema).deleteField("session_digest").update()
    }
}
