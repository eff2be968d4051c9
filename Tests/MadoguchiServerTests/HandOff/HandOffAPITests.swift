import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import VaporTesting

@testable import MadoguchiServer

/// The hand-off API end to end: a core system authenticated with client_secret_jwt pulls the
/// applications released to it, acknowledges them (連携済み, seen by staff and the resident) and
/// returns its decision, which moves the workflow as a staff member's would.
@Suite struct HandOffAPITests {
    struct Page: Decodable {
        struct Item: Decodable {
            var sequence: Int64
            var applicationId: UUID
            var receiptNumber: String
            var procedureId: String
            var procedureVersion: String
            var channel: String
            var status: String
            var acknowledgedAt: Date?
            var answers: [String: JSONScalar]

            enum CodingKeys: String, CodingKey {
                case sequence, channel, status, answers
                case applicationId = "application_id"
                case receiptNumber = "receipt_number"
                case procedureId = "procedure_id"
                case procedureVersion = "procedure_version"
                case acknowledgedAt = "acknowledged_at"
            }
        }

        var items: [Item]
        var nextCursor: Int64
        var hasMore: Bool

        enum CodingKeys: String, CodingKey {
            case items
            case nextCursor = "next_cursor"
            case hasMore = "has_more"
        }
    }

    struct State: Decodable {
        var applicationId: UUID
        var receiptNumber: String
        var status: String

        enum CodingKeys: String, CodingKey {
            case status
            case applicationId = "application_id"
            case receiptNumber = "receipt_number"
        }
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static func page(_ response: TestingHTTPResponse) throws -> Page {
        try decoder.decode(Page.self, from: response.body)
    }

    @Test func aCoreSystemPullsAcknowledgesAndDecidesThenStaffComplete() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            // given: a 担当 of こども支援課, a core system registered for it, and an application the
            // 担当 reviewed and released to the core systems
            var worker = try await StaffSupport.enrol(
                app, clock: clock, login: "tanto", name: "担当 花子", roles: ["case_worker"], departments: ["こども支援課"])
            let core = try await HandOffSupport.register(app)
            let receipt = try await StaffSupport.submit(app, procedureID: "jidou-teate-nintei")
            let id = try await StaffSupport.applicationID(app, receipt: receipt.receiptNumber)
            func act(_ action: String) async throws -> TestingHTTPResponse {
                let page = try await worker.client.get("/staff/applications/\(id)")
                let version = try #require(FormClient.hiddenValue("version", in: page.body.string))
                return try await worker.client.post(
                    "/staff/applications/\(id)/actions", [("action", action), ("version", version)])
            }
            #expect(try await act("start_review").status == .seeOther)
            #expect(try await act("release_to_core").status == .seeOther)

            // when: it gets a token with a client assertion
            let tokenAnswer = try await core.tokenResponse()
            // then: a bearer token for five minutes, with every scope the client holds
            #expect(tokenAnswer.status == .ok)
            #expect(tokenAnswer.headers.first(name: .cacheControl) == "no-store")
            let tokenBody = try JSONDecoder().decode([String: JSONScalar].self, from: tokenAnswer.body)
            #expect(tokenBody["token_type"] == .string("Bearer"))
            #expect(tokenBody["expires_in"] == .number(300))
            #expect(
                tokenBody["scope"]
                    == .string(
                        "jidou-teate:applications:acknowledge jidou-teate:applications:read jidou-teate:decisions:write"
                    ))
            #expect(tokenBody["refresh_token"] == nil)
            let token = try #require(tokenBody["access_token"]?.string)

            // when: it pulls the procedure's applications
            let pulled = try await core.call(.GET, "/core/v1/procedures/jidou-teate-nintei/applications", token: token)
            // then: the released application, its answers with the 個人番号 in full, and the read audited
            #expect(pulled.status == .ok, "\(pulled.body.string)")
            #expect(pulled.headers.first(name: .cacheControl) == "no-store")
            let first = try Self.page(pulled)
            let item = try #require(first.items.first)
            #expect(first.items.count == 1)
            #expect(item.applicationId == id)
            #expect(item.receiptNumber == receipt.receiptNumber)
            #expect(item.status == "awaiting_handoff")
            #expect(item.channel == "api")
            #expect(item.acknowledgedAt == nil)
            #expect(item.answers["claimant_individual_number"] == .string("123456789018"))
            #expect(first.nextCursor == item.sequence)
            let reads = try await HandOffSupport.audit(app, action: "application.handoff_read")
            #expect(reads.map(\.target) == [id.uuidString])
            #expect(reads.first?.actor == "core:jidou-teate")
            // and: from its next cursor there is nothing new
            let next = try await core.call(
                .GET, "/core/v1/procedures/jidou-teate-nintei/applications?cursor=\(first.nextCursor)", token: token)
            #expect(try Self.page(next).items.isEmpty)
            #expect(try Self.page(next).nextCursor == first.nextCursor)

            // when: it acknowledges the application, twice (a retry)
            let acknowledged = try await core.call(.POST, "/core/v1/applications/\(id)/acknowledgement", token: token)
            let again = try await core.call(.POST, "/core/v1/applications/\(id)/acknowledgement", token: token)
            // then: 連携済み, and the repeat answers the same state
            #expect(acknowledged.status == .ok, "\(acknowledged.body.string)")
            #expect(try Self.decoder.decode(State.self, from: acknowledged.body).status == "handed_off")
            #expect(again.status == .ok, "\(again.body.string)")
            #expect(try Self.decoder.decode(State.self, from: again.body).status == "handed_off")
            // and: a taken application is pulled again only when asked for
            let plain = try await core.call(.GET, "/core/v1/procedures/jidou-teate-nintei/applications", token: token)
            #expect(try Self.page(plain).items.isEmpty)
            let resent = try await core.call(
                .GET, "/core/v1/procedures/jidou-teate-nintei/applications?include_acknowledged=true", token: token)
            #expect(try Self.page(resent).items.map(\.status) == ["handed_off"])
            #expect(try Self.page(resent).items.first?.acknowledgedAt != nil)
            // and: the 担当 sees 連携済み in the inbox, and the resident on the status page
            let inbox = try await worker.client.get("/staff?q=\(receipt.receiptNumber)")
            #expect(inbox.body.string.contains("連携済み"))
            var resident = FormClient(app: app)
            _ = try await resident.get("/status")
            let status = try await resident.post(
                "/status", [("receipt_number", receipt.receiptNumber), ("inquiry_key", receipt.inquiryKey)])
            #expect(status.body.string.contains("連携済み"))
            #expect(status.body.string.contains(UIText.statusMeaning(.handedOff).ja))

            // when: it returns its decision (承認), twice (a retry)
            let decision = #"{"decision": "approved", "date": "2026-11-30", "reference": "児手第1234号"}"#
            let decided = try await core.call(
                .POST, "/core/v1/applications/\(id)/decision", token: token, json: decision)
            let repeated = try await core.call(
                .POST, "/core/v1/applications/\(id)/decision", token: token, json: decision)
            // then: 承認, recorded with its date and reference by the core system
            #expect(decided.status == .ok, "\(decided.body.string)")
            #expect(try Self.decoder.decode(State.self, from: decided.body).status == "approved")
            #expect(repeated.status == .ok, "\(repeated.body.string)")
            let event = try #require(
                try await app.db.sql.raw(
                    "SELECT actor, detail FROM application_events WHERE application_id = \(bind: id) AND to_status = 'approved'"
                ).first())
            #expect(try event.decode(column: "actor", as: String.self) == "core:jidou-teate")
            #expect(try event.decode(column: "detail", as: String?.self)?.contains("児手第1234号") == true)

            // when: the 担当 marks it 完了
            let completed = try await act("complete")
            // then: the workflow ends there, and the audit chain is intact
            #expect(completed.status == .seeOther)
            let row = try #require(try await ApplicationWork.row(id, tenant: demoCode, on: app.db.sql))
            #expect(row.status == .completed)
            let (lines, intact) = try await StaffCommands.verifyAudit(app: app)
            #expect(intact, "\(lines)")
        }
    }

    @Test func aDecisionFollowsTheWorkflowsRulesAndSaysWhyNot() async throws {
        try await withMadoguchi { app in
            // given: a released application not yet acknowledged, and a core system's token
            let core = try await HandOffSupport.register(app)
            let (_, id) = try await HandOffSupport.released(app)
            let token = try await core.token()
            let path = "/core/v1/applications/\(id)/decision"
            // when: it decides before it took the application
            let early = try await core.call(
                .POST, path, token: token, json: #"{"decision": "approved", "date": "2026-11-30", "reference": "1"}"#)
            // then: a conflict, in both languages
            #expect(early.status == .conflict)
            #expect(early.body.string.contains("not_from_status"))
            #expect(early.body.string.contains("連携待ち"))
            #expect(early.body.string.contains("awaiting hand-off"))
            // when: it acknowledges, then rejects without a reason, with a wrong decision or date
            #expect(
                try await core.call(.POST, "/core/v1/applications/\(id)/acknowledgement", token: token).status == .ok)
            let noReason = try await core.call(
                .POST, path, token: token, json: #"{"decision": "rejected", "date": "2026-11-30", "reference": "2"}"#)
            let wrongDecision = try await core.call(
                .POST, path, token: token, json: #"{"decision": "maybe", "date": "2026-11-30", "reference": "2"}"#)
            let wrongDate = try await core.call(
                .POST, path, token: token, json: #"{"decision": "approved", "date": "30/11/2026", "reference": "2"}"#)
            let noReference = try await core.call(
                .POST, path, token: token, json: #"{"decision": "approved", "date": "2026-11-30", "reference": " "}"#)
            let notJSON = try await core.call(.POST, path, token: token, json: "decision=approved")
            // then: each refused, saying why
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("reason_required"))
            #expect(noReason.body.string.contains("理由の記入が必要です"))
            #expect(wrongDecision.status == .unprocessableEntity)
            #expect(wrongDecision.body.string.contains("invalid_decision"))
            #expect(wrongDate.status == .unprocessableEntity)
            #expect(wrongDate.body.string.contains("invalid_date"))
            #expect(noReference.status == .unprocessableEntity)
            #expect(noReference.body.string.contains("decision_required"))
            #expect(notJSON.status == .badRequest)
            // when: it rejects with a reason
            let rejected = try await core.call(
                .POST, path, token: token,
                json: #"{"decision": "rejected", "date": "2026-11-30", "reference": "3", "reason": "所得が限度額を超えています。"}"#)
            // then: 却下, with the reason in the history
            #expect(rejected.status == .ok, "\(rejected.body.string)")
            #expect(try Self.decoder.decode(State.self, from: rejected.body).status == "rejected")
            let reason = try await app.db.sql.raw(
                "SELECT reason FROM application_events WHERE application_id = \(bind: id) AND to_status = 'rejected'"
            ).first()?.decode(column: "reason", as: String?.self)
            #expect(reason == "所得が限度額を超えています。")
        }
    }

    @Test func thePullPagesByCursorInReleaseOrder() async throws {
        try await withMadoguchi { app in
            // given: three applications released in turn
            let core = try await HandOffSupport.register(app)
            var released: [UUID] = []
            for _ in 0..<3 { released.append(try await HandOffSupport.released(app).id) }
            let token = try await core.token(scope: "jidou-teate:applications:read")
            // when: it pulls two at a time from the start
            let path = "/core/v1/procedures/jidou-teate-nintei/applications"
            let first = try HandOffAPITests.page(try await core.call(.GET, "\(path)?limit=2", token: token))
            let second = try HandOffAPITests.page(
                try await core.call(.GET, "\(path)?limit=2&cursor=\(first.nextCursor)", token: token))
            // then: in release order, without a gap or a repeat, and it is told when a page was full
            #expect(first.items.map(\.applicationId) + second.items.map(\.applicationId) == released)
            #expect(first.hasMore)
            #expect(!second.hasMore)
            // and: parameters the document does not allow are refused
            for query in ["limit=0", "limit=501", "cursor=-1", "cursor=x", "include_acknowledged=yes"] {
                let bad = try await core.call(.GET, "\(path)?\(query)", token: token)
                #expect(bad.status == .badRequest, "\(query)")
                #expect(bad.body.string.contains("invalid_parameter"))
            }
            let unknown = try await core.call(.GET, "/core/v1/procedures/no-such-thing/applications", token: token)
            #expect(unknown.status == .notFound)
        }
    }
}
