import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import Vapor

@testable import MadoguchiServer

@Suite struct PortalImportTests {
    /// The procedures the packages are for: one with attachments, one with a repeating group.
    static func procedures(_ app: Application) -> [Procedure] {
        let catalog = app.madoguchi.catalog
        return ["jidou-teate-nintei", "ninshin-todoke", "youkaigo-nintei"].compactMap { catalog.procedure($0) }
    }

    @Test func aBatchWithBrokenPackagesImportsTheGoodOnesAndQuarantinesTheRest() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await withMadoguchi(adjust: { $0.portalTrustAnchors = fixture.anchors }) { app in
            // given: three good packages and one broken in each way
            let procedures = Self.procedures(app)
            #expect(procedures.count == 3)
            var packages: [(String, [UInt8])] = []
            for (index, procedure) in procedures.enumerated() {
                packages.append(("good-\(index).zip", try fixture.package(procedure, number: "P-000\(index)")))
            }
            let first = procedures[0]
            let other = try fixture.pki.applicant(
                serial: 77, from: testNow.addingTimeInterval(-86400 * 10), until: testNow.addingTimeInterval(86400))
            packages += [
                ("corrupt.zip", Array("PK not really a zip archive at all, just text".utf8)),
                (
                    "unsigned.zip",
                    try fixture.package(first, number: "P-1001", edit: { $0.removeAll { $0.name.hasSuffix(".p7s") } })
                ),
                (
                    "tampered.zip",
                    try fixture.package(
                        first, number: "P-1002",
                        edit: { parts in
                            parts[0].bytes = Array(
                                String(decoding: parts[0].bytes, as: UTF8.self)
                                    .replacingOccurrences(of: "P-1002", with: "P-1003").utf8)
                        })
                ),
                (
                    "unknown-procedure.zip",
                    try fixture.package(
                        first, number: "P-1004",
                        edit: { parts in
                            parts[0].bytes = Array(
                                String(decoding: parts[0].bytes, as: UTF8.self)
                                    .replacingOccurrences(of: "<手続コード>\(first.id)<", with: "<手続コード>no-such<").utf8)
                            parts[1].bytes = try! DemoPackages.sign(
                                parts[0].bytes, certificate: fixture.applicant.certificate,
                                key: fixture.applicant.key, at: testNow.addingTimeInterval(-60))
                        })
                ),
                (
                    "invalid.zip",
                    try fixture.package(first, number: "P-1005") { input in
                        // a date that is no date
                        input[first.fields.first { $0.type == .date }!.id] = "2026-13-45"
                    }
                ),
                (
                    "escape.zip",
                    try fixture.package(first, number: "P-1006", edit: { $0.append(("../../etc/passwd", [1])) })
                ),
                (
                    "dtd.zip",
                    try fixture.package(
                        first, number: "P-1007",
                        edit: { parts in
                            parts[0].bytes = Array(
                                String(decoding: parts[0].bytes, as: UTF8.self)
                                    .replacingOccurrences(of: "?>\n", with: "?>\n<!DOCTYPE x [<!ENTITY a \"aaaa\">]>")
                                    .utf8)
                        })
                ),
                (
                    "not-yet-valid.zip",
                    try fixture.package(
                        first, number: "P-1008", signer: other, signedAt: testNow.addingTimeInterval(-86400 * 20))
                ),
                ("elsewhere.zip", try fixture.package(first, number: "P-1009", municipality: "990027")),
            ]
            for (name, bytes) in packages {
                try Data(bytes).write(to: fixture.folder.appendingPathComponent(name))
            }
            let files = PortalImportBatch.files([fixture.folder.path])

            // when
            let summary = try await PortalImportBatch.run(files, municipality: nil, app: app)

            // then: the good ones are in, each broken one is held back with its reason
            #expect(summary.imported == 3)
            #expect(summary.alreadyPresent == 0)
            #expect(summary.unreadable.isEmpty)
            #expect(
                summary.quarantined == [
                    .corrupt: 1, .unsigned: 1, .badSignature: 2, .unknownProcedure: 1, .invalid: 1, .unsafeEntry: 1,
                    .badFormData: 1, .unknownMunicipality: 1,
                ])
            let sql = app.db.sql
            let open = try await PortalQuarantine.open(tenant: LocalGovernmentCode("990019")!, on: sql)
            #expect(open.count == 9)
            #expect(open.allSatisfy { !$0.detail.isEmpty })
            let inbox = try await sql.raw(
                "SELECT COUNT(*) AS n FROM inbox WHERE channel = 'portal'"
            ).first()?.decode(column: "n", as: Int.self)
            #expect(inbox == 3)
            let serials = try await sql.raw("SELECT DISTINCT signer_serial FROM portal_receipts").all()
                .map { try $0.decode(column: "signer_serial", as: String.self) }
            #expect(serials == ["1A2B3C4D"])

            // when: the same batch again
            let again = try await PortalImportBatch.run(files, municipality: nil, app: app)

            // then: nothing doubled
            #expect(again.imported == 0)
            #expect(again.alreadyPresent == 3)
            #expect(try await PortalQuarantine.open(tenant: LocalGovernmentCode("990019")!, on: sql).count == 9)
            let applications = try await sql.raw("SELECT COUNT(*) AS n FROM applications").first()?
                .decode(column: "n", as: Int.self)
            #expect(applications == 3)
        }
    }

    @Test func aCertificateRevokedBeforeSigningIsRefusedAndOneRevokedAfterIsNot() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let early = try fixture.pki.applicant(
            serial: 501, from: testNow.addingTimeInterval(-86400 * 100), until: testNow.addingTimeInterval(86400 * 100))
        let late = try fixture.pki.applicant(
            serial: 502, from: testNow.addingTimeInterval(-86400 * 100), until: testNow.addingTimeInterval(86400 * 100))
        let crl = fixture.folder.appendingPathComponent("jpki.crl")
        try Data(
            try fixture.pki.revocationList(
                revoked: [(501, testNow.addingTimeInterval(-86400 * 2)), (502, testNow.addingTimeInterval(-60))],
                issuedAt: testNow.addingTimeInterval(-30))
        ).write(to: crl)
        try await withMadoguchi(adjust: {
            $0.portalTrustAnchors = fixture.anchors
            $0.portalRevocationList = crl
        }) { app in
            // given: signed a day ago, one revoked two days ago, the other a minute ago
            let procedure = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            let importer = try PortalImporter(services: app.madoguchi, database: app.db)
            let municipality = try #require(
                app.madoguchi.municipalities.municipality(code: LocalGovernmentCode("990019")!))
            let signedAt = testNow.addingTimeInterval(-86400)

            // when
            let refused = try await importer.importPackage(
                try fixture.package(procedure, number: "R-1", signer: early, signedAt: signedAt), source: "r1",
                municipality: municipality)
            let taken = try await importer.importPackage(
                try fixture.package(procedure, number: "R-2", signer: late, signedAt: signedAt), source: "r2",
                municipality: municipality)

            // then
            guard case .quarantined(let rejection, _) = refused else {
                Issue.record("expected quarantine, got \(refused)")
                return
            }
            #expect(rejection.reason == .badSignature)
            #expect(rejection.detail.contains("revoked"))
            guard case .imported = taken else {
                Issue.record("expected an import, got \(taken)")
                return
            }
        }
    }

    @Test func staffSeeTheImportedApplicationWithItsPortalNumberAndTheHeldBackPackages() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock, adjust: { $0.portalTrustAnchors = fixture.anchors }) { app in
            // given: one package taken in, one held back
            let procedure = try #require(app.madoguchi.catalog.procedure("jidou-teate-nintei"))
            let importer = try PortalImporter(services: app.madoguchi, database: app.db)
            let municipality = try #require(
                app.madoguchi.municipalities.municipality(code: LocalGovernmentCode("990019")!))
            let outcome = try await importer.importPackage(
                try fixture.package(procedure, number: "MP-20261122-7"), source: "good.zip",
                municipality: municipality)
            guard case .imported(let receipt) = outcome else {
                Issue.record("expected an import, got \(outcome)")
                return
            }
            _ = try await importer.importPackage(
                try fixture.package(procedure, number: "MP-2", edit: { $0.removeAll { $0.name.hasSuffix(".p7s") } }),
                source: "unsigned.zip", municipality: municipality)
            var worker = try await StaffSupport.enrol(
                app, clock: clock, login: "tanto", name: "担当 花子", roles: ["case_worker"],
                departments: [procedure.department])
            var auditor = try await StaffSupport.enrol(
                app, clock: clock, login: "kansa", name: "監査 次郎", roles: ["auditor"], departments: [])

            // when
            let list = try await worker.client.get("/staff/linkage/quarantine")
            let id = try await StaffSupport.applicationID(app, receipt: receipt.description)
            let page = try await worker.client.get("/staff/applications/\(id.uuidString)")
            let refused = try await auditor.client.get("/staff/linkage/quarantine")

            // then
            #expect(list.status == .ok)
            #expect(list.body.string.contains("unsigned.zip"))
            #expect(list.body.string.contains("電子署名がありません。"))
            #expect(page.status == .ok)
            #expect(page.body.string.contains("MP-20261122-7"))
            #expect(page.body.string.contains("1A2B3C4D"))
            #expect(page.body.string.contains("未照合"))
            #expect(refused.status == .forbidden)
        }
    }

    @Test func aCRLNotSignedByATrustAnchorIsRefusedAtStart() throws {
        // given: a CRL from another CA
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let stranger = try DemoPKI(name: "Other CA", from: testNow.addingTimeInterval(-86400))
        let bytes = try stranger.revocationList(revoked: [], issuedAt: testNow)
        let anchors = [fixture.pki.ca]
        // then
        #expect(throws: RevocationList.Failure.unknownIssuer) { try RevocationList(bytes, anchors: anchors) }
        #expect(throws: Never.self) {
            try RevocationList(try fixture.pki.revocationList(revoked: [], issuedAt: testNow), anchors: anchors)
        }
    }
}
