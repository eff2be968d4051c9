import Foundation
import MadoguchiDomain
import SQLKit
import Vapor

extension HandOffAPIController {
    static let defaultLimit = 100
    static let maximumLimit = 500

    /// `GET /core/v1/procedures/{procedure}/applications?cursor=N&limit=M&include_acknowledged=…`:
    /// the applications of the procedure released for hand-off in the client's 課, after the cursor
    /// (the queue's sequence), in order, with their answers (個人番号 opened). Each application
    /// read is recorded in the audit log (one entry per application, its id as the target) before
    /// the page is answered.
    static func applications(_ req: Request) async throws -> Response {
        let client = try req.coreClient
        let services = req.madoguchi
        let municipality = try req.municipality
        let procedureID = req.parameters.get("procedure") ?? ""
        guard services.catalog.procedure(procedureID) != nil else { throw HandOffAPIError.procedureNotFound }
        let cursor = try number("cursor", in: req, default: 0, within: 0...Int64.max)
        let limit = Int(try number("limit", in: req, default: Int64(defaultLimit), within: 1...Int64(maximumLimit)))
        let includeAcknowledged = try flag("include_acknowledged", in: req)
        let sql = req.db.sql
        let queued = try await HandOffQueue.items(
            tenant: client.tenant, procedure: procedureID, departments: client.departments, after: cursor,
            limit: limit, includeAcknowledged: includeAcknowledged, on: sql)
        let records = try await applicationRows(queued.map(\.applicationID), tenant: client.tenant, on: sql)
        var procedures: [String: Procedure] = [:]
        var items: [HandOffAPIModels.Item] = []
        for entry in queued {
            guard let record = records[entry.applicationID] else { continue }
            let procedure: Procedure
            if let known = procedures[record.version] {
                procedure = known
            } else {
                procedure = try await ProcedureVersions.procedure(
                    entry.procedureID, version: record.version, municipality: municipality, catalog: services.catalog,
                    on: req.db)
                procedures[record.version] = procedure
            }
            let stored = (try? FormDataCoding.decode(record.data)) ?? [:]
            items.append(
                HandOffAPIModels.Item(
                    sequence: entry.sequence, applicationID: entry.applicationID, receiptNumber: record.receiptNumber,
                    procedureID: entry.procedureID, procedureVersion: record.version, department: entry.department,
                    channel: record.channel, status: record.status, receivedAt: record.receivedAt,
                    releasedAt: entry.releasedAt, acknowledgedAt: entry.acknowledgedAt,
                    answers: services.numberVault.openAll(stored, procedure: procedure, tenant: client.tenant.value)))
        }
        if !items.isEmpty {
            let now = services.clock.now()
            let read = items.map { ($0.applicationID, $0.sequence) }
            try await services.writer.transaction(on: req.db) { db in
                for (id, sequence) in read {
                    try await AuditLog.append(
                        .handOffRead, actor: client.recorded, target: id.uuidString,
                        detail: "procedure=\(procedureID);sequence=\(sequence)", tenant: client.tenant, at: now,
                        on: db.sql)
                }
            }
        }
        return try json(
            HandOffAPIModels.Page(
                items: items, nextCursor: queued.last?.sequence ?? cursor, hasMore: queued.count == limit))
    }

    /// What the pull reads of each application.
    struct ApplicationRow: Sendable {
        var receiptNumber: String
        var version: String
        var channel: String
        var status: String
        var receivedAt: Date
        var data: String
    }

    static func applicationRows(
        _ ids: [UUID], tenant: LocalGovernmentCode, on sql: any SQLDatabase
    ) async throws
        -> [UUID: ApplicationRow]
    {
        guard !ids.isEmpty else { return [:] }
        let rows = try await sql.raw(
            """
            SELECT id, receipt_number, procedure_version, channel, status, submitted_at, data FROM applications
            WHERE tenant_code = \(bind: tenant.value) AND id IN (\(binds: ids))
            """
        ).all()
        var found: [UUID: ApplicationRow] = [:]
        for row in rows {
            found[try row.decode(column: "id", as: UUID.self)] = ApplicationRow(
                receiptNumber: try row.decode(column: "receipt_number", as: String.self),
                version: try row.decode(column: "procedure_version", as: String.self),
                channel: try row.decode(column: "channel", as: String.self),
                status: try row.decode(column: "status", as: String.self),
                receivedAt: try row.decode(column: "submitted_at", as: Date.self),
                data: try row.decode(column: "data", as: String.self))
        }
        return found
    }

    /// A whole-number query parameter (digits only), `standard` when absent.
    static func number(
        _ name: String, in req: Request, default standard: Int64, within range: ClosedRange<Int64>
    ) throws -> Int64 {
        guard let text = req.query[String.self, at: name] else { return standard }
        guard text.utf8.count <= 19, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int64(text),
            range.contains(value)
        else { throw HandOffAPIError.invalidParameter(name) }
        return value
    }

    /// A `true`/`false` query parameter, false when absent.
    static func flag(_ name: String, in req: Request) throws -> Bool {
        switch req.query[String.self, at: name] {
        case nil, "false": false
        case "true": true
        default: throw HandOffAPIError.invalidParameter(name)
        }
    }
}
