import Fluent
import Foundation
import MadoguchiDomain
import SQLKit
import Vapor

extension HandOffFileExport {
    /// The queue items the export takes: after the cursor, or what a re-send asks for, in order.
    static func queued(_ plan: Plan, after position: Int64, on sql: any SQLDatabase) async throws -> [HandOffQueue.Item]
    {
        var after = position
        var through: Int64?
        var includeAcknowledged = false
        switch plan.resend {
        case .none: break
        case .again:
            guard let last = try await HandOffExportRecords.last(plan.key, on: sql) else {
                throw Failure.nothingToResend
            }
            after = last.firstSequence - 1
            through = last.lastSequence
            includeAcknowledged = true
        case .from(let first):
            after = max(0, first - 1)
            includeAcknowledged = true
        }
        // Every 課 the procedure's applications were released from: the command acts for the municipality.
        let departments = Set(
            try await sql.raw(
                """
                SELECT DISTINCT department FROM handoff_queue
                WHERE tenant_code = \(bind: plan.key.tenant.value) AND procedure_id = \(bind: plan.procedure.id)
                """
            ).all().map { try $0.decode(column: "department", as: String.self) })
        var items: [HandOffQueue.Item] = []
        while true {
            let page = try await HandOffQueue.items(
                tenant: plan.key.tenant, procedure: plan.procedure.id, departments: departments, after: after,
                limit: 1000, includeAcknowledged: includeAcknowledged, on: sql)
            let wanted = page.prefix { through == nil || $0.sequence <= through! }
            items += wanted
            guard wanted.count == page.count, page.count == 1000, let next = page.last else { break }
            after = next.sequence
        }
        return items
    }

    /// The applications of `items`, in their order, with their form versions and their 個人番号 opened.
    static func rows(
        _ items: ArraySlice<HandOffQueue.Item>, plan: Plan, versions: inout [String: Procedure], app: Application
    ) async throws -> [HandOffRow] {
        let tenant = plan.key.tenant.value
        // By id alone: with the municipality in the condition too, SQLite's planner walks the
        // municipality's whole index for a long IN list. The queue's items are the municipality's;
        // the check below keeps it so.
        let found = try await app.db.sql.raw(
            """
            SELECT id, tenant_code, receipt_number, procedure_version, data, submitted_at FROM applications
            WHERE id IN (\(binds: items.map(\.applicationID)))
            """
        ).all()
        var byID: [UUID: any SQLRow] = [:]
        for row in found where try row.decode(column: "tenant_code", as: String.self) == tenant {
            byID[try row.decode(column: "id", as: UUID.self)] = row
        }
        let services = app.madoguchi
        var rows: [HandOffRow] = []
        rows.reserveCapacity(items.count)
        for item in items {
            guard let row = byID[item.applicationID] else { continue }
            let version = try row.decode(column: "procedure_version", as: String.self)
            let procedure: Procedure
            if let known = versions[version] {
                procedure = known
            } else {
                procedure = try await ProcedureVersions.procedure(
                    plan.procedure.id, version: version, municipality: plan.municipality, catalog: services.catalog,
                    on: app.db)
                versions[version] = procedure
            }
            let text = try row.decode(column: "data", as: String.self)
            let sealed = try FormDataCoding.read(text) ?? FormDataCoding.decode(text)
            rows.append(
                HandOffRow(
                    receiptNumber: try row.decode(column: "receipt_number", as: String.self), sequence: item.sequence,
                    submittedAt: try row.decode(column: "submitted_at", as: Date.self), releasedAt: item.releasedAt,
                    procedure: procedure,
                    data: services.numberVault.openAll(sealed, procedure: procedure, tenant: tenant)))
        }
        return rows
    }
}
