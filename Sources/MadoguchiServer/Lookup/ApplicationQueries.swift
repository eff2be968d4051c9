import Fluent
import Foundation
import MadoguchiDomain

/// Reads applications — always within one municipality: no function here can return another's rows.
enum ApplicationQueries {
    struct StatusView: Sendable {
        var id: UUID
        var receiptNumber: ReceiptNumber
        var procedureID: String
        var procedureVersion: String
        var status: ApplicationStatus
        var submittedAt: Date
        var history: [(status: ApplicationStatus, at: Date, reason: String?)]
    }

    static func find(
        _ number: ReceiptNumber, tenant: LocalGovernmentCode, on db: any Database
    ) async throws
        -> ApplicationRecord?
    {
        try await ApplicationRecord.query(on: db)
            .filter(\.$tenantCode == tenant.value)
            .filter(\.$receiptNumber == number.description)
            .first()
    }

    static func status(
        _ number: ReceiptNumber, tenant: LocalGovernmentCode, on db: any Database
    ) async throws
        -> StatusView?
    {
        guard let record = try await find(number, tenant: tenant, on: db), let id = record.id else { return nil }
        let events = try await ApplicationEventRecord.query(on: db)
            .filter(\.$tenantCode == tenant.value)
            .filter(\.$applicationID == id)
            .sort(\.$occurredAt)
            .all()
        return StatusView(
            id: id, receiptNumber: number, procedureID: record.procedureID, procedureVersion: record.procedureVersion,
            status: ApplicationStatus(rawValue: record.status) ?? .received, submittedAt: record.submittedAt,
            history: events.map { (ApplicationStatus(rawValue: $0.toStatus) ?? .received, $0.occurredAt, $0.reason) })
    }

    static func count(tenant: LocalGovernmentCode, on db: any Database) async throws -> Int {
        try await ApplicationRecord.query(on: db).filter(\.$tenantCode == tenant.value).count()
    }
}
