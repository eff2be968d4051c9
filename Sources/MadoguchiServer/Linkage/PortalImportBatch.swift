import Foundation
import MadoguchiDomain
import Vapor

/// `madoguchi import FILE|DIR…`: imports the packages named (a folder: every `.zip` in it, by name),
/// several at a time, and sums up what became of them.
public enum PortalImportBatch {
    public struct Summary: Sendable, Equatable {
        public var imported = 0
        public var alreadyPresent = 0
        /// Held back, by reason (a package held back before counts again here).
        public var quarantined: [PackageRejection.Reason: Int] = [:]
        /// Files that could not be read at all (named, with the error).
        public var unreadable: [String] = []

        public var total: Int { imported + alreadyPresent + quarantined.values.reduce(0, +) + unreadable.count }

        public var lines: [String] {
            var lines = ["imported: \(imported)", "already present: \(alreadyPresent)"]
            for (reason, count) in quarantined.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                lines.append("quarantined (\(reason.rawValue)): \(count)")
            }
            lines += unreadable.map { "unreadable: \($0)" }
            return lines
        }
    }

    /// The package files among `paths`: files as named, folders' `.zip` files by name.
    public static func files(_ paths: [String]) -> [URL] {
        paths.flatMap { path -> [URL] in
            let url = URL(fileURLWithPath: path)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                return [url]
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.filter { $0.lowercased().hasSuffix(".zip") }.sorted().map { url.appendingPathComponent($0) }
        }
    }

    /// Imports `files` into `municipality` (default: the deployment's default), `inFlight` at a time;
    /// `progress` is told how many are done after each.
    public static func run(
        _ files: [URL], municipality code: String?, app: Application, inFlight: Int = 32,
        progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> Summary {
        let services = app.madoguchi
        guard
            let municipality = code.flatMap(LocalGovernmentCode.init).flatMap(services.municipalities.municipality)
                ?? (code == nil
                    ? services.municipalities.defaultCode.flatMap(services.municipalities.municipality) : nil)
        else { throw ConfigurationFailure(description: "no such municipality: \(code ?? "(default)")") }
        let importer = try PortalImporter(services: services, database: app.db)
        var summary = Summary()
        try await withThrowingTaskGroup(of: (URL, Result<PortalImporter.Outcome, any Error>).self) { group in
            var done = 0
            func count(_ result: (URL, Result<PortalImporter.Outcome, any Error>)) {
                switch result.1 {
                case .success(.imported): summary.imported += 1
                case .success(.alreadyPresent): summary.alreadyPresent += 1
                case .success(.quarantined(let rejection, _)): summary.quarantined[rejection.reason, default: 0] += 1
                case .failure(let error): summary.unreadable.append("\(result.0.lastPathComponent): \(error)")
                }
                done += 1
                progress(done)
            }
            for (index, file) in files.enumerated() {
                if index >= inFlight, let next = try await group.next() { count(next) }
                group.addTask {
                    do {
                        let bytes = try Array(Data(contentsOf: file))
                        return (
                            file,
                            .success(
                                try await importer.importPackage(
                                    bytes, source: file.lastPathComponent, municipality: municipality))
                        )
                    } catch {
                        return (file, .failure(error))
                    }
                }
            }
            while let next = try await group.next() { count(next) }
        }
        return summary
    }
}
