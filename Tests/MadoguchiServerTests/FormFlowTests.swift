import Foundation
import MadoguchiDomain
import Testing
import VaporTesting

@testable import MadoguchiServer

/// A browser-like client for the HTML form: keeps cookies, reads the CSRF token, posts form bodies.
struct FormClient {
    let app: Application
    var host = TestHosts.demo
    var cookies: [String: String] = [:]
    var csrf = ""

    var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }

    mutating func get(_ path: String) async throws -> TestingHTTPResponse {
        var captured: TestingHTTPResponse?
        try await app.testing().test(.GET, path, headers: ["Host": host, "Cookie": cookieHeader]) { res in
            captured = res
        }
        let response = captured!
        remember(response)
        return response
    }

    mutating func post(
        _ path: String, _ fields: [(String, String)], csrf: Bool = true
    ) async throws -> TestingHTTPResponse {
        let all = (csrf ? [(CSRFMiddleware.fieldName, self.csrf)] : []) + fields
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(path, body: Array(body.utf8), contentType: "application/x-www-form-urlencoded")
    }

    /// Posts `fields` and one file as multipart/form-data, as a browser posts a step with a file box.
    mutating func postMultipart(
        _ path: String, _ fields: [(String, String)], file: (name: String, filename: String, bytes: [UInt8])
    ) async throws -> TestingHTTPResponse {
        let boundary = "madoguchi-test-boundary"
        var body: [UInt8] = []
        for (name, value) in [(CSRFMiddleware.fieldName, csrf)] + fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array(
            ("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").utf8)
        body += file.bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        return try await send(path, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// POSTs `body` with the cookies kept so far, and remembers what the answer sets.
    private mutating func send(_ path: String, body: [UInt8], contentType: String) async throws -> TestingHTTPResponse {
        var captured: TestingHTTPResponse?
        try await app.testing().test(
            .POST, path, headers: ["Host": host, "Cookie": cookieHeader, "Content-Type": contentType],
            body: ByteBuffer(bytes: body)
        ) { res in captured = res }
        let response = captured!
        remember(response)
        return response
    }

    mutating func remember(_ response: TestingHTTPResponse) {
        for (name, value) in response.headers.setCookie?.all ?? [:] {
            // An expired cookie (sign-out) is dropped, as a browser drops it.
            if value.string.isEmpty { cookies[name] = nil } else { cookies[name] = value.string }
        }
        if let token = Self.hiddenValue(CSRFMiddleware.fieldName, in: response.body.string) { csrf = token }
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// The 再開コード shown once a draft is saved.
    static func draftCode(in html: String) -> String? {
        html.range(of: "<dd class=\"code\">").map { range in String(html[range.upperBound...].prefix { $0 != "<" }) }
    }

    static func hiddenValue(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// All hidden inputs of the page (name, value), as the browser would send them back.
    static func hiddenFields(in html: String) -> [(String, String)] {
        var fields: [(String, String)] = []
        var rest = Substring(html)
        while let range = rest.range(of: "<input type=\"hidden\" name=\"") {
            rest = rest[range.upperBound...]
            let name = String(rest.prefix { $0 != "\"" })
            guard let valueRange = rest.range(of: "value=\"") else { break }
            let value = String(rest[valueRange.upperBound...].prefix { $0 != "\"" })
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
            if name != CSRFMiddleware.fieldName { fields.append((name, value)) }
        }
        return fields
    }
}

extension FormClient {
    /// Opens the 児童手当 認定請求's documents step and posts a file into its first attachment box,
    /// with `action` (`next`, `save`); answers the page and the box.
    mutating func attachOnDocumentsStep(
        action: String, filename: String, bytes: [UInt8]
    ) async throws -> (
        page: TestingHTTPResponse, field: FieldDefinition
    ) {
        let procedure = try #require(app.madoguchi.catalog.procedure("jidou-teate-nintei"))
        let documents = try #require(procedure.steps.firstIndex { $0.id == Procedure.documentStepID })
        let field = try #require(procedure.steps[documents].fields.first { $0.type == .attachment })
        let path = "/procedures/jidou-teate-nintei/apply"
        let start = try await get(path)
        let moved = try await post(
            path, FormClient.hiddenFields(in: start.body.string) + [("_action", "edit:\(documents)")])
        let page = try await postMultipart(
            path, FormClient.hiddenFields(in: moved.body.string) + [("_action", action)],
            file: (field.id, filename, bytes))
        return (page, field)
    }
}

@Suite struct FormFlowTests {
    @Test func aStepMayPostAsMuchAsItsUploadsMayWeighTogether() async throws {
        try await withMadoguchi { app in
            // given: 住宅改修費, whose step with three documents (20 + 10 + 10 MB) may post 41 MB, and
            // the 妊娠届, whose one document allows 11 MB
            let housing = try #require(app.madoguchi.catalog.procedure("jutaku-kaishu"))
            #expect(housing.largestStepUploadMB == 40)
            let pregnancy = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            #expect(pregnancy.largestStepUploadMB == 10)
            func body(megabytes: Int) -> ByteBuffer {
                ByteBuffer(string: "x=" + String(repeating: "a", count: megabytes * 1_048_576))
            }
            // (multipart: only a body that can carry files may be larger than a megabyte)
            let headers: HTTPHeaders = ["Host": TestHosts.demo, "Content-Type": "multipart/form-data; boundary=b"]
            // then: more than the configured limit is read for the first (and refused for its form,
            // not its size)
            let configured = app.madoguchi.config.maxBodyBytes / 1_048_576
            #expect(configured + 1 < 41)
            try await app.testing().test(
                .POST, "/procedures/jutaku-kaishu/apply", headers: headers, body: body(megabytes: configured + 1)
            ) { res in
                #expect(res.status != .payloadTooLarge)
                #expect(res.status.code < 500)
            }
            // and: 12 MB is too much for the second
            try await app.testing().test(
                .POST, "/procedures/ninshin-todoke/apply", headers: headers, body: body(megabytes: 12)
            ) { res in
                #expect(res.status == .payloadTooLarge)
            }
        }
    }

    @Test func aResidentCompletesEveryStepConfirmsAndGetsAReceipt() async throws {
        try await withMadoguchi { app in
            // given
            let procedure = try #require(app.madoguchi.catalog.procedure("jidou-teate-nintei"))
            let input = SampleInput.make(for: procedure, today: testToday)
            var client = FormClient(app: app)
            var page = try await client.get("/procedures/jidou-teate-nintei/apply")
            #expect(page.status == .ok)
            var draftCode: String?
            // when: each step is filled with its own fields and sent on
            for (index, step) in procedure.steps.enumerated() {
                let own = input.values.filter { path, _ in
                    step.fields.contains { path == $0.id || path.hasPrefix($0.id + ".") }
                }
                let carried = FormClient.hiddenFields(in: page.body.string).filter { own[$0.0] == nil }
                let answers = carried + own.flatMap { path, values in values.map { (path, $0) } }
                if index == 1 {
                    // part-way, the resident also saves a draft (再開コード)
                    let saved = try await client.post(
                        "/procedures/jidou-teate-nintei/apply", answers + [("_action", "save")])
                    draftCode = FormClient.draftCode(in: saved.body.string)
                    // the draft holds the 個人番号 typed so far, sealed
                    let stored = try #require(try await DraftRecord.query(on: app.db).first()?.input)
                    #expect(stored.hasPrefix("enc:v1:test-1::"))
                    #expect(!stored.contains("123456789018"))
                }
                page = try await client.post("/procedures/jidou-teate-nintei/apply", answers + [("_action", "next")])
                #expect(page.status == .ok, "step \(index): \(page.body.string.prefix(3000))")
            }
            // then: the 確認画面 shows the answers, the 個人番号 masked
            let confirm = page.body.string
            #expect(confirm.contains("入力内容の確認"))
            #expect(confirm.contains("●●●● ●●●● 9018"))
            #expect(!confirm.contains("123456789018"))  // not even in hidden fields: they travel sealed
            // when: submitted (twice, as a double click would)
            let hidden = FormClient.hiddenFields(in: confirm)
            let first = try await client.post("/procedures/jidou-teate-nintei/submit", hidden + [("_action", "submit")])
            let second = try await client.post(
                "/procedures/jidou-teate-nintei/submit", hidden + [("_action", "submit")])
            // then: one application, and the 控え shows its 受付番号 and 照会キー
            #expect(first.status == .seeOther && second.status == .seeOther)
            #expect(first.headers.first(name: .location) == "/receipt")
            #expect(try await ApplicationQueries.count(tenant: LocalGovernmentCode("990019")!, on: app.db) == 1)
            let receipt = try await client.get("/receipt")
            #expect(receipt.status == .ok)
            #expect(receipt.body.string.contains(ReceiptNumber(year: 2026, sequence: 1).description))
            #expect(receipt.body.string.contains("照会キー"))
            // and: the draft saved on the way is gone with its personal data
            let code = try #require(draftCode)
            #expect(try await DraftRecord.query(on: app.db).count() == 0)
            #expect(try await client.post("/resume", [("resume_code", code)]).status == .notFound)
        }
    }

    @Test func theReceiptCookieLastsHalfAnHourInTheBrowserAndInItsSignedValue() throws {
        // given: the cookie set on submission
        let secret = SymmetricKey(data: Data(repeating: 7, count: 32))
        let tenant = LocalGovernmentCode("990019")!
        let receipt = IntakeService.Receipt(
            applicationID: UUID(), receiptNumber: ReceiptNumber(year: 2026, sequence: 1), inquiryKey: "KEY",
            submittedAt: testNow, created: true)
        let cookie = ReceiptCookie.make(receipt, tenant: tenant, secret: secret, secure: true, now: testNow)
        // then: the browser keeps it half an hour, and so does the server, even if it is copied
        #expect(cookie.maxAge == 1800)
        let read = { (at: TimeInterval) in
            ReceiptCookie.read(cookie.string, tenant: tenant, secret: secret, now: testNow.addingTimeInterval(at))
        }
        #expect(read(29 * 60)?.receipt == receipt.receiptNumber)
        #expect(read(30 * 60) == nil)
        // and: another municipality's 控え page does not take it
        #expect(
            ReceiptCookie.read(cookie.string, tenant: LocalGovernmentCode("131016")!, secret: secret, now: testNow)
                == nil)
    }

    @Test func errorsAreShownBesideEachBoxAndInASummaryAndWhatWasTypedIsKept() async throws {
        try await withMadoguchi { app in
            var client = FormClient(app: app)
            _ = try await client.get("/procedures/jidou-teate-nintei/apply")
            let page = try await client.post(
                "/procedures/jidou-teate-nintei/apply",
                [
                    ("_step", "0"), ("claimant_birth_date", "令和元年4月30日"), ("claimant_name.family", "髙橋"),
                    ("_action", "next"),
                ])
            let html = page.body.string
            #expect(page.status == .unprocessableEntity)
            #expect(html.contains("class=\"error-summary\""))
            #expect(html.contains("href=\"#f-claimant_birth_date\""))
            #expect(html.contains("令和は令和元年5月1日からです。"))
            #expect(html.contains("aria-invalid=\"true\""))
            #expect(html.contains("aria-describedby=\"f-claimant_birth_date-hint f-claimant_birth_date-error\""))
            #expect(html.contains("value=\"令和元年4月30日\""))
            #expect(html.contains("value=\"髙橋\""))
        }
    }

    @Test func aFormPostWithoutItsCSRFTokenIsRefused() async throws {
        try await withMadoguchi { app in
            var client = FormClient(app: app)
            _ = try await client.get("/procedures/jidou-teate-nintei/apply")
            let refused = try await client.post(
                "/procedures/jidou-teate-nintei/apply", [("_action", "next")], csrf: false)
            #expect(refused.status == .forbidden)
            let forged = try await client.post("/status", [("_csrf", "forged"), ("receipt_number", "x")], csrf: false)
            #expect(forged.status == .forbidden)
        }
    }

    @Test func aDraftCanBeSavedAndResumedWithItsCode() async throws {
        try await withMadoguchi { app in
            var client = FormClient(app: app)
            _ = try await client.get("/procedures/ninshin-todoke/apply")
            let saved = try await client.post(
                "/procedures/ninshin-todoke/apply",
                [("_step", "0"), ("name.family", "佐藤"), ("_action", "save")])
            let code = try #require(FormClient.draftCode(in: saved.body.string))
            #expect(code.count == 14)
            let wrong = try await client.post("/resume", [("resume_code", "0000-0000-0000")])
            #expect(wrong.status == .notFound)
            let resumed = try await client.post("/resume", [("resume_code", code.lowercased())])
            #expect(resumed.status == .ok)
            #expect(resumed.body.string.contains("value=\"佐藤\""))
        }
    }

    @Test func groupItemsCanBeAddedAndRemovedWithoutJavaScript() async throws {
        try await withMadoguchi { app in
            var client = FormClient(app: app)
            _ = try await client.get("/procedures/jidou-teate-nintei/apply")
            let step = try #require(
                app.madoguchi.catalog.procedure("jidou-teate-nintei")?.steps.firstIndex { $0.id == "children" })
            let added = try await client.post(
                "/procedures/jidou-teate-nintei/apply",
                [
                    ("_step", String(step)), ("_items.children", "0"), ("children.0.child_name.family", "山田"),
                    ("_action", "add:children"),
                ])
            #expect(added.body.string.contains("name=\"children.1.child_name.family\""))
            let removed = try await client.post(
                "/procedures/jidou-teate-nintei/apply",
                [
                    ("_step", String(step)), ("_items.children", "0,1"), ("children.0.child_name.family", "山田"),
                    ("_action", "remove:children.0"),
                ])
            #expect(!removed.body.string.contains("value=\"山田\""))
            #expect(removed.body.string.contains("name=\"children.1.child_name.family\""))
        }
    }

    @Test func theStatusPageNeedsTheRightInquiryKey() async throws {
        try await withMadoguchi { app in
            let procedure = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            let municipality = try #require(testMunicipalities.municipality(forHost: TestHosts.demo))
            guard
                case .stored(let receipt) = try await app.madoguchi.intake.submit(
                    procedure, input: SampleInput.make(for: procedure, today: testToday), municipality: municipality,
                    channel: .web, idempotencyKey: nil)
            else {
                Issue.record("not stored")
                return
            }
            var client = FormClient(app: app)
            _ = try await client.get("/status")
            let wrong = try await client.post(
                "/status", [("receipt_number", receipt.receiptNumber.description), ("inquiry_key", "WRONG-KEY")])
            #expect(wrong.status == .notFound)
            #expect(wrong.body.string.contains("受付番号または照会キーが正しくありません"))
            let right = try await client.post(
                "/status",
                [
                    ("receipt_number", "２０２６ー" + receipt.receiptNumber.description.dropFirst(5)),
                    ("inquiry_key", receipt.inquiryKey),
                ])
            #expect(right.status == .ok)
            #expect(right.body.string.contains("受付"))
            #expect(right.body.string.contains(procedure.name.ja))
        }
    }

    @Test func switchingLanguageOnTheReviewPageDoesNotFileTheApplication() async throws {
        try await withMadoguchi { app in
            // given: the 確認画面 of a complete application
            let procedure = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            let input = SampleInput.make(for: procedure, today: testToday)
            var client = FormClient(app: app)
            _ = try await client.get("/procedures/ninshin-todoke/apply")
            let fields = input.values.flatMap { path, values in values.map { (path, $0) } }
            let confirm = try await client.post(
                "/procedures/ninshin-todoke/apply",
                fields + [("_step", String(procedure.steps.count - 1)), ("_action", "next")])
            #expect(confirm.body.string.contains("入力内容の確認"))
            // when: the resident presses English (it posts the review form to /submit)
            let english = try await client.post(
                "/procedures/ninshin-todoke/submit",
                FormClient.hiddenFields(in: confirm.body.string) + [("_action", "lang:en")])
            // then: the review page again, in English, and nothing stored
            #expect(english.status == .ok)
            #expect(english.body.string.contains("Review your application"))
            #expect(try await ApplicationQueries.count(tenant: LocalGovernmentCode("990019")!, on: app.db) == 0)
        }
    }

    @Test func aTamperedCarriedStateIsRefusedAsExpired() async throws {
        try await withMadoguchi { app in
            var client = FormClient(app: app)
            _ = try await client.get("/procedures/ninshin-todoke/apply")
            let page = try await client.post(
                "/procedures/ninshin-todoke/apply", [("_step", "1"), ("_state", "AAAAtampered"), ("_action", "next")])
            #expect(page.status == .badRequest)
            #expect(page.body.string.contains("有効期限が切れた"))
        }
    }

    @Test func aCarriedStateOnlyWorksInTheBrowserItWasMadeFor() async throws {
        try await withMadoguchi { app in
            // given: a step page for one browser, with earlier answers sealed in it
            var first = FormClient(app: app)
            _ = try await first.get("/procedures/ninshin-todoke/apply")
            let page = try await first.post(
                "/procedures/ninshin-todoke/apply",
                [("_step", "0"), ("name.family", "佐藤"), ("_action", "edit:1")])
            let carried = FormClient.hiddenFields(in: page.body.string)
            #expect(carried.contains { $0.0 == "_state" })
            // when: another browser posts that page's hidden fields
            var second = FormClient(app: app)
            _ = try await second.get("/procedures/ninshin-todoke/apply")
            let replayed = try await second.post("/procedures/ninshin-todoke/apply", carried + [("_action", "edit:0")])
            // then
            #expect(replayed.status == .badRequest)
            #expect(!replayed.body.string.contains("佐藤"))
        }
    }
}
