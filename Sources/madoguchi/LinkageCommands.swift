import ArgumentParser
import Foundation
import MadoguchiDomain
import MadoguchiServer
import Vapor

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import packages saved from マイナポータル (ZIP files, or folders of them) into the inbox.",
        discussion: "Each package is taken in once, by its portal 受付番号; the others go to quarantine with a reason.")

    @ArgumentParser.Option(help: "The municipality's 団体コード (default: the deployment's default).")
    var municipality: String?
    @ArgumentParser.Argument(help: "Package files or folders.") var paths: [String]

    func run() async throws {
        try await withApplication(arguments: []) { app in
            try await prepareDatabase(app)
            let files = PortalImportBatch.files(paths)
            let bar = ProgressBar(total: files.count)
            let summary = try await PortalImportBatch.run(files, municipality: municipality, app: app) { done in
                bar.show(done)
            }
            bar.finish()
            for line in summary.lines { print(line) }
        }
    }
}

struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Poll マイナポータル once for the default municipality (MADOGUCHI_PORTAL_URL) and import what arrived.")

    func run() async throws {
        try await withApplication(arguments: []) { app in
            try await prepareDatabase(app)
            guard let summary = try await PortalPull.once(app) else {
                print("another server is polling now")
                return
            }
            for line in summary.lines { print(line) }
        }
    }
}

struct RegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register", abstract: "The resident register extract and certificate serial numbers (紐付).",
        subcommands: [Residents.self, Serials.self])

    struct Options: ParsableArguments {
        @ArgumentParser.Option(help: "The municipality's 団体コード (default: the deployment's default).")
        var municipality: String?
        @ArgumentParser.Option(help: "full or incremental (default: incremental if the file has a 区分 column).")
        var kind: String?
        @ArgumentParser.Option(help: "auto, utf-8 or cp932.") var encoding = "auto"
        @ArgumentParser.Argument(help: "The CSV file.") var file: String
    }

    struct Residents: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a 住民記録 extract (宛名番号, 氏名, フリガナ, 生年月日, 性別, 住所, 世帯番号[, 区分]).")
        @OptionGroup var options: Options
        @ArgumentParser.Option(help: "The day the extract is as of (default: today).") var asOf: String?

        func run() async throws {
            try await withApplication(arguments: []) { app in
                try await prepareDatabase(app)
                let lines = try await RegisterCommands.importResidents(
                    file: options.file, municipality: options.municipality, kind: options.kind, asOf: asOf,
                    encoding: options.encoding, app: app)
                for line in lines { print(line) }
            }
        }
    }

    struct Serials: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import certificate serial numbers (宛名番号, シリアル番号, 有効開始日時, 有効終了日時, 失効日時[, 区分]).")
        @OptionGroup var options: Options

        func run() async throws {
            try await withApplication(arguments: []) { app in
                try await prepareDatabase(app)
                let lines = try await RegisterCommands.importSerials(
                    file: options.file, municipality: options.municipality, kind: options.kind,
                    encoding: options.encoding, app: app)
                for line in lines { print(line) }
            }
        }
    }
}

struct DemoPackagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-packages",
        abstract: "Write sample マイナポータル packages, their demo CA and a matching register to a folder.")

    @ArgumentParser.Option(help: "How many packages.") var count = 100
    @ArgumentParser.Option(help: "The folder to write to.") var out: String
    @ArgumentParser.Option(help: "The start of each package's portal 受付番号.") var prefix = "DEMO"

    func run() async throws {
        try await withApplication(arguments: []) { app in
            let bar = ProgressBar(total: count)
            try await DemoPackageFolder.write(
                count: count, to: URL(fileURLWithPath: out), prefix: prefix, app: app
            ) { bar.show($0) }
            bar.finish()
            print("wrote \(count) packages to \(out) (trust anchors: \(out)/trust-anchors.pem)")
        }
    }
}

struct ImportCeilingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-import-ceiling", abstract: "For scripts/bench: insert the rows of one package COUNT times.",
        shouldDisplay: false)

    @ArgumentParser.Option(help: "How many copies.") var count = 100_000
    @ArgumentParser.Argument(help: "The folder of packages (its first is copied).") var packages: String

    func run() async throws {
        try await withApplication(arguments: []) { app in
            try await prepareDatabase(app)
            let seconds = try await ImportCeiling.run(count: count, packages: URL(fileURLWithPath: packages), app: app)
            print("inserted \(count) rows in \(String(format: "%.2f", seconds)) s")
        }
    }
}

/// A progress bar on the terminal (standard error), or a line per tenth when it is not a terminal.
struct ProgressBar: Sendable {
    let total: Int
    let isTerminal = isatty(STDERR_FILENO) == 1

    func show(_ done: Int) {
        guard total > 0 else { return }
        if isTerminal {
            let filled = done * 30 / total
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total)".utf8))
        } else if done == total || done % max(total / 10, 1) == 0 {
            FileHandle.standardError.write(Data("\(done)/\(total)\n".utf8))
        }
    }

    func finish() {
        if isTerminal && total > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
