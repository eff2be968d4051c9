import Fluent
import SQLKit

/// 紐付: the resident-register extract (`residents`, the current record of each 宛名番号, ended ones
/// kept), every change made to it (`resident_changes`), and the certificate serial numbers of each
/// resident over time (`certificate_serials`: a new serial whenever the 基本4情報 change).
struct AddResidentRegister: AsyncMigration {
    var name: String { "0017-add-resident-register" }

    func prepare(on database: any Database) async throws {
        try await database.schema("residents")
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("atena_number", .string, .required)
            // As the register gives them: 外字 and variation sequences kept.
            .field("name", .string, .required)
            .field("furigana", .string, .required)
            .field("birth_date", .string, .required)
            .field("sex", .int, .required)
            .field("address", .string, .required)
            .field("household_number", .string)
            .field("ended_on", .string)
            .field("updated_at", .datetime, .required)
            .compositeIdentifier(over: "tenant_code", "atena_number")
            .create()
        try await database.schema("resident_changes")
            .field("id", .uuid, .identifier(auto: false))
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("atena_number", .string, .required)
            // insert, update, end
            .field("change", .string, .required)
            .field("fields", .string, .required)
            .field("file_sha256", .string, .required)
            .field("changed_at", .datetime, .required)
            .create()
        try await database.schema("certificate_serials")
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("serial", .string, .required)
            .field("atena_number", .string, .required)
            .field("valid_from", .datetime, .required)
            .field("valid_until", .datetime)
            .field("revoked_at", .datetime)
            .field("updated_at", .datetime, .required)
            .compositeIdentifier(over: "tenant_code", "serial")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "certificate_serials_atena").on("certificate_serials")
                .column("tenant_code").column("atena_number").run()
            try await sql.create(index: "resident_changes_atena").on("resident_changes")
                .column("tenant_code").column("atena_number").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("certificate_serials").delete()
        try await database.schema("resident_changes").delete()
        try await database.schema("residents").delete()
    }
}
