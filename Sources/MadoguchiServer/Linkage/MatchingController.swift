import Foundation
import MadoguchiDomain
import SQLKit
import Vapor

/// 紐付 by hand: the applications from マイナポータル whose signer could not be matched to a 宛名番号
/// by serial number (unknown, revoked or expired before signing), for the 担当 of their 課; and the
/// match a 担当 makes on the application's page (audited). Never by name: the certificate's name
/// carries JIS substitutes; the page shows the register's name beside it for the 担当 to compare.
enum MatchingController {
    struct Waiting: Sendable {
        var applicationID: UUID
        var receiptNumber: String
        var procedureID: String
        var portalNumber: String
        var signerSubject: String
        var signerSerial: String
        var signedAt: Date
        var reason: LocalizedText
    }

    static func queue(_ req: Request) async throws -> Response {
        let member = try req.staff.member
        let sql = req.db.sql
        guard !member.departments.isEmpty else {
            return Layout.response(MatchingPages.render(try PageContext.staff(req), member: member, waiting: []))
        }
        let rows = try await sql.raw(
            """
            SELECT p.application_id, i.receipt_number, i.procedure_id, p.portal_number, p.signer_subject, p.signer_serial,
            p.signed_at FROM portal_receipts p JOIN inbox i ON i.application_id = p.application_id
            WHERE p.tenant_code = \(bind: member.tenant.value) AND p.match_state = 'waiting'
            AND i.department IN (\(binds: member.departments.sorted())) ORDER BY p.signed_at LIMIT 200
            """
        ).all()
        var waiting: [Waiting] = []
        for row in rows {
            let serial = try row.decode(column: "signer_serial", as: String.self)
            let signedAt = try row.decode(column: "signed_at", as: Date.self)
            let match = try await CertificateSerials.match(
                serial: serial, signedAt: signedAt, tenant: member.tenant, on: sql)
            waiting.append(
                Waiting(
                    applicationID: try row.decode(column: "application_id", as: UUID.self),
                    receiptNumber: try row.decode(column: "receipt_number", as: String.self),
                    procedureID: try row.decode(column: "procedure_id", as: String.self),
                    portalNumber: try row.decode(column: "portal_number", as: String.self),
                    signerSubject: try row.decode(column: "signer_subject", as: String.self), signerSerial: serial,
                    signedAt: signedAt, reason: match.reasonText))
        }
        try await req.madoguchi.audit.record(
            .inboxListed, actor: member.id.uuidString, detail: "matching-queue;results=\(waiting.count)",
            tenant: member.tenant, at: req.madoguchi.clock.now())
        return Layout.response(MatchingPages.render(try PageContext.staff(req), member: member, waiting: waiting))
    }

    /// A 担当 enters the 宛名番号 of an application's applicant.
    static func match(_ req: Request) async throws -> Response {
        let body = try await FormBody.read(req)
        let member = try req.staff.member
        let id = try ApplicationController.applicationID(req)
        let sql = req.db.sql
        guard let row = try await ApplicationWork.row(id, tenant: member.tenant, on: sql),
            member.canSee(department: row.department, tenant: member.tenant),
            let portal = try await PortalReceipts.detail(of: id, tenant: member.tenant, on: sql)
        else { throw AppError.applicationNotFound }
        guard let atena = AtenaNumber(TextNormalization.trim(body.first("atena_number") ?? "")) else {
            return try await ApplicationController.page(
                req, message: (LinkageText.badAtenaNumber, true), status: .unprocessableEntity)
        }
        guard portal.atenaNumber == nil else {
            return try await ApplicationController.page(
                req, message: (LinkageText.alreadyMatched, true), status: .conflict)
        }
        // Where the register is kept here, the number must be in it; a prefecture keeps none.
        if try await ResidentRegister.isKept(tenant: member.tenant, on: sql),
            try await ResidentRegister.load(tenant: member.tenant, only: [atena], on: sql)[atena] == nil
        {
            return try await ApplicationController.page(
                req, message: (LinkageText.notInRegister, true), status: .unprocessableEntity)
        }
        let now = req.madoguchi.clock.now()
        try await req.madoguchi.writer.transaction(on: req.db) { db in
            try await PortalReceipts.setMatch(
                id, tenant: member.tenant, atena: atena.digits, state: PortalReceipts.manual, by: member.id.uuidString,
                at: now, on: db.sql)
            try await AuditLog.append(
                .residentMatched, actor: member.id.uuidString, target: id.uuidString, detail: "state=manual",
                tenant: member.tenant, at: now, on: db.sql)
        }
        return req.redirect(to: StaffURL.application(id).path + "?done=match", redirectType: .normal)
    }
}

extension SerialMatch {
    /// Why the application waits, for staff; nil once matched.
    var reasonText: LocalizedText {
        switch self {
        case .matched: LocalizedText(ja: "照合できます（次の取込で紐付されます）", en: "Matches now (linked at the next import)")
        case .unmatched(let reason): reason.message
        }
    }
}
