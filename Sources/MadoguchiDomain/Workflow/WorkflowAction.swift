/// 処理: what someone does to an application. Each action moves it from certain statuses to one,
/// and only someone in the right role may take it (`WorkflowPolicy`).
public enum WorkflowAction: String, Sendable, Hashable, CaseIterable, Codable {
    /// 審査開始: 受付 → 審査中 (担当).
    case startReview = "start_review"
    /// 補正依頼: 審査中 → 補正依頼 (担当), saying what is wrong.
    case requestCorrection = "request_correction"
    /// 補正: the resident's corrected answers, 補正依頼 → 審査中.
    case resubmit
    /// 決裁に回す: 審査中 → 決裁待ち (担当).
    case submitForApproval = "submit_for_approval"
    /// 承認: 決裁待ち → 承認 (決裁者, not the reviewer).
    case approve
    /// 却下: 決裁待ち → 却下 (決裁者, not the reviewer), saying why.
    case reject
    /// 差戻し: 決裁待ち → 審査中 (決裁者), saying why.
    case sendBack = "send_back"
    /// 完了: 承認 → 完了 (担当 or 決裁者), once the decision has been carried out.
    case complete
    /// 取下げ: by the resident, before a decision.
    case withdraw
    /// 基幹システムへ連携: 審査中 → 連携待ち (担当), once the 形式審査 here is done.
    case releaseToCore = "release_to_core"
    /// 連携の取消: 連携待ち → 審査中 (担当), before the core system has taken it.
    case recallFromCore = "recall_from_core"
    /// 連携済み: 連携待ち → 連携済み, by the core system acknowledging that it took the application.
    case acknowledgeHandOff = "acknowledge_handoff"
    /// 基幹システムでの決定（承認）を記録: 審査中/決裁待ち/連携済み → 承認 (担当, or the core system itself),
    /// with the decision's date and reference.
    case recordCoreApproval = "record_core_approval"
    /// 基幹システムでの決定（却下）を記録: 審査中/決裁待ち → 却下 (担当), with the date, reference and reason.
    case recordCoreRejection = "record_core_rejection"

    /// Where the action leaves the application.
    public var target: ApplicationStatus {
        switch self {
        case .startReview, .resubmit, .sendBack, .recallFromCore: .underReview
        case .releaseToCore: .awaitingHandOff
        case .acknowledgeHandOff: .handedOff
        case .requestCorrection: .correctionRequested
        case .submitForApproval: .awaitingApproval
        case .approve, .recordCoreApproval: .approved
        case .reject, .recordCoreRejection: .rejected
        case .complete: .completed
        case .withdraw: .withdrawn
        }
    }

    /// The statuses the action may be taken from.
    public var sources: Set<ApplicationStatus> {
        switch self {
        case .startReview: [.received]
        case .requestCorrection, .submitForApproval: [.underReview]
        case .resubmit: [.correctionRequested]
        case .approve, .reject, .sendBack: [.awaitingApproval]
        case .complete: [.approved]
        case .withdraw: [.received, .underReview, .correctionRequested, .awaitingApproval, .awaitingHandOff]
        case .releaseToCore: [.underReview]
        case .recallFromCore, .acknowledgeHandOff: [.awaitingHandOff]
        case .recordCoreApproval, .recordCoreRejection: [.underReview, .awaitingApproval, .handedOff]
        }
    }

    /// The staff roles that may take the action; none for the resident's own actions.
    public var roles: Set<StaffRole> {
        switch self {
        case .startReview, .requestCorrection, .submitForApproval, .recordCoreApproval, .recordCoreRejection,
            .releaseToCore, .recallFromCore:
            [.caseWorker]
        case .approve, .reject, .sendBack: [.approver]
        case .complete: [.caseWorker, .approver]
        case .resubmit, .withdraw, .acknowledgeHandOff: []
        }
    }

    /// Whether the resident takes it (through the status page), not staff.
    public var isResidents: Bool { self == .resubmit || self == .withdraw }

    /// Whether a core system may take it (through the hand-off API): its acknowledgement and its
    /// decision. Only the acknowledgement is the core system's alone.
    public var isCoreSystems: Bool { self == .acknowledgeHandOff || recordsCoreDecision }

    /// 補正依頼, 却下 and 差戻し must say why.
    public var needsReason: Bool {
        switch self {
        case .requestCorrection, .reject, .sendBack, .recordCoreRejection: true
        default: false
        }
    }

    /// A decision made in the core system carries its date and reference.
    public var recordsCoreDecision: Bool { self == .recordCoreApproval || self == .recordCoreRejection }

    /// A decision (承認/却下), which someone other than the reviewer must take (分離).
    public var isDecision: Bool {
        switch self {
        case .approve, .reject, .recordCoreApproval, .recordCoreRejection: true
        default: false
        }
    }

    /// Part of the review: whoever takes it has reviewed the application.
    public var isReview: Bool {
        switch self {
        case .startReview, .requestCorrection, .submitForApproval, .releaseToCore: true
        default: false
        }
    }

    public var label: LocalizedText {
        switch self {
        case .startReview: LocalizedText(ja: "審査を開始する", en: "Start review")
        case .requestCorrection: LocalizedText(ja: "補正を依頼する", en: "Ask for a correction")
        case .resubmit: LocalizedText(ja: "補正して再提出する", en: "Send the corrected answers")
        case .submitForApproval: LocalizedText(ja: "決裁に回す", en: "Send for approval")
        case .approve: LocalizedText(ja: "承認する", en: "Approve")
        case .reject: LocalizedText(ja: "却下する", en: "Reject")
        case .sendBack: LocalizedText(ja: "差し戻す", en: "Send back for review")
        case .complete: LocalizedText(ja: "完了にする", en: "Mark as completed")
        case .withdraw: LocalizedText(ja: "申請を取り下げる", en: "Withdraw the application")
        case .releaseToCore: LocalizedText(ja: "基幹システムへ連携する", en: "Pass to the core system")
        case .recallFromCore: LocalizedText(ja: "連携を取り消す", en: "Take back from the hand-off")
        case .acknowledgeHandOff:
            LocalizedText(ja: "基幹システムが受け取る", en: "Acknowledge receipt in the core system")
        case .recordCoreApproval:
            LocalizedText(ja: "基幹システムでの承認を記録する", en: "Record approval made in the core system")
        case .recordCoreRejection:
            LocalizedText(ja: "基幹システムでの却下を記録する", en: "Record rejection made in the core system")
        }
    }
}
