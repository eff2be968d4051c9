import Foundation
import MadoguchiDomain
import Testing
import VaporTesting

@testable import MadoguchiServer

/// No input produces a 500: random and hostile bodies at every endpoint that takes input.
@Suite struct RobustnessTests {
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    static let hostile: [String] = [
        "", "{", "[]", "null", "{\"procedure_id\":1}", "{\"procedure_id\":\"ninshin-todoke\",\"data\":[]}",
        "{\"procedure_id\":\"ninshin-todoke\",\"data\":{\"name\":{\"family\":[[[[[]]]]]}}}",
        "{\"procedure_id\":\"ninshin-todoke\",\"data\":{\"children\":{\"99999999999999999999\":{}}}}",
        String(repeating: "[", count: 5000), "%ZZ=%%%", "_step=-99999999999999999999&_action=remove:x.y.z",
        "_step=3&_action=add:nothing&_items.children=1,2,99999999", "a=\u{0}\u{1}&b=\u{FFFF}",
        "_action=edit:9223372036854775807", "_action=lang:xx&name.family=" + String(repeating: "𠮷", count: 3000),
    ]

    @Test func randomAndHostileBodiesNeverCauseA500() async throws {
        try await withMadoguchi { app in
            var client = FormClient(app: app)
            _ = try await client.get("/procedures/ninshin-todoke/apply")
            var generator = SeededGenerator(state: 20_261_123)
            var bodies = Self.hostile
            for _ in 0..<40 {
                let length = Int.random(in: 0..<400, using: &generator)
                bodies.append(
                    String(
                        decoding: (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }, as: UTF8.self)
                )
            }
            for body in bodies {
                try await app.testing().test(
                    .POST, "/api/v1/applications", headers: jsonHeaders(), body: ByteBuffer(string: body)
                ) { res in
                    #expect(res.status.code < 500, "API: \(body.prefix(80))")
                }
                for path in [
                    "/procedures/ninshin-todoke/apply", "/procedures/ninshin-todoke/submit", "/status", "/resume",
                ] {
                    let fields = body.split(separator: "&").map { pair -> (String, String) in
                        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                        return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
                    }
                    let res = try await client.post(path, fields)
                    #expect(res.status.code < 500, "\(path): \(body.prefix(80))")
                    // and the raw bytes as a form body, invalid percent-encoding included
                    try await app.testing().test(
                        .POST, path,
                        headers: [
                            "Host": TestHosts.demo, "Cookie": client.cookieHeader,
                            "Content-Type": "application/x-www-form-urlencoded",
                        ],
                        body: ByteBuffer(string: "_csrf=\(client.csrf)&" + body)
                    ) { raw in
                        #expect(raw.status.code < 500, "raw \(path): \(body.prefix(80))")
                    }
                }
            }
        }
    }
}

@Suite struct FormBodyDecodingTests {
    @Test func urlEncodedValuesDecodeLikeABrowserSendsThem() throws {
        let form = try FormBody.parseURLEncoded(
            Array(
                "a=%E5%B1%B1%E7%94%B0+%E5%A4%AA%E9%83%8E&b=1%2B1%3D2&c=&d&a=x&&e=%41%42=C&f=\u{1F600}%F0%9F%98%80".utf8)
        )
        #expect(form.fields["a"] == ["山田 太郎", "x"])
        #expect(form.fields["b"] == ["1+1=2"])
        #expect(form.fields["c"] == [""])
        #expect(form.fields["d"] == [""])
        #expect(form.fields["e"] == ["AB=C"])
        #expect(form.fields["f"] == ["😀😀"])
    }

    @Test func aFieldNameNoPageHasIsRefusedBeforeItCanBuildADeepTree() async throws {
        try await withMadoguchi { app in
            var client = FormClient(app: app)
            _ = try await client.get("/procedures/ninshin-todoke/apply")
            // given: names of 60,000 segments (the tree built from one crashed the server: walking
            // and freeing it recursed once per level), and of one very long segment
            for name in [
                Array(repeating: "a", count: 60_000).joined(separator: "."), String(repeating: "x", count: 300),
            ] {
                // when
                let res = try await client.post("/procedures/ninshin-todoke/apply", [(name, "x"), ("_action", "next")])
                // then
                #expect(res.status == .badRequest)
            }
            // and: the deepest name a page has is still read
            #expect(FormInput.isAcceptable("children.11.child_name.family"))
            var input = FormInput()
            input[all: Array(repeating: "a", count: 9).joined(separator: ".")] = ["x"]
            #expect(input == FormInput())
        }
    }

    @Test func bodiesWithoutFilesAreLimitedToAMegabyte() async throws {
        try await withMadoguchi { app in
            var client = FormClient(app: app)
            _ = try await client.get("/procedures/ninshin-todoke/apply")
            let big = String(repeating: "a", count: 1_100_000)
            let json = ByteBuffer(string: "{\"procedure_id\":\"ninshin-todoke\",\"data\":{\"x\":\"\(big)\"}}")
            try await app.testing().test(.POST, "/api/v1/applications", headers: jsonHeaders(), body: json) { res in
                #expect(res.status == .payloadTooLarge)
            }
            let res = try await client.post("/procedures/ninshin-todoke/apply", [("x", big), ("_action", "next")])
            #expect(res.status == .payloadTooLarge)
        }
    }

    @Test func jsonThatIsNotUTF8IsRefusedNotRepaired() async throws {
        try await withMadoguchi { app in
            for bytes: [UInt8] in [[0xFF], [0x61, 0xC3], [0x5C, 0x6E, 0xFF]] {  // raw, cut short, after an escape
                var body = ByteBuffer(string: "{\"procedure_id\":\"ninshin-todoke\",\"data\":{\"name\":\"")
                body.writeBytes(bytes)
                body.writeString("\"}}")
                try await app.testing().test(.POST, "/api/v1/applications", headers: jsonHeaders(), body: body) { res in
                    #expect(res.status == .badRequest)
                    #expect(res.body.string.contains("invalid_json"))
                }
            }
        }
    }

    @Test func aQuotedFileNameMayHoldSemicolonsAndQuotes() {
        let parameters = FormBody.dispositionParameters(
            #"form-data; name="doc"; filename="報告書;2026年 "控".pdf""#)
        #expect(parameters["name"] == "doc")
        #expect(parameters["filename"] == #"報告書;2026年 "控".pdf"#)
    }

    @Test(arguments: ["a=%", "a=%4", "a=%GG", "a=%FF%FE", "%=1", "a=%4%41"])
    func malformedEncodingIsABadRequest(body: String) {
        #expect(throws: AppError.self) { try FormBody.parseURLEncoded(Array(body.utf8)) }
    }

    @Test func bytesThatAreNotUTF8AreABadRequestEscapedOrNot() throws {
        #expect(throws: AppError.self) { try FormBody.parseURLEncoded([0x61, 0x3D, 0xFF]) }
        #expect(throws: AppError.self) { try FormBody.parseURLEncoded(Array("a=%41".utf8) + [0xC3]) }
        // and in a multipart body, for a text part (a file's bytes are its own business)
        func multipart(_ value: [UInt8]) -> [UInt8] {
            Array("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n".utf8) + value
                + Array("\r\n--b--\r\n".utf8)
        }
        #expect(try FormBody.parseMultipart(multipart(Array("山田".utf8)), boundary: "b").fields["a"] == ["山田"])
        #expect(throws: AppError.self) { try FormBody.parseMultipart(multipart([0x61, 0xFF]), boundary: "b") }
    }
}
