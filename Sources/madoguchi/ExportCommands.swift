import ArgumentParser
import Foundation
import MadoguchiDomain
import MadoguchiServer

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Write the applications released to a core system into a file (CSV or fixed-length), with a manifest.",
        discussion: """
            Takes the procedure's applications released (連携待ち) since the target's cursor, writes them in the \
            layout (Catalog/handoff/<procedure>.yaml, or the one generated from the catalog), and moves the cursor: \
            a second run writes only what was released since. See docs/handoff-files.md.
            """)

    @ArgumentParser.Option(help: "The procedure id.") var procedure: String
    @ArgumentParser.Option(help: "csv or fixed (default: the layout's; csv without --layout).") var format: String?
    @ArgumentParser.Option(help: "utf-8 or cp932 (default: the layout's).") var encoding: String?
    @ArgumentParser.Option(help: "The municipality's 団体コード (default: the deployment's default).")
    var municipality: String?
    @ArgumentParser.Option(help: "The folder to write into (default: MADOGUCHI_HANDOFF_DIR/<団体コード>).")
    var out: String?
    @ArgumentParser.Option(help: "A layout of the procedure by name (default: its first of the format).")
    var layout: String?
    @ArgumentParser.Option(help: "The consumer whose cursor moves (default: <layout>-<encoding>).") var target: String?
    @ArgumentParser.Flag(help: "Send the target's last file again.") var again = false
    @ArgumentParser.Option(help: "Send everything from this hand-off queue position on again.") var from: Int64?

    func validate() throws {
        if let format, HandOffLayout.Format(rawValue: format) == nil { throw ValidationError("--format: csv or fixed") }
        if let encoding, HandOffLayout.Encoding(rawValue: encoding) == nil {
            throw ValidationError("--encoding: utf-8 or cp932")
        }
        if again && from != nil { throw ValidationError("--again or --from, not both") }
        if let from, from < 1 { throw ValidationError("--from: a queue position from 1") }
    }

    func run() async throws {
        try await withApplication(arguments: []) { app in
            try await prepareDatabase(app)
            let code = municipality.flatMap { LocalGovernmentCode($0) } ?? app.madoguchi.municipalities.defaultCode
            let folder =
                out.map { URL(fileURLWithPath: $0, isDirectory: true) }
                ?? code.map { HandOffFiles.folder(for: $0, config: app.madoguchi.config) }
                ?? URL(fileURLWithPath: ".", isDirectory: true)
            let request = HandOffFileExport.Request(
                procedureID: procedure, municipality: municipality, format: format.flatMap(HandOffLayout.Format.init),
                layout: layout, encoding: encoding.flatMap(HandOffLayout.Encoding.init), target: target, folder: folder,
                resend: again ? .again : from.map { .from($0) } ?? .none, actor: commandLineActor())
            do {
                let outcome = try await HandOffFileExport.run(request, app: app)
                for line in ExportReport.lines(outcome) { print(line) }
            } catch let failure as HandOffFileExport.Failure {
                FileHandle.standardError.write(Data("madoguchi export: \(failure)\n".utf8))
                throw ExitCode(failure.exitCode)
            }
        }
    }
}

struct HandOffFilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handoff-files",
        abstract: "Export every procedure with applications waiting into MADOGUCHI_HANDOFF_DIR (for cron).",
        discussion: """
            One CSV file (with its manifest) per procedure that has applications released since its cursor, in a \
            folder per municipality. Exit status 1 when any procedure failed (the others are still written).
            """)

    @ArgumentParser.Option(help: "Only this municipality's 団体コード.") var municipality: String?
    @ArgumentParser.Option(help: "Use this layout where a procedure has one of that name (else its CSV).")
    var layout: String?
    @ArgumentParser.Option(help: "utf-8 or cp932 (default: the layout's).") var encoding: String?

    func validate() throws {
        if let encoding, HandOffLayout.Encoding(rawValue: encoding) == nil {
            throw ValidationError("--encoding: utf-8 or cp932")
        }
    }

    func run() async throws {
        try await withApplication(arguments: []) { app in
            try await prepareDatabase(app)
            let lines = try await HandOffFiles.run(
                municipality: municipality, layout: layout, encoding: encoding.flatMap(HandOffLayout.Encoding.init),
                actor: commandLineActor(), app: app)
            var failed = false
            for line in lines {
                switch line.result {
                case .success(let outcome):
                    for text in ExportReport.lines(outcome) { print("\(line.municipality) \(line.procedure): \(text)") }
                case .failure(let error):
                    failed = true
                    FileHandle.standardError.write(Data("\(line.municipality) \(line.procedure): \(error)\n".utf8))
                }
            }
            if lines.isEmpty { print("nothing waiting") }
            if failed { throw ExitCode(1) }
        }
    }
}

/// The audit log's actor for a command run by hand or by cron: the operating system's user.
func commandLineActor() -> String {
    "cli:" + ProcessInfo.processInfo.userName
}

enum ExportReport {
    static func lines(_ outcome: HandOffFileExport.Outcome) -> [String] {
        var lines = outcome.recovered.map { "published \($0) (written before an interruption)" }
        guard let file = outcome.file, let first = outcome.firstSequence, let last = outcome.lastSequence else {
            return lines + ["nothing to export for \(outcome.target)"]
        }
        lines.append("exported \(outcome.rows) applications (queue \(first)–\(last)) to \(file.path)")
        if let manifest = outcome.manifest { lines.append("manifest: \(manifest.path)") }
        if let report = outcome.report { lines.append("\(outcome.substitutions) substitutions: \(report.path)") }
        return lines
    }
}
