import Foundation
import MadoguchiDomain
import SQLKit

/// What an application from マイナポータル carries besides its answers: the portal's 受付番号, who
/// signed it, and the package it came in. Stored in `portal_receipts` in the intake's transaction.
struct PortalLink: Sendable, Equatable {
    var portalNumber: String
    var procedureCode: String
    var signer: PackageSignature.Signer
    /// 申請日時 as the portal stated it.
    var appliedAt: Date?
    var packageSHA256: String
    var formSHA256: String
    /// `import` (a package by hand) or `pull` (the portal's API).
    var source: String
    /// 宛名番号 the signer's serial number matched at import (nil: the application waits for 紐付).
    var atenaNumber: String? = nil

    var matchState: String { atenaNumber == nil ? PortalReceipts.waiting : PortalReceipts.matched }
    var matchedBy: String? { atenaNumber == nil ? nil : "serial" }
}

enum PortalReceipts {
    static let waiting = "waiting"
    /// Matched by serial number (at import, or by a later mapping file).
    static let matched = "matched"
    /// Matched by hand by a 担当 (audited).
    static let manual = "manual"

    /// Records the 宛名番号 an application's applicant was matched to.
    static func setMatch(
        _ id: UUID, tenant: LocalGovernmentCode, atena: String, state: String, by actor: String, at now: Date,
        on sql: any SQLDatabase
    ) async throws {
        try await sql.raw(
            """
            UPDATE portal_receipts SET match_state = \(bind: state), atena_number = \(bind: atena), \
            matched_at = \(bind: now), matched_by = \(bind: actor)
            WHERE tenant_code = \(bind: tenant.value) AND application_id = \(bind: id)
            """
        ).run()
    }

    /// One INSERT for the batch's applications from the portal (none without).
    static func insert(_ rows: [NewApplicationRow]) -> SQLQueryString? {
        let linked = rows.compactMap { row in row.application.portal.map { (row, $0) } }
        guard !linked.isEmpty else { return nil }
        var query: SQLQueryString = """
            INSERT INTO portal_receipts (application_id, tenant_code, portal_number, procedure_code, signer_serial, \
            signer_subject, signer_issuer, signed_at, applied_at, package_sha256, form_sha256, source, match_state, \
            atena_number, matched_at, matched_by) VALUES 
            """
        for (index, (row, link)) in linked.enumerated() {
            query += """
                \(unsafeRaw: index == 0 ? "" : ", ")(\(bind: row.id), \(bind: row.application.tenant.value), \
                \(bind: link.portalNumber), \(bind: link.procedureCode), \(bind: link.signer.serial), \
                \(bind: link.signer.subject), \(bind: link.signer.issuer), \(bind: link.signer.signedAt), \
                \(bind: link.appliedAt), \(bind: link.packageSHA256), \(bind: link.formSHA256), \(bind: link.source), \
                \(bind: link.matchState), \(bind: link.atenaNumber), \
                \(bind: link.atenaNumber == nil ? nil : row.application.submittedAt), \(bind: link.matchedBy))
                """
        }
        return query
    }

    /// What the application page shows of an application's link to the portal.
    struct Detail: Sendable {
        var portalNumber: String
        var signerSerial: String
        var signerSubject: String
        var signedAt: Date
        var matchState: String
        var atenaNumber: String?
        /// The register's name for the matched 宛名番号 (外字 as the register has it).
        var registerName: String? = nil
        /// Why it still waits.
        var waitingReason: LocalizedText? = nil
    }

    static func detail(of id: UUID, tenant: LocalGovernmentCode, on sql: any SQLDatabase) async throws -> Detail? {
        try await sql.raw(
            """
            SELECT portal_number, signer_serial, signer_subject, signed_at, match_state, atena_number FROM portal_receipts
            WHERE tenant_code = \(bind: tenant.value) AND application_id = \(bind: id)
            """
        ).first().map { row in
            Detail(
                portalNumber: try row.decode(column: "portal_number", as: String.self),
                signerSerial: try row.decode(column: "signer_serial", as: String.self),
                signerSubject: try row.decode(column: "signer_subject", as: String.self),
                signedAt: try row.decode(column: "signed_at", as: Date.self),
                matchState: try row.decode(column: "match_state", as: String.self),
                atenaNumber: try row.decode(column: "atena_number", as: String?.self))
        }
    }

    /// The application already taken in under `portalNumber`, if any: its 受付番号 and form digest.
    static func find(
        portalNumber: String, tenant: LocalGovernmentCode, on sql: any SQLDatabase
    ) async throws -> (receipt: ReceiptNumber, formSHA256: String)? {
        guard
            let row = try await sql.raw(
                """
                SELECT a.receipt_number, p.form_sha256 FROM portal_receipts p JOIN applications a ON a.id = p.application_id
                WHERE p.tenant_code = \(bind: tenant.value) AND p.portal_number = \(bind: portalNumber)
                """
            ).first(),
            let number = ReceiptNumber(try row.decode(column: "receipt_number", as: String.self))
        else { return nil }
        return (number, try row.decode(column: "form_sha256", as: String.self))
    }
}
