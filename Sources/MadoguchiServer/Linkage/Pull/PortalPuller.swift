import Fluent
import Foundation
import MadoguchiDomain
import SQLKit

/// Pulls a municipality's applications from マイナポータル: signs in, lists what arrived since the
/// last poll (with an overlap, so an application listed late is not missed), fetches each one not
/// taken in yet, and imports it exactly as a package by hand (`PortalImporter`: the same checks, the
/// same quarantine, once by the portal's 受付番号). The period listed moves on only once every
/// application in it was taken in or held back, so a failure mid-poll loses nothing.
/// One server at a time polls a municipality (a lease in `portal_pull_state`).
struct PortalPuller: Sendable {
    let api: any PortalAPI
    let importer: PortalImporter
    let municipality: Municipality
    /// How far back the first poll looks, and how much each poll overlaps the one before.
    var firstLookBack: TimeInterval = 30 * 86400
    var overlap: TimeInterval = 3600
    /// How long a poll may hold the lease.
    var lease: TimeInterval = 600

    /// One poll; nil if another server is polling this municipality now.
    func pollOnce() async throws -> PortalImportBatch.Summary? {
        let services = importer.services
        let now = services.clock.now()
        let tenant = municipality.code
        guard let listedUntil = try await claim(at: now) else { return nil }
        var summary = PortalImportBatch.Summary()
        do {
            let token = try await api.signIn()
            let from = listedUntil.map { $0.addingTimeInterval(-overlap) } ?? now.addingTimeInterval(-firstLookBack)
            for listing in try await api.list(from: from, until: now, token: token) {
                if try await PortalReceipts.find(
                    portalNumber: listing.portalNumber, tenant: tenant, on: importer.database.sql)
                    != nil
                {
                    continue
                }
                let bytes = try await api.fetch(listing.portalNumber, token: token)
                let outcome = try await importer.importPackage(
                    bytes, source: "pull:\(listing.portalNumber)", municipality: municipality)
                switch outcome {
                case .imported: summary.imported += 1
                case .alreadyPresent: summary.alreadyPresent += 1
                case .quarantined(let rejection, _): summary.quarantined[rejection.reason, default: 0] += 1
                }
                if case .quarantined = outcome {
                    try await api.report(listing.portalNumber, taken: false, token: token)
                } else {
                    try await api.report(listing.portalNumber, taken: true, token: token)
                }
            }
            try await release(listedUntil: now)
        } catch {
            try? await release(listedUntil: nil)
            throw error
        }
        return summary
    }

    /// Takes the lease if nobody holds it; the end of the period listed last (nil: never polled).
    private func claim(at now: Date) async throws -> Date?? {
        let tenant = municipality.code.value
        let until = now.addingTimeInterval(lease)
        return try await importer.services.writer.transaction(on: importer.database) { db in
            let sql = db.sql
            let lock = sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
            let row = try await sql.raw(
                """
                SELECT listed_until, lease_until FROM portal_pull_state WHERE tenant_code = \(bind: tenant)\(unsafeRaw: lock)
                """
            ).first()
            guard let row else {
                try await sql.raw(
                    """
                    INSERT INTO portal_pull_state (tenant_code, lease_until) VALUES (\(bind: tenant), \(bind: until))
                    """
                ).run()
                return .some(nil)
            }
            if let held = try row.decode(column: "lease_until", as: Date?.self), held > now { return nil }
            try await sql.raw(
                "UPDATE portal_pull_state SET lease_until = \(bind: until) WHERE tenant_code = \(bind: tenant)"
            ).run()
            return .some(try row.decode(column: "listed_until", as: Date?.self))
        }
    }

    /// Gives the lease back, recording the end of the period listed when the poll completed.
    private func release(listedUntil: Date?) async throws {
        let tenant = municipality.code.value
        try await importer.services.writer.transaction(on: importer.database) { db in
            if let listedUntil {
                try await db.sql.raw(
                    """
                    UPDATE portal_pull_state SET lease_until = NULL, listed_until = \(bind: listedUntil)
                    WHERE tenant_code = \(bind: tenant)
                    """
                ).run()
            } else {
                try await db.sql.raw(
                    "UPDATE portal_pull_state SET lease_until = NULL WHERE tenant_code = \(bind: tenant)"
                ).run()
            }
        }
    }
}
