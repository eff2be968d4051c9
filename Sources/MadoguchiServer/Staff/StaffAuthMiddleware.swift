import Fluent
import Foundation
import MadoguchiDomain
import Vapor

/// The signed-in staff member of a request (set by `StaffSessionMiddleware`).
struct StaffContext: Sendable {
    var member: StaffMember
    var sessionDigest: String
}

extension Request {
    struct StaffKey: StorageKey {
        typealias Value = StaffContext
    }

    /// The signed-in staff member; only routes of the staff group have one.
    var staff: StaffContext {
        get throws {
            guard let context = storage[StaffKey.self] else { throw AppError.staffSignInRequired }
            return context
        }
    }
}

/// On every route of the staff group: the request must carry a live, signed-in session of this
/// municipality, else it is led to the sign-in page (a cookie that names no live session is
/// recorded in the audit log: stolen, expired, revoked or another municipality's). Then the route's
/// roles are checked (`Route.staffRoles`): a member without any of them is refused, and audited.
struct StaffSessionMiddleware: AsyncMiddleware {
    let roles: Set<StaffRole>?

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let services = request.madoguchi
        let municipality = try request.municipality
        let now = services.clock.now()
        guard let token = request.cookies[StaffSessions.cookieName]?.string, !token.isEmpty else {
            return request.redirect(to: StaffURL.signIn.path, redirectType: .normal)
        }
        let found = try await StaffSessions.live(
            token: token, tenant: municipality.code, now: now, config: services.config, on: request.db.sql)
        let current: StaffSessions.Live
        switch found {
        case .success(let live) where live.stage == .signedIn:
            current = live
        case .success(let partial):
            // Half-way through signing in: back to the step it is at.
            return request.redirect(
                to: (partial.stage == .setup ? StaffURL.setup : StaffURL.code).path, redirectType: .normal)
        case .failure(let refusal):
            try await services.audit.record(
                .sessionRefused, actor: "unknown", detail: "reason=\(refusal.rawValue)", tenant: municipality.code,
                at: now)
            let response = request.redirect(to: StaffURL.signIn.path, redirectType: .normal)
            response.cookies[StaffSessions.cookieName] = StaffSessions.expiredCookie(
                secure: services.config.mode == .production)
            return response
        }
        let member = current.member
        if let roles, member.roles.isDisjoint(with: roles) {
            try await services.audit.record(
                .forbidden, actor: member.id.uuidString, detail: "path=\(request.url.path)", tenant: member.tenant,
                at: now)
            throw AppError.staffForbidden
        }
        if StaffSessions.needsTouch(lastSeenAt: current.lastSeenAt, now: now) {
            try await services.writer.inTurn { try await StaffSessions.touch(current.digest, now: now, on: request.db) }
        }
        request.storage[Request.StaffKey.self] = StaffContext(member: member, sessionDigest: current.digest)
        return try await next.respond(to: request)
    }
}
