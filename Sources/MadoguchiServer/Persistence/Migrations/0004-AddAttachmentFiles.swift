import Fluent
import Foundation
import SQLKit

/// The attachment files applications refer to, per municipality: a file listed here is never removed
/// (`AttachmentSweep`). The applications stored before this table are read once to fill it.
///
/// Plain SQL, naming the columns it reads: a model would select every column of today's
/// `applications`, and a column added by a later migration does not exist yet when this one runs.
struct AddAttachmentFiles: AsyncMigration {
    var name: String { "0004-add-attachment-files" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AttachmentFiles.table)
            .field("sha256", .string, .required)
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("first_used_at", .datetime, .required)
            .compositeIdentifier(over: "sha256", "tenant_code")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // Page by page in id order, from the smallest id there can be.
        var after = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        while true {
            let rows = try await sql.raw(
                """
                SELECT id, tenant_code, data, submitted_at FROM applications
                WHERE id > \(bind: after) ORDER BY id LIMIT 500
                """
            ).all()
            var uses: [AttachmentFiles.Use] = []
            for row in rows {
                let tenant = try row.decode(column: "tenant_code", as: String.self)
                let at = try row.decode(column: "submitted_at", as: Date.self)
                uses += AttachmentFiles.digests(inStoredData: try row.decode(column: "data", as: String.self)).map {
                    AttachmentFiles.Use(sha256: $0, tenant: tenant, at: at)
                }
            }
            if let insert = AttachmentFiles.insert(uses) { try await sql.raw(insert).run() }
            guard rows.count == 500, let last = rows.last else { break }
            after = try last.decode(column: "id", as: UUID.self)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AttachmentFiles.table).delete()
    }
}
