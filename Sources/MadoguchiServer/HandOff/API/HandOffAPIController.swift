import Fluent
import Foundation
import MadoguchiDomain
import SQLKit
import Vapor

/// The hand-off API's resource routes for core systems, behind `CoreBearerMiddleware`: the pull of
/// released applications (`+Pull`), the acknowledgement (連携済み) and the decision returned from the
/// core system (`+Decision`). Status changes go through `ApplicationWork` like a staff member's.
enum HandOffAPIController {
    /// The application's id from the path; an id that cannot be one is not found.
    static func applicationID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("application").flatMap(UUID.init(uuidString:)) else {
            throw HandOffAPIError.applicationNotFound
        }
        return id
    }

    /// The application's 受付番号 and status now, in the client's municipality.
    static func state(_ id: UUID, client: CoreClient, on sql: any SQLDatabase) async throws -> HandOffAPIModels.State {
        guard
            let row = try await sql.raw(
                """
                SELECT receipt_number, status FROM applications
                WHERE tenant_code = \(bind: client.tenant.value) AND id = \(bind: id)
                """
            ).first()
        else { throw HandOffAPIError.applicationNotFound }
        let status = ApplicationStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .received
        return HandOffAPIModels.State(
            applicationID: id, receiptNumber: try row.decode(column: "receipt_number", as: String.self),
            status: status.rawValue, statusLabel: APIController.Text(status.label))
    }

    /// Records that the client asked for an application it may not see (or that does not exist),
    /// and answers as if it did not exist.
    static func notFound(_ id: UUID?, client: CoreClient, endpoint: String, req: Request) async throws -> Never {
        try await req.madoguchi.audit.record(
            .coreNotFound, actor: client.recorded, target: id?.uuidString ?? "", detail: "endpoint=\(endpoint)",
            tenant: client.tenant, at: req.madoguchi.clock.now())
        throw HandOffAPIError.applicationNotFound
    }

    static func json(_ value: some Content, status: HTTPResponseStatus = .ok) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(value, as: .json)
        return response
    }
}
