import NIOCore
import NIOSSL

/// Where and how `SMTPTransport` delivers: read once at boot and checked by `SMTPTransport.init`.
public struct SMTPConfiguration: Sendable {
    public enum Security: Sendable, Equatable {
        /// Plain text throughout: for a relay on the same machine or a test server.
        case none
        /// Plain text until STARTTLS (RFC 3207, usually port 587); a server that does not offer it
        /// gets no message.
        case startTLS
        /// TLS from the first byte (RFC 8314, usually port 465).
        case implicitTLS
    }

    public enum AuthMechanism: String, Sendable {
        case plain = "PLAIN"
        case login = "LOGIN"
    }

    public struct Credentials: Sendable {
        public var username: String
        public var password: String
        public var mechanism: AuthMechanism

        public init(username: String, password: String, mechanism: AuthMechanism = .plain) {
            self.username = username
            self.password = password
            self.mechanism = mechanism
        }
    }

    public var host: String
    public var port: Int
    public var security: Security
    /// Whom to trust and which TLS versions to speak; by default the system's trust store and TLS 1.2
    /// or later. Tests add their own self-signed certificate here.
    public var tls: TLSConfiguration
    public var credentials: Credentials?
    /// AUTH is sent only inside TLS, unless this is set and `host` is a loopback address (a relay
    /// on the same machine, where the password never crosses a network).
    public var allowsAuthenticationWithoutTLSOnLoopback = false
    /// The name given in EHLO or HELO: this machine's fully qualified domain name.
    public var clientName: String
    /// How long to wait for the TCP connection; an implicit-TLS handshake then counts against the
    /// greeting's command timeout.
    public var connectTimeout: Duration
    /// How long each reply may take, the one after the message text included.
    public var commandTimeout: Duration

    public init(
        host: String, port: Int = 587, security: Security = .startTLS, clientName: String,
        credentials: Credentials? = nil, connectTimeout: Duration = .seconds(10),
        commandTimeout: Duration = .seconds(60)
    ) {
        self.host = host
        self.port = port
        self.security = security
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        self.tls = tls
        self.credentials = credentials
        self.clientName = clientName
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
    }

    /// The name to send in SNI and check the certificate against; nil for an IP address, where the
    /// certificate is checked against the address instead.
    var tlsServerName: String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    var isLoopback: Bool {
        guard host != "localhost" else { return true }
        switch try? SocketAddress(ipAddress: host, port: 0) {
        case .v4?: return host.hasPrefix("127.")
        case .v6?: return host == "::1"
        default: return false
        }
    }

    func validate() throws(SMTPConfigurationError) {
        let printable = { (text: String) in !text.isEmpty && text.utf8.allSatisfy { (0x21...0x7E).contains($0) } }
        guard printable(host) else { throw .invalidHost }
        guard (1...65535).contains(port) else { throw .invalidPort }
        guard printable(clientName) else { throw .invalidClientName }
        guard let credentials else { return }
        guard !credentials.username.isEmpty, !(credentials.username + credentials.password).utf8.contains(0) else {
            throw .invalidCredentials
        }
        guard security != .none || (allowsAuthenticationWithoutTLSOnLoopback && isLoopback) else {
            throw .authenticationWithoutTLS
        }
    }
}

/// A configuration `SMTPTransport` refuses to start with.
public enum SMTPConfigurationError: Error, Equatable, CustomStringConvertible {
    case invalidHost
    case invalidPort
    case invalidClientName
    case invalidCredentials
    case authenticationWithoutTLS

    public var description: String {
        switch self {
        case .invalidHost: "SMTP: the host is empty or holds spaces"
        case .invalidPort: "SMTP: the port is not between 1 and 65535"
        case .invalidClientName: "SMTP: the EHLO name is empty or holds spaces"
        case .invalidCredentials: "SMTP: the username is empty, or the username or password holds a NUL"
        case .authenticationWithoutTLS:
            "SMTP: a password would cross the network in plain text; use STARTTLS or implicit TLS"
                + " (plain text is allowed only to a loopback relay, and only when asked for)"
        }
    }
}
