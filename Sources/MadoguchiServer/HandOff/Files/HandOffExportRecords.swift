import Foundation
import MadoguchiDomain
import SQLKit

/// The cursors (`handoff_cursors`) and the record of every file written (`handoff_exports`).
enum HandOffExportRecords {
    /// Which consumer of which procedure's queue, at which municipality.
    struct Key: Sendable {
        var tenant: LocalGovernmentCode
        var procedureID: String
        var target: String
    }

    /// One file written, as recorded.
    struct Export: Sendable {
        var id: UUID
        var number: Int
        var folder: String
        var fileName: String
        var reportName: String?
        var firstSequence: Int64
        var lastSequence: Int64
        var sha256: String
        var manifest: String
    }

    /// The last queue position the target was sent (0 before its first file).
    static func position(_ key: Key, lock: Bool = false, on sql: any SQLDatabase) async throws -> Int64 {
        let forUpdate: SQLQueryString = lock && sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        return try await sql.raw(
            """
            SELECT position FROM handoff_cursors WHERE tenant_code = \(bind: key.tenant.value) \
            AND procedure_id = \(bind: key.procedureID) AND target = \(bind: key.target)\(forUpdate)
            """
        ).first()?.decode(column: "position", as: Int64.self) ?? 0
    }

    /// The number the target's next file takes.
    static func nextNumber(_ key: Key, on sql: any SQLDatabase) async throws -> Int {
        let last = try await sql.raw(
            """
            SELECT MAX(number) AS n FROM handoff_exports WHERE tenant_code = \(bind: key.tenant.value) \
            AND procedure_id = \(bind: key.procedureID) AND target = \(bind: key.target)
            """
        ).first()?.decode(column: "n", as: Int?.self)
        return (last ?? 0) + 1
    }

    static let columns: SQLQueryString =
        "id, number, folder, file_name, report_name, first_sequence, last_sequence, sha256, manifest"

    static func decode(_ row: any SQLRow) throws -> Export {
        Export(
            id: try row.decode(column: "id", as: UUID.self), number: try row.decode(column: "number", as: Int.self),
            folder: try row.decode(column: "folder", as: String.self),
            fileName: try row.decode(column: "file_name", as: String.self),
            reportName: try row.decode(column: "report_name", as: String?.self),
            firstSequence: try row.decode(column: "first_sequence", as: Int64.self),
            lastSequence: try row.decode(column: "last_sequence", as: Int64.self),
            sha256: try row.decode(column: "sha256", as: String.self),
            manifest: try row.decode(column: "manifest", as: String.self))
    }

    /// The target's files committed but not yet published (a crash came between), oldest first.
    static func unpublished(_ key: Key, on sql: any SQLDatabase) async throws -> [Export] {
        try await sql.raw(
            """
            SELECT \(columns) FROM handoff_exports WHERE tenant_code = \(bind: key.tenant.value) \
            AND procedure_id = \(bind: key.procedureID) AND target = \(bind: key.target) \
            AND published_at IS NULL AND abandoned_at IS NULL ORDER BY number
            """
        ).all().map(decode)
    }

    /// The target's last file (for `--again`), abandoned ones aside.
    static func last(_ key: Key, on sql: any SQLDatabase) async throws -> Export? {
        try await sql.raw(
            """
            SELECT \(columns) FROM handoff_exports WHERE tenant_code = \(bind: key.tenant.value) \
            AND procedure_id = \(bind: key.procedureID) AND target = \(bind: key.target) \
            AND abandoned_at IS NULL ORDER BY number DESC LIMIT 1
            """
        ).first().map(decode)
    }

    static func markPublished(_ id: UUID, at now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE handoff_exports SET published_at = \(bind: now) WHERE id = \(bind: id)").run()
    }

    static func markAbandoned(_ id: UUID, at now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE handoff_exports SET abandoned_at = \(bind: now) WHERE id = \(bind: id)").run()
    }

    /// Moves the cursor to `position` (never back).
    static func advance(_ key: Key, to position: Int64, at now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO handoff_cursors (tenant_code, procedure_id, target, position, updated_at)
            VALUES (\(bind: key.tenant.value), \(bind: key.procedureID), \(bind: key.target), \(bind: position), \(bind: now))
            ON CONFLICT (tenant_code, procedure_id, target) DO UPDATE SET
            position = CASE WHEN excluded.position > handoff_cursors.position THEN excluded.position
            ELSE handoff_cursors.position END, updated_at = excluded.updated_at
            """
        ).run()
    }
}
