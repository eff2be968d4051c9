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

/// 0002: applications remember a digest of what came with their idempotency key.
struct AddRequestDigest: AsyncMigration {
    var name: String { "0002-add-request-digest" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ApplicationRecord.schema).field("request_digest", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ApplicationRecord.schema).deleteField("request_digest").update()
    }
}

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

/// The attachment files applications refer to, per municipality: a file listed here is never removed
/// (`AttachmentSweep`). The applications stored before this table are read once to fill it.
struct AddAttachmentFiles: AsyncMigration {
    var name: String { "0004-add-attachment-files" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AttachmentFiles.table)
            .field("sha256", .string, .required)
            .field("tenant_code", .string, .required, .references(MunicipalityRecord.schema, "code"))
            .field("first_used_at", .datetime, .required)
            .compositeIdentifier(over: "sha256", "tenant_code")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // Page by page in id order (Fluent's `chunk` drops the last, partial page).
        var after: UUID?
        while true {
            var page = ApplicationRecord.query(on: database).sort(\.$id).limit(500)
            if let after { page = page.filter(\.$id > after) }
            let records = try await page.all()
            let uses = records.flatMap { record in
                AttachmentFiles.digests(inStoredData: record.data).map {
                    AttachmentFiles.Use(sha256: $0, tenant: record.tenantCode, at: record.submittedAt)
                }
            }
            if let insert = AttachmentFiles.insert(uses) { try await sql.raw(insert).run() }
            guard records.count == 500, let last = records.last?.id else { break }
            after = last
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AttachmentFiles.table).delete()
    }
}

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

enum Migrations {
    /// Registered in order; never edit one that has landed — add the next.
    static let all: [any Migration] = [
        CreateFoundation(),  // the first tables
        AddRequestDigest(),  // a reused idempotency key with other content is a conflict
        AddDraftSession(),  // drafts deleted when their form is submitted
        AddAttachmentFiles(),  // which files applications refer to, so the others can be removed
        AddUploadCounts(),  // how much each client uploaded this hour
    ]
}
