import Fluent
import Foundation
import MadoguchiDomain
import SQLKit

/// Everything the detail page shows of one application, read within the member's municipality
/// and 課 only (another's is "not found").
struct ApplicationDetail: Sendable {
    var row: ApplicationWork.Row
    var record: ApplicationRecord
    var data: FormData
    var history: [ApplicationEventRecord]
    var notes: [(author: UUID, body: String, at: Date)]
    var corrections: [(fields: [String], message: String, requestedAt: Date, resolvedAt: Date?)]
    var revisions: [(revision: Int, data: FormData, replacedAt: Date)]
    var reviewers: Set<UUID>
    /// For an application from マイナポータル: its 受付番号 there, signer and 紐付.
    var portal: PortalReceipts.Detail? = nil

    static func load(_ id: UUID, for member: StaffMember, on db: any Database) async throws -> ApplicationDetail? {
        let sql = db.sql
        guard let row = try await ApplicationWork.row(id, tenant: member.tenant, on: sql),
            member.canSee(department: row.department, tenant: member.tenant),
            let record = try await ApplicationRecord.query(on: db).filter(\.$tenantCode == member.tenant.value)
                .filter(\.$id == id).first()
        else { return nil }
        let history = try await ApplicationEventRecord.query(on: db).filter(\.$tenantCode == member.tenant.value)
            .filter(\.$applicationID == id).sort(\.$occurredAt).all()
        let notes = try await sql.raw(
            """
            SELECT author_id, body, created_at FROM application_notes
            WHERE tenant_code = \(bind: member.tenant.value) AND application_id = \(bind: id) ORDER BY created_at
            """
        ).all().map {
            (
                author: try $0.decode(column: "author_id", as: UUID.self),
                body: try $0.decode(column: "body", as: String.self),
                at: try $0.decode(column: "created_at", as: Date.self)
            )
        }
        let corrections = try await sql.raw(
            """
            SELECT fields, message, requested_at, resolved_at FROM correction_requests
            WHERE tenant_code = \(bind: member.tenant.value) AND application_id = \(bind: id) ORDER BY requested_at
            """
        ).all().map {
            (
                fields: try $0.decode(column: "fields", as: String.self).split(separator: ",").map(String.init),
                message: try $0.decode(column: "message", as: String.self),
                requestedAt: try $0.decode(column: "requested_at", as: Date.self),
                resolvedAt: try $0.decode(column: "resolved_at", as: Date?.self)
            )
        }
        let revisions = try await sql.raw(
            """
            SELECT revision, data, replaced_at FROM application_revisions
            WHERE tenant_code = \(bind: member.tenant.value) AND application_id = \(bind: id) ORDER BY revision
            """
        ).all().map {
            (
                revision: try $0.decode(column: "revision", as: Int.self),
                data: (try? FormDataCoding.decode(try $0.decode(column: "data", as: String.self))) ?? [:],
                replacedAt: try $0.decode(column: "replaced_at", as: Date.self)
            )
        }
        return ApplicationDetail(
            row: row, record: record, data: (try? FormDataCoding.decode(record.data)) ?? [:], history: history,
            notes: notes, corrections: corrections, revisions: revisions,
            reviewers: try await ApplicationWork.reviewers(of: id, on: sql),
            portal: record.channel == IntakeChannel.portal.rawValue
                ? try await portalDetail(id, tenant: member.tenant, on: sql) : nil)
    }

    /// The application's link to the portal, with the register's name or why it waits.
    static func portalDetail(
        _ id: UUID, tenant: LocalGovernmentCode, on sql: any SQLDatabase
    ) async throws -> PortalReceipts.Detail? {
        guard var detail = try await PortalReceipts.detail(of: id, tenant: tenant, on: sql) else { return nil }
        if let atena = detail.atenaNumber.flatMap(AtenaNumber.init) {
            detail.registerName = try await ResidentRegister.load(tenant: tenant, only: [atena], on: sql)[atena]?.name
        } else {
            detail.waitingReason = try await CertificateSerials.match(
                serial: detail.signerSerial, signedAt: detail.signedAt, tenant: tenant, on: sql
            ).reasonText
        }
        return detail
    }

    /// The fields whose answers differ between two versions of the answers (top level).
    static func changedFields(from old: FormData, to new: FormData) -> Set<String> {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }
    }
}
