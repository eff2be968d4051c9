import Fluent
import Foundation
import MadoguchiDomain
import SQLKit
import Vapor

/// Seals the 個人番号 of stored applications (and their earlier answers) under the current key:
/// those stored before sealing (at start-up) and, for `madoguchi keys rotate`, those under an older
/// key. Page by page through the single writer; each page commits on its own, so a run stopped
/// part-way goes on where it stopped when run again.
enum NumberSealing {
    /// Seals the applications not under the current key (only those never sealed when
    /// `unmarkedOnly`); returns how many were sealed.
    static func run(
        _ app: Application, unmarkedOnly: Bool, progress: @Sendable (Int) -> Void = { _ in }
    ) async throws -> Int {
        let services = app.madoguchi
        let vault = services.numberVault
        let current = vault.current.id
        var done = 0
        while true {
            let condition: SQLQueryString =
                unmarkedOnly ? "number_key IS NULL" : "(number_key IS NULL OR number_key <> \(bind: current))"
            let rows = try await app.db.sql.raw(
                """
                SELECT id, tenant_code, procedure_id, procedure_version, data FROM applications
                WHERE \(condition) LIMIT 200
                """
            ).all()
            guard !rows.isEmpty else { return done }
            var updates: [(id: UUID, tenant: String, data: String, procedure: Procedure?)] = []
            for row in rows {
                let tenant = try row.decode(column: "tenant_code", as: String.self)
                let procedure = try await procedure(
                    try row.decode(column: "procedure_id", as: String.self),
                    version: try row.decode(column: "procedure_version", as: String.self), tenant: tenant, app: app)
                let data = (try? FormDataCoding.decode(try row.decode(column: "data", as: String.self))) ?? [:]
                let sealed = procedure.map { vault.sealAll(data, procedure: $0, tenant: tenant) } ?? data
                updates.append(
                    (try row.decode(column: "id", as: UUID.self), tenant, FormDataCoding.encode(sealed), procedure))
            }
            let page = updates
            try await services.writer.transaction(on: app.db) { db in
                let sql = db.sql
                for update in page {
                    try await sql.raw(
                        """
                        UPDATE applications SET data = \(bind: update.data), number_key = \(bind: current)
                        WHERE id = \(bind: update.id)
                        """
                    ).run()
                    guard let procedure = update.procedure else { continue }
                    for revision in try await sql.raw(
                        "SELECT id, data FROM application_revisions WHERE application_id = \(bind: update.id)"
                    ).all() {
                        let data =
                            (try? FormDataCoding.decode(try revision.decode(column: "data", as: String.self))) ?? [:]
                        try await sql.raw(
                            """
                            UPDATE application_revisions SET data = \(bind: FormDataCoding.encode(vault.sealAll(data, procedure: procedure, tenant: update.tenant)))
                            WHERE id = \(bind: try revision.decode(column: "id", as: UUID.self))
                            """
                        ).run()
                    }
                }
            }
            done += page.count
            progress(done)
        }
    }

    private static func procedure(
        _ id: String, version: String, tenant: String, app: Application
    ) async throws
        -> Procedure?
    {
        guard let code = LocalGovernmentCode(tenant),
            let municipality = app.madoguchi.municipalities.municipality(code: code)
        else { return nil }
        return try? await ProcedureVersions.procedure(
            id, version: version, municipality: municipality, catalog: app.madoguchi.catalog, on: app.db)
    }
}

/// What the command line does with the keys (`madoguchi keys`).
public enum KeyCommands {
    /// `madoguchi keys rotate`: re-seals every application under the current (last) key.
    public static func rotate(
        app: Application, progress: @Sendable (Int) -> Void
    ) async throws -> (key: String, count: Int) {
        let count = try await NumberSealing.run(app, unmarkedOnly: false, progress: progress)
        return (app.madoguchi.numberVault.current.id, count)
    }

    /// `madoguchi keys generate ID`: a line to add to the keys file.
    public static func generate(id: String) -> String { "\(id) \(NumberKeys.newKey())" }
}
