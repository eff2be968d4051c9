import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import VaporTesting

@testable import MadoguchiServer

/// The back office end to end: accounts, sign-in with TOTP, the inbox, the workflow with separation
/// of duties, and what other 課 and municipalities see (nothing).
@Suite struct BackOfficeTests {
    /// The one-time password an administrator's page shows once.
    static func oneTimePassword(in html: String) -> String? {
        let marker = "<dd class=\"code\">"
        let parts = html.components(separatedBy: marker)
        guard parts.count >= 3 else { return nil }
        return String(parts[2].prefix { $0 != "<" })
    }

    @Test func anApplicationGoesThroughTheWorkflowUnderSeparationOfDuties() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            // given: an administrator made on the command line, who adds a 担当 and a 決裁者 in the UI
            var admin = try await StaffSupport.enrol(
                app, clock: clock, login: "admin", name: "管理 太郎", roles: ["admin"], departments: [])
            var accounts: [String: String] = [:]
            for (login, role) in [("tanto", "case_worker"), ("kessai", "approver")] {
                let page = try await admin.client.post(
                    "/staff/admin/staff",
                    [("login", login), ("name", "職員 \(login)"), ("roles", role), ("departments", "こども支援課")])
                #expect(page.status == .ok, "\(page.body.string.prefix(1500))")
                accounts[login] = try #require(Self.oneTimePassword(in: page.body.string))
            }
            let worker = try await Self.firstSignIn(app, clock: clock, login: "tanto", password: accounts["tanto"]!)
            var approver = try await Self.firstSignIn(app, clock: clock, login: "kessai", password: accounts["kessai"]!)
            var workerClient = worker.client
            // and: an application from a resident
            let receipt = try await StaffSupport.submit(app, procedureID: "jidou-teate-nintei")
            let id = try await StaffSupport.applicationID(app, receipt: receipt.receiptNumber)
            // then: it is in the 担当's inbox, found by its 受付番号
            let inbox = try await workerClient.get("/staff?q=\(receipt.receiptNumber)")
            #expect(inbox.status == .ok)
            #expect(inbox.body.string.contains(receipt.receiptNumber))
            // when: 審査開始 → 補正依頼 (the phone number)
            func act(_ action: String, _ extra: [(String, String)] = []) async throws -> TestingHTTPResponse {
                let page = try await workerClient.get("/staff/applications/\(id)")
                let version = try #require(FormClient.hiddenValue("version", in: page.body.string))
                return try await workerClient.post(
                    "/staff/applications/\(id)/actions", [("action", action), ("version", version)] + extra)
            }
            #expect(try await act("start_review").status == .seeOther)
            let noReason = try await act("request_correction", [("fields", "claimant_phone")])
            #expect(noReason.status == .conflict)
            #expect(noReason.body.string.contains("理由の記入が必要です"))
            let asked = try await act(
                "request_correction", [("fields", "claimant_phone"), ("reason", "電話番号がつながりません。確認してください。")])
            #expect(asked.status == .seeOther)
            // and: the resident reads the request on the status page and corrects that field only
            var resident = FormClient(app: app)
            _ = try await resident.get("/status")
            let status = try await resident.post(
                "/status", [("receipt_number", receipt.receiptNumber), ("inquiry_key", receipt.inquiryKey)])
            #expect(status.body.string.contains("電話番号がつながりません"))
            let pass = try #require(FormClient.hiddenValue(ResidentActions.passField, in: status.body.string))
            let form = try await resident.post("/status/correction", [(ResidentActions.passField, pass)])
            #expect(form.body.string.contains("name=\"claimant_phone\""))
            #expect(!form.body.string.contains("name=\"claimant_kana.family\""))
            let invalid = try await resident.post(
                "/status/correction", [(ResidentActions.passField, pass), ("_submit", "1"), ("claimant_phone", "12")])
            #expect(invalid.status == .unprocessableEntity)
            let corrected = try await resident.post(
                "/status/correction",
                [(ResidentActions.passField, pass), ("_submit", "1"), ("claimant_phone", "090-1111-2222")])
            #expect(corrected.status == .ok, "\(corrected.body.string.prefix(3000))")
            #expect(corrected.body.string.contains("補正を受け付けました"))
            // then: the staff page shows what changed, and the 担当 sends it for approval
            let changed = try await workerClient.get("/staff/applications/\(id)")
            #expect(changed.body.string.contains("補正による変更"))
            #expect(changed.body.string.contains("1111"))
            #expect(try await act("submit_for_approval").status == .seeOther)
            // then: the 決裁者 approves (the 担当 could not: not an approver and the reviewer)
            let approverPage = try await approver.client.get("/staff/applications/\(id)")
            let version = try #require(FormClient.hiddenValue("version", in: approverPage.body.string))
            let refused = try await workerClient.post(
                "/staff/applications/\(id)/actions", [("action", "approve"), ("version", version)])
            #expect(refused.status == .conflict)
            let approved = try await approver.client.post(
                "/staff/applications/\(id)/actions", [("action", "approve"), ("version", version)])
            #expect(approved.status == .seeOther)
            let after = try await approver.client.get("/staff/applications/\(id)")
            #expect(after.body.string.contains("承認"))
            #expect(try await act("complete").status == .seeOther)
            let final = try await ApplicationWork.row(id, tenant: demoCode, on: app.db.sql)
            #expect(final?.status == .completed)
            // and: every step is in the audit log, whose chain is intact
            let (lines, intact) = try await StaffCommands.verifyAudit(app: app)
            #expect(intact, "\(lines)")
            let actions = try await app.db.sql.raw(
                "SELECT action FROM audit_log WHERE target = \(bind: id.uuidString) ORDER BY sequence"
            ).all().map { try $0.decode(column: "action", as: String.self) }
            // 審査開始, 補正依頼, 補正 (the resident's), 決裁に回す, 承認, 完了
            #expect(actions.filter { $0 == "application.status" }.count == 6)
            #expect(actions.contains("application.correction"))
            #expect(actions.contains("application.view"))
        }
    }

    @Test func aSecondColleagueActingOnAnOlderPageIsToldWhatChanged() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            // given: two 担当 with the same page open
            var first = try await StaffSupport.enrol(
                app, clock: clock, login: "tanto1", name: "佐藤 一郎", roles: ["case_worker"], departments: ["こども支援課"])
            var second = try await StaffSupport.enrol(
                app, clock: clock, login: "tanto2", name: "鈴木 二郎", roles: ["case_worker"], departments: ["こども支援課"])
            let receipt = try await StaffSupport.submit(app, procedureID: "jidou-teate-nintei")
            let id = try await StaffSupport.applicationID(app, receipt: receipt.receiptNumber)
            let page = try await second.client.get("/staff/applications/\(id)")
            let version = try #require(FormClient.hiddenValue("version", in: page.body.string))
            // when: the first starts the review, then the second tries the same on the older page
            _ = try await first.client.post(
                "/staff/applications/\(id)/actions", [("action", "start_review"), ("version", version)])
            let late = try await second.client.post(
                "/staff/applications/\(id)/actions", [("action", "start_review"), ("version", version)])
            // then: refused, naming who did what
            #expect(late.status == .conflict)
            #expect(late.body.string.contains("佐藤 一郎さんがこの申請を「審査中」にしました"))
        }
    }

    static func firstSignIn(
        _ app: Application, clock: SettableClock, login: String, password: String
    ) async throws
        -> StaffBrowser
    {
        var client = FormClient(app: app)
        _ = try await client.get("/staff/sign-in")
        let first = try await client.post("/staff/sign-in", [("login", login), ("password", password)])
        #expect(first.headers.first(name: .location) == "/staff/setup")
        let setup = try await client.get("/staff/setup")
        let secret = try #require(
            StaffSupport.shownKey(in: setup.body.string).flatMap(MadoguchiDomain.TOTP.Secret.init(base32:)))
        let pending = try #require(FormClient.hiddenValue("pending", in: setup.body.string))
        let done = try await client.post(
            "/staff/setup",
            [
                ("pending", pending), ("password", StaffSupport.password), ("password_again", StaffSupport.password),
                ("code", MadoguchiDomain.TOTP.code(at: clock.date, secret: secret)),
            ])
        #expect(done.status == .seeOther)
        clock.date = clock.date.addingTimeInterval(30)
        return StaffBrowser(client: client, login: login, password: StaffSupport.password, secret: secret)
    }
}
