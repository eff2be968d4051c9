import Fluent
import Foundation
import MadoguchiDomain
import SQLKit

/// 隔離: the packages that could not be taken in, with the reason, for staff to see and resolve.
/// A package held back twice (the same bytes) is one entry.
enum PortalQuarantine {
    struct Entry: Sendable {
        var id: UUID
        var packageSHA256: String
        var source: String
        var portalNumber: String?
        var reason: PackageRejection.Reason
        var detail: String
        var receivedAt: Date
    }

    /// Records the package as held back; false if the same package was held back before.
    static func record(
        _ rejection: PackageRejection, package sha256: String, source: String, portalNumber: String?,
        tenant: LocalGovernmentCode, at now: Date, writer: any DatabaseWriter, on database: any Database
    ) async throws -> Bool {
        try await writer.transaction(on: database) { db in
            let sql = db.sql
            let existing = try await sql.raw(
                """
                SELECT id FROM portal_quarantine WHERE tenant_code = \(bind: tenant.value) \
                AND package_sha256 = \(bind: sha256)
                """
            ).first()
            guard existing == nil else { return false }
            try await sql.raw(
                """
                INSERT INTO portal_quarantine (id, tenant_code, package_sha256, source, portal_number, reason, detail, received_at) \
                VALUES (\(bind: UUID.timeOrdered(at: now)), \(bind: tenant.value), \(bind: sha256), \(bind: source), \
                \(bind: portalNumber), \(bind: rejection.reason.rawValue), \(bind: rejection.detail), \(bind: now)) \
                ON CONFLICT (tenant_code, package_sha256) DO NOTHING
                """
            ).run()
            // The package is kept as received, like an attachment nobody may sweep away.
            if let keep = AttachmentFiles.insert([AttachmentFiles.Use(sha256: sha256, tenant: tenant.value, at: now)]) {
                try await sql.raw(keep).run()
            }
            return true
        }
    }

    /// The open entries of a municipality, newest first.
    static func open(tenant: LocalGovernmentCode, limit: Int = 200, on sql: any SQLDatabase) async throws -> [Entry] {
        try await sql.raw(
            """
            SELECT id, package_sha256, source, portal_number, reason, detail, received_at FROM portal_quarantine \
            WHERE tenant_code = \(bind: tenant.value) AND resolved_at IS NULL ORDER BY received_at DESC LIMIT \(literal: limit)
            """
        ).all().map { row in
            Entry(
                id: try row.decode(column: "id", as: UUID.self),
                packageSHA256: try row.decode(column: "package_sha256", as: String.self),
                source: try row.decode(column: "source", as: String.self),
                portalNumber: try row.decode(column: "portal_number", as: String?.self),
                reason: PackageRejection.Reason(rawValue: try row.decode(column: "reason", as: String.self))
                    ?? .corrupt,
                detail: try row.decode(column: "detail", as: String.self),
                receivedAt: try row.decode(column: "received_at", as: Date.self))
        }
    }
}
