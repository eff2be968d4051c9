import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import Vapor

@testable import MadoguchiServer

@Suite struct ResidentMatchingTests {
    static let tenant = LocalGovernmentCode("990019")!

    static let register = """
        宛名番号,氏名,フリガナ,生年月日,性別,住所,世帯番号
        1001,髙橋 﨑子,タカハシ サキコ,1990-04-01,2,デモ市本町1-1,5001
        1002,山田 太郎,ヤマダ タロウ,1985-10-10,1,デモ市本町2-2,5002
        """

    @Test func applicantsAreMatchedBySerialAtSigningAndTheRestWaitForANewerFileOrAHand() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock, adjust: { $0.portalTrustAnchors = fixture.anchors }) { app in
            let services = app.madoguchi
            let sql = app.db.sql
            // given: the register in CP932, as core systems write it, and the serial numbers in UTF-8
            let registerBytes = try CP932.encode(Self.register.replacingOccurrences(of: "\n", with: "\r\n"))
            let first = try await ResidentRegister.importFile(
                registerBytes, encoding: .auto, kind: .full, asOf: testToday, tenant: Self.tenant, services: services,
                on: app.db)
            #expect(first.inserted == 2)
            let again = try await ResidentRegister.importFile(
                registerBytes, encoding: .auto, kind: .full, asOf: testToday, tenant: Self.tenant, services: services,
                on: app.db)
            #expect(again == ResidentRegister.Summary(unchanged: 2))
            let serials = """
                宛名番号,シリアル番号,有効開始日時,有効終了日時,失効日時
                1001,1A2B3C4D,2025-01-01T00:00:00+09:00,2030-01-01T00:00:00+09:00,
                """
            _ = try await CertificateSerials.importFile(
                Array(serials.utf8), encoding: .auto, kind: nil, tenant: Self.tenant, services: services, on: app.db)
            let procedure = try #require(services.catalog.procedure("jidou-teate-nintei"))
            let importer = try PortalImporter(services: services, database: app.db)
            let municipality = try #require(services.municipalities.municipality(code: Self.tenant))
            let stranger = try fixture.pki.applicant(
                serial: 0x77, from: testNow.addingTimeInterval(-86400 * 30), until: testNow.addingTimeInterval(86400))
            let other = try fixture.pki.applicant(
                serial: 0x88, from: testNow.addingTimeInterval(-86400 * 30), until: testNow.addingTimeInterval(86400))

            // when: three applications come in
            for (number, signer) in [("M-1", fixture.applicant), ("M-2", stranger), ("M-3", other)] {
                let outcome = try await importer.importPackage(
                    try fixture.package(procedure, number: number, signer: signer), source: number,
                    municipality: municipality)
                guard case .imported = outcome else {
                    Issue.record("\(number): \(outcome)")
                    return
                }
            }

            // then: the first is matched at once, the others wait
            func state(_ number: String) async throws -> (String, String?) {
                let row = try #require(
                    try await sql.raw(
                        "SELECT match_state, atena_number FROM portal_receipts WHERE portal_number = \(bind: number)"
                    ).first())
                return (
                    try row.decode(column: "match_state", as: String.self),
                    try row.decode(column: "atena_number", as: String?.self)
                )
            }
            #expect(try await state("M-1") == ("matched", "1001"))
            #expect(try await state("M-2") == ("waiting", nil))

            // and: a 担当 sees the two in the queue
            var worker = try await StaffSupport.enrol(
                app, clock: clock, login: "tanto", name: "担当 花子", roles: ["case_worker"],
                departments: [procedure.department])
            let queue = try await worker.client.get("/staff/linkage/matching")
            #expect(queue.status == .ok)
            #expect(queue.body.string.contains("DEMO APPLICANT 119"))
            #expect(queue.body.string.contains("DEMO APPLICANT 136"))

            // when: a newer serial-number file names the second applicant's certificate
            let newer = """
                宛名番号,シリアル番号,有効開始日時,有効終了日時,失効日時,区分
                1002,77,2026-10-01,2031-09-30,,追加
                """
            let summary = try await CertificateSerials.importFile(
                Array(newer.utf8), encoding: .auto, kind: nil, tenant: Self.tenant, services: services, on: app.db)

            // then: it is matched, the third still waits
            #expect(summary.rematched == 1)
            #expect(try await state("M-2") == ("matched", "1002"))
            #expect(try await state("M-3") == ("waiting", nil))

            // when: the 担当 matches the third by hand, first with a number the register lacks
            let id = try await StaffSupport.applicationID(
                app,
                receipt: try #require(
                    try await sql.raw(
                        """
                        SELECT a.receipt_number FROM applications a JOIN portal_receipts p ON p.application_id = a.id
                        WHERE p.portal_number = 'M-3'
                        """
                    ).first()?.decode(column: "receipt_number", as: String.self)))
            let page = try await worker.client.get("/staff/applications/\(id.uuidString)")
            #expect(page.body.string.contains("宛名番号を入力して紐付ける"))
            let unknown = try await worker.client.post(
                "/staff/applications/\(id.uuidString)/resident", [("atena_number", "9999")])
            let done = try await worker.client.post(
                "/staff/applications/\(id.uuidString)/resident", [("atena_number", "1001")])

            // then
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.string.contains("その宛名番号は住民記録にありません。"))
            #expect(done.status == .seeOther)
            #expect(try await state("M-3") == ("manual", "1001"))
            let shown = try await worker.client.get("/staff/applications/\(id.uuidString)")
            // the register's name, 外字 as it is, beside the certificate's
            #expect(shown.body.string.contains("髙橋 﨑子"))
            #expect(shown.body.string.contains("DEMO APPLICANT 136"))
            let audited = try await sql.raw(
                "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'linkage.match' AND target = \(bind: id.uuidString)"
            ).first()?.decode(column: "n", as: Int.self)
            #expect(audited == 1)
            let empty = try await worker.client.get("/staff/linkage/matching")
            #expect(empty.body.string.contains("紐付待ちの申請はありません。"))
        }
    }
}
