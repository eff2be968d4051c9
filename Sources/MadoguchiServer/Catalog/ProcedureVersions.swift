import Fluent
import MadoguchiDomain
import Vapor

/// The versioned catalog: every procedure version served is kept in the database, so an application
/// is always shown through the version of the form it was made with.
enum ProcedureVersions {
    /// Records the versions in the current catalog that the database does not have yet. A procedure
    /// whose file changed but kept its `version` would show earlier applications through a form they
    /// were not made with: production refuses to start, development logs a warning.
    static func register(
        _ catalog: Catalog, sources: [String: String], strict: Bool, logger: Logger, on db: any Database
    ) async throws {
        let known = try await ProcedureVersionRecord.query(on: db).all()
        let stored = Dictionary(known.map { ("\($0.procedureID)@\($0.version)", $0.definition) }) { first, _ in first }
        var changed: [String] = []
        for procedure in catalog.procedures {
            let key = "\(procedure.id)@\(procedure.version)"
            let source = sources[procedure.id] ?? ""
            if let definition = stored[key] {
                if definition != source { changed.append("\(procedure.file) (version \(procedure.version))") }
                continue
            }
            try await ProcedureVersionRecord(procedureID: procedure.id, version: procedure.version, definition: source)
                .create(on: db)
        }
        guard !changed.isEmpty else { return }
        let message =
            "catalog files changed without a new version: \(changed.joined(separator: ", ")); "
            + "give the revised form a new `version`"
        if strict { throw ConfigurationFailure(description: message) }
        logger.warning("\(message)")
    }

    /// The procedure at exactly `version`: the live catalog if it matches, else the stored snapshot;
    /// with this municipality's 担当課 when it names its own.
    static func procedure(_ id: String, version: String, req: Request) async throws -> Procedure {
        try await procedure(
            id, version: version, municipality: try req.municipality, catalog: req.madoguchi.catalog, on: req.db)
    }

    static func procedure(
        _ id: String, version: String, municipality: Municipality, catalog: Catalog, on db: any Database
    ) async throws -> Procedure {
        if let current = catalog.procedure(id), current.version == version {
            return municipality.withOwnDepartment(current)
        }
        guard
            let record = try await ProcedureVersionRecord.query(on: db)
                .filter(\.$procedureID == id).filter(\.$version == version).first(),
            let stored = ProcedureParser.parse(yaml: record.definition, file: "\(id)@\(version)").procedure
        else { throw AppError.procedureNotFound }
        return municipality.withOwnDepartment(stored)
    }
}
