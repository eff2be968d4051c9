import Foundation
import JWTKit
import MadoguchiDomain

/// Reads and checks the signature of a client assertion (a JWT, HS256 under the client secret)
/// with jwt-kit. The claims are judged apart, against the server's clock (`ClientAssertionRules`).
enum ClientAssertionVerifier {
    /// The only algorithm taken: `client_secret_jwt` with the secret as an HMAC-SHA256 key.
    static let algorithm = "HS256"
    /// An assertion longer than this is refused unread.
    static let maximumLength = 4096

    /// The claims as jwt-kit decodes them. `verify(using:)` checks nothing: the expiry and the rest
    /// are checked against the server's clock, so that a test's fixed clock and the database agree.
    struct Payload: JWTPayload {
        var iss: IssuerClaim?
        var sub: SubjectClaim?
        var aud: AudienceClaim?
        var exp: ExpirationClaim?
        var nbf: NotBeforeClaim?
        var iat: IssuedAtClaim?
        var jti: IDClaim?

        func verify(using algorithm: some JWTAlgorithm) async throws {}

        var claims: ClientAssertionClaims {
            ClientAssertionClaims(
                issuer: iss?.value, subject: sub?.value, audience: aud?.value ?? [], expiresAt: exp?.value,
                notBefore: nbf?.value, issuedAt: iat?.value, id: jti?.value)
        }
    }

    /// The client the assertion names (its `iss`, else its `sub`), read before the signature is
    /// checked, to find the secret to check it with; nil when it is not a JWT of the right kind.
    static func claimedClient(_ assertion: String) async -> String? {
        guard assertion.utf8.count <= maximumLength, headerAlgorithm(assertion) == algorithm,
            let payload = try? await JWTKeyCollection().unverified(assertion, as: Payload.self)
        else { return nil }
        return payload.claims.clientID
    }

    /// The claims, when `assertion` is signed with HS256 under `secret`; nil otherwise.
    static func verify(_ assertion: String, secret: String) async -> ClientAssertionClaims? {
        guard assertion.utf8.count <= maximumLength, headerAlgorithm(assertion) == algorithm else { return nil }
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        return try? await keys.verify(assertion, as: Payload.self).claims
    }

    /// The `alg` the JWT's header names; nil when it has no readable header.
    static func headerAlgorithm(_ token: String) -> String? {
        guard let first = token.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first,
            let data = Base64URL.decode(String(first)),
            let header = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return header["alg"] as? String
    }
}
