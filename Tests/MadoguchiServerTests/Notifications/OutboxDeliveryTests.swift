import Foundation
import Logging
import MadoguchiDomain
import SQLKit
import Testing
import VaporTesting

@testable import MadoguchiServer

/// Notices to residents go through the outbox to a real SMTP server on loopback (aiosmtpd); an
/// outage delays them but loses none and sends none twice.
@Suite struct OutboxDeliveryTests {
    static func delivery(port: Int) throws -> OutboxDelivery {
        var configuration = SMTPConfiguration(
            host: "127.0.0.1", port: port, security: .none, clientName: "madoguchi.test")
        configuration.connectTimeout = .seconds(2)
        configuration.commandTimeout = .seconds(5)
        return OutboxDelivery(
            transport: try SMTPTransport(configuration: configuration, logger: Logger(label: "test")),
            from: MailAddress("noreply@city.example.jp"), messageHost: "madoguchi.test", logger: Logger(label: "test"))
    }

    @Test func everyNoticeArrivesExactlyOnceAfterAnOutage() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            // given: the mail server's port, and then the server down
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-outage-\(UUID())")
            defer { try? FileManager.default.removeItem(at: folder) }
            let first = try await SMTPSink.start(SMTPSink.Options(directory: folder))
            let port = first.port
            first.stop(keepingMessages: true)
            let delivery = try Self.delivery(port: port)
            // and: two applications with an e-mail address (保育の認定), one asked to correct
            var worker = try await StaffSupport.enrol(
                app, clock: clock, login: "tanto", name: "担当", roles: ["case_worker"], departments: ["保育課"])
            let a = try await StaffSupport.submit(app, procedureID: "hoiku-nintei")
            _ = try await StaffSupport.submit(app, procedureID: "hoiku-nintei")
            let id = try await StaffSupport.applicationID(app, receipt: a.receiptNumber)
            for (action, extra) in [
                ("start_review", [(String, String)]()),
                ("request_correction", [("fields", "guardian_phone"), ("reason", "電話番号を確認してください")]),
            ] {
                let page = try await worker.client.get("/staff/applications/\(id)")
                let version = try #require(FormClient.hiddenValue("version", in: page.body.string))
                let done = try await worker.client.post(
                    "/staff/applications/\(id)/actions", [("action", action), ("version", version)] + extra)
                #expect(done.status == .seeOther)
            }
            // when: ten minutes of outage, delivery tried as the worker would
            var tries: [OutboxDelivery.Summary] = []
            for _ in 0..<5 {
                tries.append(try await delivery.deliverDue(app))
                clock.date = clock.date.addingTimeInterval(120)
            }
            // then: nothing lost, nothing given up
            #expect(tries.allSatisfy { $0.sent == 0 && $0.failed == 0 })
            #expect(tries.map(\.retrying).reduce(0, +) >= 3)
            // when: the server is back
            let back = try await SMTPSink.start(SMTPSink.Options(port: port, directory: folder))
            defer { back.stop(keepingMessages: true) }
            clock.date = clock.date.addingTimeInterval(3600)
            var summary = try await delivery.deliverDue(app)
            summary.sent += try await delivery.deliverDue(app).sent
            // then: the two receipts and the correction request, once each
            #expect(summary.sent == 3)
            let received = try back.received()
            #expect(received.count == 3)
            #expect(Set(received.compactMap(\.parsed.messageId)).count == 3)
            let subjects = received.compactMap(\.parsed.subject)
            #expect(subjects.filter { $0.contains("申請を受け付けました") }.count == 2)
            #expect(subjects.filter { $0.contains("補正をお願いします") }.count == 1)
            // and: no notice carries the 照会キー, a 個人番号 or the answers
            for message in received {
                let body = message.parsed.body ?? ""
                #expect(!body.contains(a.inquiryKey))
                #expect(!body.contains("123456789018"))
                #expect(!body.contains("電話番号を確認してください"))
                #expect(body.contains("受付番号"))
            }
            // and: delivering again sends nothing more
            clock.date = clock.date.addingTimeInterval(3600)
            #expect(try await delivery.deliverDue(app) == OutboxDelivery.Summary())
            #expect(try back.received().count == 3)
        }
    }

    @Test func aPermanentRefusalIsGivenUpAndKept() async throws {
        try await withSMTPSink(SMTPSink.Options(reject: ["hanako@example.jp"])) { sink in
            try await withMadoguchi { app in
                _ = try await StaffSupport.submit(app, procedureID: "hoiku-nintei")
                let summary = try await Self.delivery(port: sink.port).deliverDue(app)
                #expect(summary == OutboxDelivery.Summary(sent: 0, retrying: 0, failed: 1))
                let row = try await app.db.sql.raw("SELECT last_error, failed_at FROM outbox").first()
                #expect(try row?.decode(column: "last_error", as: String.self) == "550")
            }
        }
    }
}

@Suite struct NotificationTemplateTests {
    @Test func anAdministratorsOwnWordsAreSentAndAnUnknownPlaceholderIsRefused() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            // given
            var admin = try await StaffSupport.enrol(
                app, clock: clock, login: "admin", name: "管理", roles: ["admin"], departments: [])
            let page = try await admin.client.get("/staff/admin/templates?procedure=*&kind=received")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("申請を受け付けました"))
            // when: a placeholder that does not exist
            let fields: [(String, String)] = [
                ("procedure", "*"), ("kind", "received"), ("subject_ja", "受付しました {receipt_number}"),
                ("subject_en", "Received {receipt_number}"), ("body_ja", "{municipality}です。{answers}"),
                ("body_en", "From {municipality}."),
            ]
            let refused = try await admin.client.post("/staff/admin/templates", fields)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("「{answers}」は使えない差し込み項目です"))
            // and: then a good one
            var good = fields
            good[4] = ("body_ja", "{municipality}です。受付番号は {receipt_number} です。")
            #expect(try await admin.client.post("/staff/admin/templates", good).status == .ok)
            // then: the next notice of receipt is sent in those words
            _ = try await StaffSupport.submit(app, procedureID: "hoiku-nintei")
            let transport = RecordingMailTransport()
            let delivery = OutboxDelivery(
                transport: transport, from: MailAddress("noreply@city.example.jp"), messageHost: "test",
                logger: Logger(label: "test"))
            #expect(try await delivery.deliverDue(app).sent == 1)
            let sent = try #require(transport.sent.first)
            #expect(sent.subject.hasPrefix("受付しました 2026-"))
            #expect(sent.textBody.hasPrefix("デモ市です。受付番号は 2026-"))
        }
    }
}
