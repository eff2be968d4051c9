import Crypto
import Fluent
import Foundation
import MadoguchiDomain
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

    /// Whether the idle clock needs moving on: at most once a minute (a write per page view would
    /// be wasted).
    static func needsTouch(_ current: Current, now: Date) -> Bool {
        now.timeIntervalSince(current.lastSeenAt) >= 60
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
