import Foundation
import Logging
import NIOCore
import NIOSSL

/// The step of the conversation, named in errors and logs.
enum SMTPPhase: String, Sendable {
    case connect = "connect"
    case greeting = "greeting"
    case ehlo = "EHLO"
    case helo = "HELO"
    case startTLS = "STARTTLS"
    case auth = "AUTH"
    case mailFrom = "MAIL FROM"
    case rcptTo = "RCPT TO"
    case data = "DATA"
    case endOfData = "end of data"
    case quit = "QUIT"
}

/// One message's conversation with the server (RFC 5321 §3), from the greeting to the 250 after
/// the message text. Keeps the phase it is in, so a failure can say where it happened.
struct SMTPDialogue {
    let connection: SMTPConnection
    let configuration: SMTPConfiguration
    let tlsContext: NIOSSLContext?
    let logger: Logger
    private(set) var phase = SMTPPhase.greeting

    init(connection: SMTPConnection, configuration: SMTPConfiguration, tlsContext: NIOSSLContext?, logger: Logger) {
        self.connection = connection
        self.configuration = configuration
        self.tlsContext = tlsContext
        self.logger = logger
    }

    /// Greeting, EHLO, STARTTLS and EHLO again, AUTH.
    mutating func open() async throws {
        phase = .greeting
        try expect(await reply(to: nil), 220)
        let extensions = try await hello()
        if configuration.security == .startTLS, let tlsContext {
            phase = .startTLS
            guard extensions["STARTTLS"] != nil else {
                throw MailError.temporary(code: nil, text: "STARTTLS: the server does not offer it")
            }
            try expect(await reply(to: "STARTTLS"), 220)
            try await connection.startTLS(tlsContext, serverName: configuration.tlsServerName)
            do {
                _ = try await hello()
            } catch let error where !(error is MailError) {
                phase = .startTLS  // the handshake failed under the first EHLO
                throw error
            }
        }
        if let credentials = configuration.credentials {
            phase = .auth
            try await authenticate(credentials)
        }
    }

    /// MAIL FROM, RCPT TO, DATA and the message: when this returns, the server has the message.
    mutating func transfer(_ content: [UInt8], from sender: String, to recipient: String) async throws {
        phase = .mailFrom
        try expect(await reply(to: "MAIL FROM:<\(sender)>"), 250)
        phase = .rcptTo
        try expect(await reply(to: "RCPT TO:<\(recipient)>"), 250, 251)
        phase = .data
        try expect(await reply(to: "DATA"), 354)
        phase = .endOfData
        try expect(await reply(bytes: Self.dataPayload(content)), 250)
    }

    mutating func quit() async throws {
        phase = .quit
        try expect(await reply(to: "QUIT"), 221)
    }

    /// EHLO, or HELO for a server that does not know EHLO (RFC 5321 §3.2); the extensions offered.
    private mutating func hello() async throws -> [String: [String]] {
        phase = .ehlo
        let ehlo = try await reply(to: "EHLO \(configuration.clientName)")
        guard ehlo.code / 100 == 5 else {
            return try expect(ehlo, 250).extensions
        }
        phase = .helo
        try expect(await reply(to: "HELO \(configuration.clientName)"), 250)
        return [:]
    }

    /// RFC 4954. The lines carry the password: they go nowhere but the connection.
    private func authenticate(_ credentials: SMTPConfiguration.Credentials) async throws {
        let base64 = { (text: String) in Data(text.utf8).base64EncodedString() }
        switch credentials.mechanism {
        case .plain:
            try expect(
                await reply(to: "AUTH PLAIN " + base64("\0\(credentials.username)\0\(credentials.password)")), 235)
        case .login:
            try expect(await reply(to: "AUTH LOGIN"), 334)
            try expect(await reply(to: base64(credentials.username)), 334)
            try expect(await reply(to: base64(credentials.password)), 235)
        }
    }

    private func reply(to line: String?) async throws -> SMTPReply {
        try await reply(bytes: line.map { ByteBuffer(string: $0 + "\r\n") })
    }

    private func reply(bytes: ByteBuffer?) async throws -> SMTPReply {
        let reply = try await connection.exchange(bytes: bytes)
        logger.debug("smtp reply", metadata: ["smtp-phase": "\(phase.rawValue)", "smtp-code": "\(reply.code)"])
        return reply
    }

    /// The reply when its code is one of `accepted`; otherwise the error it stands for.
    @discardableResult
    private func expect(_ reply: SMTPReply, _ accepted: Int...) throws(MailError) -> SMTPReply {
        guard !accepted.contains(reply.code) else { return reply }
        let text = "\(phase.rawValue): \(reply.safeText)"
        switch reply.code / 100 {
        case 5: throw .permanent(code: reply.code, text: text)
        case 4: throw .temporary(code: reply.code, text: text)
        default: throw .temporary(code: reply.code, text: "\(phase.rawValue): unexpected reply")
        }
    }

    /// The message as sent after 354 (RFC 5321 §4.5.2): every line break as CRLF (a bare CR or LF
    /// could end the data early on some servers: SMTP smuggling), a `.` doubled at the start of a
    /// line, then the closing `.` line.
    static func dataPayload(_ content: [UInt8]) -> ByteBuffer {
        var out = ByteBuffer()
        out.reserveCapacity(content.count + content.count / 64 + 5)
        var atLineStart = true
        var index = content.startIndex
        while index < content.endIndex {
            let byte = content[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                if byte == UInt8(ascii: "\r"), index < content.endIndex, content[index] == UInt8(ascii: "\n") {
                    index += 1
                }
                out.writeString("\r\n")
                atLineStart = true
            case UInt8(ascii: "."):
                out.writeString(atLineStart ? ".." : ".")
                atLineStart = false
            default:
                out.writeInteger(byte)
                atLineStart = false
            }
        }
        out.writeString(atLineStart ? ".\r\n" : "\r\n.\r\n")
        return out
    }
}
