import Foundation
import MadoguchiDomain
import Testing

@Suite struct HandOffPolicyTests {
    static let city = LocalGovernmentCode("990019")!
    static let core = CoreSystemClient(id: "jidou-teate", tenant: city, departments: ["こども支援課"])

    static func facts(_ status: ApplicationStatus, department: String = "こども支援課") -> WorkflowFacts {
        WorkflowFacts(tenant: city, department: department, status: status, reviewers: [])
    }

    @Test func aCaseWorkerReleasesAReviewedApplicationAndOnlyTheCoreSystemAcknowledgesIt() throws {
        // given
        let worker = StaffMember(
            id: UUID(), tenant: Self.city, login: "t", name: "担当", roles: [.caseWorker], departments: ["こども支援課"])
        // when
        let released = WorkflowPolicy.decide(
            .releaseToCore, by: .staff(worker), on: Self.facts(.underReview), reason: nil)
        let byStaff = WorkflowPolicy.decide(
            .acknowledgeHandOff, by: .staff(worker), on: Self.facts(.awaitingHandOff), reason: nil)
        let byCore = WorkflowPolicy.decide(
            .acknowledgeHandOff, by: .coreSystem(Self.core), on: Self.facts(.awaitingHandOff), reason: nil)
        // then
        #expect(try released.get().to == .awaitingHandOff)
        #expect(byStaff == .failure(.coreSystemOnly))
        #expect(try byCore.get() == StatusChange(from: .awaitingHandOff, to: .handedOff, actor: "core:jidou-teate"))
        #expect(!WorkflowPolicy.available(to: worker, on: Self.facts(.awaitingHandOff)).contains(.acknowledgeHandOff))
    }

    @Test func theCoreSystemsDecisionFollowsTheSameRules() throws {
        let handedOff = Self.facts(.handedOff)
        let decision = CoreDecision(date: CivilDate(2026, 12, 1)!, reference: "児手第123号")
        // a rejection needs its reason, a decision its date and reference
        #expect(
            WorkflowPolicy.decide(
                .recordCoreRejection, by: .coreSystem(Self.core), on: handedOff, reason: nil, coreDecision: decision)
                == .failure(.reasonRequired(.recordCoreRejection)))
        #expect(
            WorkflowPolicy.decide(.recordCoreApproval, by: .coreSystem(Self.core), on: handedOff, reason: nil)
                == .failure(.coreDecisionRequired))
        #expect(
            try WorkflowPolicy.decide(
                .recordCoreApproval, by: .coreSystem(Self.core), on: handedOff, reason: nil, coreDecision: decision
            ).get().to == .approved)
        // not from where the status does not allow it, not another 課, not a staff action
        #expect(
            WorkflowPolicy.decide(
                .recordCoreApproval, by: .coreSystem(Self.core), on: Self.facts(.received), reason: nil,
                coreDecision: decision) == .failure(.notFromStatus(.recordCoreApproval, .received)))
        #expect(
            WorkflowPolicy.decide(
                .recordCoreApproval, by: .coreSystem(Self.core), on: Self.facts(.handedOff, department: "介護保険課"),
                reason: nil, coreDecision: decision) == .failure(.notVisible))
        #expect(
            WorkflowPolicy.decide(.startReview, by: .coreSystem(Self.core), on: Self.facts(.received), reason: nil)
                == .failure(.notForCoreSystem(.startReview)))
    }
}
