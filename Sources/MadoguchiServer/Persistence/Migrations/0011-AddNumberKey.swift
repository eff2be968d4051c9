import Fluent
import SQLKit

/// The key an application's 個人番号 are sealed with (`NumberVault`): NULL for the applications
/// stored before sealing, which are sealed at the next start (`NumberSealing`).
struct AddNumberKey: AsyncMigration {
    var name: String { "0011-add-number-key" }

    func prepare(on database: any Database) async throws {
        try await database.schema("applications").field("number_key", .string).update()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "applications_number_key").on("applications").column("number_key").run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.raw("DROP INDEX applications_number_key").run() }
        try await database.schema("applications").deleteField("number_key").update()
    }
}
