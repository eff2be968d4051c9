import Foundation
import MadoguchiDomain
import Testing
import VaporTesting

@testable import MadoguchiServer

/// A signed-in staff member's browser, for the tests.
struct StaffBrowser {
    var client: FormClient
    var login: String
    var password: String
    var secret: MadoguchiDomain.TOTP.Secret
}

enum StaffSupport {
    static let password = "correct horse battery staple"

    /// The key shown on the setup page, as the person would type it into their app.
    static func shownKey(in html: String) -> String? {
        html.range(of: "<dd class=\"code\">").map { range in String(html[range.upperBound...].prefix { $0 != "<" }) }
    }

    /// Creates an account as `madoguchi staff add` does and goes through the first sign-in (own
    /// password, authenticator enrolled); the clock moves on 30 s afterwards, so the next code differs.
    static func enrol(
        _ app: Application, clock: SettableClock, login: String, name: String, roles: [String],
        departments: [String], municipality: String = "990019", host: String = TestHosts.demo
    ) async throws -> StaffBrowser {
        let oneTime = try await StaffCommands.add(
            municipality: municipality, login: login, name: name, roles: roles, departments: departments, app: app)
        var client = FormClient(app: app, host: host)
        _ = try await client.get("/staff/sign-in")
        let first = try await client.post("/staff/sign-in", [("login", login), ("password", oneTime)])
        #expect(first.status == .seeOther)
        #expect(first.headers.first(name: .location) == "/staff/setup")
        let setup = try await client.get("/staff/setup")
        let key = try #require(shownKey(in: setup.body.string))
        let secret = try #require(MadoguchiDomain.TOTP.Secret(base32: key))
        let pending = try #require(FormClient.hiddenValue("pending", in: setup.body.string))
        let done = try await client.post(
            "/staff/setup",
            [
                ("pending", pending), ("password", password), ("password_again", password),
                ("code", MadoguchiDomain.TOTP.code(at: clock.date, secret: secret)),
            ])
        #expect(done.status == .seeOther, "\(done.body.string.prefix(2000))")
        clock.date = clock.date.addingTimeInterval(30)
        return StaffBrowser(client: client, login: login, password: password, secret: secret)
    }

    /// Signs in again, in a new browser, with password and a fresh code.
    static func signIn(
        _ app: Application, clock: SettableClock, _ browser: StaffBrowser, host: String = TestHosts.demo
    ) async throws -> StaffBrowser {
        var client = FormClient(app: app, host: host)
        _ = try await client.get("/staff/sign-in")
        let first = try await client.post("/staff/sign-in", [("login", browser.login), ("password", browser.password)])
        #expect(first.headers.first(name: .location) == "/staff/sign-in/code")
        let second = try await client.post(
            "/staff/sign-in/code", [("code", MadoguchiDomain.TOTP.code(at: clock.date, secret: browser.secret))])
        #expect(second.status == .seeOther)
        clock.date = clock.date.addingTimeInterval(30)
        var signedIn = browser
        signedIn.client = client
        return signedIn
    }

    /// Submits a sample application of `procedureID` through the API; its id (from the inbox).
    static func submit(
        _ app: Application, procedureID: String, host: String = TestHosts.demo
    ) async throws
        -> SubmitResult
    {
        let procedure = try #require(app.madoguchi.catalog.procedure(procedureID))
        var result: SubmitResult?
        try await app.testing().test(
            .POST, "/api/v1/applications", headers: jsonHeaders(host: host), body: try jsonBuffer(sampleBody(procedure))
        ) { res in
            #expect(res.status == .created)
            result = try? res.content.decode(SubmitResult.self)
        }
        return try #require(result)
    }

    /// The application's id, found through its 受付番号 in the municipality.
    static func applicationID(
        _ app: Application, receipt: String, tenant: LocalGovernmentCode = demoCode
    ) async throws
        -> UUID
    {
        let number = try #require(ReceiptNumber(receipt))
        return try #require(try await ApplicationQueries.find(number, tenant: tenant, on: app.db)?.id)
    }
}
