import Fluent
import SQLKit

/// Applications from マイナポータル: who signed them and what the portal called them
/// (`portal_receipts`, one per application, written in the intake's transaction), and the packages
/// that could not be taken in (`portal_quarantine`).
struct AddPortalImport: AsyncMigration {
    var name: String { "0012-add-portal-import" }

    func prepare(on database: any Database) async throws {
        try await database.schema("portal_receipts")
            .field("application_id", .uuid, .identifier(auto: false), .references("applications", "id"))
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            // The portal's 受付番号: unique per municipality, so an application is taken in once.
            .field("portal_number", .string, .required)
            .field("procedure_code", .string, .required)
            .field("signer_serial", .string, .required)
            .field("signer_subject", .string, .required)
            .field("signer_issuer", .string, .required)
            .field("signed_at", .datetime, .required)
            .field("applied_at", .datetime)
            .field("package_sha256", .string, .required)
            .field("form_sha256", .string, .required)
            .field("source", .string, .required)
            // 紐付: waiting, or matched to a 宛名番号 (by serial number or by hand).
            .field("match_state", .string, .required)
            .field("atena_number", .string)
            .field("matched_at", .datetime)
            .field("matched_by", .string)
            .unique(on: "tenant_code", "portal_number")
            .create()
        try await database.schema("portal_quarantine")
            .field("id", .uuid, .identifier(auto: false))
            .field("tenant_code", .string, .required, .references("municipalities", "code"))
            .field("package_sha256", .string, .required)
            .field("source", .string, .required)
            .field("portal_number", .string)
            .field("reason", .string, .required)
            .field("detail", .string, .required)
            .field("received_at", .datetime, .required)
            .field("resolved_at", .datetime)
            .field("resolved_by", .string)
            .unique(on: "tenant_code", "package_sha256")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "portal_receipts_match").on("portal_receipts")
                .column("tenant_code").column("match_state").column("signer_serial").run()
            try await sql.create(index: "portal_quarantine_open").on("portal_quarantine")
                .column("tenant_code").column("resolved_at").column("received_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("portal_quarantine").delete()
        try await database.schema("portal_receipts").delete()
    }
}
