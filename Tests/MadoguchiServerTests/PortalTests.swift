import Foundation
import MadoguchiDomain
import Testing
import VaporTesting

@testable import MadoguchiServer

@Suite struct PortalTests {
    @Test func theHomePageIsJapaneseWithCategoriesAndSafeHeaders() async throws {
        try await withMadoguchi { app in
            try await app.testing().test(.GET, "/", headers: .host(TestHosts.demo)) { res in
                #expect(res.status == .ok)
                let html = res.body.string
                #expect(html.hasPrefix("<!doctype html><html lang=\"ja\">"))
                #expect(html.contains("子育て"))
                #expect(html.contains("（15件の手続）"))
                #expect(res.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
                #expect(res.headers.first(name: "X-Frame-Options") == "DENY")
                #expect(res.headers.setCookie?[CSRFMiddleware.cookieName]?.sameSite == .strict)
            }
        }
    }

    @Test func errorPagesAndErrorAnswersCarryTheSafeHeadersToo() async throws {
        try await withMadoguchi { app in
            let emptyJSON = ByteBuffer(string: "{}")
            for (method, path, body) in [
                (HTTPMethod.GET, "/procedures/no-such-procedure", ByteBuffer?.none),
                (.POST, "/api/v1/applications", emptyJSON),
            ] {
                var headers = HTTPHeaders.host(TestHosts.demo)
                headers.contentType = .json
                try await app.testing().test(method, path, headers: headers, body: body) { res in
                    #expect(res.status.code >= 400, "\(path)")
                    #expect(res.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
                    #expect(res.headers.first(name: "X-Frame-Options") == "DENY")
                    #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                }
            }
        }
    }

    @Test func searchFindsProceduresHoweverTheyAreTyped() async throws {
        try await withMadoguchi { app in
            try await app.testing().test(.GET, "/search?q=%E3%81%98%E3%81%A9%E3%81%86%E3%81%A6%E3%81%82%E3%81%A6") {
                res in  // じどうてあて (hiragana) finds 児童手当 through its keywords? No: through the kana name.
                #expect(res.status == .ok)
            }
            try await app.testing().test(.GET, "/search?q=%E5%85%90%E7%AB%A5%E6%89%8B%E5%BD%93") { res in  // 児童手当
                #expect(res.body.string.contains("/procedures/jidou-teate-nintei"))
                #expect(!res.body.string.contains("/procedures/youkaigo-nintei"))
            }
            try await app.testing().test(.GET, "/search?q=%E4%BB%8B%E8%AD%B7") { res in  // 介護
                #expect(res.body.string.contains("/procedures/youkaigo-nintei"))
            }
        }
    }

    @Test func aProcedurePageSaysWhatToAttachAndHowLongItTakes() async throws {
        try await withMadoguchi { app in
            try await app.testing().test(.GET, "/procedures/jidou-teate-nintei") { res in
                #expect(res.status == .ok)
                let html = res.body.string
                #expect(html.contains("標準処理期間"))
                #expect(html.contains("添付書類"))
                #expect(html.contains("href=\"/procedures/jidou-teate-nintei/apply\""))
            }
        }
    }

    @Test func unknownPagesAndProceduresGetAFriendly404() async throws {
        try await withMadoguchi { app in
            try await app.testing().test(.GET, "/procedures/no-such-procedure") { res in
                #expect(res.status == .notFound)
                #expect(res.body.string.contains("お探しの手続は見つかりませんでした"))
                #expect(res.body.string.contains("lang=\"ja\""))
            }
            try await app.testing().test(.GET, "/nowhere") { res in
                #expect(res.status == .notFound)
                #expect(res.body.string.contains("お探しのページは見つかりませんでした"))
            }
            // テスト町 does not offer 罹災証明書
            try await app.testing().test(.GET, "/procedures/risai-shoumei", headers: .host(TestHosts.town)) { res in
                #expect(res.status == .notFound)
            }
        }
    }

    @Test func aMethodAPathDoesNotTakeGetsA405NamingTheOnesItDoes() async throws {
        try await withMadoguchi { app in
            // when: methods no route has, at paths that exist
            try await app.testing().test(.PUT, "/api/v1/applications", headers: jsonHeaders()) { res in
                // then: 405, with the methods the path takes, in the API's error shape
                #expect(res.status == .methodNotAllowed)
                #expect(res.headers.first(name: .allow) == "POST")
                #expect(res.body.string.contains("\"code\":\"method_not_allowed\""))
            }
            try await app.testing().test(.DELETE, "/procedures/ninshin-todoke", headers: .host(TestHosts.demo)) {
                res in
                #expect(res.status == .methodNotAllowed)
                #expect(res.headers.first(name: .allow) == "GET, HEAD")
                #expect(res.body.string.contains("この操作はできません"))
                #expect(res.body.string.contains("lang=\"ja\""))
            }
            // /status is read with GET and looked up with POST
            try await app.testing().test(.TRACE, "/status", headers: .host(TestHosts.demo)) { res in
                #expect(res.status == .methodNotAllowed)
                #expect(res.headers.first(name: .allow) == "GET, HEAD, POST")
            }
            // a path no route has, whatever the method, is still not found
            try await app.testing().test(.PUT, "/api/v1/nowhere", headers: jsonHeaders()) { res in
                #expect(res.status == .notFound)
                #expect(res.headers.first(name: .allow) == nil)
            }
            try await app.testing().test(.PUT, "/procedures/ninshin-todoke/apply/more", headers: .host(TestHosts.demo))
            { res in
                #expect(res.status == .notFound)
            }
        }
    }

    @Test func theLanguageSwitchShowsEnglishAndGoesBackOnlyToThisSite() async throws {
        try await withMadoguchi { app in
            try await app.testing().test(.GET, "/lang/en?next=/procedures/ninshin-todoke") { res in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == "/procedures/ninshin-todoke")
                #expect(res.headers.setCookie?[Request.languageCookie]?.string == "en")
            }
            for hostile in [
                "https://evil.example/", "//evil.example/", "/%09/evil.example", "/%5C/evil.example", "/%0D%0Ax",
            ] {
                try await app.testing().test(.GET, "/lang/en?next=\(hostile)") { res in
                    #expect(res.headers.first(name: .location) == "/", "\(hostile)")
                }
            }
            try await app.testing().test(.GET, "/", headers: ["Cookie": "\(Request.languageCookie)=en"]) { res in
                #expect(res.body.string.hasPrefix("<!doctype html><html lang=\"en\">"))
                #expect(res.body.string.contains("Find a procedure"))
            }
        }
    }

    @Test func anOversizedBodyGetsAFriendly413() async throws {
        try await withMadoguchi { app in
            // more than the 妊娠届's step may carry (its uploads and 1 MB besides)
            let allowed = try #require(app.madoguchi.catalog.procedure("ninshin-todoke")).largestStepUploadMB + 1
            let big = ByteBuffer(repeating: UInt8(ascii: "a"), count: (allowed + 1) * 1_048_576)
            try await app.testing(method: .running(port: 0)).test(
                .POST, "/procedures/ninshin-todoke/apply",
                headers: ["Content-Type": "application/x-www-form-urlencoded"], body: big
            ) { res in
                #expect(res.status == .payloadTooLarge)
                #expect(res.body.string.contains("大きすぎます"))
            }
        }
    }

    @Test func everyRouteInTheTableIsRegistered() async throws {
        try await withMadoguchi { app in
            let registered = Set(
                app.routes.all.map { "\($0.method) /\($0.path.map(\.description).joined(separator: "/"))" })
            for route in Route.allCases {
                #expect(
                    registered.contains(
                        "\(route.method) /\(route.pathComponents.map(\.description).joined(separator: "/"))"))
            }
        }
    }
}

@Suite struct HTMLTests {
    @Test func textAndAttributesAreEscapedByDefault() {
        let node = el("p", Attribute("title", "\"><script>'"), Attribute("hidden", nil)) { "<b>&amp;</b>" }
        #expect(node.rendered == "<p title=\"&quot;&gt;&lt;script&gt;&#39;\" hidden>&lt;b&gt;&amp;amp;&lt;/b&gt;</p>")
    }

    @Test func whatAResidentTypesIsNeverMarkup() async throws {
        try await withMadoguchi { app in
            try await app.testing().test(.GET, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E") { res in
                #expect(!res.body.string.contains("<script>alert(1)"))
                #expect(res.body.string.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""))
            }
        }
    }
}

@Suite struct DateRangeHintTests {
    @Test func aBoundedDateSaysWhichDatesItAccepts() async throws {
        try await withMadoguchi { app in
            // given: the 転出届, on Monday 2026-11-23 (勤労感謝の日)
            let procedure = try #require(app.madoguchi.catalog.procedure("tenshutsu"))
            let context = PageContext(
                language: .ja, municipalityName: LocalizedText(ja: "デモ市", en: "Demo City"), csrfToken: "",
                currentPath: "/", languageSwitchForm: nil, defaultAction: nil, today: testToday)
            let fields = FormFields(
                context: context, procedure: procedure, state: .start(procedure, idempotencyKey: "k"),
                stepFieldIDs: [], attachment: { _ in nil })
            func field(_ id: String) throws -> FieldDefinition {
                try #require(procedure.fields.first { $0.id == id })
            }
            // then: the moving date from 10 days ago to 30 days ahead; the visit from the next open day
            #expect(try fields.dateRange(field("move_date"))?.ja == "令和8年11月13日から令和8年12月23日までの日付を入力できます。")
            #expect(try fields.dateRange(field("visit_date"))?.ja == "令和8年11月24日以降の日付を入力できます。")
            #expect(try fields.dateRange(field("visit_date"))?.en == "A date on or after 2026-11-24.")
            // and: a date of birth ("not in the future") goes without saying
            let birth = try #require(
                app.madoguchi.catalog.procedure("jidou-teate-nintei")?.fields.first { $0.id == "claimant_birth_date" })
            #expect(fields.dateRange(birth) == nil)
        }
    }
}

@Suite struct AttachmentHintTests {
    @Test func anAttachmentSaysWhichFilesAndHowLargeItTakes() async throws {
        try await withMadoguchi { app in
            // given: the 罹災証明書 application, whose photos may be 20 MB
            let procedure = try #require(app.madoguchi.catalog.procedure("risai-shoumei"))
            let step = try #require(procedure.steps.first { $0.fields.contains { $0.maxAttachmentMB == 20 } })
            let photo = try #require(step.fields.first { $0.maxAttachmentMB == 20 })
            let context = PageContext(
                language: .ja, municipalityName: LocalizedText(ja: "デモ市", en: "Demo City"), csrfToken: "",
                currentPath: "/", languageSwitchForm: nil, defaultAction: nil, today: testToday)
            var state = FormState.start(procedure, idempotencyKey: "k")
            state.step = try #require(procedure.steps.firstIndex { $0.id == step.id })
            // when
            let html = Node.fragment(
                FormFields(
                    context: context, procedure: procedure, state: state, stepFieldIDs: Set(step.fields.map(\.id)),
                    attachment: { _ in nil }
                ).render(step.fields, scope: procedure.fieldsByID, itemPrefix: nil)
            ).rendered
            // then: the hint beside the field names its kinds and its limit
            let kinds = photo.acceptedKinds.map { $0.uppercased() }.joined(separator: "・")
            #expect(html.contains("\(kinds)、20MBまで"))
            #expect(UIText.attachmentHint(kinds: ["jpeg", "png"], maxMB: 20).en == "JPEG or PNG, up to 20 MB")
            #expect(UIText.attachmentHint(kinds: ["pdf"], maxMB: 10).en == "PDF, up to 10 MB")
        }
    }

    @Test func aFileChosenBeforeIsNamedAndOneNoLongerAcceptedIsAskedForAgain() async throws {
        try await withMadoguchi { app in
            // given: the 罹災証明書's photos step, with a file chosen earlier for the first box and an
            // expired token in the second
            let procedure = try #require(app.madoguchi.catalog.procedure("risai-shoumei"))
            let step = try #require(procedure.steps.first { $0.fields.filter { $0.type == .attachment }.count >= 2 })
            let boxes = step.fields.filter { $0.type == .attachment }
            let context = PageContext(
                language: .ja, municipalityName: LocalizedText(ja: "デモ市", en: "Demo City"), csrfToken: "",
                currentPath: "/", languageSwitchForm: nil, defaultAction: nil, today: testToday)
            var state = FormState.start(procedure, idempotencyKey: "k")
            state.step = try #require(procedure.steps.firstIndex { $0.id == step.id })
            state.input[boxes[0].id] = "accepted-token"
            state.input[boxes[1].id] = "expired-token"
            let photo = AttachmentReference(sha256: "", size: 2_500_000, kind: "jpeg", filename: "被害写真.jpg")
            // when
            let html = Node.fragment(
                FormFields(
                    context: context, procedure: procedure, state: state, stepFieldIDs: Set(step.fields.map(\.id)),
                    attachment: { $0 == "accepted-token" ? photo : nil }
                ).render(step.fields, scope: procedure.fieldsByID, itemPrefix: nil)
            ).rendered
            // then: the resident sees which file is attached, and it travels on
            #expect(html.contains("添付済み：<span class=\"field__filename\">被害写真.jpg</span>（2.4MB）"))
            #expect(html.contains("value=\"accepted-token\""))
            // and: the expired one is not silently dropped: the resident is asked to choose it again,
            // and it travels on, so the box is refused until they do
            #expect(html.contains("前に選んだファイルは期限（1週間）が過ぎたため送れません。もう一度選んでください。"))
            #expect(html.contains("value=\"expired-token\""))
        }
    }
}
