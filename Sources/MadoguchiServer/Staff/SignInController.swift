import Fluent
import Foundation
import MadoguchiDomain
import Vapor

/// Signing in: password, then the authenticator's code (TOTP); on the first sign-in, a password of
/// one's own and the authenticator's enrolment. Every success and failure is in the audit log.
enum SignInController {
    static func form(_ req: Request) async throws -> Response {
        let signedOut = req.query[String.self, at: "signed_out"] != nil
        let context = try PageContext.staff(req)
        return Layout.response(
            SignInPages.signIn(context, message: signedOut ? (context.text(StaffText.signedOut), false) : nil))
    }

    static func signIn(_ req: Request) async throws -> Response {
        let body = try await FormBody.read(req)
        let services = req.madoguchi
        let tenant = try req.municipality.code
        let now = services.clock.now()
        let login = TextNormalization.trim(String((body.first("login") ?? "").prefix(64)))
        let password = String((body.first("password") ?? "").prefix(256))
        let account = try await StaffAccountRecord.query(on: req.db).filter(\.$tenantCode == tenant.value)
            .filter(\.$login == login).first()
        let context = try PageContext.staff(req)
        if let account, let until = account.lockedUntil, until > now {
            try await audit(.signInFailed, actor: account.id!.uuidString, detail: "reason=locked", req)
            return Layout.response(
                SignInPages.signIn(context, login: login, message: (context.text(StaffText.lockedOut), true)),
                status: .tooManyRequests)
        }
        let matches = try await services.passwordHasher.verify(
            password, against: account?.passwordHash ?? services.passwordHasher.unmatchable)
        guard let account, let id = account.id, matches, !account.disabled else {
            try await recordFailure(account, action: .signInFailed, detail: "reason=password", req)
            return Layout.response(
                SignInPages.signIn(context, login: login, message: (context.text(StaffText.signInFailed), true)),
                status: .unauthorized)
        }
        let stage: StaffSessions.Stage =
            account.mustChangePassword || account.totpSecret == nil ? .setup : .password
        let token = try await services.writer.transaction(on: req.db) { db in
            try await StaffSessions.start(staff: id, tenant: tenant, stage: stage, now: now, on: db)
        }
        let response = req.redirect(to: (stage == .setup ? StaffURL.setup : StaffURL.code).path, redirectType: .normal)
        response.cookies[StaffSessions.cookieName] = StaffSessions.cookie(
            token, secure: services.config.mode == .production)
        return response
    }

    static func codeForm(_ req: Request) async throws -> Response {
        guard (try await partialSession(req, stage: .password)) != nil else { return toSignIn(req) }
        return Layout.response(SignInPages.code(try PageContext.staff(req)))
    }

    static func code(_ req: Request) async throws -> Response {
        let body = try await FormBody.read(req)
        guard let session = try await partialSession(req, stage: .password) else { return toSignIn(req) }
        let services = req.madoguchi
        let now = services.clock.now()
        let account = session.account
        guard let id = account.id, let sealed = account.totpSecret,
            let secret = services.staffSecrets.open(sealed, account: id)
        else { return toSignIn(req) }
        if let until = account.lockedUntil, until > now {
            try await audit(.totpFailed, actor: id.uuidString, detail: "reason=locked", req)
            let context = try PageContext.staff(req)
            return Layout.response(
                SignInPages.signIn(context, message: (context.text(StaffText.lockedOut), true)),
                status: .tooManyRequests)
        }
        guard
            let step = MadoguchiDomain.TOTP.verify(
                String((body.first("code") ?? "").prefix(32)), at: now, secret: secret,
                lastUsedStep: account.totpLastStep)
        else {
            try await recordFailure(account, action: .totpFailed, detail: "reason=code", req)
            return Layout.response(SignInPages.code(try PageContext.staff(req), error: true), status: .unauthorized)
        }
        try await services.writer.transaction(on: req.db) { db in
            account.totpLastStep = step
            account.failedSignIns = 0
            account.lockedUntil = nil
            account.updatedAt = now
            try await account.save(on: db)
            try await StaffSessions.advance(session.digest, to: .signedIn, now: now, on: db)
            try await AuditLog.append(
                .signIn, actor: id.uuidString, tenant: try req.municipality.code, at: now, on: db.sql)
        }
        return req.redirect(to: try await landing(for: account, req), redirectType: .normal)
    }

    static func setupForm(_ req: Request) async throws -> Response {
        guard let session = try await partialSession(req, stage: .setup) else { return toSignIn(req) }
        var generator = SystemRandomNumberGenerator()
        return try setupPage(
            req, session: session, secret: MadoguchiDomain.TOTP.Secret.random(using: &generator), errors: [])
    }

    static func setup(_ req: Request) async throws -> Response {
        let body = try await FormBody.read(req)
        guard let session = try await partialSession(req, stage: .setup), let id = session.account.id else {
            return toSignIn(req)
        }
        let services = req.madoguchi
        let now = services.clock.now()
        let pending = SealedToken(purpose: "staff-totp-enrolment", secret: services.secret)
        guard let opened = pending.open(body.first("pending") ?? "", binding: session.digest) else {
            throw AppError.formExpired
        }
        let secret = MadoguchiDomain.TOTP.Secret(bytes: Array(opened))
        let password = String((body.first("password") ?? "").prefix(256))
        var errors: [LocalizedText] = []
        if let problem = PasswordPolicy.problem(with: password, login: session.account.login) {
            errors.append(problem)
        } else if password != body.first("password_again") {
            errors.append(StaffText.passwordsDiffer)
        }
        let step = MadoguchiDomain.TOTP.verify(
            String((body.first("code") ?? "").prefix(32)), at: now, secret: secret, lastUsedStep: nil)
        if step == nil { errors.append(StaffText.codeFailed) }
        guard errors.isEmpty, let step else {
            return try setupPage(req, session: session, secret: secret, errors: errors, status: .unprocessableEntity)
        }
        let hash = try await services.passwordHasher.hash(password)
        let account = session.account
        let tenant = try req.municipality.code
        try await services.writer.transaction(on: req.db) { db in
            account.passwordHash = hash
            account.mustChangePassword = false
            account.totpSecret = services.staffSecrets.seal(secret, account: id)
            account.totpLastStep = step
            account.failedSignIns = 0
            account.lockedUntil = nil
            account.updatedAt = now
            try await account.save(on: db)
            // Any other session begun with the one-time password ends now.
            try await StaffSessions.revokeAll(staff: id, on: db)
            try await StaffSessionRecord.query(on: db).filter(\.$id == session.digest).set(\.$revoked, to: false)
                .update()
            try await StaffSessions.advance(session.digest, to: .signedIn, now: now, on: db)
            for action in [AuditAction.passwordChanged, .totpEnrolled, .signIn] {
                try await AuditLog.append(action, actor: id.uuidString, tenant: tenant, at: now, on: db.sql)
            }
        }
        return req.redirect(to: try await landing(for: account, req), redirectType: .normal)
    }

    static func signOut(_ req: Request) async throws -> Response {
        _ = try await FormBody.read(req)
        let staff = try req.staff
        let now = req.madoguchi.clock.now()
        try await req.madoguchi.writer.transaction(on: req.db) { db in
            try await StaffSessions.revoke(staff.sessionDigest, on: db)
            try await AuditLog.append(
                .signOut, actor: staff.member.id.uuidString, tenant: staff.member.tenant, at: now, on: db.sql)
        }
        return signedOut(req)
    }

    static func signOutEverywhere(_ req: Request) async throws -> Response {
        _ = try await FormBody.read(req)
        let staff = try req.staff
        let now = req.madoguchi.clock.now()
        try await req.madoguchi.writer.transaction(on: req.db) { db in
            try await StaffSessions.revokeAll(staff: staff.member.id, on: db)
            try await AuditLog.append(
                .signOutEverywhere, actor: staff.member.id.uuidString, tenant: staff.member.tenant, at: now,
                on: db.sql)
        }
        return signedOut(req)
    }

    // MARK: helpers

    private static func signedOut(_ req: Request) -> Response {
        let response = req.redirect(to: StaffURL.signIn.path + "?signed_out=1", redirectType: .normal)
        response.cookies[StaffSessions.cookieName] = StaffSessions.expiredCookie(
            secure: req.madoguchi.config.mode == .production)
        return response
    }

    private static func setupPage(
        _ req: Request, session: StaffSessions.Current, secret: MadoguchiDomain.TOTP.Secret, errors: [LocalizedText],
        status: HTTPResponseStatus = .ok
    ) throws -> Response {
        let services = req.madoguchi
        let municipality = try req.municipality
        let pending = SealedToken(purpose: "staff-totp-enrolment", secret: services.secret)
        let sealed = pending.seal(Data(secret.bytes), binding: session.digest) ?? ""
        let otpauth = MadoguchiDomain.TOTP.otpauthURI(
            issuer: "\(municipality.name.ja) \(StaffText.siteName.ja)", account: session.account.login, secret: secret)
        return Layout.response(
            SignInPages.setup(
                try PageContext.staff(req), secret: secret, sealedSecret: sealed, otpauth: otpauth, errors: errors),
            status: status)
    }

    /// The session of a browser half-way through signing in, at `stage`.
    private static func partialSession(
        _ req: Request, stage: StaffSessions.Stage
    ) async throws
        -> StaffSessions.Current?
    {
        guard let token = req.cookies[StaffSessions.cookieName]?.string, !token.isEmpty else { return nil }
        let found = try await StaffSessions.find(
            token: token, tenant: try req.municipality.code, now: req.madoguchi.clock.now(),
            config: req.madoguchi.config, on: req.db)
        guard case .success(let session) = found, session.stage == stage else { return nil }
        return session
    }

    private static func toSignIn(_ req: Request) -> Response {
        req.redirect(to: StaffURL.signIn.path, redirectType: .normal)
    }

    /// Where a member lands after signing in: the inbox, else what their role has.
    private static func landing(for account: StaffAccountRecord, _ req: Request) async throws -> String {
        let roles = account.roleSet
        if !roles.isDisjoint(with: StaffRole.applicationRoles) { return StaffURL.inbox().path }
        if roles.contains(.admin) { return StaffURL.adminStaff.path }
        return StaffURL.audit().path
    }

    /// Counts a failed attempt against the account (locking it after several), and audits it.
    private static func recordFailure(
        _ account: StaffAccountRecord?, action: AuditAction, detail: String, _ req: Request
    ) async throws {
        let now = req.madoguchi.clock.now()
        let tenant = try req.municipality.code
        try await req.madoguchi.writer.transaction(on: req.db) { db in
            if let account {
                account.failedSignIns += 1
                account.lockedUntil = SignInLockout.lockedUntil(afterFailures: account.failedSignIns, at: now)
                account.updatedAt = now
                try await account.save(on: db)
            }
            try await AuditLog.append(
                action, actor: account?.id?.uuidString ?? "unknown", detail: detail, tenant: tenant, at: now,
                on: db.sql)
        }
    }

    private static func audit(_ action: AuditAction, actor: String, detail: String, _ req: Request) async throws {
        try await req.madoguchi.audit.record(
            action, actor: actor, detail: detail, tenant: try req.municipality.code, at: req.madoguchi.clock.now())
    }
}
