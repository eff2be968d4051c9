import Foundation
import MadoguchiDomain
import Vapor

/// Files for core systems (`madoguchi export`, `madoguchi handoff-files`): the applications of one
/// procedure released since the target's cursor, written in a layout (CSV or fixed-length, UTF-8
/// or CP932) into a folder, with a manifest.
///
/// The order makes a crash harmless: the data file (and the substitution report) are written
/// under temp names and fsynced; then one transaction records the export, moves the cursor and
/// appends the audit entry; only then are the files renamed to their final names and the manifest
/// written (atomically), and the export marked published. A crash before the commit leaves temp
/// files only (removed by the next run, which writes the same rows under the same names); a crash
/// after it leaves an export the next run publishes before anything else. So no file is ever
/// under its final name half-written or without its rows counted, the cursor never passes rows
/// not written, and a reader that takes a file once its manifest is there sees each row once.
public enum HandOffFileExport {
    public enum Resend: Sendable, Equatable {
        /// What was released since the cursor.
        case none
        /// The target's last file again (its rows, acknowledged ones too).
        case again
        /// Everything from this queue position on (acknowledged ones too); the cursor moves on to
        /// the last of them if it was before.
        case from(Int64)
    }

    public struct Request: Sendable {
        public var procedureID: String
        /// 団体コード; nil: the deployment's default municipality.
        public var municipality: String?
        public var format: HandOffLayout.Format?
        public var layout: String?
        /// nil: the layout's.
        public var encoding: HandOffLayout.Encoding?
        /// The consumer whose cursor moves; nil: `<layout>-<encoding>`.
        public var target: String?
        public var folder: URL
        public var resend: Resend
        /// Who asked (the audit log's actor).
        public var actor: String

        public init(
            procedureID: String, municipality: String? = nil, format: HandOffLayout.Format? = nil,
            layout: String? = nil, encoding: HandOffLayout.Encoding? = nil, target: String? = nil, folder: URL,
            resend: Resend = .none, actor: String
        ) {
            self.procedureID = procedureID
            self.municipality = municipality
            self.format = format
            self.layout = layout
            self.encoding = encoding
            self.target = target
            self.folder = folder
            self.resend = resend
            self.actor = actor
        }
    }

    public struct Outcome: Sendable {
        public var target: String
        /// Data records written (0: nothing was waiting, and no file was written).
        public var rows = 0
        public var exportNumber: Int?
        public var firstSequence: Int64?
        public var lastSequence: Int64?
        public var file: URL?
        public var manifest: URL?
        public var report: URL?
        public var substitutions = 0
        /// Files of earlier runs that were committed but not yet published, published now.
        public var recovered: [String] = []
    }

    /// Failures injected between the steps, for the crash tests.
    struct Faults: Sendable {
        var beforeCommit: (@Sendable () throws -> Void)?
        var beforePublish: (@Sendable () throws -> Void)?
    }

    /// What an export works with, once the request is understood.
    struct Plan: Sendable {
        var key: HandOffExportRecords.Key
        var municipality: Municipality
        var procedure: Procedure
        var layout: HandOffLayout
        var encoding: HandOffLayout.Encoding
        var folder: URL
        var resend: Resend
        var actor: String
    }

    public static func run(_ request: Request, app: Application) async throws -> Outcome {
        try await run(request, app: app, faults: Faults())
    }

    static func run(_ request: Request, app: Application, faults: Faults) async throws -> Outcome {
        let plan = try plan(request, services: app.madoguchi)
        try FileManager.default.createDirectory(at: plan.folder, withIntermediateDirectories: true)
        guard let lock = try FolderLock(folder: plan.folder) else { throw Failure.busy(plan.folder.path) }
        defer { withExtendedLifetime(lock) {} }
        let sql = app.db.sql
        var outcome = Outcome(target: plan.key.target)
        outcome.recovered = try await publishCommitted(plan, app: app)
        removeTemporaries(plan)

        let position = try await HandOffExportRecords.position(plan.key, on: sql)
        let items = try await queued(plan, after: position, on: sql)
        guard let first = items.first, let last = items.last else { return outcome }
        let number = try await HandOffExportRecords.nextNumber(plan.key, on: sql)
        let names = FileNames(plan: plan, number: number)
        let facts = HandOffFileFacts(
            municipality: plan.key.tenant.value, procedureID: plan.procedure.id,
            createdAt: app.madoguchi.clock.now(), recordCount: items.count, exportNumber: number)
        let written = try await write(items, plan: plan, facts: facts, names: names, app: app)
        let export: HandOffExportRecords.Export
        do {
            let manifest = manifest(plan, facts: facts, names: names, written: written, first: first, last: last)
            try faults.beforeCommit?()
            export = try await commit(
                plan, number: number, names: names, written: written, manifest: manifest, first: first.sequence,
                last: last.sequence, expected: position, app: app)
        } catch {
            for temp in [written.dataTemp, written.reportTemp].compactMap({ $0 }) { unlink(temp.path) }
            throw error
        }
        try faults.beforePublish?()
        try await publish(plan, export: export, app: app)
        outcome.rows = items.count
        outcome.exportNumber = number
        outcome.firstSequence = first.sequence
        outcome.lastSequence = last.sequence
        outcome.file = names.data
        outcome.manifest = names.manifest
        outcome.report = written.reportTemp == nil ? nil : names.report
        outcome.substitutions = written.substitutions
        return outcome
    }

    /// The request checked against the deployment: municipality, procedure, layout, encoding, target.
    static func plan(_ request: Request, services: MadoguchiServices) throws -> Plan {
        let directory = services.municipalities
        let code = request.municipality.map { LocalGovernmentCode($0) } ?? directory.defaultCode
        guard let code, let municipality = directory.municipality(code: code) else {
            throw Failure.unknownMunicipality(request.municipality ?? "")
        }
        guard let procedure = services.catalog.procedure(request.procedureID) else {
            throw Failure.unknownProcedure(request.procedureID)
        }
        let layout: HandOffLayout
        switch services.handOffLayouts.layout(named: request.layout, format: request.format, for: procedure) {
        case .success(let chosen): layout = chosen
        case .failure(let choice): throw Failure.layout(choice)
        }
        let encoding = request.encoding ?? layout.encoding
        if layout.format == .fixed && encoding != .cp932 { throw Failure.fixedNeedsCP932 }
        let target = request.target ?? "\(layout.name)-\(encoding.rawValue)"
        guard HandOffLayout.isName(target) else { throw Failure.badTarget(target) }
        return Plan(
            key: .init(tenant: municipality.code, procedureID: procedure.id, target: target),
            municipality: municipality, procedure: procedure, layout: layout, encoding: encoding,
            folder: request.folder.standardizedFileURL, resend: request.resend, actor: request.actor)
    }

    /// The names of one export's files.
    struct FileNames: Sendable {
        var base: String
        var data: URL
        var report: URL
        var manifest: URL

        init(plan: Plan, number: Int) {
            base = "\(plan.key.tenant.value)_\(plan.key.procedureID)_\(plan.key.target)_\(number.zeroPadded(6))"
            data = plan.folder.appendingPathComponent(base + (plan.layout.format == .csv ? ".csv" : ".dat"))
            report = plan.folder.appendingPathComponent(base + ".substitutions.csv")
            manifest = plan.folder.appendingPathComponent(base + ".manifest.json")
        }
    }

    /// Temp files a crash left before its commit: the target's hidden `.….tmp` files.
    static func removeTemporaries(_ plan: Plan) {
        let prefix = ".\(plan.key.tenant.value)_\(plan.key.procedureID)_\(plan.key.target)_"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: plan.folder.path)) ?? []
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            unlink(plan.folder.appendingPathComponent(name).path)
        }
    }
}
