import Foundation
import MadoguchiDomain
import Vapor

/// What the command line does with core-system clients (`madoguchi core-client`).
public enum CoreClientCommands {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// `madoguchi core-client add`: registers a core system at a municipality for some of its 課,
    /// with its scopes (`ID:resource:operation`, or `resource:operation` for short), and returns its
    /// new client secret, which is shown this once. Recorded in the audit log as done by "cli".
    public static func add(
        municipality code: String, id: String, name: String, departments: [String], scopes: [String],
        app: Application
    ) async throws -> String {
        let services = app.madoguchi
        guard let tenant = LocalGovernmentCode(code),
            let municipality = services.municipalities.municipality(code: tenant)
        else { throw Failure(description: "no municipality with the code \(code) is configured") }
        guard CoreScope.isClientID(id) else {
            throw Failure(description: "the id must be 1 to 64 letters, digits, '.', '_' or '-' (no colon)")
        }
        let trimmedName = TextNormalization.trim(name)
        guard !trimmedName.isEmpty, trimmedName.count <= 100 else {
            throw Failure(description: "the name must be 1 to 100 characters")
        }
        guard !departments.isEmpty else { throw Failure(description: "name at least one 課 (--department)") }
        if let unknown = departments.first(where: { !municipality.departments.contains($0) }) {
            throw Failure(
                description:
                    "\(unknown) is not a 課 of \(municipality.name.ja) (\(municipality.departments.joined(separator: ", ")))"
            )
        }
        let held = try scopeSet(scopes, id: id)
        guard try await CoreClients.find(id, tenant: tenant, on: app.db.sql) == nil else {
            throw Failure(description: "\(municipality.name.ja) already has a client \(id)")
        }
        let secret = CoreClients.newSecret()
        let now = services.clock.now()
        let client = CoreClient(
            id: id, tenant: tenant, name: trimmedName, departments: Set(departments), scopes: held,
            sealedSecret: services.numberVault.sealText(secret, tenant: tenant.value), createdAt: now)
        try await services.writer.transaction(on: app.db) { db in
            try await CoreClients.insert(client, on: db.sql)
            try await AuditLog.append(
                .coreClientCreated, actor: "cli", target: "core:" + id, detail: "scope=\(CoreScope.text(held))",
                tenant: tenant, at: now, on: db.sql)
        }
        return secret
    }

    /// `madoguchi core-client list`: one line per client of a municipality (id, state, 課, scopes, name).
    public static func list(municipality code: String, app: Application) async throws -> [String] {
        guard let tenant = LocalGovernmentCode(code), app.madoguchi.municipalities.municipality(code: tenant) != nil
        else { throw Failure(description: "no municipality with the code \(code) is configured") }
        return try await CoreClients.all(tenant: tenant, on: app.db.sql).map { client in
            [
                client.id, client.disabledAt == nil ? "enabled" : "disabled",
                client.departments.sorted().joined(separator: ","), CoreScope.text(client.scopes), client.name,
            ].joined(separator: "\t")
        }
    }

    /// `madoguchi core-client disable`: the client's tokens and assertions stop working at once.
    public static func disable(municipality code: String, id: String, app: Application) async throws {
        let services = app.madoguchi
        guard let tenant = LocalGovernmentCode(code), services.municipalities.municipality(code: tenant) != nil
        else { throw Failure(description: "no municipality with the code \(code) is configured") }
        let now = services.clock.now()
        let disabled = try await services.writer.transaction(on: app.db) { db in
            guard try await CoreClients.disable(id, tenant: tenant, at: now, on: db.sql) else { return false }
            try await AuditLog.append(
                .coreClientDisabled, actor: "cli", target: "core:" + id, tenant: tenant, at: now, on: db.sql)
            return true
        }
        guard disabled else { throw Failure(description: "no enabled client \(id) at \(code)") }
    }

    /// The scopes as given: each `ID:resource:operation` with the client's own id, or
    /// `resource:operation`, which takes it.
    static func scopeSet(_ texts: [String], id: String) throws -> Set<CoreScope> {
        guard !texts.isEmpty else { throw Failure(description: "name at least one scope (--scope)") }
        var scopes: Set<CoreScope> = []
        for text in texts {
            let full = text.split(separator: ":", omittingEmptySubsequences: false).count == 2 ? "\(id):\(text)" : text
            guard let scope = CoreScope(full) else {
                let known = CoreScope.Permission.allCases.map { "\(id):\($0.rawValue)" }.joined(separator: ", ")
                throw Failure(description: "\(text) is not a scope of this API (\(known))")
            }
            guard scope.clientID == id else {
                throw Failure(description: "\(text): a client may only hold scopes with its own id (\(id))")
            }
            scopes.insert(scope)
        }
        return scopes
    }
}
