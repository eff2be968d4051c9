import Foundation
import MadoguchiDomain
import SQLKit

/// 連携: the applications released to core systems (`handoff_queue`), numbered in the order they
/// were released. Every consumer (the pull API, CSV files, 方式4 exports) reads by that number as its
/// cursor: rows are written in the status change's transaction, through the single writer, so the
/// numbers become visible in order and a cursor never passes over one still to come.
enum HandOffQueue {
    /// Keeps the queue in step with a status change, in its transaction: a release adds the
    /// application at the end (an earlier release of it is dropped); the core system's
    /// acknowledgement is recorded on it.
    static func follow(
        _ change: StatusChange, row: ApplicationWork.Row, at now: Date, on sql: any SQLDatabase
    )
        async throws
    {
        switch change.to {
        case .awaitingHandOff:
            try await sql.raw("DELETE FROM handoff_queue WHERE application_id = \(bind: row.id)").run()
            try await sql.raw(
                """
                INSERT INTO handoff_queue (application_id, tenant_code, department, procedure_id, released_at, released_by)
                VALUES (\(bind: row.id), \(bind: row.tenant.value), \(bind: row.department), \(bind: row.procedureID), \
                \(bind: now), \(bind: change.actor))
                """
            ).run()
        case .handedOff:
            try await sql.raw(
                """
                UPDATE handoff_queue SET acknowledged_at = \(bind: now), acknowledged_by = \(bind: change.actor)
                WHERE application_id = \(bind: row.id)
                """
            ).run()
        default: break
        }
    }

    /// One released application, as the consumers read it.
    struct Item: Sendable {
        var sequence: Int64
        var applicationID: UUID
        var department: String
        var procedureID: String
        var releasedAt: Date
        var acknowledgedAt: Date?
    }

    /// The applications of `procedure` released after `cursor` in `departments`, in order, at most
    /// `limit`; `includeAcknowledged` also gives those the core system took already (a re-send).
    static func items(
        tenant: LocalGovernmentCode, procedure: String?, departments: Set<String>, after cursor: Int64, limit: Int,
        includeAcknowledged: Bool = false, on sql: any SQLDatabase
    ) async throws -> [Item] {
        guard !departments.isEmpty else { return [] }
        var query: SQLQueryString = """
            SELECT q.sequence, q.application_id, q.department, q.procedure_id, q.released_at, q.acknowledged_at
            FROM handoff_queue q JOIN applications a ON a.id = q.application_id
            WHERE q.tenant_code = \(bind: tenant.value) AND q.sequence > \(bind: cursor)
            AND q.department IN (\(binds: departments.sorted()))
            """
        if let procedure { query += " AND q.procedure_id = \(bind: procedure)" }
        query +=
            includeAcknowledged
            ? " AND a.status IN ('awaiting_handoff', 'handed_off')"
            : " AND a.status = 'awaiting_handoff'"
        query += " ORDER BY q.sequence LIMIT \(literal: limit)"
        return try await sql.raw(query).all().map { row in
            Item(
                sequence: try row.decode(column: "sequence", as: Int64.self),
                applicationID: try row.decode(column: "application_id", as: UUID.self),
                department: try row.decode(column: "department", as: String.self),
                procedureID: try row.decode(column: "procedure_id", as: String.self),
                releasedAt: try row.decode(column: "released_at", as: Date.self),
                acknowledgedAt: try row.decode(column: "acknowledged_at", as: Date?.self))
        }
    }
}
