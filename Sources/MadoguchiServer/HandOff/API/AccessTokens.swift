import Foundation
import MadoguchiDomain
import SQLKit

/// The bearer tokens of the hand-off API: opaque, random, short-lived (`lifetime`), never
/// refreshed (a client asks for a new one with a new assertion). Only their SHA-256 is stored, with
/// the client, the scopes and the expiry, so every server process accepts a token any of them issued.
enum AccessTokens {
    /// How long a token is accepted.
    static let lifetime: TimeInterval = 300

    /// A token as stored, with its client (which must still be enabled).
    struct Active: Sendable {
        var client: CoreClient
        var scopes: Set<CoreScope>
        var issuedAt: Date
        var expiresAt: Date
    }

    /// A new token: 32 random bytes, base64url.
    static func newToken() -> String { CoreClients.newSecret() }

    static func hash(_ token: String) -> String { SHA256Hex.of(Data(token.utf8)) }

    /// Stores a token issued to `client`; call inside a transaction.
    static func insert(
        _ token: String, client: CoreClient, scopes: Set<CoreScope>, at now: Date, on sql: any SQLDatabase
    ) async throws {
        try await sql.raw(
            """
            INSERT INTO core_tokens (token_hash, tenant_code, client_id, scopes, issued_at, expires_at)
            VALUES (\(bind: hash(token)), \(bind: client.tenant.value), \(bind: client.id), \
            \(bind: CoreScope.text(scopes)), \(bind: now), \(bind: now.addingTimeInterval(lifetime)))
            """
        ).run()
    }

    /// The token, if it was issued at this municipality, has not expired and its client is enabled.
    static func active(
        _ token: String, tenant: LocalGovernmentCode, now: Date, on sql: any SQLDatabase
    ) async throws
        -> Active?
    {
        guard !token.isEmpty, token.utf8.count <= 200,
            let row = try await sql.raw(
                """
                SELECT client_id, scopes, issued_at, expires_at FROM core_tokens
                WHERE token_hash = \(bind: hash(token)) AND tenant_code = \(bind: tenant.value) AND expires_at > \(bind: now)
                """
            ).first(),
            let client = try await CoreClients.find(
                try row.decode(column: "client_id", as: String.self), tenant: tenant, on: sql),
            client.disabledAt == nil
        else { return nil }
        return Active(
            client: client,
            // Never more than the client holds now: a scope taken away stops working at once.
            scopes: (CoreScope.list(try row.decode(column: "scopes", as: String.self)) ?? []).intersection(
                client.scopes),
            issuedAt: try row.decode(column: "issued_at", as: Date.self),
            expiresAt: try row.decode(column: "expires_at", as: Date.self))
    }

    /// Removes the expired tokens and the assertion ids that can no longer pass; call inside a
    /// transaction (each token request does, so neither table grows beyond a few minutes' worth).
    static func prune(now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM core_tokens WHERE expires_at <= \(bind: now)").run()
        try await sql.raw("DELETE FROM core_assertions WHERE expires_at <= \(bind: now)").run()
    }

    /// Records an assertion's `jti` as used; false when it was used already (a replay). Call inside
    /// a transaction.
    static func useAssertion(
        _ id: String, client: CoreClient, keepUntil: Date, on sql: any SQLDatabase
    ) async throws
        -> Bool
    {
        let inserted = try await sql.raw(
            """
            INSERT INTO core_assertions (tenant_code, client_id, jti, expires_at)
            VALUES (\(bind: client.tenant.value), \(bind: client.id), \(bind: id), \(bind: keepUntil))
            ON CONFLICT (tenant_code, client_id, jti) DO NOTHING
            RETURNING jti
            """
        ).all()
        return !inserted.isEmpty
    }
}
