import Foundation
import MadoguchiDomain
import Testing

@Suite struct ClientAssertionRulesTests {
    static let now = Date(timeIntervalSince1970: 1_795_395_600)
    static let audience = "https://madoguchi.example.lg.jp/core/v1/token"

    static func claims(
        issuer: String? = "jidou-teate", subject: String? = "jidou-teate", audience: [String] = [audience],
        expires: TimeInterval? = 120, notBefore: TimeInterval? = nil, issued: TimeInterval? = 0, id: String? = "a1"
    ) -> ClientAssertionClaims {
        ClientAssertionClaims(
            issuer: issuer, subject: subject, audience: audience,
            expiresAt: expires.map { now.addingTimeInterval($0) },
            notBefore: notBefore.map { now.addingTimeInterval($0) },
            issuedAt: issued.map { now.addingTimeInterval($0) }, id: id)
    }

    static func check(_ claims: ClientAssertionClaims) -> ClientAssertionRules.Problem? {
        ClientAssertionRules.check(claims, clientID: "jidou-teate", audiences: [audience], now: now)
    }

    @Test func aShortLivedAssertionForThisEndpointPasses() {
        #expect(Self.check(Self.claims()) == nil)
        // within the clocks' leeway either way
        #expect(Self.check(Self.claims(expires: -20, issued: -200)) == nil)
        #expect(Self.check(Self.claims(expires: 320, notBefore: 20, issued: 20)) == nil)
        #expect(Self.check(Self.claims(audience: ["https://elsewhere", Self.audience])) == nil)
    }

    @Test func eachRuleRefusesWhatItMust() {
        #expect(Self.check(Self.claims(subject: "other")) == .issuerNotSubject)
        #expect(Self.check(Self.claims(issuer: nil)) == .issuerNotSubject)
        #expect(Self.check(Self.claims(audience: ["https://elsewhere/core/v1/token"])) == .wrongAudience)
        #expect(Self.check(Self.claims(audience: [])) == .wrongAudience)
        #expect(Self.check(Self.claims(expires: nil)) == .missingExpiry)
        #expect(Self.check(Self.claims(expires: -31, issued: -200)) == .expired)
        #expect(Self.check(Self.claims(expires: 331)) == .expiresTooLate)
        #expect(Self.check(Self.claims(notBefore: 31)) == .notYetValid)
        #expect(Self.check(Self.claims(issued: 31)) == .issuedInFuture)
        #expect(Self.check(Self.claims(id: nil)) == .missingID)
        #expect(Self.check(Self.claims(id: String(repeating: "x", count: 201))) == .missingID)
        #expect(ClientAssertionRules.Problem.allCases.allSatisfy { $0.description.allSatisfy(\.isASCII) })
    }

    @Test func scopesCarryTheClientsIDAndAKnownPermission() {
        #expect(
            CoreScope("jidou-teate:applications:read")
                == CoreScope(clientID: "jidou-teate", permission: .readApplications))
        #expect(CoreScope("jidou-teate:decisions:write")?.permission == .writeDecisions)
        for text in [
            "applications:read", "a:b:applications:read", "x:applications:delete", ":applications:read",
            "a b:decisions:write",
        ] {
            #expect(CoreScope(text) == nil, "\(text)")
        }
        let list = CoreScope.list("b:decisions:write a:applications:read")
        #expect(list.map(CoreScope.text) == "a:applications:read b:decisions:write")
        #expect(CoreScope.list("a:applications:read nonsense") == nil)
    }
}
