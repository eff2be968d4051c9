import Fluent
import Foundation
import MadoguchiDomain
import SQLKit

/// シリアル番号: which resident each certificate serial number belongs to, with its validity and
/// revocation, kept as history (a resident's serial changes whenever their 基本4情報 change). An
/// import re-matches the applications waiting in the matching queue whose serial it touches.
enum CertificateSerials {
    struct Summary: Sendable, Equatable {
        var inserted = 0
        var updated = 0
        var removed = 0
        var unchanged = 0
        /// Applications of the matching queue the file matched.
        var rematched = 0
        var errors: [String] = []

        var lines: [String] {
            [
                "added: \(inserted)", "changed: \(updated)", "withdrawn: \(removed)", "unchanged: \(unchanged)",
                "applications matched: \(rematched)",
            ] + errors.map { "error: \($0)" }
        }
    }

    static func importFile(
        _ bytes: [UInt8], encoding: RegisterTextEncoding, kind: ImportKind?, tenant: LocalGovernmentCode,
        services: MadoguchiServices, on database: any Database
    ) async throws -> Summary {
        let text = try encoding.decode(bytes)
        let file: SerialMappingFile
        do { file = try SerialMappingFile.parse(text, kind: kind) } catch {
            throw RegisterTextEncoding.Unreadable(description: error.message.en)
        }
        let digest = SHA256Hex.of(bytes)
        let now = services.clock.now()
        return try await services.writer.transaction(on: database) { db in
            let sql = db.sql
            let current = try await load(tenant: tenant, serials: file.serials, on: sql)
            let plan = SerialMappingPlan.make(file: file, current: current)
            var summary = Summary(
                unchanged: plan.unchanged, errors: plan.errors.map { "line \($0.line): \($0.message.en)" })
            for change in plan.changes {
                switch change {
                case .insert(let mapping, _):
                    try await upsert(mapping, tenant: tenant, at: now, on: sql)
                    summary.inserted += 1
                case .update(_, let mapping, _):
                    try await upsert(mapping, tenant: tenant, at: now, on: sql)
                    summary.updated += 1
                case .remove(let mapping, _):
                    try await sql.raw(
                        """
                        DELETE FROM certificate_serials WHERE tenant_code = \(bind: tenant.value) \
                        AND serial = \(bind: mapping.serial.hex)
                        """
                    ).run()
                    summary.removed += 1
                }
            }
            summary.rematched = try await rematch(
                tenant: tenant, serials: plan.affectedSerials, by: "serials:" + digest.prefix(12), at: now, on: sql)
            try await AuditLog.append(
                .serialsImported, actor: "import", target: "certificate_serials",
                detail:
                    "sha256=\(digest);added=\(summary.inserted);changed=\(summary.updated);matched=\(summary.rematched)",
                tenant: tenant, at: now, on: sql)
            return summary
        }
    }

    /// The stored entries of `serials`.
    static func load(
        tenant: LocalGovernmentCode, serials: Set<CertificateSerial>, on sql: any SQLDatabase
    ) async throws -> [CertificateSerial: SerialMapping] {
        let sorted = serials.map(\.hex).sorted()
        var found: [CertificateSerial: SerialMapping] = [:]
        for start in stride(from: 0, to: sorted.count, by: 500) {
            let batch = Array(sorted[start..<min(start + 500, sorted.count)])
            let rows = try await sql.raw(
                """
                SELECT serial, atena_number, valid_from, valid_until, revoked_at FROM certificate_serials
                WHERE tenant_code = \(bind: tenant.value) AND serial IN (\(binds: batch))
                """
            ).all()
            for row in rows {
                guard let serial = CertificateSerial(try row.decode(column: "serial", as: String.self)),
                    let atena = AtenaNumber(try row.decode(column: "atena_number", as: String.self))
                else { continue }
                found[serial] = SerialMapping(
                    serial: serial, atenaNumber: atena, validFrom: try row.decode(column: "valid_from", as: Date.self),
                    validUntil: try row.decode(column: "valid_until", as: Date?.self),
                    revokedAt: try row.decode(column: "revoked_at", as: Date?.self))
            }
        }
        return found
    }

    /// The 宛名番号 the certificate `serial` belonged to when it signed at `signedAt`, or why not.
    static func match(
        serial text: String, signedAt: Date, tenant: LocalGovernmentCode, on sql: any SQLDatabase
    ) async throws -> SerialMatch {
        guard let serial = CertificateSerial(text) else { return .unmatched(.unknownSerial) }
        let stored = try await load(tenant: tenant, serials: [serial], on: sql)
        return SerialMatcher.match(serial: serial, signedAt: signedAt, in: stored)
    }

    /// Matches the waiting applications signed with one of `serials`; how many it matched.
    static func rematch(
        tenant: LocalGovernmentCode, serials: Set<CertificateSerial>, by actor: String, at now: Date,
        on sql: any SQLDatabase
    ) async throws -> Int {
        let sorted = serials.map(\.hex).sorted()
        var matched = 0
        for start in stride(from: 0, to: sorted.count, by: 500) {
            let batch = Array(sorted[start..<min(start + 500, sorted.count)])
            let waiting = try await sql.raw(
                """
                SELECT application_id, signer_serial, signed_at FROM portal_receipts
                WHERE tenant_code = \(bind: tenant.value) AND match_state = 'waiting' AND signer_serial IN (\(binds: batch))
                """
            ).all().compactMap { row -> WaitingApplication<UUID>? in
                guard let serial = CertificateSerial(try row.decode(column: "signer_serial", as: String.self)) else {
                    return nil
                }
                return WaitingApplication(
                    id: try row.decode(column: "application_id", as: UUID.self), serial: serial,
                    signedAt: try row.decode(column: "signed_at", as: Date.self))
            }
            guard !waiting.isEmpty else { continue }
            let mapping = try await load(tenant: tenant, serials: Set(waiting.map(\.serial)), on: sql)
            for (id, atena) in SerialMatcher.rematch(waiting, in: mapping) {
                try await PortalReceipts.setMatch(
                    id, tenant: tenant, atena: atena.digits, state: PortalReceipts.matched, by: actor, at: now, on: sql)
                matched += 1
            }
        }
        return matched
    }

    private static func upsert(
        _ mapping: SerialMapping, tenant: LocalGovernmentCode, at now: Date, on sql: any SQLDatabase
    ) async throws {
        try await sql.raw(
            """
            INSERT INTO certificate_serials (tenant_code, serial, atena_number, valid_from, valid_until, revoked_at, updated_at)
            VALUES (\(bind: tenant.value), \(bind: mapping.serial.hex), \(bind: mapping.atenaNumber.digits), \
            \(bind: mapping.validFrom), \(bind: mapping.validUntil), \(bind: mapping.revokedAt), \(bind: now))
            ON CONFLICT (tenant_code, serial) DO UPDATE SET valid_from = excluded.valid_from, \
            valid_until = excluded.valid_until, revoked_at = excluded.revoked_at, updated_at = excluded.updated_at
            """
        ).run()
    }
}
