import Fluent
import Foundation
import MadoguchiDomain
import SQLKit
import Vapor

/// Projects the applications stored before the inbox existed (or whose row is missing for any
/// reason): at start-up, in pages, through the writer. Nothing to do costs one indexed query.
enum InboxProjection {
    static func fillMissing(_ app: Application) async throws {
        let services = app.madoguchi
        let sql = app.db.sql
        while true {
            let rows = try await sql.raw(
                """
                SELECT a.id, a.tenant_code, a.receipt_number, a.procedure_id, a.procedure_version, a.channel, a.status, \
                a.data, a.submitted_at FROM applications a
                WHERE NOT EXISTS (SELECT 1 FROM inbox i WHERE i.application_id = a.id) LIMIT 500
                """
            ).all()
            guard !rows.isEmpty else { return }
            var rowsToWrite: [(NewApplicationRow, ApplicationStatus)] = []
            for row in rows {
                let tenantCode = try row.decode(column: "tenant_code", as: String.self)
                guard let tenant = LocalGovernmentCode(tenantCode),
                    let municipality = services.municipalities.municipality(code: tenant),
                    let number = ReceiptNumber(try row.decode(column: "receipt_number", as: String.self))
                else { continue }
                let procedureID = try row.decode(column: "procedure_id", as: String.self)
                let version = try row.decode(column: "procedure_version", as: String.self)
                let submittedAt = try row.decode(column: "submitted_at", as: Date.self)
                let data = (try? FormDataCoding.decode(try row.decode(column: "data", as: String.self))) ?? [:]
                let procedure = try? await ProcedureVersions.procedure(
                    procedureID, version: version, municipality: municipality, catalog: services.catalog, on: app.db)
                let received = JapanCalendar.civilDate(of: submittedAt)
                let fields =
                    procedure.map {
                        InboxFields.make(procedure: $0, data: data, received: received, openDays: municipality.openDays)
                    }
                    ?? InboxFields(
                        department: "", applicantName: nil, nameKey: nil, kanaKey: nil, birthDate: nil, phone: nil,
                        dueDate: received.iso)
                let pending = PendingApplication(
                    tenant: tenant, procedureID: procedureID, procedureVersion: version,
                    channel: IntakeChannel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .web,
                    encodedData: "", idempotencyKey: nil, requestDigest: "", submittedAt: submittedAt,
                    receiptYear: number.year, inbox: fields)
                let status = ApplicationStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .received
                rowsToWrite.append(
                    (
                        NewApplicationRow(
                            id: try row.decode(column: "id", as: UUID.self), receiptNumber: number, application: pending
                        ), status
                    ))
            }
            guard !rowsToWrite.isEmpty else { return }
            let projected = rowsToWrite
            try await services.writer.transaction(on: app.db) { db in
                let sql = db.sql
                try await sql.raw(ApplicationRows.inboxInsert(projected.map(\.0))).run()
                try await sql.raw(ApplicationRows.countIncrement(projected.map(\.0))).run()
                // Those no longer 受付 are moved to their status, in the row and in the counts.
                for (row, status) in projected where status != .received {
                    try await sql.raw(
                        "UPDATE inbox SET status = \(bind: status.rawValue) WHERE application_id = \(bind: row.id)"
                    ).run()
                    try await sql.raw(
                        """
                        UPDATE inbox_counts SET count = count - 1 WHERE tenant_code = \(bind: row.application.tenant.value)
                        AND department = \(bind: row.application.inbox.department) AND status = 'received'
                        """
                    ).run()
                    try await sql.raw(
                        """
                        INSERT INTO inbox_counts (tenant_code, department, status, count) VALUES \
                        (\(bind: row.application.tenant.value), \(bind: row.application.inbox.department), \(bind: status.rawValue), 1)
                        ON CONFLICT (tenant_code, department, status) DO UPDATE SET count = inbox_counts.count + 1
                        """
                    ).run()
                }
            }
            if rows.count < 500 { return }
        }
    }
}
