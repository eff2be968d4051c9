import NIOCore
import NIOPosix
import NIOSSL

/// One connection to an SMTP server: send a line, wait for its reply; one command at a time.
struct SMTPConnection: Sendable {
    private let channel: any Channel
    private let handler: NIOLoopBound<SMTPClientHandler>
    private let commandTimeout: TimeAmount

    static func open(
        _ configuration: SMTPConfiguration, tlsContext: NIOSSLContext?, on group: any EventLoopGroup
    ) async throws -> SMTPConnection {
        let implicitTLS = configuration.security == .implicitTLS ? tlsContext : nil
        let serverName = configuration.tlsServerName
        // The handler is handed out by the initializer itself: a server that hangs up at once would
        // take it out of the pipeline before a later look-up, with its reason for hanging up.
        let (channel, handler) = try await ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .connect(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS {
                        let tls = try NIOSSLClientHandler(context: implicitTLS, serverHostname: serverName)
                        try channel.pipeline.syncOperations.addHandler(tls)
                    }
                    let handler = SMTPClientHandler()
                    try channel.pipeline.syncOperations.addHandler(handler)
                    return (channel, NIOLoopBound(handler, eventLoop: channel.eventLoop))
                }
            }
        return SMTPConnection(
            channel: channel, handler: handler, commandTimeout: TimeAmount(configuration.commandTimeout))
    }

    /// Sends `bytes` as they are (nothing, for the greeting) and waits for the reply.
    func exchange(bytes: ByteBuffer?) async throws -> SMTPReply {
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        channel.eventLoop.execute { [handler, channel, commandTimeout] in
            handler.value.nextReply(within: commandTimeout, promise: promise)
            if let bytes {
                channel.writeAndFlush(bytes).whenFailure { handler.value.fail($0) }
            }
        }
        return try await promise.futureResult.get()
    }

    /// Puts TLS under the conversation, after the server's 220 to STARTTLS. The handshake runs
    /// before the next command leaves; its failure fails that command's reply.
    func startTLS(_ context: NIOSSLContext, serverName: String?) async throws {
        try await channel.eventLoop.submit { [handler, channel] in
            guard handler.value.isDrained else { throw SMTPConnectionError.dataAfterSTARTTLS }
            let tls = try NIOSSLClientHandler(context: context, serverHostname: serverName)
            try channel.pipeline.syncOperations.addHandler(tls, position: .first)
        }.get()
    }

    func close() async {
        try? await channel.close()
    }
}
