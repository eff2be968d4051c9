import ArgumentParser
import Foundation
import MadoguchiDomain
import MadoguchiServer
import Vapor

struct CoreClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "core-client", abstract: "Core systems that pull applications through the hand-off API.",
        subcommands: [Add.self, List.self, Disable.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a core system for some 課 and print its client secret (shown once).")

        @ArgumentParser.Option(help: "The municipality's 団体コード (6 digits).") var municipality: String
        @ArgumentParser.Option(help: "Its 業務システムID, the client_id (letters, digits, '.', '_', '-').") var id: String
        @ArgumentParser.Option(help: "Its name, for people.") var name: String
        @ArgumentParser.Option(help: "A 課 whose applications it takes (repeat for several).") var department: [String]
        @ArgumentParser.Option(
            help:
                "ID:applications:read, ID:applications:acknowledge or ID:decisions:write (repeat; ID: may be left out)."
        )
        var scope: [String]

        func run() async throws {
            try await withApplication(arguments: []) { app in
                try await prepareDatabase(app)
                do {
                    let secret = try await CoreClientCommands.add(
                        municipality: municipality, id: id, name: name, departments: department, scopes: scope,
                        app: app)
                    print("registered \(id); client secret: \(secret)")
                    print(
                        "(shown once: give it to the system's operators over a safe channel; see docs/handoff-api.md)")
                } catch let failure as CoreClientCommands.Failure {
                    FileHandle.standardError.write(Data("madoguchi core-client add: \(failure)\n".utf8))
                    throw ExitCode(65)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a municipality's core systems: id, state, 課, scopes, name (tab-separated).")

        @ArgumentParser.Option(help: "The municipality's 団体コード (6 digits).") var municipality: String

        func run() async throws {
            try await withApplication(arguments: []) { app in
                try await prepareDatabase(app)
                do {
                    for line in try await CoreClientCommands.list(municipality: municipality, app: app) { print(line) }
                } catch let failure as CoreClientCommands.Failure {
                    FileHandle.standardError.write(Data("madoguchi core-client list: \(failure)\n".utf8))
                    throw ExitCode(65)
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a core system: its tokens stop working at once and it gets no new ones.")

        @ArgumentParser.Option(help: "The municipality's 団体コード (6 digits).") var municipality: String
        @ArgumentParser.Option(help: "Its 業務システムID.") var id: String

        func run() async throws {
            try await withApplication(arguments: []) { app in
                try await prepareDatabase(app)
                do {
                    try await CoreClientCommands.disable(municipality: municipality, id: id, app: app)
                    print("disabled \(id)")
                } catch let failure as CoreClientCommands.Failure {
                    FileHandle.standardError.write(Data("madoguchi core-client disable: \(failure)\n".utf8))
                    throw ExitCode(65)
                }
            }
        }
    }
}
