import Foundation
import MadoguchiDomain
import Vapor

extension HandOffFileExport {
    /// What writing the files under their temp names gave.
    struct Written: Sendable {
        var dataTemp: URL
        var rows: Int
        var records: Int
        var bytes: Int
        var sha256: String
        /// CP932 targets: the substitution report (under its temp name) and its SHA-256.
        var reportTemp: URL?
        var reportSHA256: String?
        var substitutions: Int
    }

    /// How many applications are read and formatted at a time.
    static let pageSize = 500

    /// Writes the data file (and for CP932 the substitution report) under temp names, fsynced; on
    /// any problem writes nothing and lists them all.
    static func write(
        _ items: [HandOffQueue.Item], plan: Plan, facts: HandOffFileFacts, names: FileNames, app: Application
    ) async throws -> Written {
        let formatter = HandOffFormatter(layout: plan.layout, encoding: plan.encoding)
        var log = HandOffFormatter.Log()
        let dataTemp = DurableFile.temporary(for: names.data)
        let file = try DurableFile(creating: dataTemp)
        var records = 0
        var rowCount = 0
        var versions: [String: Procedure] = [:]
        do {
            for bytes in [formatter.headerRow(log: &log), formatter.fileRecord(.header, facts: facts, log: &log)] {
                guard let bytes else { continue }
                try file.write(bytes)
                records += 1
            }
            var start = 0
            while start < items.count {
                let page = items[start..<min(start + pageSize, items.count)]
                for row in try await rows(page, plan: plan, versions: &versions, app: app) {
                    let bytes = formatter.dataRecord(row, facts: facts, log: &log)
                    if log.problemCount == 0 { try file.write(bytes) }
                    rowCount += 1
                }
                start += pageSize
            }
            if let trailer = formatter.fileRecord(.trailer, facts: facts, log: &log) {
                try file.write(trailer)
                records += 1
            }
            guard log.problemCount == 0 else { throw Failure.problems(log.problems, count: log.problemCount) }
            guard rowCount == items.count else { throw Failure.cursorMoved }
            let sha256 = try file.finish()
            var written = Written(
                dataTemp: dataTemp, rows: rowCount, records: records + rowCount, bytes: file.byteCount, sha256: sha256,
                substitutions: log.substitutions.count)
            if plan.encoding == .cp932 {
                let reportTemp = DurableFile.temporary(for: names.report)
                let report = try DurableFile(creating: reportTemp)
                do {
                    try report.write(SubstitutionReport.csv(log.substitutions))
                    written.reportSHA256 = try report.finish()
                    written.reportTemp = reportTemp
                } catch {
                    report.discard()
                    throw error
                }
            }
            return written
        } catch {
            file.discard()
            throw error
        }
    }

    /// The manifest of a written file.
    static func manifest(
        _ plan: Plan, facts: HandOffFileFacts, names: FileNames, written: Written, first: HandOffQueue.Item,
        last: HandOffQueue.Item
    ) -> HandOffManifest {
        HandOffManifest(
            file: names.data.lastPathComponent, municipality: plan.key.tenant.value, procedure: plan.procedure.id,
            target: plan.key.target, layout: plan.layout.name, format: plan.layout.format.rawValue,
            encoding: plan.encoding.rawValue, recordTerminator: plan.layout.terminator.rawValue, rows: written.rows,
            records: written.records, bytes: written.bytes, sha256: written.sha256,
            cursor: .init(first: first.sequence, last: last.sequence), exportNumber: facts.exportNumber,
            resend: plan.resend != .none, createdAt: HandOffManifest.timestamp(facts.createdAt),
            substitutionReport: written.reportSHA256.map {
                .init(file: names.report.lastPathComponent, sha256: $0, substitutions: written.substitutions)
            },
            columns: HandOffManifest.columns(of: plan.layout))
    }
}
