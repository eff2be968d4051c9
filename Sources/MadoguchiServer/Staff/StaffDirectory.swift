import Fluent
import Foundation
import MadoguchiDomain
import SQLKit
import Vapor

/// Staff accounts: created (by `madoguchi staff add` or an administrator), found, and turned into
/// the `StaffMember` that policies check. Roles and 課 are read from the database for each request.
enum StaffDirectory {
    /// What creating or changing an account may be refused for.
    enum Refusal: Error, Equatable {
        case loginTaken
        case badLogin
        case badName
        case noRole
        case unknownDepartment(String)
        case noDepartment

        var message: LocalizedText {
            switch self {
            case .loginTaken:
                LocalizedText(ja: "このログインIDは既に使われています。", en: "This login name is already in use.")
            case .badLogin:
                LocalizedText(
                    ja: "ログインIDは半角英数字と . _ - で3〜64文字にしてください。",
                    en: "The login name must be 3 to 64 letters, digits, '.', '_' or '-'.")
            case .badName:
                LocalizedText(ja: "氏名を入力してください（100文字以内）。", en: "Please enter the name (up to 100 characters).")
            case .noRole: LocalizedText(ja: "役割を1つ以上選んでください。", en: "Please choose at least one role.")
            case .unknownDepartment(let name):
                LocalizedText(ja: "「\(name)」はこの自治体の課にありません。", en: "'\(name)' is not a department of this municipality.")
            case .noDepartment:
                LocalizedText(
                    ja: "窓口・担当・決裁者には、所属課を1つ以上選んでください。",
                    en: "Counter staff, case workers and approvers need at least one department.")
            }
        }
    }

    /// A new account's details, as checked.
    struct NewAccount: Sendable {
        var login: String
        var name: String
        var roles: Set<StaffRole>
        var departments: Set<String>
    }

    static func check(
        login: String, name: String, roles: Set<StaffRole>, departments: Set<String>, municipality: Municipality
    ) -> Result<NewAccount, Refusal> {
        let login = TextNormalization.trim(login)
        let name = TextNormalization.trim(name)
        guard (3...64).contains(login.count),
            login.utf8.allSatisfy({
                $0.isASCIIAlphanumeric || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
            })
        else { return .failure(.badLogin) }
        guard !name.isEmpty, name.count <= 100 else { return .failure(.badName) }
        guard !roles.isEmpty else { return .failure(.noRole) }
        if let unknown = departments.sorted().first(where: { !municipality.departments.contains($0) }) {
            return .failure(.unknownDepartment(unknown))
        }
        if !roles.isDisjoint(with: StaffRole.applicationRoles) && departments.isEmpty {
            return .failure(.noDepartment)
        }
        return .success(NewAccount(login: login, name: name, roles: roles, departments: departments))
    }

    /// Creates the account with a one-time password, which it returns (shown once, never stored).
    /// Runs inside a transaction; `actor` is recorded in the audit log.
    static func create(
        _ account: NewAccount, tenant: LocalGovernmentCode, actor: String, hasher: PasswordHasher, now: Date,
        on db: any Database
    ) async throws -> (record: StaffAccountRecord, oneTimePassword: String) {
        if try await StaffAccountRecord.query(on: db).filter(\.$tenantCode == tenant.value)
            .filter(\.$login == account.login).first() != nil
        {
            throw Refusal.loginTaken
        }
        var generator = SystemRandomNumberGenerator()
        let password = PasswordPolicy.oneTimePassword(using: &generator)
        let record = StaffAccountRecord(
            tenantCode: tenant.value, login: account.login, name: account.name, roles: account.roles,
            passwordHash: try await hasher.hash(password), now: now)
        try await record.create(on: db)
        try await setDepartments(account.departments, of: record.id!, on: db)
        try await AuditLog.append(
            .staffCreated, actor: actor, target: record.id!.uuidString,
            detail: "roles=\(StaffRole.text(account.roles))", tenant: tenant, at: now, on: db.sql)
        return (record, password)
    }

    static func setDepartments(_ departments: Set<String>, of id: UUID, on db: any Database) async throws {
        let sql = db.sql
        try await sql.raw("DELETE FROM staff_departments WHERE staff_id = \(bind: id)").run()
        for department in departments.sorted() {
            try await sql.raw(
                "INSERT INTO staff_departments (staff_id, department) VALUES (\(bind: id), \(bind: department))"
            ).run()
        }
    }

    static func departments(of id: UUID, on db: any Database) async throws -> Set<String> {
        Set(
            try await db.sql.raw("SELECT department FROM staff_departments WHERE staff_id = \(bind: id)").all()
                .map { try $0.decode(column: "department", as: String.self) })
    }

    /// The account as policies see it.
    static func member(_ record: StaffAccountRecord, on db: any Database) async throws -> StaffMember? {
        guard let id = record.id, let tenant = LocalGovernmentCode(record.tenantCode) else { return nil }
        return StaffMember(
            id: id, tenant: tenant, login: record.login, name: record.name, roles: record.roleSet,
            departments: try await departments(of: id, on: db))
    }

    /// Names of some staff by id (those a page shows), none read when there are none.
    static func names(
        of ids: Set<UUID>, tenant: LocalGovernmentCode, on db: any Database
    ) async throws
        -> [String: String]
    {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.sql.raw(
            """
            SELECT id, name FROM staff_accounts WHERE tenant_code = \(bind: tenant.value) AND id IN (\(binds: Array(ids)))
            """
        ).all()
        var names: [String: String] = [:]
        for row in rows {
            names[try row.decode(column: "id", as: UUID.self).uuidString] = try row.decode(
                column: "name", as: String.self)
        }
        return names
    }

    /// Names of a municipality's staff by id, for pages that show who did what.
    static func names(tenant: LocalGovernmentCode, on db: any Database) async throws -> [String: String] {
        var names: [String: String] = [:]
        for record in try await StaffAccountRecord.query(on: db).filter(\.$tenantCode == tenant.value).all() {
            if let id = record.id { names[id.uuidString] = record.name }
        }
        return names
    }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
    }
}

extension Database {
    /// This database as SQLKit's (both drivers are SQL databases).
    var sql: any SQLDatabase { self as! any SQLDatabase }
}
