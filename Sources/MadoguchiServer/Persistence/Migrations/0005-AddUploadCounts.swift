import Fluent

/// Uploads per client, municipality and hour (`UploadAllowance`).
struct AddUploadCounts: AsyncMigration {
    var name: String { "0005-add-upload-counts" }

    func prepare(on database: any Database) async throws {
        try await database.schema(UploadAllowance.table)
            .field("tenant_code", .string, .required, .references(MunicipalityRecord.schema, "code"))
            .field("client_digest", .string, .required)
            .field("hour", .int64, .required)
            .field("bytes", .int64, .required)
            .compositeIdentifier(over: "tenant_code", "client_digest", "hour")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UploadAllowance.table).delete()
    }
}
