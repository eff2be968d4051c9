import Fluent
import Foundation
import SQLKit

/// 0001: the foundation tables — municipalities and 課, applications with their history, the
/// 受付番号 counters, drafts and the versioned catalog.
struct CreateFoundation: AsyncMigration {
    var name: String { "0001-create-foundation" }

    func prepare(on database: any Database) async throws {
        try await database.schema(MunicipalityRecord.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name_ja", .string, .required)
            .field("name_en", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema(DepartmentRecord.schema)
            .id()
            .field("tenant_code", .string, .required, .references(MunicipalityRecord.schema, "code"))
            .field("name", .string, .required)
            .unique(on: "tenant_code", "name")
            .create()
        try await database.schema(ApplicationRecord.schema)
            .id()
            .field("tenant_code", .string, .required, .references(MunicipalityRecord.schema, "code"))
            .field("receipt_number", .string, .required)
            .field("procedure_id", .string, .required)
            .field("procedure_version", .string, .required)
            .field("channel", .string, .required)
            .field("status", .string, .required)
            .field("data", .string, .required)
            .field("idempotency_key", .string)
            .field("submitted_at", .datetime, .required)
            .field("updated_at", .datetime)
            .unique(on: "tenant_code", "receipt_number")
            .unique(on: "tenant_code", "idempotency_key")
            .create()
        try await database.schema(ApplicationEventRecord.schema)
            .id()
            .field("tenant_code", .string, .required, .references(MunicipalityRecord.schema, "code"))
            .field("application_id", .uuid, .required, .references(ApplicationRecord.schema, "id"))
            .field("from_status", .string)
            .field("to_status", .string, .required)
            .field("actor", .string, .required)
            .field("reason", .string)
            .field("occurred_at", .datetime, .required)
            .create()
        try await database.schema(ReceiptCounter.table)
            .field("tenant_code", .string, .required, .references(MunicipalityRecord.schema, "code"))
            .field("year", .int, .required)
            .field("last_sequence", .int, .required)
            .compositeIdentifier(over: "tenant_code", "year")
            .create()
        try await database.schema(DraftRecord.schema)
            .id()
            .field("tenant_code", .string, .required, .references(MunicipalityRecord.schema, "code"))
            .field("code_digest", .string, .required)
            .field("procedure_id", .string, .required)
            .field("procedure_version", .string, .required)
            .field("input", .string, .required)
            .field("step", .int, .required)
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime)
            .unique(on: "code_digest")
            .create()
        try await database.schema(ProcedureVersionRecord.schema)
            .id()
            .field("procedure_id", .string, .required)
            .field("version", .string, .required)
            .field("definition", .string, .required)
            .field("registered_at", .datetime)
            .unique(on: "procedure_id", "version")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "applications_tenant_submitted")
                .on(ApplicationRecord.schema).column("tenant_code").column("submitted_at").run()
            try await sql.create(index: "application_events_application")
                .on(ApplicationEventRecord.schema).column("application_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [
            ProcedureVersionRecord.schema, DraftRecord.schema, ReceiptCounter.table, ApplicationEventRecord.schema,
            ApplicationRecord.schema, DepartmentRecord.schema, MunicipalityRecord.schema,
        ] {
            try await database.schema(schema).delete()
        }
    }
}
