import Fluent
import Foundation
import MadoguchiDomain
import Vapor

/// The application's page for staff and what they do on it. Every view of the answers is in the
/// audit log; every change goes through `ApplicationWork` (status) or the writer (notes, assignment).
enum ApplicationController {
    static func show(_ req: Request) async throws -> Response {
        try await page(req, message: messageFromQuery(req))
    }

    /// Renders the page (and records the view) with an optional message.
    static func page(
        _ req: Request, message: (text: LocalizedText, isError: Bool)?, status: HTTPResponseStatus = .ok,
        revealed: [(label: LocalizedText, digits: String)] = []
    ) async throws -> Response {
        let member = try req.staff.member
        let id = try applicationID(req)
        guard var detail = try await ApplicationDetail.load(id, for: member, on: req.db) else {
            throw AppError.applicationNotFound
        }
        let print = req.query[String.self, at: "print"] == "1"
        let now = req.madoguchi.clock.now()
        try await req.madoguchi.audit.record(
            print ? .applicationPrinted : .applicationViewed, actor: member.id.uuidString, target: id.uuidString,
            tenant: member.tenant, at: now)
        let procedure = try await ProcedureVersions.procedure(
            detail.record.procedureID, version: detail.record.procedureVersion, req: req)
        // Opened to compare versions of the answers; shown masked all the same.
        let vault = req.madoguchi.numberVault
        let tenant = member.tenant.value
        detail.data = vault.openAll(detail.data, procedure: procedure, tenant: tenant)
        detail.revisions = detail.revisions.map {
            ($0.revision, vault.openAll($0.data, procedure: procedure, tenant: tenant), $0.replacedAt)
        }
        let facts = WorkflowFacts(
            tenant: member.tenant, department: detail.row.department, status: detail.row.status,
            reviewers: detail.reviewers)
        let names = try await StaffDirectory.names(tenant: member.tenant, on: req.db)
        let model = ApplicationPages.Model(
            member: member, detail: detail, procedure: procedure,
            actions: WorkflowPolicy.available(to: member, on: facts), staffNames: names,
            assignable: try await assignable(department: detail.row.department, tenant: member.tenant, on: req.db),
            message: message, print: print, revealed: revealed,
            canReveal: !member.roles.isDisjoint(with: Route.staffApplicationReveal.staffRoles ?? []))
        return Layout.response(ApplicationPages.render(try PageContext.staff(req), model), status: status)
    }

    static func act(_ req: Request) async throws -> Response {
        let body = try await FormBody.read(req)
        let member = try req.staff.member
        let id = try applicationID(req)
        guard let action = body.first("action").flatMap(WorkflowAction.init(rawValue:)) else {
            return try await page(req, message: (StaffText.unknownAction, true), status: .badRequest)
        }
        let reason = body.first("reason").map { String($0.prefix(2000)) }
        var coreDecision: CoreDecision?
        if action.recordsCoreDecision, let dateText = body.first("decided_on"), !dateText.isEmpty {
            guard case .success(let date) = DateParser.parse(dateText) else {
                return try await page(req, message: (StaffText.badDate, true), status: .unprocessableEntity)
            }
            coreDecision = CoreDecision(date: date, reference: String((body.first("reference") ?? "").prefix(100)))
        }
        var correction: ApplicationWork.Correction?
        if action == .requestCorrection {
            let row = try await ApplicationWork.row(id, tenant: member.tenant, on: req.db.sql)
            let record = try await ApplicationRecord.query(on: req.db).filter(\.$tenantCode == member.tenant.value)
                .filter(\.$id == id).first()
            guard let row, let record, member.canSee(department: row.department, tenant: member.tenant) else {
                throw AppError.applicationNotFound
            }
            let procedure = try await ProcedureVersions.procedure(
                record.procedureID, version: record.procedureVersion, req: req)
            let fields = (body.fields["fields"] ?? []).filter { procedure.fieldsByID[$0] != nil }
            guard !fields.isEmpty else {
                return try await page(
                    req, message: (StaffText.correctionFieldsMissing, true), status: .unprocessableEntity)
            }
            correction = ApplicationWork.Correction(fields: Array(Set(fields)).sorted(), message: reason ?? "")
        }
        let outcome = try await ApplicationWork.perform(
            action, on: id, by: .staff(member), tenant: member.tenant,
            expectedVersion: body.first("version").flatMap(Int.init),
            reason: reason, coreDecision: coreDecision, correction: correction, services: req.madoguchi, on: req.db)
        switch outcome {
        case .success: return req.redirect(to: StaffURL.application(id).path + "?done=status", redirectType: .normal)
        case .failure(let failure): return try await refused(req, failure)
        }
    }

    /// POST …/individual-numbers: shows the application's 個人番号 in full, once, to a 担当 or
    /// 決裁者 of its 課 — an explicit action, recorded in the audit log.
    static func reveal(_ req: Request) async throws -> Response {
        _ = try await FormBody.read(req)
        let member = try req.staff.member
        let id = try applicationID(req)
        guard let detail = try await ApplicationDetail.load(id, for: member, on: req.db) else {
            throw AppError.applicationNotFound
        }
        let procedure = try await ProcedureVersions.procedure(
            detail.record.procedureID, version: detail.record.procedureVersion, req: req)
        let numbers = req.madoguchi.numberVault.revealed(detail.data, procedure: procedure, tenant: member.tenant.value)
        try await req.madoguchi.audit.record(
            .individualNumberRevealed, actor: member.id.uuidString, target: id.uuidString,
            detail: "numbers=\(numbers.count)", tenant: member.tenant, at: req.madoguchi.clock.now())
        return try await page(req, message: nil, revealed: numbers)
    }

    static func addNote(_ req: Request) async throws -> Response {
        let body = try await FormBody.read(req)
        let member = try req.staff.member
        let id = try applicationID(req)
        let text = TextNormalization.trim(body.first("body") ?? "")
        guard let row = try await ApplicationWork.row(id, tenant: member.tenant, on: req.db.sql),
            member.canSee(department: row.department, tenant: member.tenant)
        else { throw AppError.applicationNotFound }
        guard !text.isEmpty, text.count <= 2000 else {
            return try await page(req, message: (StaffText.noteEmpty, true), status: .unprocessableEntity)
        }
        let now = req.madoguchi.clock.now()
        try await req.madoguchi.writer.transaction(on: req.db) { db in
            try await db.sql.raw(
                """
                INSERT INTO application_notes (id, tenant_code, application_id, author_id, body, created_at)
                VALUES (\(bind: UUID()), \(bind: member.tenant.value), \(bind: id), \(bind: member.id), \(bind: text), \(bind: now))
                """
            ).run()
            try await AuditLog.append(
                .noteAdded, actor: member.id.uuidString, target: id.uuidString, tenant: member.tenant, at: now,
                on: db.sql)
        }
        return req.redirect(to: StaffURL.application(id).path + "?done=note", redirectType: .normal)
    }

    static func assign(_ req: Request) async throws -> Response {
        let body = try await FormBody.read(req)
        let member = try req.staff.member
        let id = try applicationID(req)
        guard let row = try await ApplicationWork.row(id, tenant: member.tenant, on: req.db.sql),
            member.canSee(department: row.department, tenant: member.tenant)
        else { throw AppError.applicationNotFound }
        let chosen = body.first("assignee").flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
        if body.first("assignee").map({ !$0.isEmpty }) ?? false {
            // Only a colleague of the application's 課 at this municipality: never a forged id.
            let colleagues = try await assignable(department: row.department, tenant: member.tenant, on: req.db)
            guard let chosen, colleagues.contains(where: { $0.id == chosen }) else {
                try await auditForbidden(req, member: member, detail: "assignee")
                return try await page(req, message: (StaffText.unknownAssignee, true), status: .unprocessableEntity)
            }
        }
        let expected = body.first("version").flatMap(Int.init)
        let now = req.madoguchi.clock.now()
        let changed = try await req.madoguchi.writer.transaction(on: req.db) { db -> ApplicationWork.Failure? in
            let sql = db.sql
            guard let current = try await ApplicationWork.row(id, tenant: member.tenant, lock: true, on: sql) else {
                return .notFound
            }
            if let expected, expected != current.version {
                return try await ApplicationWork.lastChange(of: id, on: sql)
            }
            try await sql.raw(
                """
                UPDATE inbox SET assignee_id = \(bind: chosen), version = version + 1, updated_at = \(bind: now),
                changed_by = \(bind: member.id.uuidString), last_change = 'assignee'
                WHERE tenant_code = \(bind: member.tenant.value) AND application_id = \(bind: id)
                """
            ).run()
            try await AuditLog.append(
                .assigned, actor: member.id.uuidString, target: id.uuidString,
                detail: "assignee=\(chosen?.uuidString ?? "")", tenant: member.tenant, at: now, on: sql)
            return nil
        }
        if let changed { return try await refused(req, changed) }
        return req.redirect(to: StaffURL.application(id).path + "?done=assign", redirectType: .normal)
    }

    // MARK: helpers

    /// The page again, saying why nothing was done (and the refusal in the audit log when it was
    /// one of rights).
    static func refused(_ req: Request, _ failure: ApplicationWork.Failure) async throws -> Response {
        let member = try req.staff.member
        switch failure {
        case .notFound: throw AppError.applicationNotFound
        case .refused(let refusal):
            if case .notVisible = refusal { throw AppError.applicationNotFound }
            return try await page(req, message: (refusal.message, true), status: .conflict)
        case .changedMeanwhile(let by, let to, _):
            let names = try await StaffDirectory.names(tenant: member.tenant, on: req.db)
            let name = by == "resident" ? StaffText.resident.text(in: req.language) : (names[by] ?? by)
            return try await page(
                req, message: (StaffText.changedMeanwhile(by: name, to: to?.label), true), status: .conflict)
        }
    }

    static func auditForbidden(_ req: Request, member: StaffMember, detail: String) async throws {
        try await req.madoguchi.audit.record(
            .forbidden, actor: member.id.uuidString, detail: detail, tenant: member.tenant,
            at: req.madoguchi.clock.now())
    }

    static func applicationID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("application").flatMap(UUID.init(uuidString:)) else {
            throw AppError.applicationNotFound
        }
        return id
    }

    static func messageFromQuery(_ req: Request) -> (text: LocalizedText, isError: Bool)? {
        switch req.query[String.self, at: "done"] {
        case "status": (StaffText.done, false)
        case "note": (StaffText.noteAdded, false)
        case "assign": (StaffText.assigned, false)
        case "match": (LinkageText.matchedDone, false)
        default: nil
        }
    }

    /// The members of `department` who work on applications, by name.
    static func assignable(
        department: String, tenant: LocalGovernmentCode, on db: any Database
    ) async throws
        -> [(id: UUID, name: String)]
    {
        let rows = try await db.sql.raw(
            """
            SELECT a.id, a.name, a.roles FROM staff_accounts a JOIN staff_departments d ON d.staff_id = a.id
            WHERE a.tenant_code = \(bind: tenant.value) AND d.department = \(bind: department) AND a.disabled = \(bind: false)
            ORDER BY a.name
            """
        ).all()
        return try rows.compactMap { row in
            let roles = StaffRole.list(try row.decode(column: "roles", as: String.self)) ?? []
            guard !roles.isDisjoint(with: StaffRole.applicationRoles) else { return nil }
            return (try row.decode(column: "id", as: UUID.self), try row.decode(column: "name", as: String.self))
        }
    }
}
