import Foundation

/// The claims of a client assertion (RFC 7523 §3, `client_secret_jwt` of OpenID Connect Core §9):
/// a JWT that a core system signs with its client secret (HS256) to authenticate at the token and
/// introspection endpoints.
public struct ClientAssertionClaims: Sendable, Hashable {
    public var issuer: String?
    public var subject: String?
    public var audience: [String]
    public var expiresAt: Date?
    public var notBefore: Date?
    public var issuedAt: Date?
    public var id: String?

    public init(
        issuer: String?, subject: String?, audience: [String], expiresAt: Date?, notBefore: Date? = nil,
        issuedAt: Date? = nil, id: String?
    ) {
        self.issuer = issuer
        self.subject = subject
        self.audience = audience
        self.expiresAt = expiresAt
        self.notBefore = notBefore
        self.issuedAt = issuedAt
        self.id = id
    }

    /// The client the assertion speaks for: its issuer, which must also be its subject.
    public var clientID: String? { issuer ?? subject }
}

/// What the server requires of an assertion whose signature it has checked: issued by and about
/// the client, for this server's token endpoint, valid now, short-lived and with an id that can be
/// refused when it comes again (the replay check itself is the database's: `jti` are kept until
/// they expire, where every server process sees them).
public enum ClientAssertionRules {
    /// How far the two clocks may disagree.
    public static let leeway: TimeInterval = 30
    /// How far ahead an assertion's expiry may lie: it is made for one request.
    public static let maximumLifetime: TimeInterval = 300
    /// The longest `jti` kept.
    public static let maximumIDLength = 200

    public enum Problem: String, Error, Sendable, Hashable, CaseIterable {
        case issuerNotSubject = "issuer_not_subject"
        case wrongAudience = "wrong_audience"
        case missingExpiry = "missing_exp"
        case expired
        case expiresTooLate = "exp_too_far"
        case notYetValid = "nbf_in_future"
        case issuedInFuture = "iat_in_future"
        case missingID = "missing_jti"
        case replayed = "jti_replayed"

        /// For `error_description` (RFC 6749 allows ASCII only there).
        public var description: String {
            switch self {
            case .issuerNotSubject: "the assertion's iss and sub must both be the client_id"
            case .wrongAudience: "the assertion's aud must be this server's token endpoint URL"
            case .missingExpiry: "the assertion must carry exp"
            case .expired: "the assertion has expired"
            case .expiresTooLate: "the assertion's exp may lie at most 300 seconds ahead"
            case .notYetValid: "the assertion's nbf lies in the future"
            case .issuedInFuture: "the assertion's iat lies in the future"
            case .missingID: "the assertion must carry a jti of at most 200 characters"
            case .replayed: "this assertion's jti has been used already"
            }
        }
    }

    /// The first rule `claims` break for `clientID` at `now`, with `audiences` the token endpoint
    /// URLs this server answers to; nil when it keeps them all.
    public static func check(
        _ claims: ClientAssertionClaims, clientID: String, audiences: Set<String>, now: Date
    ) -> Problem? {
        guard claims.issuer == clientID, claims.subject == clientID else { return .issuerNotSubject }
        guard claims.audience.contains(where: audiences.contains) else { return .wrongAudience }
        guard let expiresAt = claims.expiresAt else { return .missingExpiry }
        guard expiresAt.timeIntervalSince(now) > -leeway else { return .expired }
        guard expiresAt.timeIntervalSince(now) <= maximumLifetime + leeway else { return .expiresTooLate }
        if let notBefore = claims.notBefore, notBefore.timeIntervalSince(now) > leeway { return .notYetValid }
        if let issuedAt = claims.issuedAt, issuedAt.timeIntervalSince(now) > leeway { return .issuedInFuture }
        guard let id = claims.id, !id.isEmpty, id.count <= maximumIDLength else { return .missingID }
        return nil
    }

    /// Until when the assertion's `jti` must be kept to refuse it again: as long as it could pass.
    public static func keepID(until expiresAt: Date) -> Date { expiresAt.addingTimeInterval(leeway) }
}
