import Fluent
import MadoguchiDomain
import Vapor

/// The versioned catalog: every procedure version served is kept in the database, so an application
/// is always shown through the version of the form it was made with.
enum ProcedureVersions {
    /// Records the versions in the current catalog that the database does not have yet.
    static func register(_ catalog: Catalog, sources: [String: String], on db: any Database) async throws {
        let known = try await ProcedureVersionRecord.query(on: db).all()
        let seen = Set(known.map { "\($0.procedureID)@\($0.version)" })
        for procedure in catalog.procedures where !seen.contains("\(procedure.id)@\(procedure.version)") {
            try await ProcedureVersionRecord(
                procedureID: procedure.id, version: procedure.version, definition: sources[procedure.id] ?? ""
            ).create(on: db)
        }
    }

    /// The procedure at exactly `version`: the live catalog if it matches, else the stored snapshot.
    static func procedure(_ id: String, version: String, req: Request) async throws -> Procedure {
        if let current = req.madoguchi.catalog.procedure(id), current.version == version { return current }
        guard
            let record = try await ProcedureVersionRecord.query(on: req.db)
                .filter(\.$procedureID == id).filter(\.$version == version).first(),
            let procedure = ProcedureParser.parse(yaml: record.definition, file: "\(id)@\(version)").procedure
        else { throw AppError.procedureNotFound }
        return procedure
    }
}
