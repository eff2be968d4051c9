import Foundation
import MadoguchiDomain
import Vapor

/// Authenticates a core system at the token and introspection endpoints by its client assertion
/// (`client_secret_jwt`: RFC 7523 §2.2 with an HS256 JWT under the client secret). Every failure is
/// recorded in the municipality's audit log, with the reason as a code.
enum ClientAuthentication {
    static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    /// The client, once its assertion is signed with its secret, keeps `ClientAssertionRules` and
    /// its `jti` has not been used before (it is recorded as used here).
    static func authenticate(
        _ form: FormBody, endpoint: String, req: Request
    ) async throws
        -> Result<CoreClient, OAuthError>
    {
        let municipality = try req.municipality
        guard let assertion = form.first("client_assertion") else {
            try await refused("no_assertion", client: nil, endpoint: endpoint, req: req)
            return .failure(
                OAuthError(
                    code: .invalidClient, description: "authenticate with client_secret_jwt (client_assertion)"))
        }
        guard form.first("client_assertion_type") == assertionType else {
            try await refused("assertion_type", client: nil, endpoint: endpoint, req: req)
            return .failure(
                OAuthError(code: .invalidClient, description: "client_assertion_type must be \(assertionType)"))
        }
        guard let claimed = await ClientAssertionVerifier.claimedClient(assertion), CoreScope.isClientID(claimed)
        else {
            try await refused("malformed_assertion", client: nil, endpoint: endpoint, req: req)
            return .failure(
                OAuthError(code: .invalidClient, description: "client_assertion is not an HS256 JWT naming its client"))
        }
        if let named = form.first("client_id"), named != claimed {
            try await refused("client_id_mismatch", client: claimed, endpoint: endpoint, req: req)
            return .failure(.authenticationFailed)
        }
        let services = req.madoguchi
        guard let client = try await CoreClients.find(claimed, tenant: municipality.code, on: req.db.sql),
            client.disabledAt == nil
        else {
            try await refused("unknown_client", client: claimed, endpoint: endpoint, req: req)
            return .failure(.authenticationFailed)
        }
        guard client.sealedSecret.hasPrefix(NumberVault.prefix),
            let secret = services.numberVault.openText(client.sealedSecret, tenant: client.tenant.value)
        else {
            req.logger.critical(
                "the secret of core-system client \(client.id) cannot be opened: is its key still in MADOGUCHI_NUMBER_KEYS?"
            )
            throw Abort(.internalServerError)
        }
        guard let claims = await ClientAssertionVerifier.verify(assertion, secret: secret) else {
            try await refused("bad_signature", client: claimed, endpoint: endpoint, req: req)
            return .failure(.authenticationFailed)
        }
        let now = services.clock.now()
        if let problem = ClientAssertionRules.check(
            claims, clientID: client.id, audiences: try TokenEndpoint.audiences(for: req), now: now)
        {
            try await refused(problem.rawValue, client: claimed, endpoint: endpoint, req: req)
            return .failure(OAuthError(code: .invalidClient, description: problem.description))
        }
        let id = claims.id ?? ""
        let keepUntil = ClientAssertionRules.keepID(until: claims.expiresAt ?? now)
        let fresh = try await services.writer.transaction(on: req.db) { db in
            try await AccessTokens.prune(now: now, on: db.sql)
            guard try await AccessTokens.useAssertion(id, client: client, keepUntil: keepUntil, on: db.sql) else {
                try await AuditLog.append(
                    .coreAuthFailed, actor: client.recorded,
                    detail: "endpoint=\(endpoint);reason=\(ClientAssertionRules.Problem.replayed.rawValue)",
                    tenant: client.tenant, at: now, on: db.sql)
                return false
            }
            return true
        }
        guard fresh else {
            return .failure(
                OAuthError(code: .invalidClient, description: ClientAssertionRules.Problem.replayed.description))
        }
        return .success(client)
    }

    /// Records a failed authentication: the client it claimed to be (when it named one that can
    /// be an id), the endpoint and the reason.
    static func refused(_ reason: String, client: String?, endpoint: String, req: Request) async throws {
        try await req.madoguchi.audit.record(
            .coreAuthFailed, actor: actor(client), detail: "endpoint=\(endpoint);reason=\(reason)",
            tenant: try req.municipality.code, at: req.madoguchi.clock.now())
    }

    /// "core:" and the id a request claimed, or "core:?" when it named none that can be one.
    static func actor(_ client: String?) -> String {
        guard let client, CoreScope.isClientID(client) else { return "core:?" }
        return "core:" + client
    }
}
