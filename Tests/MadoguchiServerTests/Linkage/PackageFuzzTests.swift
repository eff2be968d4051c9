import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import Vapor

@testable import MadoguchiServer

/// Hostile and broken packages: each ends in quarantine with a reason (or, when a mutation happens
/// to leave the package valid, is imported once), never a crash, a partial application, or a
/// file written outside its folder.
@Suite struct PackageFuzzTests {
    /// Mutations per run: enough to reach every reader (ZIP directory, entries, XML, signature).
    static let rounds = 250

    /// A deterministic generator, so that a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func mutatedPackagesAreHeldBackWithAReasonAndNothingIsHalfDone() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await withMadoguchi(adjust: { $0.portalTrustAnchors = fixture.anchors }) { app in
            // given: a valid package, and its mutations (flipped bytes, cuts, inserted bytes)
            let procedure = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            let original = try fixture.package(procedure, number: "FUZZ-0")
            let importer = try PortalImporter(services: app.madoguchi, database: app.db)
            let municipality = try #require(
                app.madoguchi.municipalities.municipality(code: LocalGovernmentCode("990019")!))
            var random = SplitMix(state: 20_261_207)
            var reasons: [PackageRejection.Reason: Int] = [:]
            var imported = 0
            for round in 0..<Self.rounds {
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0:
                        bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8.random(
                            in: 1...255, using: &random)
                    case 1: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
                    default:
                        bytes.insert(
                            UInt8.random(in: 0...255, using: &random),
                            at: Int.random(in: 0...bytes.count, using: &random))
                    }
                    if bytes.isEmpty { bytes = [0] }
                }
                // when
                let outcome = try await importer.importPackage(
                    bytes, source: "fuzz-\(round)", municipality: municipality)
                // then
                switch outcome {
                case .quarantined(let rejection, _):
                    #expect(!rejection.detail.isEmpty, "round \(round): \(rejection.reason) without a detail")
                    reasons[rejection.reason, default: 0] += 1
                case .imported, .alreadyPresent: imported += 1
                }
            }
            #expect(reasons.values.reduce(0, +) + imported == Self.rounds)
            #expect(reasons.count >= 3, "\(reasons)")
            // and: whatever was taken in is whole: one application per portal 受付番号, with its inbox row
            let sql = app.db.sql
            let broken = try await sql.raw(
                """
                SELECT COUNT(*) AS n FROM applications a LEFT JOIN portal_receipts p ON p.application_id = a.id
                LEFT JOIN inbox i ON i.application_id = a.id WHERE p.application_id IS NULL OR i.application_id IS NULL
                """
            ).first()?.decode(column: "n", as: Int.self)
            #expect(broken == 0)
            let counts = try #require(
                try await sql.raw(
                    "SELECT COUNT(*) AS n, COUNT(DISTINCT portal_number) AS d FROM portal_receipts"
                ).first())
            #expect(try counts.decode(column: "n", as: Int.self) == counts.decode(column: "d", as: Int.self))
        }
    }

    @Test func aZipBombAnAbsolutePathAndFormDataThatIsNotUTF8AreHeldBack() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await withMadoguchi(adjust: { $0.portalTrustAnchors = fixture.anchors }) { app in
            let procedure = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            let importer = try PortalImporter(services: app.madoguchi, database: app.db)
            let municipality = try #require(
                app.madoguchi.municipalities.municipality(code: LocalGovernmentCode("990019")!))
            // given
            let cases: [(String, [UInt8], PackageRejection.Reason)] = [
                (
                    "bomb",
                    try fixture.package(
                        procedure, number: "B-1",
                        edit: { $0.append(("attachments/zeros.pdf", [UInt8](repeating: 0, count: 30 * 1024 * 1024))) }),
                    .tooLarge
                ),
                (
                    "expands a thousandfold",
                    try fixture.package(
                        procedure, number: "B-2",
                        edit: { $0.append(("attachments/z.pdf", [UInt8](repeating: 0, count: 4 * 1024 * 1024))) }),
                    .tooLarge
                ),
                (
                    "absolute",
                    try fixture.package(procedure, number: "B-3", edit: { $0.append(("/etc/cron.d/x", [1])) }),
                    .unsafeEntry
                ),
                (
                    "not UTF-8",
                    try fixture.package(
                        procedure, number: "B-4",
                        edit: { parts in
                            parts[0].bytes =
                                Array(parts[0].bytes.prefix(60)) + [0x82, 0xA0, 0xFF]
                                + Array(parts[0].bytes.dropFirst(60))
                        }),
                    .badFormData
                ),
                (
                    "external entity",
                    try fixture.package(
                        procedure, number: "B-5",
                        edit: { parts in
                            parts[0].bytes = Array(
                                String(decoding: parts[0].bytes, as: UTF8.self).replacingOccurrences(
                                    of: "?>\n", with: "?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                ).utf8)
                        }),
                    .badFormData
                ),
            ]
            for (name, bytes, expected) in cases {
                // when
                let outcome = try await importer.importPackage(bytes, source: name, municipality: municipality)
                // then
                guard case .quarantined(let rejection, _) = outcome else {
                    Issue.record("\(name): \(outcome)")
                    continue
                }
                #expect(rejection.reason == expected, "\(name): \(rejection)")
            }
            let applications = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM applications").first()?
                .decode(column: "n", as: Int.self)
            #expect(applications == 0)
        }
    }
}
