import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import VaporTesting

@testable import MadoguchiServer

/// Staff never see another 課's applications, nor another municipality's: every role × 課 ×
/// staff endpoint, and signing in refuses what it must (and records it).
@Suite struct StaffAccessTests {
    @Test func everyRoleAndDepartmentSeesOnlyWhatItMay() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            // given: an application of こども支援課 at デモ市
            let receipt = try await StaffSupport.submit(app, procedureID: "jidou-teate-nintei")
            let id = try await StaffSupport.applicationID(app, receipt: receipt.receiptNumber)
            // and: staff of every role, in こども支援課, in 介護保険課, and at テスト町
            var cases: [(browser: StaffBrowser, sees: Bool, label: String)] = []
            for role in StaffRole.allCases {
                for department in ["こども支援課", "介護保険課"] {
                    let login = "\(role.rawValue)-\(department == "こども支援課" ? "kodomo" : "kaigo")"
                    let needsDepartment = StaffRole.applicationRoles.contains(role)
                    let browser = try await StaffSupport.enrol(
                        app, clock: clock, login: login, name: login, roles: [role.rawValue],
                        departments: needsDepartment ? [department] : [])
                    let sees = needsDepartment && department == "こども支援課"
                    cases.append((browser, sees, login))
                }
            }
            let townWorker = try await StaffSupport.enrol(
                app, clock: clock, login: "town-worker", name: "町 職員", roles: ["case_worker", "approver"],
                departments: ["住民課"], municipality: "990027", host: TestHosts.town)
            cases.append((townWorker, false, "town"))
            for (browser, sees, label) in cases {
                var client = browser.client
                // the inbox and a search by the 受付番号
                let list = try await client.get("/staff")
                let search = try await client.get("/staff?q=\(receipt.receiptNumber)")
                // (the search box shows what was typed: the row is found by the link to it)
                #expect(list.body.string.contains(id.uuidString) == sees, "\(label): list")
                #expect(search.body.string.contains(id.uuidString) == sees, "\(label): search")
                // the detail page, its actions, notes and assignment
                let detail = try await client.get("/staff/applications/\(id)")
                #expect((detail.status == .ok) == sees, "\(label): detail \(detail.status)")
                let action = try await client.post(
                    "/staff/applications/\(id)/actions", [("action", "start_review"), ("version", "1")])
                let note = try await client.post("/staff/applications/\(id)/notes", [("body", "確認済み")])
                let assign = try await client.post(
                    "/staff/applications/\(id)/assignee", [("assignee", ""), ("version", "1")])
                if !sees {
                    for (name, response) in [("action", action), ("note", note), ("assign", assign)] {
                        #expect(
                            [.notFound, .forbidden].contains(response.status), "\(label): \(name) \(response.status)")
                        #expect(!response.body.string.contains(receipt.receiptNumber), "\(label): \(name) leaks")
                    }
                }
            }
            // then: nothing was changed by those who may not see it
            let notes = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM application_notes").first()
            let noteCount = try notes?.decode(column: "n", as: Int.self) ?? -1
            #expect(noteCount == cases.filter(\.sees).count)
        }
    }

    @Test func withoutASessionEveryStaffPageLeadsToSignIn() async throws {
        try await withMadoguchi { app in
            var client = FormClient(app: app)
            for path in ["/staff", "/staff/applications/\(UUID())", "/staff/admin/staff", "/staff/audit"] {
                let response = try await client.get(path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers.first(name: .location) == "/staff/sign-in", "\(path)")
            }
        }
    }

    @Test func aWrongPasswordAWrongCodeAndAReplayedCodeAreRefusedAndAudited() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            let member = try await StaffSupport.enrol(
                app, clock: clock, login: "tanto", name: "担当 一郎", roles: ["case_worker"], departments: ["こども支援課"])
            var client = FormClient(app: app)
            _ = try await client.get("/staff/sign-in")
            // a wrong password
            let wrong = try await client.post("/staff/sign-in", [("login", "tanto"), ("password", "not the password")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.string.contains("ログインIDまたはパスワードが正しくありません"))
            // the right password, then a wrong code
            _ = try await client.post("/staff/sign-in", [("login", "tanto"), ("password", member.password)])
            let badCode = try await client.post("/staff/sign-in/code", [("code", "000000")])
            #expect(badCode.status == .unauthorized)
            // the right code signs in; the same code again (within its window) is refused
            let code = MadoguchiDomain.TOTP.code(at: clock.date, secret: member.secret)
            let good = try await client.post("/staff/sign-in/code", [("code", code)])
            #expect(good.status == .seeOther)
            var other = FormClient(app: app)
            _ = try await other.get("/staff/sign-in")
            _ = try await other.post("/staff/sign-in", [("login", "tanto"), ("password", member.password)])
            let replay = try await other.post("/staff/sign-in/code", [("code", code)])
            #expect(replay.status == .unauthorized)
            // all of it audited
            let actions = try await app.db.sql.raw("SELECT action FROM audit_log ORDER BY sequence").all()
                .map { try $0.decode(column: "action", as: String.self) }
            #expect(actions.filter { $0 == "staff.sign_in_failed" }.count == 1)
            #expect(actions.filter { $0 == "staff.totp_failed" }.count == 2)
        }
    }

    @Test func repeatedFailuresLockTheAccountForAWhile() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            let member = try await StaffSupport.enrol(
                app, clock: clock, login: "tanto", name: "担当", roles: ["case_worker"], departments: ["こども支援課"])
            var client = FormClient(app: app)
            _ = try await client.get("/staff/sign-in")
            for _ in 0..<SignInLockout.freeAttempts {
                _ = try await client.post("/staff/sign-in", [("login", "tanto"), ("password", "wrong password!")])
            }
            // then: even the right password is refused while locked
            let locked = try await client.post("/staff/sign-in", [("login", "tanto"), ("password", member.password)])
            #expect(locked.status == .tooManyRequests)
            // and: after the lock, it works again
            clock.date = clock.date.addingTimeInterval(61)
            let later = try await client.post("/staff/sign-in", [("login", "tanto"), ("password", member.password)])
            #expect(later.status == .seeOther)
        }
    }

    @Test func anIdleOrRevokedSessionIsRefusedAndAudited() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            var member = try await StaffSupport.enrol(
                app, clock: clock, login: "tanto", name: "担当", roles: ["case_worker"], departments: ["こども支援課"])
            #expect(try await member.client.get("/staff").status == .ok)
            // a stolen cookie used after sign-out everywhere
            let stolen = member.client.cookies
            _ = try await member.client.post("/staff/sign-out-everywhere", [])
            var thief = FormClient(app: app)
            thief.cookies = stolen
            let refused = try await thief.get("/staff")
            #expect(refused.headers.first(name: .location) == "/staff/sign-in")
            // an idle session
            var again = try await StaffSupport.signIn(app, clock: clock, member)
            clock.date = clock.date.addingTimeInterval(31 * 60)
            let idle = try await again.client.get("/staff")
            #expect(idle.headers.first(name: .location) == "/staff/sign-in")
            let reasons = try await app.db.sql.raw(
                "SELECT detail FROM audit_log WHERE action = 'staff.session_refused' ORDER BY sequence"
            ).all().map { try $0.decode(column: "detail", as: String.self) }
            #expect(reasons == ["reason=revoked", "reason=idle"])
        }
    }

    @Test func anAuditorReadsTheLogAndNothingElse() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            var auditor = try await StaffSupport.enrol(
                app, clock: clock, login: "kansa", name: "監査 花子", roles: ["auditor"], departments: [])
            let log = try await auditor.client.get("/staff/audit")
            #expect(log.status == .ok)
            #expect(log.body.string.contains("サインイン"))
            #expect(try await auditor.client.get("/staff").status == .forbidden)
            #expect(try await auditor.client.get("/staff/admin/staff").status == .forbidden)
        }
    }

    @Test func aForgedRoleOrDepartmentInAnAdministratorsFormIsRefusedAndAudited() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            var admin = try await StaffSupport.enrol(
                app, clock: clock, login: "admin", name: "管理", roles: ["admin"], departments: [])
            let forgedRole = try await admin.client.post(
                "/staff/admin/staff", [("login", "x11"), ("name", "x"), ("roles", "superuser")])
            #expect(forgedRole.status == .unprocessableEntity)
            let forgedDepartment = try await admin.client.post(
                "/staff/admin/staff",
                [("login", "x22"), ("name", "x"), ("roles", "case_worker"), ("departments", "総務課")])
            #expect(forgedDepartment.status == .unprocessableEntity)
            #expect(forgedDepartment.body.string.contains("「総務課」はこの自治体の課にありません"))
            let forbidden = try await app.db.sql.raw(
                "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'staff.forbidden'"
            ).first()
            #expect(try forbidden?.decode(column: "n", as: Int.self) == 2)
            let accounts = try await StaffAccountRecord.query(on: app.db).count()
            #expect(accounts == 1)
        }
    }
}

@Suite struct InboxExportTests {
    @Test func theListDownloadsAsCSVOnRecordAndAttachmentsOpenOnlyForTheirDepartment() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            // given: an application with a file, a 担当 of its 課 and one of another
            var worker = try await StaffSupport.enrol(
                app, clock: clock, login: "tanto", name: "担当", roles: ["case_worker"], departments: ["こども支援課"])
            var other = try await StaffSupport.enrol(
                app, clock: clock, login: "kaigo", name: "介護", roles: ["case_worker"], departments: ["介護保険課"])
            let procedure = try #require(app.madoguchi.catalog.procedure("jidou-teate-nintei"))
            let token = try storedPDFToken(app)
            var receipt: SubmitResult?
            try await app.testing().test(
                .POST, "/api/v1/applications", headers: jsonHeaders(),
                body: try jsonBuffer(sampleBody(procedure, attachmentToken: token))
            ) { res in receipt = try? res.content.decode(SubmitResult.self) }
            let number = try #require(receipt?.receiptNumber)
            let id = try await StaffSupport.applicationID(app, receipt: number)
            // when: the list as CSV
            let csv = try await worker.client.get("/staff/inbox.csv")
            // then: the row, with a byte-order mark, and the download recorded
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(csv.body.string.hasPrefix("\u{FEFF}受付番号,"))
            #expect(csv.body.string.contains(number))
            #expect(!(try await other.client.get("/staff/inbox.csv")).body.string.contains(number))
            // and: the file opens from the application's page for its 課 only
            let page = try await worker.client.get("/staff/applications/\(id)")
            let link = try #require(
                page.body.string.firstMatch(of: #/href="(/staff/applications/[^"]*/attachments/[0-9a-f]{64})"/#)?.1)
            let file = try await worker.client.get(String(link))
            #expect(file.status == .ok)
            #expect(file.body.string.hasPrefix("%PDF"))
            #expect(try await other.client.get(String(link)).status == .notFound)
            let actions = try await app.db.sql.raw("SELECT action FROM audit_log").all()
                .map { try $0.decode(column: "action", as: String.self) }
            #expect(actions.filter { $0 == "inbox.export" }.count == 2)
            #expect(actions.filter { $0 == "application.attachment" }.count == 1)
        }
    }
}
