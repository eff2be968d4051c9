import ArgumentParser
import Foundation
import MadoguchiDomain
import MadoguchiServer
import Vapor

/// The `madoguchi` command: argument parsing only; everything else lives in the libraries.
struct Madoguchi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Madoguchi — online applications for Japanese municipalities.",
        subcommands: [
            Serve.self, Migrate.self, CatalogCommand.self, DemoDataCommand.self, SweepAttachments.self,
            CalendarCommand.self, StaffCommand.self, AuditCommand.self, KeysCommand.self, ImportCommand.self,
            PullCommand.self, RegisterCommand.self, DemoPackagesCommand.self, ImportCeilingCommand.self,
            CoreClientCommand.self,
            ExportCommand.self, HandOffFilesCommand.self,
        ])
}

struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "The calendar the server reckons with.", subcommands: [Holidays.self])

    struct Holidays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the public holidays (国民の祝日, 振替休日, 国民の休日) of the years given: DATE NAME per line.")

        @ArgumentParser.Argument(help: "The first year.") var from: Int
        @ArgumentParser.Argument(help: "The last year (default: the first).") var to: Int?

        func validate() throws {
            guard (1949...2099).contains(from), (from...2099).contains(to ?? from) else {
                throw ValidationError("years from 1949 to 2099, the first not after the last")
            }
        }

        func run() async throws {
            var day = CivilDate(from, 1, 1)!
            let end = CivilDate(to ?? from, 12, 31)!
            while day <= end {
                if let name = JapaneseHolidays.name(of: day) { print(day.iso, name) }
                day = day.adding(days: 1)
            }
        }
    }
}

struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Staff accounts.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a staff account and print its one-time password (set at the first sign-in).")

        @ArgumentParser.Option(help: "The municipality's 団体コード (6 digits).") var municipality: String
        @ArgumentParser.Option(help: "The login name.") var login: String
        @ArgumentParser.Option(help: "The person's name (氏名).") var name: String
        @ArgumentParser.Option(help: "counter, case_worker, approver, admin or auditor (repeat for several).")
        var role: [String]
        @ArgumentParser.Option(help: "A 課 of the municipality (repeat for several).") var department: [String] = []

        func run() async throws {
            try await withApplication(arguments: []) { app in
                try await prepareDatabase(app)
                do {
                    let password = try await StaffCommands.add(
                        municipality: municipality, login: login, name: name, roles: role, departments: department,
                        app: app)
                    print("created \(login); one-time password: \(password)")
                    print("(shown once: the person sets their own password and authenticator at the first sign-in)")
                } catch let failure as StaffCommands.Failure {
                    FileHandle.standardError.write(Data("madoguchi staff add: \(failure)\n".utf8))
                    throw ExitCode(65)
                }
            }
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every municipality's hash chain; name the first broken link (exit 1 if any).")

        func run() async throws {
            try await withApplication(arguments: []) { app in
                try await prepareDatabase(app)
                let (lines, intact) = try await StaffCommands.verifyAudit(app: app)
                for line in lines { print(line) }
                if !intact { throw ExitCode(1) }
            }
        }
    }
}

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "The keys that seal 個人番号 at rest.", subcommands: [Rotate.self, Generate.self])

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Re-seal every application's 個人番号 under the current (last) key; stopped part-way, run it again.")

        func run() async throws {
            try await withApplication(arguments: []) { app in
                try await prepareDatabase(app)
                let (key, count) = try await KeyCommands.rotate(app: app) { done in print("… \(done)") }
                print("\(count) applications re-sealed under key \(key)")
            }
        }
    }

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a new key line (ID KEY) to append to the keys file; the last line seals.")

        @ArgumentParser.Argument(help: "The new key's id (no spaces or colons).") var id: String

        func run() async throws {
            print(KeyCommands.generate(id: id))
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Migrate the database if needed and serve the portal.")

    @ArgumentParser.Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @ArgumentParser.Option(help: "Port to listen on.") var port = 8080

    func run() async throws {
        try await withApplication(arguments: ["serve", "--hostname", hostname, "--port", String(port)]) { app in
            try await prepareDatabase(app)
            try await app.execute()
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.")

    func run() async throws {
        try await withApplication(arguments: []) { app in
            try await prepareDatabase(app)
            print("migrated")
        }
    }
}

struct DemoDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data", abstract: "Create sample applications in the default municipality.")

    @ArgumentParser.Option(help: "How many applications to create.") var count = 56
    @ArgumentParser.Flag(help: "Spread them over every status afterwards (a busy inbox, for demos and benchmarks).")
    var spreadStatuses = false

    func run() async throws {
        try await withApplication(arguments: []) { app in
            try await prepareDatabase(app)
            let started = ContinuousClock.now
            let summary = try await DemoData.create(count: count, app: app) { made in
                print("… \(made) of \(count)")
            }
            let seconds = (ContinuousClock.now - started).components.seconds
            print(
                "created \(summary.created) applications in \(seconds) s: "
                    + "\(summary.first?.description ?? "-") … \(summary.last?.description ?? "-")")
            if spreadStatuses {
                try await DemoData.spreadStatuses(app: app)
                print("spread over every status")
            }
        }
    }
}

struct SweepAttachments: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep-attachments",
        abstract: "Remove the uploaded files no application refers to (the server does it once a day).")

    func run() async throws {
        try await withApplication(arguments: []) { app in
            try await prepareDatabase(app)
            let (examined, removed) = try await sweepAttachments(app)
            print("removed \(removed) of \(examined) files old enough to be removed if unused")
        }
    }
}

struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "Work with the procedure catalog.", subcommands: [Lint.self, Sample.self])

    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every catalog file and hand-off layout file; report file:line: message.")

        @ArgumentParser.Argument(help: "The catalog folder.") var directory = "Catalog"

        func run() async throws {
            let url = URL(fileURLWithPath: directory).standardizedFileURL
            let result = MadoguchiDomain.Catalog.load(directory: url)
            let layouts = HandOffCatalog.load(
                directory: url.appendingPathComponent(HandOffCatalog.folderName), catalog: result.catalog)
            let issues = result.issues + layouts.issues
            for issue in issues { print(issue) }
            if !issues.isEmpty { throw ExitCode(1) }
            print(
                "\(result.catalog.procedures.count) procedures, \(layouts.layouts.files.count) hand-off layout files, "
                    + "no problems")
        }
    }
}

extension CatalogCommand {
    struct Sample: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a complete, valid example application for a procedure (API JSON or form body).")

        @ArgumentParser.Argument(help: "The procedure id.") var procedure: String
        @ArgumentParser.Option(help: "json (API body) or form (urlencoded web form fields).") var format = "json"
        @ArgumentParser.Option(help: "The catalog folder.") var directory = "Catalog"

        func run() async throws {
            let loaded = MadoguchiDomain.Catalog.load(directory: URL(fileURLWithPath: directory).standardizedFileURL)
            guard let procedure = loaded.catalog.procedure(self.procedure) else {
                FileHandle.standardError.write(Data("madoguchi: no procedure '\(self.procedure)'\n".utf8))
                throw ExitCode(1)
            }
            let today = JapanCalendar.civilDate(of: Date())
            let input = SampleInput.make(for: procedure, today: today)
            switch format {
            case "form": print(SampleInput.urlEncoded(input))
            default: print(SampleInput.json(procedureID: procedure.id, input: input))
            }
        }
    }
}

/// Boots a Vapor application from the environment's configuration, runs `body`, and always shuts down.
func withApplication(arguments: [String], _ body: (Application) async throws -> Void) async throws {
    // Files the server creates hold personal data (the database, attachments): owner only.
    umask(0o077)
    let config: AppConfig
    do {
        config = try AppConfig.fromEnvironment()
    } catch {
        FileHandle.standardError.write(Data("madoguchi: \(error)\n".utf8))
        throw ExitCode(78)
    }
    var environment = Environment(
        name: config.mode == .production ? "production" : "development", arguments: ["madoguchi"] + arguments)
    try LoggingSystem.bootstrap(from: &environment)
    let app = try await Application.make(environment)
    do {
        try configure(app, config: config)
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        if let failure = error as? ConfigurationFailure {
            FileHandle.standardError.write(Data("madoguchi: \(failure)\n".utf8))
            throw ExitCode(78)
        }
        throw error
    }
    try await app.asyncShutdown()
}

/// The entry point. `main.swift` holds top-level code (the commands are in several files), where
/// Swift would pick ArgumentParser's synchronous `main()`; inside an async function it picks the
/// asynchronous one.
func start() async { await Madoguchi.main() }
await start()
