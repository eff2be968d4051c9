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

    /// The procedure at exactly `version`: the live catalog if it matches, else the stored snapshot;
    /// with this municipality's 担当課 when it names its own.
    static func procedure(_ id: String, version: String, req: Request) async throws -> Procedure {
        var procedure: Procedure
        if let current = req.madoguchi.catalog.procedure(id), current.version == version {
            procedure = current
        } else {
            guard
                let record = try await ProcedureVersionRecord.query(on: req.db)
                    .filter(\.$procedureID == id).filter(\.$version == version).first(),
                let stored = ProcedureParser.parse(yaml: record.definition, file: "\(id)@\(version)").procedure
            else { throw AppError.procedureNotFound }
            procedure = stored
        }
        if let department = try req.municipality.departmentOverrides[id] { procedure.department = department }
        return procedure
    }
}
