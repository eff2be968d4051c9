import Foundation
import NIOConcurrencyHelpers
import Vapor

/// A stand-in for マイナポータル's 電子申請等情報受取等API, written for these tests (the real one is
/// reachable only inside the government network and its formats are not public): it speaks the
/// default mapping of `HTTPPortalAPI` (docs/linkage.md) on a loopback port, holds packages, and
/// records the status reports it receives.
final class LoopbackPortal: Sendable {
    struct Held: Sendable {
        var number: String
        var received: Date
        var package: [UInt8]
    }

    let app: Application
    let user = "madoguchi-990019"
    let password = "portal-password"
    private let state = NIOLockedValueBox<(held: [Held], reports: [String: String], signIns: Int, fetches: Int)>(
        ([], [:], 0, 0))

    var reports: [String: String] { state.withLockedValue { $0.reports } }
    var signIns: Int { state.withLockedValue { $0.signIns } }
    var fetches: Int { state.withLockedValue { $0.fetches } }

    private init(app: Application) { self.app = app }

    /// Starts the portal on a free loopback port; `base` is what MADOGUCHI_PORTAL_URL would name.
    static func start() async throws -> (portal: LoopbackPortal, base: URL) {
        let app = try await Application.make(.testing)
        let portal = LoopbackPortal(app: app)
        portal.routes()
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        try await app.server.start()
        guard let port = app.http.server.shared.localAddress?.port else {
            throw Abort(.internalServerError, reason: "no port")
        }
        return (portal, URL(string: "http://127.0.0.1:\(port)/portal")!)
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }

    func hold(_ number: String, received: Date, package: [UInt8]) {
        state.withLockedValue { $0.held.append(Held(number: number, received: received, package: package)) }
    }

    private static let token = "loopback-token"

    private func routes() {
        let portal = app.grouped("portal")
        portal.post("auth", "token") { [self] request -> Response in
            struct SignIn: Content {
                var userID: String
                var password: String
                enum CodingKeys: String, CodingKey {
                    case userID = "user_id"
                    case password
                }
            }
            let body = try request.content.decode(SignIn.self)
            guard body.userID == user, body.password == password else { return Response(status: .unauthorized) }
            state.withLockedValue { $0.signIns += 1 }
            return try await ["access_token": Self.token].encodeResponse(for: request)
        }
        portal.get("applications") { [self] request -> Response in
            try Self.authorise(request)
            let from = try Date(request.query[String.self, at: "from"] ?? "", strategy: .iso8601)
            let until = try Date(request.query[String.self, at: "until"] ?? "", strategy: .iso8601)
            let listed = state.withLockedValue { state in
                state.held.filter { $0.received >= from && $0.received < until }.map {
                    ["受付番号": $0.number, "受付日時": $0.received.formatted(.iso8601)]
                }
            }
            return try await ["applications": listed].encodeResponse(for: request)
        }
        portal.get("applications", ":number") { [self] request -> Response in
            try Self.authorise(request)
            let number = request.parameters.get("number") ?? ""
            guard let held = state.withLockedValue({ state in state.held.first { $0.number == number } }) else {
                return Response(status: .notFound)
            }
            state.withLockedValue { $0.fetches += 1 }
            var headers = HTTPHeaders()
            headers.contentType = .zip
            return Response(status: .ok, headers: headers, body: .init(data: Data(held.package)))
        }
        portal.post("applications", ":number", "status") { [self] request -> HTTPStatus in
            try Self.authorise(request)
            let status = try request.content.get(String.self, at: "status")
            state.withLockedValue { $0.reports[request.parameters.get("number") ?? ""] = status }
            return .noContent
        }
    }

    private static func authorise(_ request: Request) throws {
        guard request.headers.bearerAuthorization?.token == token else { throw Abort(.unauthorized) }
    }
}
