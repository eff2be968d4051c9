/// 申請の状態: the status workflow every application follows, whatever its channel.
///
/// 受付 → 審査中 → (補正依頼 → 審査中)* → 決裁待ち → 承認/却下 → 完了; 取下げ by the resident before a decision.
/// Where the decision is made in a core system (基幹システム): 審査中 → 連携待ち → 連携済み → 承認/却下
/// (returned by the core system, or entered by staff) → 完了.
public enum ApplicationStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// 受付: submitted and acknowledged.
    case received
    /// 審査中
    case underReview = "under_review"
    /// 補正依頼: staff asked the resident to correct something.
    case correctionRequested = "correction_requested"
    /// 決裁待ち: reviewed, waiting for someone other than the reviewer to approve.
    case awaitingApproval = "awaiting_approval"
    /// 承認
    case approved
    /// 却下
    case rejected
    /// 連携待ち: reviewed here (形式審査), waiting for the core system to take it.
    case awaitingHandOff = "awaiting_handoff"
    /// 連携済み: the core system has taken it; the decision is made there.
    case handedOff = "handed_off"
    /// 完了: handed over / closed.
    case completed
    /// 取下げ
    case withdrawn

    public var label: LocalizedText {
        switch self {
        case .received: LocalizedText(ja: "受付", en: "Received")
        case .underReview: LocalizedText(ja: "審査中", en: "Under review")
        case .correctionRequested: LocalizedText(ja: "補正依頼", en: "Correction requested")
        case .awaitingApproval: LocalizedText(ja: "決裁待ち", en: "Awaiting approval")
        case .approved: LocalizedText(ja: "承認", en: "Approved")
        case .rejected: LocalizedText(ja: "却下", en: "Rejected")
        case .awaitingHandOff: LocalizedText(ja: "連携待ち", en: "Awaiting hand-off")
        case .handedOff: LocalizedText(ja: "連携済み", en: "Passed to the core system")
        case .completed: LocalizedText(ja: "完了", en: "Completed")
        case .withdrawn: LocalizedText(ja: "取下げ", en: "Withdrawn")
        }
    }

    /// The statuses this one may move to.
    public var successors: Set<ApplicationStatus> {
        switch self {
        case .received: [.underReview, .withdrawn, .rejected]
        // 承認/却下 straight from 審査中: a decision made in the core system, recorded here.
        case .underReview:
            [.correctionRequested, .awaitingApproval, .awaitingHandOff, .withdrawn, .approved, .rejected]
        case .awaitingHandOff: [.handedOff, .underReview, .withdrawn]
        case .handedOff: [.approved, .rejected]
        case .correctionRequested: [.underReview, .withdrawn]
        case .awaitingApproval: [.approved, .rejected, .underReview, .withdrawn]
        case .approved: [.completed]
        case .rejected, .completed, .withdrawn: []
        }
    }

    public var isFinal: Bool { successors.isEmpty }

    public func canMove(to next: ApplicationStatus) -> Bool { successors.contains(next) }
}

/// Who moves an application, and why: every change carries actor, time and reason.
public struct StatusChange: Sendable, Hashable, Codable {
    public var from: ApplicationStatus?
    public var to: ApplicationStatus
    /// "resident", "system", or a staff account id.
    public var actor: String
    public var reason: String?

    public init(from: ApplicationStatus?, to: ApplicationStatus, actor: String, reason: String? = nil) {
        self.from = from
        self.to = to
        self.actor = actor
        self.reason = reason
    }

    public enum Failure: Error, Sendable, Equatable {
        case notAllowed(from: ApplicationStatus, to: ApplicationStatus)
        case reasonRequired
    }

    /// Checks a transition; 却下 and 補正依頼 must say why.
    public static func make(
        from current: ApplicationStatus, to next: ApplicationStatus, actor: String, reason: String?
    ) -> Result<StatusChange, Failure> {
        guard current.canMove(to: next) else { return .failure(.notAllowed(from: current, to: next)) }
        let trimmed = reason.map(TextNormalization.trim)
        if (next == .rejected || next == .correctionRequested) && (trimmed ?? "").isEmpty {
            return .failure(.reasonRequired)
        }
        return .success(StatusChange(from: current, to: next, actor: actor, reason: trimmed))
    }
}

/// 申請経路: how an application came in. One application model for every channel.
public enum IntakeChannel: String, Sendable, Hashable, CaseIterable, Codable {
    case web, counter, api, portal
}
