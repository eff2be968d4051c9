import Crypto
import Vapor

/// CSRF protection without server state (so any server process can check it): a random cookie
/// (SameSite=Strict, HttpOnly) and, in every form, an HMAC of that cookie under the server secret.
/// Attached to the route groups whose pages have forms (`registerRoutes`).
struct CSRFMiddleware: Middleware {
    static let cookieName = "madoguchi_csrf"
    static let fieldName = "_csrf"
    let secure: Bool

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        var issued: String?
        if request.cookies[Self.cookieName].flatMap({ Self.validCookie($0.string) }) == nil {
            var generator = SystemRandomNumberGenerator()
            let value = Base64URL.encode(Data((0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }))
            request.storage[IssuedKey.self] = value
            issued = value
        }
        guard let issued else { return next.respond(to: request) }
        return next.respond(to: request).map { response in
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: issued, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .strict)
            return response
        }
    }

    static func validCookie(_ value: String) -> String? {
        value.count >= 16 && value.count <= 64 ? value : nil
    }

    struct IssuedKey: StorageKey {
        typealias Value = String
    }

    static func token(for cookie: String, secret: SymmetricKey) -> String {
        Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data("csrf|\(cookie)".utf8), using: secret)))
    }
}

extension Request {
    /// This browser's CSRF cookie (the one just issued, on its first request).
    var csrfCookieValue: String? {
        storage[CSRFMiddleware.IssuedKey.self] ?? cookies[CSRFMiddleware.cookieName]?.string
    }

    /// The token to put in this page's forms.
    var csrfToken: String {
        get throws {
            guard let cookie = csrfCookieValue else { throw AppError.csrf }
            return CSRFMiddleware.token(for: cookie, secret: madoguchi.secret)
        }
    }

    /// Throws `AppError.csrf` unless `submitted` matches this request's cookie.
    func verifyCSRF(_ submitted: String?) throws {
        guard let cookie = cookies[CSRFMiddleware.cookieName]?.string, let submitted else { throw AppError.csrf }
        let expected = Array(CSRFMiddleware.token(for: cookie, secret: madoguchi.secret).utf8)
        let given = Array(submitted.utf8)
        guard expected.count == given.count, zip(expected, given).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0 else {
            throw AppError.csrf
        }
    }
}
