import Foundation
import JWTKit
import MadoguchiDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import MadoguchiServer

/// A core system as the tests play it: its id and secret, making client assertions with jwt-kit
/// and calling the hand-off API at デモ市's host.
struct CoreSystemDouble {
    var app: Application
    var id: String
    var secret: String
    var host = TestHosts.demo

    /// The token endpoint's URL as a client at the test host names it.
    var audience: String { "http://\(host)/core/v1/token" }

    struct Claims: JWTPayload {
        var iss: IssuerClaim
        var sub: SubjectClaim
        var aud: AudienceClaim
        var exp: ExpirationClaim?
        var iat: IssuedAtClaim?
        var nbf: NotBeforeClaim?
        var jti: IDClaim?

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// A client assertion, HS256 under `secret` (the client's own unless said), issued now and
    /// valid for two minutes unless said otherwise.
    func assertion(
        secret: String? = nil, issuer: String? = nil, audience: String? = nil, expires: TimeInterval? = 120,
        issued: TimeInterval? = 0, notBefore: TimeInterval? = nil, jti: String? = UUID().uuidString
    ) async throws -> String {
        let now = app.madoguchi.clock.now()
        let claims = Claims(
            iss: IssuerClaim(value: issuer ?? id), sub: SubjectClaim(value: issuer ?? id),
            aud: AudienceClaim(value: [audience ?? self.audience]),
            exp: expires.map { ExpirationClaim(value: now.addingTimeInterval($0)) },
            iat: issued.map { IssuedAtClaim(value: now.addingTimeInterval($0)) },
            nbf: notBefore.map { NotBeforeClaim(value: now.addingTimeInterval($0)) },
            jti: jti.map { IDClaim(value: $0) })
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret ?? self.secret), digestAlgorithm: .sha256)
        return try await keys.sign(claims)
    }

    /// POSTs a form to the token (or another) endpoint.
    func post(
        _ path: String, _ fields: [(String, String)], headers extra: [(String, String)] = []
    ) async throws
        -> TestingHTTPResponse
    {
        let body = fields.map { "\(FormClient.encode($0.0))=\(FormClient.encode($0.1))" }.joined(separator: "&")
        var headers: HTTPHeaders = ["Host": host, "Content-Type": "application/x-www-form-urlencoded"]
        for (name, value) in extra { headers.add(name: name, value: value) }
        var captured: TestingHTTPResponse?
        try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(string: body)) { captured = $0 }
        return try #require(captured)
    }

    /// Asks the token endpoint with `assertion` (a fresh one unless given).
    func tokenResponse(assertion given: String? = nil, scope: String? = nil) async throws -> TestingHTTPResponse {
        let assertion: String
        if let given { assertion = given } else { assertion = try await self.assertion() }
        var fields = [
            ("grant_type", "client_credentials"), ("client_assertion_type", ClientAuthentication.assertionType),
            ("client_assertion", assertion),
        ]
        if let scope { fields.append(("scope", scope)) }
        return try await post("/core/v1/token", fields)
    }

    /// A fresh access token.
    func token(scope: String? = nil) async throws -> String {
        let response = try await tokenResponse(scope: scope)
        #expect(response.status == .ok, "\(response.body.string)")
        let body = try JSONDecoder().decode([String: JSONScalar].self, from: response.body)
        return try #require(body["access_token"]?.string)
    }

    /// Calls a bearer-guarded route.
    func call(
        _ method: HTTPMethod, _ path: String, token: String?, json: String? = nil
    ) async throws
        -> TestingHTTPResponse
    {
        var headers: HTTPHeaders = ["Host": host]
        if let token { headers.add(name: .authorization, value: "Bearer \(token)") }
        if json != nil { headers.add(name: .contentType, value: "application/json") }
        var captured: TestingHTTPResponse?
        try await app.testing().test(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) }) {
            captured = $0
        }
        return try #require(captured)
    }
}

/// A JSON member's value when it is a string, number or boolean (enough to read the answers here).
enum JSONScalar: Decodable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else {
            self = .other
        }
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}

enum HandOffSupport {
    /// Registers a core system as `madoguchi core-client add` does.
    static func register(
        _ app: Application, id: String = "jidou-teate", departments: [String] = ["こども支援課"],
        scopes: [String] = ["applications:read", "applications:acknowledge", "decisions:write"],
        municipality: String = "990019", host: String = TestHosts.demo
    ) async throws -> CoreSystemDouble {
        let secret = try await CoreClientCommands.add(
            municipality: municipality, id: id, name: "児童手当システム", departments: departments, scopes: scopes, app: app)
        return CoreSystemDouble(app: app, id: id, secret: secret, host: host)
    }

    /// A 担当 of こども支援課 as the workflow sees one (no account needed to act through `ApplicationWork`).
    static let caseWorker = StaffMember(
        id: UUID(), tenant: demoCode, login: "tanto", name: "担当 花子", roles: [.caseWorker], departments: ["こども支援課"])

    /// Submits a 児童手当 認定請求 and has a 担当 review it and release it to the core systems (連携待ち).
    static func released(_ app: Application) async throws -> (receipt: SubmitResult, id: UUID) {
        let receipt = try await StaffSupport.submit(app, procedureID: "jidou-teate-nintei")
        let id = try await StaffSupport.applicationID(app, receipt: receipt.receiptNumber)
        for action in [WorkflowAction.startReview, .releaseToCore] {
            let outcome = try await ApplicationWork.perform(
                action, on: id, by: .staff(caseWorker), tenant: demoCode, expectedVersion: nil, reason: nil,
                services: app.madoguchi, on: app.db)
            guard case .success = outcome else {
                Issue.record("\(action) was refused: \(outcome)")
                return (receipt, id)
            }
        }
        return (receipt, id)
    }

    /// The audit log's entries of an action: actor, target and detail, in order.
    static func audit(
        _ app: Application, action: String
    ) async throws
        -> [(actor: String, target: String, detail: String)]
    {
        try await app.db.sql.raw(
            "SELECT actor, target, detail FROM audit_log WHERE action = \(bind: action) ORDER BY tenant_code, sequence"
        ).all().map {
            (
                try $0.decode(column: "actor", as: String.self), try $0.decode(column: "target", as: String.self),
                try $0.decode(column: "detail", as: String.self)
            )
        }
    }
}
