import Foundation
import MadoguchiDomain
import Testing
import VaporTesting

@testable import MadoguchiServer

/// The hand-off API in the served OpenAPI document, and the token endpoint URLs an assertion may name.
@Suite struct HandOffDocumentTests {
    @Test func theOpenAPIDocumentDescribesExactlyTheHandOffRoutes() async throws {
        try await withMadoguchi { app in
            // given: the served document
            var document = ""
            try await app.testing().test(.GET, "/api/openapi.yaml") { res in document = res.body.string }
            // when: its /core/ paths are read
            let documented = Set(
                document.split(separator: "\n").filter { $0.hasPrefix("  /core/") }.map {
                    String($0.dropFirst(2).dropLast()).replacingOccurrences(of: "{procedure}", with: ":procedure")
                        .replacingOccurrences(of: "{application}", with: ":application")
                })
            let registered = Set(
                app.routes.all.map { "/" + $0.path.map(\.description).joined(separator: "/") }
                    .filter { $0.hasPrefix("/core/v1/") })
            // then: they are the registered routes, with the OAuth 2.0 client-credentials scheme and
            // each resource route's scope
            #expect(documented == registered)
            #expect(registered.count == 5)
            #expect(document.contains("    coreClient:\n      type: oauth2"))
            #expect(document.contains("clientCredentials:\n          tokenUrl: /core/v1/token"))
            for route in Route.allCases where route.group == .coreAPI {
                guard let permission = route.corePermission else { continue }
                #expect(document.contains("- coreClient: [\"ID:\(permission.rawValue)\"]"))
            }
            #expect(document.components(separatedBy: "security: []").count - 1 == 2)
        }
    }

    @Test func anAssertionNamesTheTokenEndpointAtAHostOfItsMunicipality() throws {
        // given: a production deployment behind https://madoguchi.example.lg.jp, デモ市 its default
        let environment = [
            "MADOGUCHI_SECRET": String(repeating: "s", count: 32),
            "MADOGUCHI_NUMBER_KEYS": "k1:" + Data(repeating: 1, count: 32).base64EncodedString(),
        ]
        var config = try AppConfig.fromEnvironment(
            environment.merging(["MADOGUCHI_PUBLIC_URL": "https://madoguchi.example.lg.jp/"]) { $1 },
            mode: .production)
        #expect(config.publicURL == "https://madoguchi.example.lg.jp")
        let demo = try #require(testMunicipalities.municipality(code: demoCode))
        let town = try #require(testMunicipalities.municipality(code: LocalGovernmentCode("990027")!))
        // when: the audiences of each are worked out for a request with a forged Host
        let demoAudiences = TokenEndpoint.audiences(
            for: demo, requestHost: "evil.example", config: config, directory: testMunicipalities)
        let townAudiences = TokenEndpoint.audiences(
            for: town, requestHost: "evil.example", config: config, directory: testMunicipalities)
        // then: the public URL and the municipality's own hosts over https, never the request's host
        #expect(
            demoAudiences == [
                "https://madoguchi.example.lg.jp/core/v1/token", "https://demo.example.jp/core/v1/token",
            ])
        #expect(townAudiences == ["https://town.example.jp/core/v1/token"])
        // and: outside production the host the request was sent to is taken too (local development)
        config.mode = .development
        #expect(
            TokenEndpoint.audiences(
                for: town, requestHost: "127.0.0.1:8080", config: config, directory: testMunicipalities
            ).contains("http://127.0.0.1:8080/core/v1/token"))
        // and: a public URL that is not an http(s) URL is refused at start
        #expect(throws: AppConfig.Invalid.self) {
            _ = try AppConfig.fromEnvironment(
                environment.merging(["MADOGUCHI_PUBLIC_URL": "madoguchi.example.lg.jp"]) { $1 }, mode: .production)
        }
    }
}
