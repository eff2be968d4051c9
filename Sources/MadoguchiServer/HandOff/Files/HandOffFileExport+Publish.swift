import Foundation
import MadoguchiDomain
import SQLKit
import Vapor

extension HandOffFileExport {
    /// Records the export, moves the cursor and appends the audit entry, in one transaction through
    /// the single writer. A normal run expects the cursor where it found it: another run that
    /// committed meanwhile makes this one write nothing.
    static func commit(
        _ plan: Plan, number: Int, names: FileNames, written: Written, manifest: HandOffManifest, first: Int64,
        last: Int64, expected: Int64, app: Application
    ) async throws -> HandOffExportRecords.Export {
        let services = app.madoguchi
        let now = services.clock.now()
        let export = HandOffExportRecords.Export(
            id: UUID.timeOrdered(at: now), number: number, folder: plan.folder.path,
            fileName: names.data.lastPathComponent,
            reportName: written.reportTemp == nil ? nil : names.report.lastPathComponent, firstSequence: first,
            lastSequence: last, sha256: written.sha256, manifest: String(decoding: manifest.json(), as: UTF8.self))
        let key = plan.key
        try await services.writer.transaction(on: app.db) { db in
            let sql = db.sql
            let position = try await HandOffExportRecords.position(key, lock: true, on: sql)
            if plan.resend == .none, position != expected { throw Failure.cursorMoved }
            try await sql.raw(
                """
                INSERT INTO handoff_exports (id, tenant_code, procedure_id, target, number, layout, format, encoding,
                folder, file_name, report_name, rows, first_sequence, last_sequence, sha256, resend, manifest,
                created_at, created_by)
                VALUES (\(bind: export.id), \(bind: key.tenant.value), \(bind: key.procedureID), \(bind: key.target), \
                \(bind: number), \(bind: plan.layout.name), \(bind: plan.layout.format.rawValue), \
                \(bind: plan.encoding.rawValue), \(bind: export.folder), \(bind: export.fileName), \
                \(bind: export.reportName), \(bind: written.rows), \(bind: first), \(bind: last), \
                \(bind: written.sha256), \(bind: plan.resend != .none), \(bind: export.manifest), \(bind: now), \
                \(bind: plan.actor))
                """
            ).run()
            try await HandOffExportRecords.advance(key, to: last, at: now, on: sql)
            // Who exported what, never the data: procedure, target, how many, which queue positions.
            try await AuditLog.append(
                .handOffExported, actor: plan.actor, target: "\(key.procedureID)/\(key.target)",
                detail:
                    "export=\(number);layout=\(plan.layout.name);format=\(plan.layout.format.rawValue);"
                    + "encoding=\(plan.encoding.rawValue);rows=\(written.rows);from=\(first);to=\(last);"
                    + "resend=\(plan.resend != .none);substitutions=\(written.substitutions)",
                tenant: key.tenant, at: now, on: sql)
        }
        return export
    }

    /// Gives a committed export's files their final names (the report, then the data file, each
    /// checked against what was recorded), writes its manifest atomically and marks it published.
    /// Files that are gone (and no manifest written) abandon it: `Failure.missingFiles`.
    static func publish(_ plan: Plan, export: HandOffExportRecords.Export, app: Application) async throws {
        let folder = URL(fileURLWithPath: export.folder, isDirectory: true)
        let data = folder.appendingPathComponent(export.fileName)
        let manifest = folder.appendingPathComponent(
            data.deletingPathExtension().lastPathComponent + ".manifest.json")
        let writer = app.madoguchi.writer
        let now = app.madoguchi.clock.now()
        if let reportName = export.reportName {
            let report = folder.appendingPathComponent(reportName)
            let temp = DurableFile.temporary(for: report)
            if FileManager.default.fileExists(atPath: temp.path) { try DurableFile.rename(temp, to: report) }
        }
        let temp = DurableFile.temporary(for: data)
        if DurableFile.sha256(of: temp) == export.sha256 {
            try DurableFile.rename(temp, to: data)
        } else if DurableFile.sha256(of: data) != export.sha256 {
            let published = FileManager.default.fileExists(atPath: manifest.path)
            try await writer.transaction(on: app.db) { db in
                if published {
                    try await HandOffExportRecords.markPublished(export.id, at: now, on: db.sql)
                } else {
                    try await HandOffExportRecords.markAbandoned(export.id, at: now, on: db.sql)
                }
            }
            if published { return }
            throw Failure.missingFiles(
                number: export.number, folder: export.folder, first: export.firstSequence, last: export.lastSequence)
        }
        try DurableFile.writeAtomically(Array(export.manifest.utf8), to: manifest)
        try await writer.transaction(on: app.db) { db in
            try await HandOffExportRecords.markPublished(export.id, at: now, on: db.sql)
        }
    }

    /// Publishes the target's exports that a crash left committed but not published; their data
    /// files' names.
    static func publishCommitted(_ plan: Plan, app: Application) async throws -> [String] {
        var published: [String] = []
        for export in try await HandOffExportRecords.unpublished(plan.key, on: app.db.sql) {
            try await publish(plan, export: export, app: app)
            published.append(export.fileName)
        }
        return published
    }
}
