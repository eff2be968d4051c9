import Foundation
import MadoguchiDomain
import Vapor

/// `madoguchi register residents|serials FILE`: the command line's way into `ResidentRegister` and
/// `CertificateSerials`; prints the summary lines.
public enum RegisterCommands {
    public static func importResidents(
        file: String, municipality: String?, kind: String?, asOf: String?, encoding: String, app: Application
    ) async throws -> [String] {
        let (tenant, bytes, encoding, kind) = try prepare(
            file: file, municipality: municipality, kind: kind, encoding: encoding, app: app)
        let services = app.madoguchi
        let day: CivilDate
        if let asOf {
            guard let parsed = try? DateParser.parse(asOf).get() else {
                throw ConfigurationFailure(description: "--as-of: not a date: \(asOf)")
            }
            day = parsed
        } else {
            day = JapanCalendar.civilDate(of: services.clock.now())
        }
        return try await ResidentRegister.importFile(
            bytes, encoding: encoding, kind: kind, asOf: day, tenant: tenant, services: services, on: app.db
        ).lines
    }

    public static func importSerials(
        file: String, municipality: String?, kind: String?, encoding: String, app: Application
    ) async throws -> [String] {
        let (tenant, bytes, encoding, kind) = try prepare(
            file: file, municipality: municipality, kind: kind, encoding: encoding, app: app)
        return try await CertificateSerials.importFile(
            bytes, encoding: encoding, kind: kind, tenant: tenant, services: app.madoguchi, on: app.db
        ).lines
    }

    private static func prepare(
        file: String, municipality: String?, kind: String?, encoding: String, app: Application
    ) throws -> (LocalGovernmentCode, [UInt8], RegisterTextEncoding, ImportKind?) {
        let directory = app.madoguchi.municipalities
        guard let tenant = municipality.flatMap(LocalGovernmentCode.init) ?? directory.defaultCode,
            directory.municipality(code: tenant) != nil
        else { throw ConfigurationFailure(description: "no such municipality: \(municipality ?? "(default)")") }
        guard let bytes = FileManager.default.contents(atPath: file) else {
            throw ConfigurationFailure(description: "cannot read \(file)")
        }
        guard let textEncoding = RegisterTextEncoding(rawValue: encoding) else {
            throw ConfigurationFailure(description: "--encoding: auto, utf-8 or cp932")
        }
        var importKind: ImportKind?
        switch kind {
        case nil: importKind = nil
        case "full": importKind = .full
        case "incremental": importKind = .incremental
        default: throw ConfigurationFailure(description: "--kind: full or incremental")
        }
        return (tenant, Array(bytes), textEncoding, importKind)
    }
}
