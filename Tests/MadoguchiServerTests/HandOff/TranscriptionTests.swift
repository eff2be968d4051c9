import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import Vapor

@testable import MadoguchiServer

@Suite struct TranscriptionTests {
    /// The element ids of the 児童手当 認定請求's transcription view, as documented for RPA tools
    /// (方式2): a change here breaks the robots that read them, so it must be deliberate.
    static let expectedIDs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__/transcription-ids-jidou-teate-nintei.txt")

    static func ids(in html: String) -> [String] {
        html.components(separatedBy: "<input id=\"").dropFirst().compactMap { part in
            part.split(separator: "\"", maxSplits: 1).first.map(String.init)
        }.filter { $0.hasPrefix("t-") }
    }

    @Test func theTranscriptionViewShowsTheValuesInTheCoreSystemsOrderUnderStableIDs() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            // given: a 児童手当 claim, and a 担当 of its 課
            let submitted = try await StaffSupport.submit(app, procedureID: "jidou-teate-nintei")
            let id = try await StaffSupport.applicationID(app, receipt: submitted.receiptNumber)
            var worker = try await StaffSupport.enrol(
                app, clock: clock, login: "tanto", name: "担当 花子", roles: ["case_worker"],
                departments: ["こども支援課"])
            var other = try await StaffSupport.enrol(
                app, clock: clock, login: "kaigo", name: "介護 次郎", roles: ["case_worker"], departments: ["介護保険課"])

            // when
            let page = try await worker.client.get("/staff/applications/\(id.uuidString)/transcription")
            let csv = try await worker.client.get("/staff/applications/\(id.uuidString)/transcription.csv")
            let refused = try await other.client.get("/staff/applications/\(id.uuidString)/transcription")

            // then: the ids are the documented ones, in order
            #expect(page.status == .ok)
            let ids = Self.ids(in: page.body.string)
            let expected = try String(contentsOf: Self.expectedIDs, encoding: .utf8).split(separator: "\n")
                .map(String.init)
            #expect(ids == expected, "ids changed: \(ids.joined(separator: "\n"))")
            #expect(Set(ids).count == ids.count)
            // and: values as the layout writes them, 個人番号 in full (audited as a reveal)
            #expect(page.body.string.contains("value=\"\(submitted.receiptNumber)\""))
            #expect(page.body.string.contains("data-copy=\"t-claimant_name-family\""))
            let reveals = try await app.db.sql.raw(
                """
                SELECT COUNT(*) AS n FROM audit_log WHERE action = 'application.reveal_individual_number'
                AND target = \(bind: id.uuidString) AND detail LIKE 'transcription%'
                """
            ).first()?.decode(column: "n", as: Int.self)
            #expect(reveals == 2)
            // and: the CSV (方式2) holds the item names and the values
            #expect(csv.status == .ok)
            let records = try CSVReader().records(in: String(csv.body.string.drop { $0 == "\u{FEFF}" }))
            #expect(records.count == 2)
            #expect(records.first?.fields.count == ids.count)
            #expect(records.last?.fields.contains(submitted.receiptNumber) == true)
            // and: another 課 does not see it
            #expect(refused.status == .notFound)
        }
    }
}
