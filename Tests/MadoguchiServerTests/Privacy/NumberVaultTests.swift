import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import VaporTesting

@testable import MadoguchiServer

/// 個人番号 are stored sealed, shown masked, and revealed only by an explicit, audited action.
@Suite struct NumberVaultTests {
    static let sampleNumber = "123456789018"

    @Test func aStoredApplicationHoldsNoReadable個人番号() async throws {
        try await withMadoguchi { app in
            // when
            let receipt = try await StaffSupport.submit(app, procedureID: "jidou-teate-nintei")
            // then
            let id = try await StaffSupport.applicationID(app, receipt: receipt.receiptNumber)
            let stored = try #require(
                try await app.db.sql.raw("SELECT data FROM applications WHERE id = \(bind: id)").first()?
                    .decode(column: "data", as: String.self))
            #expect(!stored.contains(Self.sampleNumber))
            #expect(stored.contains("enc:v1:test-1:9018:"))
        }
    }

    @Test func staffSeeItMaskedAndACaseWorkerRevealsItOnRecord() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            var worker = try await StaffSupport.enrol(
                app, clock: clock, login: "tanto", name: "担当", roles: ["case_worker"], departments: ["こども支援課"])
            var counter = try await StaffSupport.enrol(
                app, clock: clock, login: "madoguchi", name: "窓口", roles: ["counter"], departments: ["こども支援課"])
            let receipt = try await StaffSupport.submit(app, procedureID: "jidou-teate-nintei")
            let id = try await StaffSupport.applicationID(app, receipt: receipt.receiptNumber)
            // the page shows it masked
            let page = try await worker.client.get("/staff/applications/\(id)")
            #expect(page.body.string.contains("●●●● ●●●● 9018"))
            #expect(!page.body.string.contains(Self.sampleNumber))
            // counter staff may not reveal it
            let refused = try await counter.client.post("/staff/applications/\(id)/individual-numbers", [])
            #expect(refused.status == .forbidden)
            // a 担当 reveals it, and that is recorded
            let revealed = try await worker.client.post("/staff/applications/\(id)/individual-numbers", [])
            #expect(revealed.status == .ok)
            #expect(revealed.body.string.contains(Self.sampleNumber))
            let entries = try await app.db.sql.raw(
                "SELECT actor FROM audit_log WHERE action = 'application.reveal_individual_number' AND target = \(bind: id.uuidString)"
            ).all()
            #expect(entries.count == 1)
        }
    }
}

@Suite struct NumberSealingTests {
    static let oldKey = NumberVault.Key(id: "old", key: SymmetricKey(data: Data(repeating: 3, count: 32)))

    @Test func keysRotateResealsUnderTheNewKeyAndPlainNumbersFromBeforeAreSealed() async throws {
        try await withMadoguchi(adjust: { config in config.numberKeys = [Self.oldKey] + config.numberKeys }) { app in
            // given: one application sealed under the old key, one stored before sealing (plain)
            let first = try await StaffSupport.submit(app, procedureID: "jidou-teate-nintei")
            let second = try await StaffSupport.submit(app, procedureID: "jidou-teate-nintei")
            let sql = app.db.sql
            let ids = [
                try await StaffSupport.applicationID(app, receipt: first.receiptNumber),
                try await StaffSupport.applicationID(app, receipt: second.receiptNumber),
            ]
            func data(_ id: UUID) async throws -> String {
                try #require(
                    try await sql.raw("SELECT data FROM applications WHERE id = \(bind: id)").first()?
                        .decode(column: "data", as: String.self))
            }
            let current = try await data(ids[0])
            let old = NumberVault(keys: [Self.oldKey])
            let oldSealed = current.replacing(#/enc:v1:test-1:[^"]*/#) { _ in old.seal("123456789018", tenant: "990019")
            }
            let plain = current.replacing(#/enc:v1:test-1:[^"]*/#) { _ in "123456789018" }
            try await sql.raw(
                "UPDATE applications SET data = \(bind: oldSealed), number_key = 'old' WHERE id = \(bind: ids[0])"
            ).run()
            try await sql.raw(
                "UPDATE applications SET data = \(bind: plain), number_key = NULL WHERE id = \(bind: ids[1])"
            ).run()
            // when: the server starts (plain ones are sealed), then keys rotate
            #expect(try await NumberSealing.run(app, unmarkedOnly: true) == 1)
            #expect(!(try await data(ids[1])).contains("123456789018"))
            let (key, count) = try await KeyCommands.rotate(app: app) { _ in }
            // then: everything is under the current key and opens to the same number
            #expect(key == "test-1")
            #expect(count == 1)
            for id in ids {
                let stored = try await data(id)
                #expect(stored.contains("enc:v1:test-1:9018:"))
                #expect(!stored.contains("enc:v1:old:"))
            }
            #expect(try await KeyCommands.rotate(app: app) { _ in }.count == 0)
        }
    }
}
