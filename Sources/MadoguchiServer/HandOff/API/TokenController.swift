import Foundation
import MadoguchiDomain
import Vapor

/// `POST /core/v1/token`: OAuth 2.0 client credentials (RFC 6749 §4.4) for core systems,
/// authenticated by a client assertion (`client_secret_jwt`). Answers an opaque bearer token for
/// `AccessTokens.lifetime`; no refresh token.
enum TokenController {
    struct TokenBody: Content {
        var accessToken: String
        var tokenType: String
        var expiresIn: Int
        var scope: String

        enum CodingKeys: String, CodingKey {
            case scope
            case accessToken = "access_token"
            case tokenType = "token_type"
            case expiresIn = "expires_in"
        }
    }

    static func token(_ req: Request) async throws -> Response {
        let form: FormBody
        switch try await readForm(req) {
        case .success(let read): form = read
        case .failure(let error): return error.response
        }
        guard let grant = form.first("grant_type") else {
            return OAuthError(code: .invalidRequest, description: "grant_type is required").response
        }
        guard grant == "client_credentials" else {
            return OAuthError(code: .unsupportedGrantType, description: "only client_credentials is granted").response
        }
        let client: CoreClient
        switch try await ClientAuthentication.authenticate(form, endpoint: "token", req: req) {
        case .success(let authenticated): client = authenticated
        case .failure(let error): return error.response
        }
        let services = req.madoguchi
        let now = services.clock.now()
        let scopes: Set<CoreScope>
        if let asked = form.first("scope"), !asked.isEmpty {
            guard let requested = CoreScope.list(asked), !requested.isEmpty, requested.isSubset(of: client.scopes)
            else {
                try await services.audit.record(
                    .coreForbidden, actor: client.recorded, detail: "endpoint=token;reason=scope",
                    tenant: client.tenant,
                    at: now)
                return OAuthError(code: .invalidScope, description: "a requested scope is not one this client holds")
                    .response
            }
            scopes = requested
        } else {
            scopes = client.scopes
        }
        let token = AccessTokens.newToken()
        try await services.writer.transaction(on: req.db) { db in
            try await AccessTokens.insert(token, client: client, scopes: scopes, at: now, on: db.sql)
            try await AuditLog.append(
                .coreTokenIssued, actor: client.recorded, detail: "scope=\(CoreScope.text(scopes))",
                tenant: client.tenant, at: now, on: db.sql)
        }
        let response = Response(status: .ok)
        try response.content.encode(
            TokenBody(
                accessToken: token, tokenType: "Bearer", expiresIn: Int(AccessTokens.lifetime),
                scope: CoreScope.text(scopes)),
            as: .json)
        OAuthError.forbidCaching(response)
        return response
    }

    /// The request's form (`application/x-www-form-urlencoded`, at most 64 KiB); a parameter named
    /// twice is an `invalid_request` (RFC 6749 §3.2).
    static func readForm(_ req: Request) async throws -> Result<FormBody, OAuthError> {
        guard let type = req.headers.contentType, type.type == "application", type.subType == "x-www-form-urlencoded"
        else {
            return .failure(
                OAuthError(
                    code: .invalidRequest, description: "send the parameters as application/x-www-form-urlencoded"))
        }
        let body = try await req.bodyBytes(max: 65_536)
        guard let form = try? FormBody.parseURLEncoded(body.readableBytesView) else {
            return .failure(OAuthError(code: .invalidRequest, description: "the body is not a readable form"))
        }
        if let repeated = form.fields.first(where: { $0.value.count > 1 })?.key {
            let name = repeated.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 } ? repeated : "a parameter"
            return .failure(OAuthError(code: .invalidRequest, description: "\(name) is sent more than once"))
        }
        return .success(form)
    }
}
