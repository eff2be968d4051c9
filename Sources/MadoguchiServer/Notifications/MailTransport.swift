import Foundation

/// Hands one message to the mail system. The live one is `SMTPTransport`; tests use
/// `RecordingMailTransport`.
///
/// `send` returns once a server has taken responsibility for the message (250 to the end of DATA).
/// It throws a `MailError`, which says whether trying the same message again later can help.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws
}

/// A mailbox: the address, and for the sender a name shown beside it (「○○市 市民課」).
public struct MailAddress: Sendable, Hashable {
    /// `local@domain`, ASCII only (we do not use SMTPUTF8).
    public var address: String
    public var displayName: String?

    public init(_ address: String, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }
}

/// One plain-text message to one resident.
public struct MailMessage: Sendable, Hashable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var textBody: String
    /// `<id@host>`, supplied by the caller and the same on every attempt for one outbox row, so a
    /// message delivered twice (the connection lost after the server took it) is one message to
    /// the reader's mail program.
    public var messageID: String
    public var date: Date

    public init(
        from: MailAddress, to: MailAddress, subject: String, textBody: String, messageID: String, date: Date
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.messageID = messageID
        self.date = date
    }

    /// A Message-ID for an outbox row: `<uuid@host>`.
    public static func messageID(for id: UUID, host: String) -> String {
        "<\(id.uuidString.lowercased())@\(host)>"
    }
}

/// Why a message was not sent, sorted by what the sender should do next.
public enum MailError: Error, Sendable, Equatable {
    /// The server refused with a 5xx reply, or the message cannot be sent as it is (a malformed
    /// address or Message-ID, refused locally with 501, the code a server would give).
    /// Sending the same message again will fail again.
    case permanent(code: Int, text: String)
    /// Try again later: a 4xx reply, a refused or dropped connection, a timeout, a TLS failure or a
    /// reply that is not SMTP. `code` is the server's when it gave one.
    case temporary(code: Int?, text: String)

    public var isPermanent: Bool {
        if case .permanent = self { true } else { false }
    }

    /// The server's reply code, when there was one.
    public var code: Int? {
        switch self {
        case .permanent(let code, _): code
        case .temporary(let code, _): code
        }
    }
}

extension MailError: CustomStringConvertible {
    /// Codes and phases only: the texts are built so that they carry no address and no body.
    public var description: String {
        switch self {
        case .permanent(let code, let text): "permanent mail failure \(code): \(text)"
        case .temporary(let code?, let text): "temporary mail failure \(code): \(text)"
        case .temporary(nil, let text): "temporary mail failure: \(text)"
        }
    }
}
