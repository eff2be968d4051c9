import Foundation

/// Who acts on an application.
public enum WorkflowActor: Sendable, Hashable {
    /// The applicant, through the status page (受付番号 + 照会キー).
    case resident
    case staff(StaffMember)
    /// A core system (基幹システム) through the hand-off API.
    case coreSystem(CoreSystemClient)

    /// As recorded in the application's history: "resident", the staff account's id, or
    /// "core:" and the client's id.
    public var recorded: String {
        switch self {
        case .resident: "resident"
        case .staff(let member): member.id.uuidString
        case .coreSystem(let client): "core:" + client.id
        }
    }
}

/// 業務システム: a core system registered to take applications of certain 課 of one municipality.
public struct CoreSystemClient: Sendable, Hashable {
    /// The client id it authenticates with (its 業務システムID).
    public var id: String
    public var tenant: LocalGovernmentCode
    public var departments: Set<String>

    public init(id: String, tenant: LocalGovernmentCode, departments: Set<String>) {
        self.id = id
        self.tenant = tenant
        self.departments = departments
    }

    public func canSee(department: String, tenant: LocalGovernmentCode) -> Bool {
        tenant == self.tenant && departments.contains(department)
    }
}

/// What the policy needs to know about the application.
public struct WorkflowFacts: Sendable, Hashable {
    public var tenant: LocalGovernmentCode
    /// 担当課 as it was when the application came in.
    public var department: String
    public var status: ApplicationStatus
    /// The staff who took part in its review (審査開始, 補正依頼, 決裁に回す).
    public var reviewers: Set<UUID>

    public init(tenant: LocalGovernmentCode, department: String, status: ApplicationStatus, reviewers: Set<UUID>) {
        self.tenant = tenant
        self.department = department
        self.status = status
        self.reviewers = reviewers
    }
}

/// A municipality's choices about the workflow.
public struct WorkflowRules: Sendable, Hashable {
    /// Whether a decision made in the core system must be recorded by someone other than the
    /// reviewer too (決裁 is always separated).
    public var separateCoreDecisions: Bool

    public init(separateCoreDecisions: Bool = true) {
        self.separateCoreDecisions = separateCoreDecisions
    }
}

/// A decision made in the core system (基幹システム), recorded here: its date and reference.
public struct CoreDecision: Sendable, Hashable, Codable {
    public var date: CivilDate
    /// 決定番号 or the core system's reference.
    public var reference: String

    public init(date: CivilDate, reference: String) {
        self.date = date
        self.reference = reference
    }
}

/// Why an action was refused, in words for the person who tried it.
public enum WorkflowRefusal: Error, Sendable, Hashable {
    /// Another municipality's or another 課's application: answered as if it did not exist.
    case notVisible
    case roleRequired(WorkflowAction)
    case notFromStatus(WorkflowAction, ApplicationStatus)
    case reasonRequired(WorkflowAction)
    /// The 決裁者 reviewed it (分離: the one who decides is not the one who reviewed).
    case reviewerCannotDecide
    case coreDecisionRequired
    case residentOnly
    case staffOnly
    /// An action a core system does not take through the API (review, 決裁, the resident's own).
    case notForCoreSystem(WorkflowAction)
    /// Only the core system acknowledges that it took an application.
    case coreSystemOnly

    public var message: LocalizedText {
        switch self {
        case .notVisible:
            LocalizedText(ja: "この申請を扱う権限がありません。", en: "You may not handle this application.")
        case .roleRequired(let action):
            LocalizedText(
                ja: "「\(action.label.ja)」は、\(Self.roleNames(action.roles, \.ja, "または"))の役割を持つ職員だけが行えます。",
                en:
                    "Only staff with the role \(Self.roleNames(action.roles, \.en, " or ")) may \(action.label.en.lowercased())."
            )
        case .notFromStatus(let action, let status):
            LocalizedText(
                ja: "この申請は「\(status.label.ja)」のため、「\(action.label.ja)」はできません。",
                en:
                    "This application is \(status.label.en.lowercased()), so you cannot \(action.label.en.lowercased())."
            )
        case .reasonRequired(let action):
            LocalizedText(
                ja: "「\(action.label.ja)」には理由の記入が必要です。",
                en: "Please write the reason to \(action.label.en.lowercased()).")
        case .reviewerCannotDecide:
            LocalizedText(
                ja: "この申請の審査に関わった職員は、承認・却下できません（審査と決裁は別の職員が行います）。",
                en: "Staff who reviewed this application cannot approve or reject it: someone else must decide.")
        case .coreDecisionRequired:
            LocalizedText(
                ja: "基幹システムでの決定日と決定番号（参照番号）を入力してください。",
                en: "Please enter the date and the reference of the decision made in the core system.")
        case .residentOnly:
            LocalizedText(ja: "この操作は申請者だけが行えます。", en: "Only the applicant can do this.")
        case .staffOnly:
            LocalizedText(ja: "この操作は職員だけが行えます。", en: "Only staff can do this.")
        case .notForCoreSystem(let action):
            LocalizedText(
                ja: "「\(action.label.ja)」は基幹システムからは行えません。",
                en: "A core system cannot \(action.label.en.lowercased()).")
        case .coreSystemOnly:
            LocalizedText(ja: "この操作は基幹システムだけが行えます。", en: "Only the core system can do this.")
        }
    }

    private static func roleNames(
        _ roles: Set<StaffRole>, _ language: KeyPath<LocalizedText, String>, _ separator: String
    ) -> String {
        roles.sorted().map { $0.label[keyPath: language] }.joined(separator: separator)
    }
}

/// The one place that decides whether a status change is allowed: status, role, 課, separation of
/// duties, reason. The server writes what it allows (status, event, audit entry, outbox message)
/// in one transaction.
public enum WorkflowPolicy {
    public static func decide(
        _ action: WorkflowAction, by actor: WorkflowActor, on facts: WorkflowFacts, reason: String?,
        coreDecision: CoreDecision? = nil, rules: WorkflowRules = WorkflowRules()
    ) -> Result<StatusChange, WorkflowRefusal> {
        switch actor {
        case .resident:
            guard action.isResidents else { return .failure(.staffOnly) }
        case .staff(let member):
            guard member.canSee(department: facts.department, tenant: facts.tenant) else {
                return .failure(.notVisible)
            }
            guard !action.isResidents else { return .failure(.residentOnly) }
            guard action != .acknowledgeHandOff else { return .failure(.coreSystemOnly) }
            guard !member.roles.isDisjoint(with: action.roles) else { return .failure(.roleRequired(action)) }
        case .coreSystem(let client):
            guard client.canSee(department: facts.department, tenant: facts.tenant) else {
                return .failure(.notVisible)
            }
            guard action.isCoreSystems else { return .failure(.notForCoreSystem(action)) }
        }
        guard action.sources.contains(facts.status) else { return .failure(.notFromStatus(action, facts.status)) }
        let trimmed = reason.map(TextNormalization.trim).flatMap { $0.isEmpty ? nil : $0 }
        if action.needsReason && trimmed == nil { return .failure(.reasonRequired(action)) }
        if action.recordsCoreDecision {
            guard let coreDecision, !TextNormalization.trim(coreDecision.reference).isEmpty else {
                return .failure(.coreDecisionRequired)
            }
        }
        if action.isDecision, case .staff(let member) = actor, facts.reviewers.contains(member.id),
            !action.recordsCoreDecision || rules.separateCoreDecisions
        {
            return .failure(.reviewerCannotDecide)
        }
        return .success(StatusChange(from: facts.status, to: action.target, actor: actor.recorded, reason: trimmed))
    }

    /// The actions `member` could take on the application now (the buttons a page offers).
    public static func available(
        to member: StaffMember, on facts: WorkflowFacts, rules: WorkflowRules = WorkflowRules()
    ) -> [WorkflowAction] {
        WorkflowAction.allCases.filter { action in
            guard !action.isResidents, action.sources.contains(facts.status),
                !member.roles.isDisjoint(with: action.roles),
                member.canSee(department: facts.department, tenant: facts.tenant)
            else { return false }
            if action.isDecision, facts.reviewers.contains(member.id),
                !action.recordsCoreDecision || rules.separateCoreDecisions
            {
                return false
            }
            return true
        }
    }
}
