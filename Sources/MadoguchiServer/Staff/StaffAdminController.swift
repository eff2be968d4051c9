import Fluent
import Foundation
import MadoguchiDomain
import Vapor

/// 職員の管理 (administrators): the municipality's staff, a new account (its one-time password shown
/// once), and changes to roles, 課, a forgotten password or a disabled account. Roles and 課 come
/// only from the choices the municipality has; anything else in a form is refused and audited.
enum StaffAdminController {
    static func list(_ req: Request) async throws -> Response {
        try await listPage(req, message: nil)
    }

    static func listPage(
        _ req: Request, message: (LocalizedText, Bool)?, created: (login: String, password: String)? = nil,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let member = try req.staff.member
        let accounts = try await StaffAccountRecord.query(on: req.db).filter(\.$tenantCode == member.tenant.value)
            .sort(\.$login).all()
        var departments: [UUID: Set<String>] = [:]
        for account in accounts {
            if let id = account.id { departments[id] = try await StaffDirectory.departments(of: id, on: req.db) }
        }
        let page = StaffAdminPages.list(
            try PageContext.staff(req), member: member, municipality: try req.municipality, accounts: accounts,
            departments: departments, message: message, created: created)
        return Layout.response(page, status: status)
    }

    static func create(_ req: Request) async throws -> Response {
        let body = try await FormBody.read(req)
        let member = try req.staff.member
        let municipality = try req.municipality
        guard let roles = StaffRole.list((body.fields["roles"] ?? []).joined(separator: ",")) else {
            try await ApplicationController.auditForbidden(req, member: member, detail: "forged role")
            return try await listPage(
                req, message: (StaffDirectory.Refusal.noRole.message, true), status: .unprocessableEntity)
        }
        let checked = StaffDirectory.check(
            login: body.first("login") ?? "", name: body.first("name") ?? "", roles: roles,
            departments: Set(body.fields["departments"] ?? []), municipality: municipality)
        switch checked {
        case .failure(let refusal):
            if case .unknownDepartment = refusal {
                try await ApplicationController.auditForbidden(req, member: member, detail: "forged department")
            }
            return try await listPage(req, message: (refusal.message, true), status: .unprocessableEntity)
        case .success(let account):
            let now = req.madoguchi.clock.now()
            let hasher = req.madoguchi.passwordHasher
            do {
                let created = try await req.madoguchi.writer.transaction(on: req.db) { db in
                    try await StaffDirectory.create(
                        account, tenant: municipality.code, actor: member.id.uuidString, hasher: hasher, now: now,
                        on: db)
                }
                return try await listPage(
                    req, message: (StaffAdminText.created, false), created: (account.login, created.oneTimePassword))
            } catch let refusal as StaffDirectory.Refusal {
                return try await listPage(req, message: (refusal.message, true), status: .conflict)
            }
        }
    }

    static func show(_ req: Request) async throws -> Response {
        try await memberPage(req, message: nil)
    }

    static func memberPage(
        _ req: Request, message: (LocalizedText, Bool)?, oneTimePassword: String? = nil,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let member = try req.staff.member
        let account = try await account(req, tenant: member.tenant)
        let page = StaffAdminPages.member(
            try PageContext.staff(req), member: member, municipality: try req.municipality, account: account,
            departments: try await StaffDirectory.departments(of: account.id!, on: req.db), message: message,
            oneTimePassword: oneTimePassword)
        return Layout.response(page, status: status)
    }

    static func update(_ req: Request) async throws -> Response {
        let body = try await FormBody.read(req)
        let member = try req.staff.member
        let municipality = try req.municipality
        let account = try await account(req, tenant: member.tenant)
        guard let id = account.id else { throw AppError.notFound }
        let now = req.madoguchi.clock.now()
        let services = req.madoguchi
        switch body.first("operation") {
        case "reset_password":
            var generator = SystemRandomNumberGenerator()
            let password = PasswordPolicy.oneTimePassword(using: &generator)
            let hash = try await services.passwordHasher.hash(password)
            try await services.writer.transaction(on: req.db) { db in
                account.passwordHash = hash
                account.mustChangePassword = true
                account.totpSecret = nil
                account.totpLastStep = nil
                account.failedSignIns = 0
                account.lockedUntil = nil
                account.updatedAt = now
                try await account.save(on: db)
                try await StaffSessions.revokeAll(staff: id, on: db)
                try await AuditLog.append(
                    .staffChanged, actor: member.id.uuidString, target: id.uuidString, detail: "password_reset",
                    tenant: member.tenant, at: now, on: db.sql)
            }
            return try await memberPage(req, message: (StaffAdminText.passwordReset, false), oneTimePassword: password)
        default:
            guard let roles = StaffRole.list((body.fields["roles"] ?? []).joined(separator: ",")) else {
                try await ApplicationController.auditForbidden(req, member: member, detail: "forged role")
                return try await memberPage(
                    req, message: (StaffDirectory.Refusal.noRole.message, true), status: .unprocessableEntity)
            }
            let checked = StaffDirectory.check(
                login: account.login, name: body.first("name") ?? "", roles: roles,
                departments: Set(body.fields["departments"] ?? []), municipality: municipality)
            guard case .success(let details) = checked else {
                if case .failure(let refusal) = checked {
                    if case .unknownDepartment = refusal {
                        try await ApplicationController.auditForbidden(req, member: member, detail: "forged department")
                    }
                    return try await memberPage(req, message: (refusal.message, true), status: .unprocessableEntity)
                }
                throw AppError.badRequest
            }
            let disabled = body.first("disabled") == "1"
            if id == member.id && (disabled || !details.roles.contains(.admin)) {
                return try await memberPage(req, message: (StaffAdminText.notYourself, true), status: .conflict)
            }
            try await services.writer.transaction(on: req.db) { db in
                account.name = details.name
                account.roles = StaffRole.text(details.roles)
                account.disabled = disabled
                account.updatedAt = now
                try await account.save(on: db)
                try await StaffDirectory.setDepartments(details.departments, of: id, on: db)
                if disabled { try await StaffSessions.revokeAll(staff: id, on: db) }
                try await AuditLog.append(
                    .staffChanged, actor: member.id.uuidString, target: id.uuidString,
                    detail: "roles=\(account.roles);disabled=\(disabled)", tenant: member.tenant, at: now, on: db.sql)
            }
            return try await memberPage(req, message: (StaffAdminText.saved, false))
        }
    }

    private static func account(_ req: Request, tenant: LocalGovernmentCode) async throws -> StaffAccountRecord {
        guard let id = req.parameters.get("staff").flatMap(UUID.init(uuidString:)),
            let account = try await StaffAccountRecord.query(on: req.db).filter(\.$tenantCode == tenant.value)
                .filter(\.$id == id).first()
        else { throw AppError.notFound }
        return account
    }
}
