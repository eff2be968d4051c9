import Foundation
import Logging
import NIOSSL
import Testing

@testable import MadoguchiServer

/// STARTTLS, implicit TLS and AUTH against aiosmtpd with a self-signed certificate made for the test.
@Suite struct SMTPTransportTLSTests {
    typealias Base = SMTPTransportTests

    @Test(arguments: [SMTPConfiguration.AuthMechanism.plain, .login])
    func startTLSThenAuthDeliversInsideTLS(mechanism: SMTPConfiguration.AuthMechanism) async throws {
        try await withSMTPSink(SMTPSink.Options(starttls: true, auth: ("madoguchi", "correct horse"))) { sink in
            // given: the sink's certificate trusted, and a user name and password
            let transport = try Base.transport(port: sink.port, security: .startTLS) {
                try Base.trustSink(sink)(&$0)
                $0.credentials = .init(username: "madoguchi", password: "correct horse", mechanism: mechanism)
            }
            // when
            try await transport.send(Base.message())
            // then: it came inside TLS, logged in
            let received = try sink.received()
            try #require(received.count == 1)
            #expect(received[0].tls)
            #expect(received[0].auth == "madoguchi")
            #expect(received[0].parsed.subject == Base.subject)
        }
    }

    @Test func aWrongPasswordIsPermanent() async throws {
        try await withSMTPSink(SMTPSink.Options(starttls: true, auth: ("madoguchi", "correct horse"))) { sink in
            let transport = try Base.transport(port: sink.port, security: .startTLS) {
                try Base.trustSink(sink)(&$0)
                $0.credentials = .init(username: "madoguchi", password: "wrong")
            }
            let error = await #expect(throws: MailError.self) { try await transport.send(Base.message()) }
            #expect(error?.code == 535)
            #expect(error?.isPermanent == true)
            #expect(try sink.received().isEmpty)
        }
    }

    @Test func anUntrustedCertificateIsATemporaryTLSFailure() async throws {
        try await withSMTPSink(SMTPSink.Options(starttls: true)) { sink in
            // given: the system's trust store, which does not know the sink's certificate
            let transport = try Base.transport(port: sink.port, security: .startTLS)
            // when
            let error = await #expect(throws: MailError.self) { try await transport.send(Base.message()) }
            // then
            guard case .temporary(nil, let text)? = error else {
                Issue.record("expected a temporary TLS failure, got \(String(describing: error))")
                return
            }
            #expect(text.hasPrefix("STARTTLS: TLS failed"))
            #expect(try sink.received().isEmpty)
        }
    }

    @Test func startTLSThatTheServerDoesNotOfferIsTemporary() async throws {
        try await withSMTPSink { sink in
            let transport = try Base.transport(port: sink.port, security: .startTLS)
            let error = await #expect(throws: MailError.self) { try await transport.send(Base.message()) }
            #expect(error == .temporary(code: nil, text: "STARTTLS: the server does not offer it"))
            #expect(try sink.received().isEmpty)
        }
    }

    @Test func implicitTLSDeliversInsideTLS() async throws {
        try await withSMTPSink(SMTPSink.Options(implicitTLS: true)) { sink in
            let transport = try Base.transport(port: sink.port, security: .implicitTLS, Base.trustSink(sink))
            try await transport.send(Base.message())
            let received = try sink.received()
            try #require(received.count == 1)
            #expect(received[0].tls)
        }
    }

    @Test func aPasswordIsNeverSentOutsideTLS() throws {
        let credentials = SMTPConfiguration.Credentials(username: "madoguchi", password: "secret")
        func configuration(host: String, security: SMTPConfiguration.Security) -> SMTPConfiguration {
            SMTPConfiguration(
                host: host, port: 25, security: security, clientName: "madoguchi.test", credentials: credentials)
        }
        let logger = Logger(label: "test.smtp")
        // plain text to a remote server: refused at start-up
        #expect(throws: SMTPConfigurationError.authenticationWithoutTLS) {
            try SMTPTransport(configuration: configuration(host: "smtp.example.jp", security: .none), logger: logger)
        }
        // to a loopback relay: refused unless asked for
        #expect(throws: SMTPConfigurationError.authenticationWithoutTLS) {
            try SMTPTransport(configuration: configuration(host: "127.0.0.1", security: .none), logger: logger)
        }
        var loopback = configuration(host: "127.0.0.1", security: .none)
        loopback.allowsAuthenticationWithoutTLSOnLoopback = true
        #expect(throws: Never.self) { try SMTPTransport(configuration: loopback, logger: logger) }
        // asking for it does not open it to a remote server
        var remote = configuration(host: "smtp.example.jp", security: .none)
        remote.allowsAuthenticationWithoutTLSOnLoopback = true
        #expect(throws: SMTPConfigurationError.authenticationWithoutTLS) {
            try SMTPTransport(configuration: remote, logger: logger)
        }
        // with STARTTLS: fine
        #expect(throws: Never.self) {
            try SMTPTransport(
                configuration: configuration(host: "smtp.example.jp", security: .startTLS), logger: logger)
        }
    }
}
