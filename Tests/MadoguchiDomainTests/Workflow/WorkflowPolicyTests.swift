import Foundation
import MadoguchiDomain
import Testing

@Suite struct WorkflowPolicyTests {
    static let city = LocalGovernmentCode("990019")!
    static let town = LocalGovernmentCode("990027")!

    static func member(
        _ roles: Set<StaffRole>, department: String = "こども支援課", tenant: LocalGovernmentCode = city
    )
        -> StaffMember
    {
        StaffMember(id: UUID(), tenant: tenant, login: "x", name: "職員", roles: roles, departments: [department])
    }

    static func facts(_ status: ApplicationStatus, reviewers: Set<UUID> = []) -> WorkflowFacts {
        WorkflowFacts(tenant: city, department: "こども支援課", status: status, reviewers: reviewers)
    }

    @Test func aCaseWorkerOfTheDepartmentStartsTheReview() {
        // given
        let worker = Self.member([.caseWorker])
        // when
        let change = WorkflowPolicy.decide(.startReview, by: .staff(worker), on: Self.facts(.received), reason: nil)
        // then
        #expect(change == .success(StatusChange(from: .received, to: .underReview, actor: worker.id.uuidString)))
    }

    @Test func anotherDepartmentOrMunicipalityCannotActAtAll() {
        for outsider in [
            Self.member([.caseWorker], department: "介護保険課"), Self.member([.caseWorker], tenant: Self.town),
            Self.member([.admin]), Self.member([.auditor]),
        ] {
            let change = WorkflowPolicy.decide(
                .startReview, by: .staff(outsider), on: Self.facts(.received), reason: nil)
            #expect(change == .failure(.notVisible) || change == .failure(.roleRequired(.startReview)))
            #expect(WorkflowPolicy.available(to: outsider, on: Self.facts(.received)).isEmpty)
        }
        #expect(
            WorkflowPolicy.decide(
                .startReview, by: .staff(Self.member([.caseWorker], department: "介護保険課")), on: Self.facts(.received),
                reason: nil) == .failure(.notVisible))
    }

    @Test func counterStaffSeeButDoNotReview() {
        let counter = Self.member([.counter])
        #expect(
            WorkflowPolicy.decide(.startReview, by: .staff(counter), on: Self.facts(.received), reason: nil)
                == .failure(.roleRequired(.startReview)))
        #expect(counter.canSee(department: "こども支援課", tenant: Self.city))
    }

    @Test func aCorrectionRequestAndARejectionMustSayWhy() {
        let worker = Self.member([.caseWorker])
        let approver = Self.member([.approver])
        #expect(
            WorkflowPolicy.decide(.requestCorrection, by: .staff(worker), on: Self.facts(.underReview), reason: "  ")
                == .failure(.reasonRequired(.requestCorrection)))
        #expect(
            WorkflowPolicy.decide(.reject, by: .staff(approver), on: Self.facts(.awaitingApproval), reason: nil)
                == .failure(.reasonRequired(.reject)))
        let change = WorkflowPolicy.decide(
            .requestCorrection, by: .staff(worker), on: Self.facts(.underReview), reason: " 口座の名義が違います ")
        #expect((try? change.get())?.reason == "口座の名義が違います")
    }

    @Test func theApproverWhoReviewedCannotDecideAnotherCan() {
        // given: one person with both roles reviewed it
        let both = Self.member([.caseWorker, .approver])
        let other = Self.member([.approver])
        let facts = Self.facts(.awaitingApproval, reviewers: [both.id])
        // then
        #expect(
            WorkflowPolicy.decide(.approve, by: .staff(both), on: facts, reason: nil) == .failure(.reviewerCannotDecide)
        )
        #expect(!WorkflowPolicy.available(to: both, on: facts).contains(.approve))
        #expect(
            (try? WorkflowPolicy.decide(.approve, by: .staff(other), on: facts, reason: nil).get())?.to == .approved)
        #expect(WorkflowPolicy.available(to: other, on: facts) == [.approve, .reject, .sendBack])
    }

    @Test func anIllegalTransitionSaysWhy() {
        let approver = Self.member([.approver])
        let refusal = WorkflowPolicy.decide(.approve, by: .staff(approver), on: Self.facts(.underReview), reason: nil)
        #expect(refusal == .failure(.notFromStatus(.approve, .underReview)))
        if case .failure(let reason) = refusal {
            #expect(reason.message.ja.contains("「審査中」のため"))
            #expect(reason.message.en.contains("under review"))
        }
    }

    @Test func aCoreSystemsDecisionCarriesItsDateAndReferenceAndIsSeparatedWhereAsked() {
        let reviewer = Self.member([.caseWorker])
        let colleague = Self.member([.caseWorker])
        let facts = Self.facts(.underReview, reviewers: [reviewer.id])
        let decision = CoreDecision(date: CivilDate(2026, 12, 1)!, reference: "児手第123号")
        #expect(
            WorkflowPolicy.decide(.recordCoreApproval, by: .staff(colleague), on: facts, reason: nil)
                == .failure(.coreDecisionRequired))
        #expect(
            (try? WorkflowPolicy.decide(
                .recordCoreApproval, by: .staff(colleague), on: facts, reason: nil, coreDecision: decision
            ).get())?.to == .approved)
        #expect(
            WorkflowPolicy.decide(
                .recordCoreApproval, by: .staff(reviewer), on: facts, reason: nil, coreDecision: decision)
                == .failure(.reviewerCannotDecide))
        #expect(
            (try? WorkflowPolicy.decide(
                .recordCoreApproval, by: .staff(reviewer), on: facts, reason: nil, coreDecision: decision,
                rules: WorkflowRules(separateCoreDecisions: false)
            ).get())?.to == .approved)
    }

    @Test func theResidentWithdrawsBeforeADecisionOnly() {
        #expect(
            (try? WorkflowPolicy.decide(.withdraw, by: .resident, on: Self.facts(.awaitingApproval), reason: nil).get())?
                .to == .withdrawn)
        #expect(
            WorkflowPolicy.decide(.withdraw, by: .resident, on: Self.facts(.approved), reason: nil)
                == .failure(.notFromStatus(.withdraw, .approved)))
        #expect(
            WorkflowPolicy.decide(
                .withdraw, by: .staff(Self.member([.caseWorker])), on: Self.facts(.received), reason: nil)
                == .failure(.residentOnly))
        #expect(
            WorkflowPolicy.decide(.startReview, by: .resident, on: Self.facts(.received), reason: nil)
                == .failure(.staffOnly))
    }

    @Test func everyActionLeadsAlongTheStatusMachine() {
        for action in WorkflowAction.allCases {
            for source in action.sources {
                #expect(source.canMove(to: action.target), "\(action) from \(source)")
            }
        }
    }
}
