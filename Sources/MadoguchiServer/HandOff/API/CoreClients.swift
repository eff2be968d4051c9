import Foundation
import MadoguchiDomain
import SQLKit

/// A core system (業務システム) registered to use the hand-off API at one municipality: the 課 whose
/// applications it takes, the scopes it may ask for, and its client secret (sealed at rest).
struct CoreClient: Sendable, Hashable {
    /// Its 業務システムID: the `client_id`, and the first part of each of its scopes.
    var id: String
    var tenant: LocalGovernmentCode
    var name: String
    var departments: Set<String>
    var scopes: Set<CoreScope>
    /// The secret as stored: sealed with the 個人番号 keys (`NumberVault.sealText`).
    var sealedSecret: String
    var createdAt: Date
    var disabledAt: Date?

    /// The client as the workflow sees it.
    var actor: WorkflowActor { .coreSystem(CoreSystemClient(id: id, tenant: tenant, departments: departments)) }

    /// As the audit log and the application's history name it ("core:" and its id).
    var recorded: String { actor.recorded }
}

/// The `core_clients` table.
enum CoreClients {
    private static let columns: SQLQueryString =
        "client_id, tenant_code, name, departments, scopes, secret, created_at, disabled_at"

    static func find(_ id: String, tenant: LocalGovernmentCode, on sql: any SQLDatabase) async throws -> CoreClient? {
        try await sql.raw(
            """
            SELECT \(columns) FROM core_clients WHERE tenant_code = \(bind: tenant.value) AND client_id = \(bind: id)
            """
        ).first().map(decode)
    }

    /// Every client of a municipality, by id.
    static func all(tenant: LocalGovernmentCode, on sql: any SQLDatabase) async throws -> [CoreClient] {
        try await sql.raw(
            "SELECT \(columns) FROM core_clients WHERE tenant_code = \(bind: tenant.value) ORDER BY client_id"
        ).all().map(decode)
    }

    /// Adds a client; call inside a transaction (`DatabaseWriter.transaction`).
    static func insert(_ client: CoreClient, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO core_clients (\(columns))
            VALUES (\(bind: client.id), \(bind: client.tenant.value), \(bind: client.name), \
            \(bind: departmentsJSON(client.departments)), \(bind: CoreScope.text(client.scopes)), \
            \(bind: client.sealedSecret), \(bind: client.createdAt), \(bind: client.disabledAt))
            """
        ).run()
    }

    /// Disables a client (its tokens stop working at once); false when there is no such client.
    static func disable(
        _ id: String, tenant: LocalGovernmentCode, at now: Date, on sql: any SQLDatabase
    ) async throws
        -> Bool
    {
        let found = try await sql.raw(
            """
            UPDATE core_clients SET disabled_at = \(bind: now)
            WHERE tenant_code = \(bind: tenant.value) AND client_id = \(bind: id) AND disabled_at IS NULL
            RETURNING client_id
            """
        ).all()
        return !found.isEmpty
    }

    /// A new client secret: 32 random bytes, base64url (43 characters).
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode(Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }))
    }

    private static func departmentsJSON(_ departments: Set<String>) -> String {
        String(decoding: (try? JSONEncoder().encode(departments.sorted())) ?? Data("[]".utf8), as: UTF8.self)
    }

    private static func decode(_ row: any SQLRow) throws -> CoreClient {
        let departments = try row.decode(column: "departments", as: String.self)
        let scopes = try row.decode(column: "scopes", as: String.self)
        guard let tenant = LocalGovernmentCode(try row.decode(column: "tenant_code", as: String.self)) else {
            throw UnreadableRow()
        }
        return CoreClient(
            id: try row.decode(column: "client_id", as: String.self), tenant: tenant,
            name: try row.decode(column: "name", as: String.self),
            departments: Set((try? JSONDecoder().decode([String].self, from: Data(departments.utf8))) ?? []),
            scopes: CoreScope.list(scopes) ?? [],
            sealedSecret: try row.decode(column: "secret", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            disabledAt: try row.decode(column: "disabled_at", as: Date?.self))
    }

    /// A row whose 団体コード is not one (it references `municipalities`, so only by hand).
    struct UnreadableRow: Error {}
}
