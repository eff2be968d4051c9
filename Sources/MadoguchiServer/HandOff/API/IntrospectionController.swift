import Foundation
import MadoguchiDomain
import Vapor

/// `POST /core/v1/introspect` (RFC 7662): whether a token is active, with its scopes, client and
/// times. The caller authenticates as a client (a client assertion, as at the token endpoint, or a
/// bearer token of its own) and learns only about its own tokens: another client's token, an
/// expired one or one never issued are all `{"active": false}`.
enum IntrospectionController {
    struct Introspection: Content {
        var active: Bool
        var scope: String?
        var clientID: String?
        var tokenType: String?
        var exp: Int?
        var iat: Int?
        var sub: String?

        enum CodingKeys: String, CodingKey {
            case active, scope, exp, iat, sub
            case clientID = "client_id"
            case tokenType = "token_type"
        }

        static let inactive = Introspection(active: false)

        init(active: Bool) { self.active = active }

        init(_ token: AccessTokens.Active) {
            active = true
            scope = CoreScope.text(token.scopes)
            clientID = token.client.id
            tokenType = "Bearer"
            exp = Int(token.expiresAt.timeIntervalSince1970)
            iat = Int(token.issuedAt.timeIntervalSince1970)
            sub = token.client.id
        }
    }

    static func introspect(_ req: Request) async throws -> Response {
        let form: FormBody
        switch try await TokenController.readForm(req) {
        case .success(let read): form = read
        case .failure(let error): return error.response
        }
        let services = req.madoguchi
        let tenant = try req.municipality.code
        let now = services.clock.now()
        let caller: CoreClient
        if let bearer = CoreBearerMiddleware.bearerToken(req), form.first("client_assertion") == nil {
            guard let active = try await AccessTokens.active(bearer, tenant: tenant, now: now, on: req.db.sql) else {
                try await ClientAuthentication.refused("invalid_token", client: nil, endpoint: "introspect", req: req)
                return OAuthError.authenticationFailed.response
            }
            caller = active.client
        } else {
            switch try await ClientAuthentication.authenticate(form, endpoint: "introspect", req: req) {
            case .success(let client): caller = client
            case .failure(let error): return error.response
            }
        }
        guard let token = form.first("token"), !token.isEmpty else {
            return OAuthError(code: .invalidRequest, description: "token is required").response
        }
        var answer = Introspection.inactive
        if let active = try await AccessTokens.active(token, tenant: tenant, now: now, on: req.db.sql),
            active.client.id == caller.id
        {
            answer = Introspection(active)
        }
        let response = Response(status: .ok)
        try response.content.encode(answer, as: .json)
        OAuthError.forbidCaching(response)
        return response
    }
}
