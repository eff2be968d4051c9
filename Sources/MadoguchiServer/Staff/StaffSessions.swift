import Crypto
import Fluent
import Foundation
import MadoguchiDomain
import SQLKit
import Vapor

/// Staff sessions, kept in the database so that every server process shares them. The browser
/// holds a random token in an HttpOnly, SameSite=Strict cookie (Secure in production, which runs
/// behind TLS); the database holds only the token's SHA-256.
enum StaffSessions {
    static let cookieName = "madoguchi_staff"

    /// How far a session has got.
    enum Stage: String, Sendable {
        /// The password was right; the authenticator's code is asked next.
        case password
        /// A one-time password was used: the person sets their own password and enrols an authenticator.
        case setup
        /// Password and code: signed in.
        case signedIn = "signed_in"
    }

    /// A live session and its account.
    struct Current: Sendable {
        var digest: String
        var stage: Stage
        var account: StaffAccountRecord
        var lastSeenAt: Date
    }

    static func digest(of token: String) -> String { SHA256Hex.of(Data(token.utf8)) }

    /// Starts a session; returns the token for the cookie.
    static func start(
        staff id: UUID, tenant: LocalGovernmentCode, stage: Stage, now: Date, on db: any Database
    ) async throws -> String {
        var generator = SystemRandomNumberGenerator()
        let token = Base64URL.encode(Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        try await StaffSessionRecord(
            digest: digest(of: token), staffID: id, tenantCode: tenant.value, stage: stage.rawValue, now: now
        ).create(on: db)
        return token
    }

    /// Why a cookie's session is not accepted (recorded in the audit log).
    enum Refusal: String, Error, Sendable {
        case unknown, revoked, idle, expired, otherMunicipality = "other_municipality", disabled
    }

    /// The session a cookie's token names, if it is live for this municipality; otherwise why not.
    static func find(
        token: String, tenant: LocalGovernmentCode, now: Date, config: AppConfig, on db: any Database
    ) async throws -> Result<Current, Refusal> {
        let digest = digest(of: token)
        guard let session = try await StaffSessionRecord.find(digest, on: db) else { return .failure(.unknown) }
        guard !session.revoked else { return .failure(.revoked) }
        guard session.tenantCode == tenant.value else { return .failure(.otherMunicipality) }
        guard now.timeIntervalSince(session.createdAt) < config.staffSessionLifetime else {
            return .failure(.expired)
        }
        guard now.timeIntervalSince(session.lastSeenAt) < config.staffIdleTimeout else { return .failure(.idle) }
        guard let account = try await StaffAccountRecord.find(session.$staff.id, on: db), !account.disabled else {
            return .failure(.disabled)
        }
        return .success(
            Current(
                digest: digest, stage: Stage(rawValue: session.stage) ?? .password, account: account,
                lastSeenAt: session.lastSeenAt))
    }

    /// A signed-in request's session and member, read in one query (session, account and 課
    /// joined): what every staff page needs first.
    struct Live: Sendable {
        var digest: String
        var stage: Stage
        var lastSeenAt: Date
        var member: StaffMember
    }

    static func live(
        token: String, tenant: LocalGovernmentCode, now: Date, config: AppConfig, on sql: any SQLDatabase
    ) async throws -> Result<Live, Refusal> {
        let digest = digest(of: token)
        let rows = try await sql.raw(
            """
            SELECT s.stage, s.created_at, s.last_seen_at, s.revoked, s.tenant_code, a.id, a.login, a.name, a.roles, \
            a.disabled, d.department FROM staff_sessions s JOIN staff_accounts a ON a.id = s.staff_id
            LEFT JOIN staff_departments d ON d.staff_id = a.id WHERE s.token_digest = \(bind: digest)
            """
        ).all()
        guard let first = rows.first else { return .failure(.unknown) }
        guard !(try first.decode(column: "revoked", as: Bool.self)) else { return .failure(.revoked) }
        guard try first.decode(column: "tenant_code", as: String.self) == tenant.value else {
            return .failure(.otherMunicipality)
        }
        guard now.timeIntervalSince(try first.decode(column: "created_at", as: Date.self)) < config.staffSessionLifetime
        else { return .failure(.expired) }
        let lastSeen = try first.decode(column: "last_seen_at", as: Date.self)
        guard now.timeIntervalSince(lastSeen) < config.staffIdleTimeout else { return .failure(.idle) }
        guard !(try first.decode(column: "disabled", as: Bool.self)) else { return .failure(.disabled) }
        let departments = Set(try rows.compactMap { try $0.decode(column: "department", as: String?.self) })
        let member = StaffMember(
            id: try first.decode(column: "id", as: UUID.self), tenant: tenant,
            login: try first.decode(column: "login", as: String.self),
            name: try first.decode(column: "name", as: String.self),
            roles: StaffRole.list(try first.decode(column: "roles", as: String.self)) ?? [], departments: departments)
        return .success(
            Live(
                digest: digest, stage: Stage(rawValue: try first.decode(column: "stage", as: String.self)) ?? .password,
                lastSeenAt: lastSeen, member: member))
    }

    /// Whether the idle clock needs moving on: at most once a minute (a write per page view would
    /// be wasted).
    static func needsTouch(lastSeenAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeenAt) >= 60
    }

    static func touch(_ digest: String, now: Date, on db: any Database) async throws {
        try await StaffSessionRecord.query(on: db).filter(\.$id == digest)
            .filter(\.$lastSeenAt < now.addingTimeInterval(-60))
            .set(\.$lastSeenAt, to: now).update()
    }

    static func advance(_ digest: String, to stage: Stage, now: Date, on db: any Database) async throws {
        try await StaffSessionRecord.query(on: db).filter(\.$id == digest)
            .set(\.$stage, to: stage.rawValue).set(\.$lastSeenAt, to: now).update()
    }

    static func revoke(_ digest: String, on db: any Database) async throws {
        try await StaffSessionRecord.query(on: db).filter(\.$id == digest).set(\.$revoked, to: true).update()
    }

    /// Ends every session of an account (サインアウト（全端末）, a disabled account, a new password).
    static func revokeAll(staff id: UUID, on db: any Database) async throws {
        try await StaffSessionRecord.query(on: db).filter(\.$staff.$id == id).set(\.$revoked, to: true).update()
    }

    static func cookie(_ token: String, secure: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: token, path: "/staff", isSecure: secure, isHTTPOnly: true, sameSite: .strict)
    }

    static func expiredCookie(secure: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/staff", isSecure: secure,
            isHTTPOnly: true, sameSite: .strict)
    }
}
