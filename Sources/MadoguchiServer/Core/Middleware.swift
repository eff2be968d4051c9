import MadoguchiDomain
import Vapor

/// Finds the municipality a request reached by its host name (or the default one).
struct TenantMiddleware: Middleware {
    let directory: MunicipalityDirectory

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if let municipality = directory.municipality(forHost: request.headers.first(name: .host)) {
            request.storage[Request.MunicipalityKey.self] = municipality
        }
        return next.respond(to: request)
    }
}

/// Conservative headers on every response: no framing, no sniffing, no referrer, scripts and styles from self only.
struct SecurityHeadersMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).map { response in
            response.headers.replaceOrAdd(
                name: "Content-Security-Policy",
                value:
                    "default-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
            )
            response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
            response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
            response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
            return response
        }
    }
}

/// On routes whose answers carry an application's 照会キー, status or personal data: no cache may
/// keep them (`Route.answersArePrivate`).
struct NoStoreMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).always { result in
            if case .success(let response) = result, !response.headers.contains(name: .cacheControl) {
                response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            }
        }
    }
}

/// Marks a request as the JSON API's, so that its errors are answered as JSON.
struct APIGroupMiddleware: Middleware {
    struct Key: StorageKey {
        typealias Value = Bool
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        request.storage[Key.self] = true
        return next.respond(to: request)
    }
}

/// Renders every error: an HTML page for the portal, JSON for the API. Messages come from `AppError`;
/// internal errors are logged (without request bodies) and shown only as a generic message.
struct ErrorMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).flatMapErrorThrowing { error in render(error, for: request) }
    }

    func render(_ error: any Error, for request: Request) -> Response {
        // No route for this method: a 405 naming the methods the path takes, when it has any.
        if error is RouteNotFound {
            let allowed = Route.methods(allowedAt: request.url.path)
            if !allowed.isEmpty {
                let response = render(AppError.methodNotAllowed, for: request)
                response.headers.replaceOrAdd(name: .allow, value: allowed.map(\.rawValue).joined(separator: ", "))
                return response
            }
        }
        let (status, code, message) = classify(error)
        if case WriterError.receiptNumbersExhausted(let tenant, let year) = error {
            request.logger.critical(
                "受付番号 exhausted: municipality \(tenant) has issued every number of \(year) (up to \(ReceiptNumber.sequences.upperBound)); its submissions are refused with 503 until the year ends"
            )
        } else if status.code >= 500 {
            request.logger.critical(
                "unhandled error on \(request.method) \(request.url.path): \(String(reflecting: type(of: error)))")
        }
        // A route of a JSON group, or a path no route has under the prefix of one.
        let owner = Route.Group.owning(request.url.path)
        if request.storage[APIGroupMiddleware.Key.self] ?? (owner == .api || owner == .coreAPI) {
            let body = APIErrorBody(error: .init(code: code, message: APIController.Text(message)))
            let response = Response(status: status)
            try? response.content.encode(body, as: .json)
            if owner == .coreAPI { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
            return response
        }
        let page = ErrorPage.render(request: request, status: status, message: message)
        return Layout.response(page, status: status)
    }

    func classify(_ error: any Error) -> (HTTPResponseStatus, String, LocalizedText) {
        if let error = error as? AppError { return (error.status, error.code, error.message) }
        if let error = error as? HandOffAPIError { return (error.status, error.code, error.message) }
        if case WriterError.receiptNumbersExhausted = error {
            let error = AppError.receiptNumbersExhausted
            return (error.status, error.code, error.message)
        }
        if let abort = error as? any AbortError {
            switch abort.status {
            case .notFound: return (.notFound, AppError.notFound.code, AppError.notFound.message)
            case .payloadTooLarge:
                return (.payloadTooLarge, AppError.payloadTooLarge.code, AppError.payloadTooLarge.message)
            case .unsupportedMediaType:
                return (
                    .unsupportedMediaType, AppError.unsupportedMediaType.code, AppError.unsupportedMediaType.message
                )
            case .methodNotAllowed:
                return (.methodNotAllowed, AppError.methodNotAllowed.code, AppError.methodNotAllowed.message)
            default:
                if abort.status.code < 500 {
                    return (abort.status, AppError.badRequest.code, AppError.badRequest.message)
                }
            }
        }
        if error is DecodingError { return (.badRequest, AppError.invalidJSON.code, AppError.invalidJSON.message) }
        return (
            .internalServerError, "internal",
            LocalizedText(
                ja: "システムで問題が発生しました。時間をおいて、もう一度お試しください。",
                en: "Something went wrong on our side. Please try again later.")
        )
    }
}

struct APIErrorBody: Content {
    struct Detail: Content {
        var code: String
        var message: APIController.Text
    }

    var error: Detail
}
