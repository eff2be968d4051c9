import Vapor

/// An error of the token and introspection endpoints, answered as RFC 6749 §5.2 says:
/// `{"error": "invalid_client", "error_description": "…"}`, 401 for a client that could not be
/// authenticated and 400 otherwise. The description is English: the RFC allows ASCII only there.
struct OAuthError: Error, Sendable, Equatable {
    enum Code: String, Sendable {
        case invalidRequest = "invalid_request"
        case invalidClient = "invalid_client"
        case unsupportedGrantType = "unsupported_grant_type"
        case invalidScope = "invalid_scope"
    }

    var code: Code
    var description: String

    /// For anything wrong before the client is known to hold its secret: the same words whatever
    /// it was (no client, a disabled one, a wrong signature), so ids cannot be tried out.
    static let authenticationFailed = OAuthError(code: .invalidClient, description: "client authentication failed")

    var status: HTTPResponseStatus { code == .invalidClient ? .unauthorized : .badRequest }

    struct Body: Content {
        var error: String
        var errorDescription: String

        enum CodingKeys: String, CodingKey {
            case error
            case errorDescription = "error_description"
        }
    }

    var response: Response {
        let response = Response(status: status)
        try? response.content.encode(Body(error: code.rawValue, errorDescription: description), as: .json)
        OAuthError.forbidCaching(response)
        return response
    }

    /// RFC 6749 §5.1: token answers carry `Cache-Control: no-store` and `Pragma: no-cache`.
    static func forbidCaching(_ response: Response) {
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.headers.replaceOrAdd(name: .pragma, value: "no-cache")
    }
}
