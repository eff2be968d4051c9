import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import VaporTesting

@testable import MadoguchiServer

/// What a core system may not do: authenticate with a wrong secret or a bad assertion, use a token
/// beyond its scopes, its 課 or its municipality. Each is refused with no data and recorded.
@Suite struct HandOffAuthTests {
    @Test func badAssertionsGetNoTokenAndAreAudited() async throws {
        try await withMadoguchi { app in
            // given: a registered core system
            let core = try await HandOffSupport.register(app)
            let used = try await core.assertion(jti: "used-once")
            #expect(try await core.tokenResponse(assertion: used).status == .ok)
            let cases: [(name: String, assertion: String, reason: String)] = [
                ("wrong secret", try await core.assertion(secret: CoreClients.newSecret()), "bad_signature"),
                ("expired", try await core.assertion(expires: -120, issued: -300), "expired"),
                ("exp too far ahead", try await core.assertion(expires: 3600), "exp_too_far"),
                ("no exp", try await core.assertion(expires: nil), "missing_exp"),
                ("iat in the future", try await core.assertion(issued: 600), "iat_in_future"),
                ("nbf ahead", try await core.assertion(notBefore: 90), "nbf_in_future"),
                ("replayed jti", used, "jti_replayed"),
                ("no jti", try await core.assertion(jti: nil), "missing_jti"),
                (
                    "wrong audience", try await core.assertion(audience: "https://other.example.jp/core/v1/token"),
                    "wrong_audience"
                ),
                ("unknown client", try await core.assertion(issuer: "nobody"), "unknown_client"),
                ("not a JWT", "not-a-jwt", "malformed_assertion"),
            ]
            for (name, assertion, reason) in cases {
                // when: it asks for a token with the assertion
                let answer = try await core.tokenResponse(assertion: assertion)
                // then: 401 invalid_client, no token, and the failure in the audit log with its reason
                #expect(answer.status == .unauthorized, "\(name)")
                #expect(answer.body.string.contains("\"error\":\"invalid_client\""), "\(name)")
                #expect(!answer.body.string.contains("access_token"), "\(name)")
                let failures = try await HandOffSupport.audit(app, action: "core.auth_failed")
                #expect(failures.last?.detail == "endpoint=token;reason=\(reason)", "\(name)")
            }
            // and: the ones that named the client are recorded as its attempts
            let failures = try await HandOffSupport.audit(app, action: "core.auth_failed")
            #expect(failures.filter { $0.actor == "core:jidou-teate" }.count == 9)
            #expect(failures.contains { $0.actor == "core:nobody" })
            // and: no assertion at all, another grant or a body that is not a form are refused too
            let bare = try await core.post("/core/v1/token", [("grant_type", "client_credentials")])
            #expect(bare.status == .unauthorized)
            let password = try await core.post("/core/v1/token", [("grant_type", "password")])
            #expect(password.status == .badRequest)
            #expect(password.body.string.contains("unsupported_grant_type"))
            let twice = try await core.post(
                "/core/v1/token", [("grant_type", "client_credentials"), ("grant_type", "client_credentials")])
            #expect(twice.body.string.contains("invalid_request"))
        }
    }

    @Test func aTokenWithoutTheRoutesScopeIsForbiddenAndAudited() async throws {
        try await withMadoguchi { app in
            // given: a core system that may only read, and a released application
            let core = try await HandOffSupport.register(app, scopes: ["jidou-teate:applications:read"])
            let (_, id) = try await HandOffSupport.released(app)
            let token = try await core.token()
            // when: it asks for a scope it does not hold
            let asked = try await core.tokenResponse(scope: "jidou-teate:decisions:write")
            // then: invalid_scope
            #expect(asked.status == .badRequest)
            #expect(asked.body.string.contains("invalid_scope"))
            // when: it acknowledges with its read-only token
            let refused = try await core.call(.POST, "/core/v1/applications/\(id)/acknowledgement", token: token)
            // then: 403 insufficient_scope, the application unchanged, the refusal audited
            #expect(refused.status == .forbidden)
            #expect(refused.headers.first(name: .wwwAuthenticate)?.contains("insufficient_scope") == true)
            #expect(refused.body.string.contains("jidou-teate:applications:acknowledge"))
            #expect(try await ApplicationWork.row(id, tenant: demoCode, on: app.db.sql)?.status == .awaitingHandOff)
            let forbidden = try await HandOffSupport.audit(app, action: "core.forbidden")
            #expect(forbidden.map(\.actor) == ["core:jidou-teate", "core:jidou-teate"])
            #expect(forbidden.last?.detail.hasSuffix("scope=jidou-teate:applications:acknowledge") == true)
        }
    }

    @Test func anotherDepartmentsOrMunicipalitysApplicationIsNotFound() async throws {
        try await withMadoguchi { app in
            // given: a released application of こども支援課, a core system of 介護保険課 and one of テスト町
            let (_, id) = try await HandOffSupport.released(app)
            let kaigo = try await HandOffSupport.register(app, id: "kaigo", departments: ["介護保険課"])
            let town = try await HandOffSupport.register(
                app, id: "town", departments: ["住民課"], municipality: "990027", host: TestHosts.town)
            let token = try await kaigo.token()
            // when: the 介護保険課 system pulls, acknowledges and decides
            let pulled = try await kaigo.call(.GET, "/core/v1/procedures/jidou-teate-nintei/applications", token: token)
            let acknowledged = try await kaigo.call(.POST, "/core/v1/applications/\(id)/acknowledgement", token: token)
            let decided = try await kaigo.call(
                .POST, "/core/v1/applications/\(id)/decision", token: token,
                json: #"{"decision": "approved", "date": "2026-11-30", "reference": "1"}"#)
            // then: nothing to pull, and the application is answered as absent, with no data
            #expect(try HandOffAPITests.page(pulled).items.isEmpty)
            for answer in [acknowledged, decided] {
                #expect(answer.status == .notFound)
                #expect(answer.body.string.contains("application_not_found"))
                #expect(!answer.body.string.contains("receipt_number"))
            }
            #expect(try await ApplicationWork.row(id, tenant: demoCode, on: app.db.sql)?.status == .awaitingHandOff)
            let notFound = try await HandOffSupport.audit(app, action: "core.not_found")
            #expect(notFound.map(\.target) == [id.uuidString, id.uuidString])
            #expect(notFound.allSatisfy { $0.actor == "core:kaigo" })
            // when: テスト町's system brings its token to デモ市's host
            var townAtDemo = town
            let townToken = try await town.token()
            townAtDemo.host = TestHosts.demo
            let crossed = try await townAtDemo.call(
                .POST, "/core/v1/applications/\(id)/acknowledgement", token: townToken)
            // then: the token is not one of デモ市's
            #expect(crossed.status == .unauthorized)
        }
    }

    @Test func aMissingExpiredOrRevokedTokenIsRefused() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            // given: a core system with a token
            let core = try await HandOffSupport.register(app)
            let token = try await core.token()
            let path = "/core/v1/procedures/jidou-teate-nintei/applications"
            // when / then: no token, a made-up one
            let none = try await core.call(.GET, path, token: nil)
            #expect(none.status == .unauthorized)
            #expect(none.headers.first(name: .wwwAuthenticate) == "Bearer realm=\"madoguchi\"")
            #expect(try await core.call(.GET, path, token: "made-up").status == .unauthorized)
            // when / then: the token works now, but not five minutes later
            #expect(try await core.call(.GET, path, token: token).status == .ok)
            clock.date = testNow.addingTimeInterval(AccessTokens.lifetime)
            let expired = try await core.call(.GET, path, token: token)
            #expect(expired.status == .unauthorized)
            #expect(expired.headers.first(name: .wwwAuthenticate)?.contains("invalid_token") == true)
            // when / then: a fresh token stops working once the client is disabled
            let fresh = try await core.token()
            try await CoreClientCommands.disable(municipality: "990019", id: core.id, app: app)
            #expect(try await core.call(.GET, path, token: fresh).status == .unauthorized)
            #expect(try await core.tokenResponse().status == .unauthorized)
            let failures = try await HandOffSupport.audit(app, action: "core.auth_failed")
            #expect(failures.count == 5)
        }
    }

    @Test func introspectionAnswersOnlyAboutTheCallersOwnActiveTokens() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            // given: two core systems with a token each
            let core = try await HandOffSupport.register(app)
            let other = try await HandOffSupport.register(app, id: "kaigo", departments: ["介護保険課"])
            let token = try await core.token()
            let othersToken = try await other.token()
            func introspect(_ subject: String) async throws -> [String: JSONScalar] {
                let answer = try await core.post(
                    "/core/v1/introspect",
                    [
                        ("token", subject), ("client_assertion_type", ClientAuthentication.assertionType),
                        ("client_assertion", try await core.assertion()),
                    ])
                #expect(answer.status == .ok, "\(answer.body.string)")
                return try JSONDecoder().decode([String: JSONScalar].self, from: answer.body)
            }
            // when / then: its own token is active, with its client, scopes and times
            let own = try await introspect(token)
            #expect(own["active"] == .bool(true))
            #expect(own["client_id"] == .string("jidou-teate"))
            #expect(own["sub"] == .string("jidou-teate"))
            #expect(own["token_type"] == .string("Bearer"))
            #expect(own["exp"] == .number(testNow.timeIntervalSince1970 + 300))
            #expect(own["scope"]?.string?.contains("jidou-teate:applications:read") == true)
            // and: with its bearer token instead of an assertion
            let byBearer = try await core.post(
                "/core/v1/introspect", [("token", token)], headers: [("Authorization", "Bearer \(token)")])
            #expect(byBearer.body.string.contains("\"active\":true"))
            // and: another client's token, a made-up one and an expired one are inactive, and nothing more
            #expect(try await introspect(othersToken) == ["active": .bool(false)])
            #expect(try await introspect("made-up") == ["active": .bool(false)])
            clock.date = testNow.addingTimeInterval(AccessTokens.lifetime + 1)
            #expect(try await introspect(token) == ["active": .bool(false)])
            // and: a caller that does not authenticate is refused
            let anonymous = try await core.post("/core/v1/introspect", [("token", token)])
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.body.string.contains("invalid_client"))
        }
    }

    @Test func registrationKeepsScopesToTheClientsOwnIDAndSealsTheSecret() async throws {
        try await withMadoguchi { app in
            // when: a client is registered
            let core = try await HandOffSupport.register(app)
            // then: a 43-character base64url secret, stored sealed only, and the registration audited
            #expect(core.secret.count == 43)
            #expect(core.secret.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            let stored = try await app.db.sql.raw("SELECT secret FROM core_clients").first()?.decode(
                column: "secret", as: String.self)
            #expect(stored?.hasPrefix(NumberVault.prefix) == true)
            #expect(stored?.contains(core.secret) == false)
            #expect(
                try await HandOffSupport.audit(app, action: "core.client_created").map(\.target) == ["core:jidou-teate"]
            )
            // when / then: scopes of another id, unknown scopes, an unknown 課 or a taken id are refused
            for (scopes, departments, id) in [
                (["other:applications:read"], ["こども支援課"], "mine"),
                (["applications:delete"], ["こども支援課"], "mine"),
                (["applications:read"], ["税務課"], "mine"),
                (["applications:read"], ["こども支援課"], "jidou-teate"),
                (["applications:read"], ["こども支援課"], "has:colon"),
            ] {
                await #expect(throws: CoreClientCommands.Failure.self) {
                    _ = try await CoreClientCommands.add(
                        municipality: "990019", id: id, name: "x", departments: departments, scopes: scopes, app: app)
                }
            }
            let listed = try await CoreClientCommands.list(municipality: "990019", app: app)
            #expect(listed.count == 1)
            #expect(listed.first?.hasPrefix("jidou-teate\tenabled\tこども支援課\t") == true)
        }
    }
}
