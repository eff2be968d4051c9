import Foundation
import MadoguchiDomain
import SQLKit
import Vapor

extension HandOffAPIController {
    /// `POST /core/v1/applications/{id}/acknowledgement`: the core system took the application
    /// (連携待ち → 連携済み). Asked again by the client that took it, it answers the state as it is.
    static func acknowledge(_ req: Request) async throws -> Response {
        let client = try req.coreClient
        let services = req.madoguchi
        let id = try applicationID(req)
        let outcome = try await ApplicationWork.perform(
            .acknowledgeHandOff, on: id, by: client.actor, tenant: client.tenant, expectedVersion: nil, reason: nil,
            services: services, on: req.db)
        switch outcome {
        case .success:
            return try json(try await state(id, client: client, on: req.db.sql))
        case .failure(.refused(.notFromStatus(_, let status)))
        where status != .awaitingHandOff && status != .underReview:
            // A repeat: taken already, by this client.
            guard try await acknowledger(of: id, tenant: client.tenant, on: req.db.sql) == client.recorded else {
                throw HandOffAPIError.refused(.notFromStatus(.acknowledgeHandOff, status))
            }
            return try json(try await state(id, client: client, on: req.db.sql))
        case .failure(let failure):
            try await refuse(failure, id: id, client: client, endpoint: "acknowledgement", req: req)
        }
    }

    /// `POST /core/v1/applications/{id}/decision`: the decision made in the core system, recorded as
    /// staff record one (承認 or 却下, with its date and reference; a 却下 with its reason), under the
    /// same workflow rules. Sent again by the same client, it answers the state as it is.
    static func decide(_ req: Request) async throws -> Response {
        let client = try req.coreClient
        let services = req.madoguchi
        let id = try applicationID(req)
        guard APIController.isJSON(req.headers.first(name: .contentType)) else { throw AppError.unsupportedMediaType }
        let body = try await req.bodyBytes(max: 65_536)
        guard let decision = try? JSONDecoder().decode(HandOffAPIModels.Decision.self, from: body) else {
            throw AppError.invalidJSON
        }
        let action: WorkflowAction
        switch decision.decision {
        case "approved": action = .recordCoreApproval
        case "rejected": action = .recordCoreRejection
        default: throw HandOffAPIError.invalidDecision
        }
        guard decision.date.utf8.count == 10, let date = CivilDate(iso: decision.date) else {
            throw HandOffAPIError.invalidDate
        }
        guard decision.reference.count <= 100 else { throw HandOffAPIError.invalidReference }
        guard (decision.reason ?? "").count <= 2000 else { throw HandOffAPIError.reasonTooLong }
        let outcome = try await ApplicationWork.perform(
            action, on: id, by: client.actor, tenant: client.tenant, expectedVersion: nil, reason: decision.reason,
            coreDecision: CoreDecision(date: date, reference: decision.reference), services: services, on: req.db)
        switch outcome {
        case .success:
            return try json(try await state(id, client: client, on: req.db.sql))
        case .failure(.refused(.notFromStatus(_, let status))) where status == action.target:
            // A repeat: decided already, by this client.
            guard try await moved(id, to: status, by: client.recorded, tenant: client.tenant, on: req.db.sql) else {
                throw HandOffAPIError.refused(.notFromStatus(action, status))
            }
            return try json(try await state(id, client: client, on: req.db.sql))
        case .failure(let failure):
            try await refuse(failure, id: id, client: client, endpoint: "decision", req: req)
        }
    }

    /// Answers a change the workflow did not make: not found (recorded), or why not.
    static func refuse(
        _ failure: ApplicationWork.Failure, id: UUID, client: CoreClient, endpoint: String, req: Request
    ) async throws -> Never {
        switch failure {
        case .notFound, .refused(.notVisible):
            try await notFound(id, client: client, endpoint: endpoint, req: req)
        case .refused(let refusal):
            throw HandOffAPIError.refused(refusal)
        case .changedMeanwhile(_, let status, _):
            throw HandOffAPIError.refused(.notFromStatus(.acknowledgeHandOff, status ?? .received))
        }
    }

    /// Whether `actor` is who moved the application to `status` (events in one instant carry ids in
    /// no particular order, so the last event is not looked for).
    static func moved(
        _ id: UUID, to status: ApplicationStatus, by actor: String, tenant: LocalGovernmentCode,
        on sql: any SQLDatabase
    ) async throws -> Bool {
        try await sql.raw(
            """
            SELECT actor FROM application_events WHERE tenant_code = \(bind: tenant.value) AND application_id = \(bind: id)
            AND to_status = \(bind: status.rawValue) AND actor = \(bind: actor)
            """
        ).first() != nil
    }

    /// Who acknowledged the application's hand-off, if anyone did.
    static func acknowledger(of id: UUID, tenant: LocalGovernmentCode, on sql: any SQLDatabase) async throws -> String?
    {
        try await sql.raw(
            """
            SELECT acknowledged_by FROM handoff_queue WHERE tenant_code = \(bind: tenant.value) AND application_id = \(bind: id)
            """
        ).first()?.decode(column: "acknowledged_by", as: String?.self)
    }
}
