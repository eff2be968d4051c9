import Foundation
import MadoguchiDomain
import Vapor

/// What the command line does with staff accounts and the audit log (`madoguchi staff`, `madoguchi audit`).
public enum StaffCommands {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// `madoguchi staff add`: creates an account with a one-time password, which it returns (the
    /// first administrator of a fresh install is made this way). Recorded in the audit log as done
    /// by "cli".
    public static func add(
        municipality code: String, login: String, name: String, roles: [String], departments: [String],
        app: Application
    ) async throws -> String {
        let services = app.madoguchi
        guard let tenant = LocalGovernmentCode(code),
            let municipality = services.municipalities.municipality(code: tenant)
        else {
            throw Failure(description: "no municipality with the code \(code) is configured")
        }
        guard let roleSet = StaffRole.list(roles.joined(separator: ",")), !roleSet.isEmpty else {
            throw Failure(
                description: "roles must be among \(StaffRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        switch StaffDirectory.check(
            login: login, name: name, roles: roleSet, departments: Set(departments), municipality: municipality)
        {
        case .failure(let refusal):
            throw Failure(description: refusal.message.en)
        case .success(let account):
            let now = services.clock.now()
            do {
                let created = try await services.writer.transaction(on: app.db) { db in
                    try await StaffDirectory.create(
                        account, tenant: tenant, actor: "cli", hasher: services.passwordHasher, now: now, on: db)
                }
                return created.oneTimePassword
            } catch let refusal as StaffDirectory.Refusal {
                throw Failure(description: refusal.message.en)
            }
        }
    }

    /// `madoguchi audit verify`: one line per municipality; false when any chain is broken.
    public static func verifyAudit(app: Application) async throws -> (lines: [String], intact: Bool) {
        let results = try await AuditLog.verify(on: app.db.sql)
        return (results.map(\.description), results.allSatisfy { $0.broken == nil })
    }
}
