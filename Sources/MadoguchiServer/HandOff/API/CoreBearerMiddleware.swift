import Foundation
import MadoguchiDomain
import Vapor

/// Guards a route of the hand-off API: a bearer token (RFC 6750) issued at this municipality, not
/// expired, of an enabled client, holding the route's scope. A missing or unknown token is a 401, a
/// missing scope a 403, each with `WWW-Authenticate` and recorded in the audit log; the request
/// goes on with the client as `req.coreClient`.
struct CoreBearerMiddleware: AsyncMiddleware {
    let permission: CoreScope.Permission

    struct Key: StorageKey {
        typealias Value = CoreClient
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let services = request.madoguchi
        let tenant = try request.municipality.code
        let now = services.clock.now()
        let endpoint = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? ""
        guard let token = Self.bearerToken(request),
            let active = try await AccessTokens.active(token, tenant: tenant, now: now, on: request.db.sql)
        else {
            let presented = Self.bearerToken(request) != nil
            try await services.audit.record(
                .coreAuthFailed, actor: "core:?",
                detail: "endpoint=\(endpoint);reason=\(presented ? "invalid_token" : "no_token")", tenant: tenant,
                at: now)
            return Self.refusal(
                .unauthorized, code: "invalid_token",
                challenge: presented
                    ? "Bearer realm=\"madoguchi\", error=\"invalid_token\"" : "Bearer realm=\"madoguchi\"",
                message: LocalizedText(
                    ja: "アクセストークンがないか、有効期限が切れているか、正しくありません。トークンエンドポイントで取得し直してください。",
                    en: "The access token is missing, expired or not valid. Get a new one at the token endpoint."))
        }
        let needed = CoreScope(clientID: active.client.id, permission: permission)
        guard active.scopes.contains(needed) else {
            try await services.audit.record(
                .coreForbidden, actor: active.client.recorded, detail: "endpoint=\(endpoint);scope=\(needed)",
                tenant: tenant, at: now)
            return Self.refusal(
                .forbidden, code: "insufficient_scope",
                challenge: "Bearer realm=\"madoguchi\", error=\"insufficient_scope\", scope=\"\(needed)\"",
                message: LocalizedText(
                    ja: "このアクセストークンには、この操作に必要なスコープ（\(needed)）がありません。",
                    en: "This access token does not carry the scope this needs (\(needed))."))
        }
        request.storage[Key.self] = active.client
        return try await next.respond(to: request)
    }

    /// The token of an `Authorization: Bearer …` header.
    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers.first(name: .authorization), header.count > 7,
            header.prefix(7).lowercased() == "bearer "
        else { return nil }
        let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    static func refusal(
        _ status: HTTPResponseStatus, code: String, challenge: String, message: LocalizedText
    ) -> Response {
        let response = Response(status: status)
        try? response.content.encode(
            APIErrorBody(error: .init(code: code, message: APIController.Text(message))), as: .json)
        response.headers.replaceOrAdd(name: .wwwAuthenticate, value: challenge)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

extension Request {
    /// The core-system client a hand-off API route serves (set by `CoreBearerMiddleware`).
    var coreClient: CoreClient {
        get throws {
            guard let client = storage[CoreBearerMiddleware.Key.self] else { throw AppError.staffSignInRequired }
            return client
        }
    }
}
