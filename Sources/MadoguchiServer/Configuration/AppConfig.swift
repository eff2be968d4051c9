import Foundation
import MadoguchiDomain

/// The typed configuration, read once at boot from the environment and validated.
public struct AppConfig: Sendable {
    public enum Mode: String, Sendable {
        case development, production, testing
    }

    public enum DatabaseKind: Sendable, Equatable {
        /// An embedded SQLite file (WAL mode) at this path.
        case sqlite(path: String)
        /// PostgreSQL at this URL.
        case postgres(url: String)
    }

    public var mode: Mode
    public var database: DatabaseKind
    /// Where the database file, attachments and the development secret live.
    public var dataDirectory: URL
    public var attachmentsDirectory: URL
    public var catalogDirectory: URL
    /// Optional YAML listing the municipalities served; without it a demo municipality is served.
    public var municipalitiesFile: URL?
    /// The server secret (HMAC for 照会キー, CSRF tokens, attachment tokens), at least 32 bytes.
    public var secret: Data
    /// Largest request body accepted (attachments included).
    public var maxBodyBytes: Int
    /// Free space the attachment store leaves on its volume (MADOGUCHI_MIN_FREE_MB, default 1024).
    public var minimumFreeBytes: Int = 1024 * 1_048_576
    /// How long an SQLite commit may wait for submissions arriving together, in microseconds
    /// (MADOGUCHI_COMMIT_DELAY_US, default 1000; 0 turns the wait off), and how many waiting end it
    /// early (MADOGUCHI_COMMIT_ENOUGH, default 16). See `CommitDelay`.
    public var commitDelayMicroseconds: Int = 1000
    public var commitEnough: Int = 16
    /// How much one client may upload to one municipality in an hour (MADOGUCHI_UPLOAD_LIMIT_MB,
    /// default 200; 0 turns the limit off). See `UploadAllowance`.
    public var uploadBytesPerHour: Int = 200 * 1_048_576
    /// The reverse proxies in front of the server (MADOGUCHI_TRUSTED_PROXIES: addresses or ranges
    /// such as `10.0.0.0/8`, comma-separated): the client is then the nearest address in their
    /// `X-Forwarded-For` that is not one of them. Without it, the connection's peer is the client.
    public var trustedProxies: [AddressRange] = []
    /// A staff session ends after this long without a request (MADOGUCHI_STAFF_IDLE_MINUTES).
    public var staffIdleTimeout: TimeInterval = 30 * 60
    /// … and this long after sign-in in any case (MADOGUCHI_STAFF_SESSION_HOURS).
    public var staffSessionLifetime: TimeInterval = 12 * 3600
    /// Bcrypt's cost for staff passwords (each step doubles the work; 12 takes about a quarter second).
    public var passwordCost = 12
    /// The keys that seal 個人番号 (`NumberKeys`); the last one seals.
    var numberKeys: [NumberVault.Key] = []
    /// Where notices to residents go (MADOGUCHI_SMTP_*); nil: they wait in the outbox.
    public var smtp: SMTPConfiguration?
    /// The notices' sender (MADOGUCHI_MAIL_FROM).
    public var mailFrom: String?
    /// Linkage: the CA certificates (PEM, one or more) that マイナポータル packages' signatures must
    /// chain to (J-LIS's in production), and the CRL (DER) they are checked against when given.
    public var portalTrustAnchors: URL?
    public var portalRevocationList: URL?
    /// The pull from マイナポータル (電子申請等情報受取等API) for the default municipality, when set.
    public var portalPull: PortalPullConfiguration?
    /// Where the server is reached from outside (MADOGUCHI_PUBLIC_URL, e.g.
    /// `https://madoguchi.example.lg.jp`): the hand-off API's token endpoint URL, which a client
    /// assertion's `aud` must name, is made from it (`TokenEndpoint`).
    public var publicURL: String?
    /// Where `madoguchi handoff-files` writes the files for core systems, a folder per municipality
    /// (MADOGUCHI_HANDOFF_DIR, default `$DATA/handoff`); `madoguchi export` writes there too unless
    /// told otherwise.
    public var handOffDirectory: URL?

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads the environment. An unknown MADOGUCHI_ENV, a short secret, or (in production) a missing
    /// secret or LOG_LEVEL=trace stops the server with a message naming the variable.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, mode: Mode? = nil
    ) throws -> AppConfig {
        let modeText = environment["MADOGUCHI_ENV"] ?? "development"
        guard let mode = mode ?? Mode(rawValue: modeText) else {
            throw Invalid(description: "MADOGUCHI_ENV must be development, production or testing, not '\(modeText)'")
        }
        // At trace, SQL is logged with its values and Vapor logs whole request heads (cookies, the
        // 照会キー header): personal data and credentials, which production logs must never hold.
        if mode == .production, environment["LOG_LEVEL"]?.lowercased() == "trace" {
            throw Invalid(description: "LOG_LEVEL=trace is refused in production: it logs personal data")
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let dataDirectory = URL(fileURLWithPath: environment["MADOGUCHI_DATA_DIR"] ?? "data", relativeTo: cwd)
            .standardizedFileURL
        let database: DatabaseKind
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw Invalid(description: "DATABASE_URL must be a postgres:// URL (unset it to use SQLite)")
            }
            database = .postgres(url: url)
        } else {
            database = .sqlite(path: dataDirectory.appendingPathComponent("madoguchi.sqlite").path)
        }
        let secret: Data
        if let text = environment["MADOGUCHI_SECRET"], !text.isEmpty {
            guard text.utf8.count >= 32 else {
                throw Invalid(description: "MADOGUCHI_SECRET must be at least 32 characters")
            }
            secret = Data(text.utf8)
        } else if mode == .production {
            throw Invalid(
                description: "MADOGUCHI_SECRET is not set: production needs a secret of at least 32 characters")
        } else {
            secret = try DevelopmentSecret.loadOrCreate(in: dataDirectory)
        }
        let catalog = URL(fileURLWithPath: environment["MADOGUCHI_CATALOG_DIR"] ?? "Catalog", relativeTo: cwd)
            .standardizedFileURL
        let municipalities = environment["MADOGUCHI_MUNICIPALITIES"].map {
            URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL
        }
        let attachments =
            environment["MADOGUCHI_ATTACHMENTS_DIR"].map {
                URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL
            } ?? dataDirectory.appendingPathComponent("attachments")
        let minimumFreeMB = try wholeNumber(
            "MADOGUCHI_MIN_FREE_MB", in: environment, of: "megabytes", default: 1024, upTo: Int.max / 1_048_576)
        var config = AppConfig(
            mode: mode, database: database, dataDirectory: dataDirectory, attachmentsDirectory: attachments,
            catalogDirectory: catalog, municipalitiesFile: municipalities, secret: secret,
            maxBodyBytes: 20 * 1_048_576, minimumFreeBytes: minimumFreeMB * 1_048_576)
        config.portalTrustAnchors = environment["MADOGUCHI_PORTAL_TRUST_ANCHORS"].map {
            URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL
        }
        config.portalRevocationList = environment["MADOGUCHI_PORTAL_CRL"].map {
            URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL
        }
        if let url = environment["MADOGUCHI_PORTAL_URL"], !url.isEmpty {
            guard let base = URL(string: url), base.scheme == "https" || base.scheme == "http",
                let user = environment["MADOGUCHI_PORTAL_USER"], !user.isEmpty
            else {
                throw ConfigurationFailure(
                    description: "MADOGUCHI_PORTAL_URL needs an http(s) URL and MADOGUCHI_PORTAL_USER")
            }
            let password =
                try environment["MADOGUCHI_PORTAL_PASSWORD_FILE"].map {
                    try String(contentsOfFile: $0, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                } ?? environment["MADOGUCHI_PORTAL_PASSWORD"] ?? ""
            config.portalPull = PortalPullConfiguration(
                base: base, user: user, password: password,
                interval: TimeInterval(
                    try wholeNumber(
                        "MADOGUCHI_PORTAL_POLL_SECONDS", in: environment, of: "seconds", default: 300, from: 10,
                        upTo: 86400)))
        }
        if let text = environment["MADOGUCHI_PUBLIC_URL"], !text.isEmpty {
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil,
                url.query == nil, url.fragment == nil
            else {
                throw Invalid(
                    description:
                        "MADOGUCHI_PUBLIC_URL must be an http(s) URL such as https://madoguchi.example.lg.jp, not '\(text)'"
                )
            }
            config.publicURL = text.hasSuffix("/") ? String(text.dropLast()) : text
        }
        config.handOffDirectory =
            environment["MADOGUCHI_HANDOFF_DIR"].flatMap { $0.isEmpty ? nil : $0 }.map {
                URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL
            } ?? dataDirectory.appendingPathComponent("handoff")
        config.commitDelayMicroseconds = try wholeNumber(
            "MADOGUCHI_COMMIT_DELAY_US", in: environment, of: "microseconds", default: config.commitDelayMicroseconds,
            upTo: 100_000)
        config.commitEnough = try wholeNumber(
            "MADOGUCHI_COMMIT_ENOUGH", in: environment, of: "submissions", default: config.commitEnough, from: 1,
            upTo: 256)
        config.uploadBytesPerHour =
            try wholeNumber(
                "MADOGUCHI_UPLOAD_LIMIT_MB", in: environment, of: "megabytes", default: 200,
                upTo: Int.max / 1_048_576) * 1_048_576
        config.staffIdleTimeout =
            TimeInterval(
                try wholeNumber(
                    "MADOGUCHI_STAFF_IDLE_MINUTES", in: environment, of: "minutes", default: 30, from: 1, upTo: 24 * 60)
            )
            * 60
        config.staffSessionLifetime =
            TimeInterval(
                try wholeNumber(
                    "MADOGUCHI_STAFF_SESSION_HOURS", in: environment, of: "hours", default: 12, from: 1, upTo: 24 * 7))
            * 3600
        do {
            config.numberKeys = try NumberKeys.load(
                environment: environment, dataDirectory: dataDirectory, production: mode == .production)
        } catch let invalid as NumberKeys.Invalid {
            throw Invalid(description: invalid.description)
        }
        if let host = environment["MADOGUCHI_SMTP_HOST"], !host.isEmpty {
            guard let from = environment["MADOGUCHI_MAIL_FROM"], from.contains("@") else {
                throw Invalid(description: "MADOGUCHI_MAIL_FROM must be set (an address) when MADOGUCHI_SMTP_HOST is")
            }
            let securityText = environment["MADOGUCHI_SMTP_SECURITY"] ?? "starttls"
            let security: SMTPConfiguration.Security
            switch securityText {
            case "starttls": security = .startTLS
            case "tls": security = .implicitTLS
            case "none": security = .none
            default:
                throw Invalid(
                    description: "MADOGUCHI_SMTP_SECURITY must be starttls, tls or none, not '\(securityText)'")
            }
            let port = try wholeNumber(
                "MADOGUCHI_SMTP_PORT", in: environment, of: "port", default: security == .implicitTLS ? 465 : 587,
                from: 1, upTo: 65535)
            var smtp = SMTPConfiguration(
                host: host, port: port, security: security,
                clientName: environment["MADOGUCHI_SMTP_CLIENT_NAME"] ?? "localhost")
            if let user = environment["MADOGUCHI_SMTP_USERNAME"], !user.isEmpty {
                smtp.credentials = SMTPConfiguration.Credentials(
                    username: user, password: environment["MADOGUCHI_SMTP_PASSWORD"] ?? "")
            }
            config.smtp = smtp
            config.mailFrom = from
        }
        for text in (environment["MADOGUCHI_TRUSTED_PROXIES"] ?? "").split(separator: ",") {
            let item = text.trimmingCharacters(in: .whitespaces)
            guard let range = AddressRange(item) else {
                throw Invalid(
                    description:
                        "MADOGUCHI_TRUSTED_PROXIES must list IP addresses or ranges (10.0.0.0/8), not '\(item)'")
            }
            config.trustedProxies.append(range)
        }
        return config
    }

    /// The whole number a variable holds (`standard` when unset), refused with a message naming it
    /// when it is not one or lies outside `minimum...maximum`.
    private static func wholeNumber(
        _ name: String, in environment: [String: String], of unit: String, default standard: Int,
        from minimum: Int = 0, upTo maximum: Int
    ) throws -> Int {
        let text = environment[name] ?? String(standard)
        guard let value = Int(text), (minimum...maximum).contains(value) else {
            let bounds = maximum < 1_000_000 ? "from \(minimum) to \(maximum)" : "from \(minimum) up"
            throw Invalid(description: "\(name) must be a whole number of \(unit) \(bounds), not '\(text)'")
        }
        return value
    }
}

/// In development the secret is generated once and kept in the data folder, so 照会キー stay valid
/// across restarts. Production must set MADOGUCHI_SECRET.
enum DevelopmentSecret {
    static func loadOrCreate(in directory: URL) throws -> Data {
        let file = directory.appendingPathComponent("secret.key")
        if let data = FileManager.default.contents(atPath: file.path), data.count >= 32 { return data }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<48).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try data.write(to: file, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        return data
    }
}

/// Where and as whom the puller signs in to マイナポータル, and how often it polls.
public struct PortalPullConfiguration: Sendable {
    public var base: URL
    public var user: String
    public var password: String
    public var interval: TimeInterval

    public init(base: URL, user: String, password: String, interval: TimeInterval = 300) {
        self.base = base
        self.user = user
        self.password = password
        self.interval = interval
    }
}
