import Foundation
import MadoguchiDomain
import SQLKit
import Vapor

/// The import benchmark's ceiling (`scripts/bench --import`): the rows one imported package makes
/// (application, history, inbox row and count, file references, portal link), inserted `count`
/// times straight into the database, a thousand to a transaction, with the same statements the
/// intake writes — no archive, XML, signature or validation. The import's rate is set against it.
public enum ImportCeiling {
    /// Inserts `count` copies of the first package's rows; the seconds it took.
    public static func run(count: Int, packages folder: URL, app: Application) async throws -> Double {
        let services = app.madoguchi
        guard let first = PortalImportBatch.files([folder.path]).first,
            let municipality = services.municipalities.defaultCode.flatMap(services.municipalities.municipality)
        else { throw ConfigurationFailure(description: "no package in \(folder.path), or no default municipality") }
        let bytes = try Array(Data(contentsOf: first))
        let importer = try PortalImporter(services: services, database: app.db)
        let package = try PortalPackage.read(PackageArchive.read(bytes))
        let prepared = try await importer.prepare(
            package, packageSHA256: SHA256Hex.of(bytes), formSHA256: SHA256Hex.of(package.formData), bytes: bytes,
            source: "ceiling", in: municipality)
        guard
            case .success(var template) = services.intake.pending(
                prepared.procedure, input: prepared.input, municipality: municipality, channel: .portal,
                idempotencyKey: "portal:ceiling")
        else { throw ConfigurationFailure(description: "the first package does not validate") }
        template.portal = prepared.link
        template.attachments += [SHA256Hex.of(bytes)]
        let shape = template
        let tenant = municipality.code.value
        let year = template.receiptYear
        let started = ContinuousClock.now
        var done = 0
        while done < count {
            let size = min(1000, count - done)
            let offset = done
            try await services.writer.transaction(on: app.db) { db in
                let sql = db.sql
                let reserved = try await sql.raw(ReceiptCounter.reserve(size, tenant: tenant, year: year)).all()
                let last = try reserved.first?.decode(column: "last_sequence", as: Int.self) ?? size
                let rows = (0..<size).map { index -> NewApplicationRow in
                    var application = shape
                    let number = "CEILING-\(offset + index)"
                    application.idempotencyKey = "portal:" + number
                    application.portal?.portalNumber = number
                    return NewApplicationRow(
                        id: UUID.timeOrdered(at: application.submittedAt),
                        receiptNumber: ReceiptNumber(year: year, sequence: last - size + 1 + index),
                        application: application)
                }
                for statement in ApplicationRows.insertStatements(rows) { try await sql.raw(statement).run() }
            }
            done += size
        }
        let elapsed = ContinuousClock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
