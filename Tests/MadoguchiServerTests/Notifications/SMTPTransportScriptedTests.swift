import Foundation
import NIOCore
import NIOPosix
import Testing

@testable import MadoguchiServer

/// Servers that misbehave in ways aiosmtpd will not: canned replies, one per line the client sends.
@Suite struct SMTPTransportScriptedTests {
    /// Sends `replies[0]` on connecting and `replies[n]` after the n-th line received; then closes.
    final class ScriptedServer: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        private var replies: [String]
        private var received = ByteBuffer()

        init(_ replies: [String]) {
            self.replies = replies
        }

        func channelActive(context: ChannelHandlerContext) {
            answer(context)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var bytes = unwrapInboundIn(data)
            received.writeBuffer(&bytes)
            while let newline = received.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                received.moveReaderIndex(to: newline + 1)
                answer(context)
            }
        }

        private func answer(_ context: ChannelHandlerContext) {
            guard !replies.isEmpty else {
                context.close(promise: nil)
                return
            }
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: replies.removeFirst())), promise: nil)
        }
    }

    static func withScriptedServer(_ replies: [String], _ body: (Int) async throws -> Void) async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ScriptedServer(replies))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        do {
            try await body(try #require(server.localAddress?.port))
        } catch {
            try await server.close()
            throw error
        }
        try await server.close()
    }

    static func sendError(port: Int, security: SMTPConfiguration.Security = .none) async throws -> MailError? {
        let transport = try SMTPTransportTests.transport(port: port, security: security)
        return await #expect(throws: MailError.self) { try await transport.send(SMTPTransportTests.message()) }
    }

    @Test func repliesInjectedBeforeTheTLSHandshakeAreRefused() async throws {
        // given: a server that slips a second reply in behind its 220 to STARTTLS (CVE-2011-0411)
        let script = ["220 hi\r\n", "250-x\r\n250 STARTTLS\r\n", "220 go ahead\r\n250-injected\r\n250 AUTH PLAIN\r\n"]
        try await Self.withScriptedServer(script) { port in
            // when
            let error = try await Self.sendError(port: port, security: .startTLS)
            // then
            #expect(error == .temporary(code: nil, text: "STARTTLS: the server sent data before the TLS handshake"))
        }
    }

    @Test func aGreetingOf554IsPermanent() async throws {
        try await Self.withScriptedServer(["554 5.7.1 no service for you\r\n", "221 bye\r\n"]) { port in
            let error = try await Self.sendError(port: port)
            #expect(error == .permanent(code: 554, text: "greeting: 5.7.1 no service for you"))
        }
    }

    @Test func aServerThatHangsUpMidwayIsTemporary() async throws {
        try await Self.withScriptedServer(["220 hi\r\n", "250 ok\r\n"]) { port in
            let error = try await Self.sendError(port: port)
            #expect(error == .temporary(code: nil, text: "MAIL FROM: the server closed the connection"))
        }
    }

    @Test func aReplyThatIsNotSMTPIsTemporary() async throws {
        try await Self.withScriptedServer(["HTTP/1.1 400 Bad Request\r\n"]) { port in
            let error = try await Self.sendError(port: port)
            #expect(error == .temporary(code: nil, text: "greeting: the server's reply is not SMTP"))
        }
    }

    @Test func anUnexpectedReplyCodeIsTemporary() async throws {
        try await Self.withScriptedServer(["220 hi\r\n", "250 ok\r\n", "250 ok\r\n", "250 ok\r\n", "250 not 354\r\n"]) {
            port in
            let error = try await Self.sendError(port: port)
            #expect(error == .temporary(code: 250, text: "DATA: unexpected reply"))
        }
    }
}
