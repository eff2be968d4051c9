import Foundation

/// 職員の役割: what a staff member may do. A staff member has one or more roles, and belongs to one or
/// more 課; applications are seen only within those 課 (`StaffMember.canSee`).
public enum StaffRole: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// 窓口: counter staff — see their 課's applications, write internal notes.
    case counter
    /// 担当: case worker — review, ask for corrections, send to 決裁, record a core system's decision.
    case caseWorker = "case_worker"
    /// 決裁者: approver — approve or reject what someone else reviewed.
    case approver
    /// 管理者: administrator — staff accounts, 課 and templates.
    case admin
    /// 監査: auditor — reads the audit log, and nothing else.
    case auditor

    public var label: LocalizedText {
        switch self {
        case .counter: LocalizedText(ja: "窓口", en: "Counter")
        case .caseWorker: LocalizedText(ja: "担当", en: "Case worker")
        case .approver: LocalizedText(ja: "決裁者", en: "Approver")
        case .admin: LocalizedText(ja: "管理者", en: "Administrator")
        case .auditor: LocalizedText(ja: "監査", en: "Auditor")
        }
    }

    /// The roles that work on applications (and so see those of their 課).
    public static let applicationRoles: Set<StaffRole> = [.counter, .caseWorker, .approver]

    public static func < (lhs: StaffRole, rhs: StaffRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Reads a stored or submitted list ("case_worker,approver"); nil if any entry is not a role.
    public static func list(_ text: String) -> Set<StaffRole>? {
        var roles: Set<StaffRole> = []
        for part in text.split(separator: ",") {
            guard let role = StaffRole(rawValue: String(part)) else { return nil }
            roles.insert(role)
        }
        return roles
    }

    /// The stored form of a set of roles, in a fixed order.
    public static func text(_ roles: Set<StaffRole>) -> String {
        roles.sorted().map(\.rawValue).joined(separator: ",")
    }
}

/// Who is acting: a signed-in staff member, as the server knows them for this request. Roles and
/// 課 come from the database, never from a form.
public struct StaffMember: Sendable, Hashable {
    public var id: UUID
    public var tenant: LocalGovernmentCode
    public var login: String
    public var name: String
    public var roles: Set<StaffRole>
    /// 所属課
    public var departments: Set<String>

    public init(
        id: UUID, tenant: LocalGovernmentCode, login: String, name: String, roles: Set<StaffRole>,
        departments: Set<String>
    ) {
        self.id = id
        self.tenant = tenant
        self.login = login
        self.name = name
        self.roles = roles
        self.departments = departments
    }

    public func has(_ role: StaffRole) -> Bool { roles.contains(role) }

    /// Works on applications at all (an auditor or a pure administrator does not).
    public var worksOnApplications: Bool { !roles.isDisjoint(with: StaffRole.applicationRoles) }

    /// The 課 whose applications this member sees: their own, and only with a role that works on
    /// applications. Never another municipality's (the caller filters by `tenant` too).
    public var visibleDepartments: Set<String> { worksOnApplications ? departments : [] }

    /// Whether this member may see an application of `department` in `tenant`.
    public func canSee(department: String, tenant: LocalGovernmentCode) -> Bool {
        tenant == self.tenant && visibleDepartments.contains(department)
    }
}
