import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Delivers mail to one SMTP server (a relay or the municipality's submission server) over
/// SwiftNIO: a connection per message, closed after it.
///
/// Logs phases, reply codes and the Message-ID; never an address, a subject or a body.
public struct SMTPTransport: MailTransport {
    public let configuration: SMTPConfiguration
    private let tlsContext: NIOSSLContext?
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger

    /// Throws `SMTPConfigurationError` for a configuration that must not run (a password outside
    /// TLS, say), and NIOSSL's error for a TLS configuration it cannot load.
    public init(
        configuration: SMTPConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.tlsContext = configuration.security == .none ? nil : try NIOSSLContext(configuration: configuration.tls)
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    public func send(_ message: MailMessage) async throws {
        let content: [UInt8]
        do {
            content = try message.rfc5322Bytes()
        } catch {
            logger.warning(
                "mail not sent", metadata: ["mail-message-id": "\(message.messageID)", "mail-error": "\(error)"])
            throw error
        }
        try await deliver(content, from: message.from.address, to: message.to.address, messageID: message.messageID)
    }

    /// Sends `content` (a whole RFC 5322 message, not yet dot-stuffed) from `sender` to `recipient`.
    func deliver(_ content: [UInt8], from sender: String, to recipient: String, messageID: String) async throws {
        var logger = logger
        logger[metadataKey: "mail-message-id"] = "\(messageID)"
        let connection: SMTPConnection
        do {
            connection = try await SMTPConnection.open(configuration, tlsContext: tlsContext, on: eventLoopGroup)
        } catch {
            throw failure(error, in: .connect, logger: logger)
        }
        var dialogue = SMTPDialogue(
            connection: connection, configuration: configuration, tlsContext: tlsContext, logger: logger)
        do {
            try await dialogue.open()
            try await dialogue.transfer(content, from: sender, to: recipient)
        } catch {
            let phase = dialogue.phase
            if error is MailError {
                // The server is still talking: say goodbye rather than drop the line.
                try? await dialogue.quit()
            }
            await connection.close()
            throw failure(error, in: phase, logger: logger)
        }
        logger.info("mail accepted by the SMTP server")
        // The message is the server's now: a failed QUIT must not make the caller send it again.
        try? await dialogue.quit()
        await connection.close()
    }

    private func failure(_ error: any Error, in phase: SMTPPhase, logger: Logger) -> MailError {
        let mailError = MailError(error, in: phase)
        logger.warning(
            "mail not sent",
            metadata: [
                "smtp-phase": "\(phase.rawValue)", "smtp-code": "\(mailError.code.map { "\($0)" } ?? "none")",
                "mail-error": "\(mailError)",
            ])
        return mailError
    }
}

extension MailError {
    /// What a failure of the connection (not a reply) means for the sender: try again later.
    init(_ error: any Error, in phase: SMTPPhase) {
        let step = phase.rawValue
        switch error {
        case let error as MailError: self = error
        case SMTPConnectionError.timedOut: self = .temporary(code: nil, text: "\(step): no reply in time")
        case SMTPConnectionError.closed: self = .temporary(code: nil, text: "\(step): the server closed the connection")
        case SMTPConnectionError.dataAfterSTARTTLS:
            self = .temporary(code: nil, text: "\(step): the server sent data before the TLS handshake")
        case is SMTPReplyError: self = .temporary(code: nil, text: "\(step): the server's reply is not SMTP")
        case is NIOSSLError, is NIOSSLExtraError, is BoringSSLError:
            self = .temporary(code: nil, text: "\(step): TLS failed: \(error)")
        default: self = .temporary(code: nil, text: "\(step): \(error)")
        }
    }
}
