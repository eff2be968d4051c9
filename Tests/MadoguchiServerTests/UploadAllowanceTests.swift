import Foundation
import MadoguchiDomain
import Testing
import Vapor
import VaporTesting

@testable import MadoguchiServer

/// One client cannot fill the attachment store's disk for everyone.
@Suite struct UploadAllowanceTests {
    static func pdf(kilobytes: Int, _ tag: String) -> ByteBuffer {
        ByteBuffer(string: "%PDF-1.4\n% \(tag)\n" + String(repeating: "x", count: kilobytes * 1024) + "\n%%EOF\n")
    }

    @Test func aClientMayUploadSoMuchAnHourToAMunicipality() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock, adjust: { $0.uploadBytesPerHour = 1_048_576 }) { app in
            let headers: HTTPHeaders = ["Host": TestHosts.demo, "Content-Type": "application/pdf"]
            // given: 600 KB taken this hour
            try await app.testing().test(
                .POST, "/api/v1/attachments", headers: headers, body: Self.pdf(kilobytes: 600, "a")
            ) { res in
                #expect(res.status == .created)
            }
            // when: 600 KB more
            try await app.testing().test(
                .POST, "/api/v1/attachments", headers: headers, body: Self.pdf(kilobytes: 600, "b")
            ) { res in
                // then: 429, with the reason in both languages
                #expect(res.status == .tooManyRequests)
                #expect(res.body.string.contains("upload_limit"))
                #expect(res.body.string.contains("1時間に送れる添付ファイルの量を超えました"))
            }
            // and: another municipality counts on its own
            try await app.testing().test(
                .POST, "/api/v1/attachments", headers: ["Host": TestHosts.town, "Content-Type": "application/pdf"],
                body: Self.pdf(kilobytes: 600, "c")
            ) { res in
                #expect(res.status == .created)
            }
            // and: the web form says it beside the box, keeping everything else
            var client = FormClient(app: app)
            let (page, field) = try await client.attachOnDocumentsStep(
                action: "next", filename: "通帳.pdf", bytes: Array("%PDF-1.4\n%%EOF\n".utf8))
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.string.contains("1時間に送れる添付ファイルの量を超えました。1時間ほどしてから、もう一度選んでください。"))
            #expect(page.body.string.contains("id=\"\(FormFields.domID(field.id))\""))
            // when: an hour later
            clock.date = testNow + 3600
            try await app.testing().test(
                .POST, "/api/v1/attachments", headers: headers, body: Self.pdf(kilobytes: 600, "d")
            ) { res in
                // then: taken again
                #expect(res.status == .created)
            }
        }
    }

    @Test func clientsBehindATrustedProxyAreCountedApart() async throws {
        try await withMadoguchi(adjust: {
            $0.uploadBytesPerHour = 1_048_576
            $0.trustedProxies = [AddressRange("127.0.0.1")!]
        }) { app in
            func upload(from address: String, _ tag: String) async throws -> HTTPStatus {
                var status = HTTPStatus.ok
                let headers: HTTPHeaders = [
                    "Host": TestHosts.demo, "Content-Type": "application/pdf", "X-Forwarded-For": address,
                ]
                try await app.testing(method: .running(hostname: "127.0.0.1", port: 0)).test(
                    .POST, "/api/v1/attachments", headers: headers, body: Self.pdf(kilobytes: 600, tag)
                ) { res in status = res.status }
                return status
            }
            // given: a client through the proxy that has taken its hour's allowance
            let first = try await upload(from: "203.0.113.7", "a")
            let second = try await upload(from: "203.0.113.7", "b")
            // then: another client through the same proxy is not held back
            let other = try await upload(from: "203.0.113.8", "c")
            // and: a client cannot pass for another by writing its own X-Forwarded-For first
            let disguised = try await upload(from: "198.51.100.1, 203.0.113.7", "d")
            #expect([first, second, other, disguised] == [.created, .tooManyRequests, .created, .tooManyRequests])
        }
    }

    @Test func theClientIsTheNearestAddressNoTrustedProxyAdded() {
        let proxies = [AddressRange("10.0.0.0/8")!, AddressRange("fd00::/8")!, AddressRange("127.0.0.1")!]
        // no proxy trusted: the peer
        #expect(ClientAddress.of(peer: "10.1.2.3", forwardedFor: ["203.0.113.7"], trusted: []) == "10.1.2.3")
        // an untrusted peer's header is ignored
        #expect(ClientAddress.of(peer: "192.0.2.1", forwardedFor: ["203.0.113.7"], trusted: proxies) == "192.0.2.1")
        // through two trusted proxies, whatever the client wrote before them
        #expect(
            ClientAddress.of(
                peer: "10.0.0.2", forwardedFor: ["198.51.100.1, 203.0.113.7", "10.0.0.1"], trusted: proxies)
                == "203.0.113.7")
        #expect(ClientAddress.of(peer: "fd12::1", forwardedFor: ["2001:db8::5"], trusted: proxies) == "2001:db8::5")
        #expect(
            ClientAddress.of(peer: "::ffff:127.0.0.1", forwardedFor: ["203.0.113.9"], trusted: proxies) == "203.0.113.9"
        )
        // a header that names no address: unknown
        #expect(ClientAddress.of(peer: "127.0.0.1", forwardedFor: ["unknown"], trusted: proxies) == nil)
        // ranges
        #expect(AddressRange("10.0.0.0/33") == nil)
        #expect(AddressRange("example.jp") == nil)
        #expect(AddressRange("192.168.0.0/16")!.contains(AddressRange.address("192.168.255.1")!))
        #expect(!AddressRange("192.168.0.0/17")!.contains(AddressRange.address("192.168.255.1")!))
    }

    @Test func theLimitAndTheProxiesAreReadFromTheEnvironment() throws {
        let base = ["MADOGUCHI_SECRET": String(repeating: "s", count: 32)]
        let config = try AppConfig.fromEnvironment(
            base.merging(["MADOGUCHI_UPLOAD_LIMIT_MB": "50", "MADOGUCHI_TRUSTED_PROXIES": "10.0.0.0/8, ::1"]) { $1 },
            mode: .testing)
        #expect(config.uploadBytesPerHour == 50 * 1_048_576)
        #expect(config.trustedProxies == [AddressRange("10.0.0.0/8")!, AddressRange("::1")!])
        #expect(throws: AppConfig.Invalid.self) {
            try AppConfig.fromEnvironment(
                base.merging(["MADOGUCHI_TRUSTED_PROXIES": "proxy.local"]) { $1 }, mode: .testing)
        }
    }
}
