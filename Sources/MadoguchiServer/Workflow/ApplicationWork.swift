import Fluent
import Foundation
import MadoguchiDomain
import SQLKit

/// The one server function through which an application's status changes: it asks
/// `WorkflowPolicy`, then writes the status (record and inbox), its event, the audit entry, the
/// inbox counts and the notification in one transaction through the database's single writer.
enum ApplicationWork {
    /// An application's inbox row, as the workflow reads it.
    struct Row: Sendable {
        var id: UUID
        var tenant: LocalGovernmentCode
        var department: String
        var procedureID: String
        var status: ApplicationStatus
        var version: Int
        var assignee: UUID?
    }

    /// Why a change was not made.
    enum Failure: Error, Sendable {
        case notFound
        case refused(WorkflowRefusal)
        /// Someone else changed the application since the page was opened: what they did.
        case changedMeanwhile(by: String, to: ApplicationStatus?, at: Date)
    }

    /// A 補正 request: the fields to correct and what is wrong.
    struct Correction: Sendable {
        var fields: [String]
        var message: String
    }

    static func row(
        _ id: UUID, tenant: LocalGovernmentCode, lock: Bool = false, on sql: any SQLDatabase
    )
        async throws -> Row?
    {
        let forUpdate: SQLQueryString = lock && sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        guard
            let found = try await sql.raw(
                """
                SELECT application_id, department, procedure_id, status, version, assignee_id FROM inbox
                WHERE tenant_code = \(bind: tenant.value) AND application_id = \(bind: id)\(forUpdate)
                """
            ).first()
        else { return nil }
        return Row(
            id: id, tenant: tenant, department: try found.decode(column: "department", as: String.self),
            procedureID: try found.decode(column: "procedure_id", as: String.self),
            status: ApplicationStatus(rawValue: try found.decode(column: "status", as: String.self)) ?? .received,
            version: try found.decode(column: "version", as: Int.self),
            assignee: try found.decode(column: "assignee_id", as: UUID?.self))
    }

    /// The staff who took part in the review (審査開始, 補正依頼, 決裁に回す): they may not decide.
    static func reviewers(of id: UUID, on sql: any SQLDatabase) async throws -> Set<UUID> {
        let rows = try await sql.raw(
            """
            SELECT DISTINCT actor FROM application_events WHERE application_id = \(bind: id)
            AND to_status IN ('under_review', 'correction_requested', 'awaiting_approval', 'awaiting_handoff') AND from_status <> 'correction_requested'
            """
        ).all()
        return Set(try rows.compactMap { UUID(uuidString: try $0.decode(column: "actor", as: String.self)) })
    }

    /// Takes `action` on the application as `actor`, if the policy allows it and the application is
    /// still at `expectedVersion` (the version the actor's page showed; nil: whatever it is now).
    static func perform(
        _ action: WorkflowAction, on id: UUID, by actor: WorkflowActor, tenant: LocalGovernmentCode,
        expectedVersion: Int?, reason: String?, coreDecision: CoreDecision? = nil, correction: Correction? = nil,
        rules: WorkflowRules = WorkflowRules(), services: MadoguchiServices, on db: any Database
    ) async throws -> Result<StatusChange, Failure> {
        let now = services.clock.now()
        return try await services.writer.transaction(on: db) { db in
            let sql = db.sql
            guard let row = try await row(id, tenant: tenant, lock: true, on: sql) else { return .failure(.notFound) }
            switch actor {
            case .staff(let member) where !member.canSee(department: row.department, tenant: tenant):
                return .failure(.notFound)
            case .coreSystem(let client) where !client.canSee(department: row.department, tenant: tenant):
                return .failure(.notFound)
            default: break
            }
            if let expectedVersion, expectedVersion != row.version {
                return .failure(try await lastChange(of: id, on: sql))
            }
            let facts = WorkflowFacts(
                tenant: tenant, department: row.department, status: row.status,
                reviewers: try await reviewers(of: id, on: sql))
            let decided = WorkflowPolicy.decide(
                action, by: actor, on: facts, reason: reason, coreDecision: coreDecision, rules: rules)
            guard case .success(let change) = decided else {
                if case .failure(let refusal) = decided { return .failure(.refused(refusal)) }
                return .failure(.notFound)
            }
            try await write(change, action: action, row: row, coreDecision: coreDecision, at: now, on: sql)
            if action == .requestCorrection, let correction, case .staff(let member) = actor {
                try await sql.raw(
                    """
                    INSERT INTO correction_requests (id, tenant_code, application_id, fields, message, requested_by, requested_at)
                    VALUES (\(bind: UUID()), \(bind: tenant.value), \(bind: id), \(bind: correction.fields.joined(separator: ",")), \
                    \(bind: correction.message), \(bind: member.id), \(bind: now))
                    """
                ).run()
            }
            return .success(change)
        }
    }

    /// Writes an allowed change: record, inbox row and counts, event, audit entry.
    static func write(
        _ change: StatusChange, action: WorkflowAction, row: Row, coreDecision: CoreDecision?, at now: Date,
        on sql: any SQLDatabase
    ) async throws {
        let tenant = row.tenant.value
        try await sql.raw(
            """
            UPDATE applications SET status = \(bind: change.to.rawValue), updated_at = \(bind: now)
            WHERE tenant_code = \(bind: tenant) AND id = \(bind: row.id)
            """
        ).run()
        try await sql.raw(
            """
            UPDATE inbox SET status = \(bind: change.to.rawValue), version = version + 1, updated_at = \(bind: now),
            changed_by = \(bind: change.actor), last_change = \(bind: "status:" + change.to.rawValue)
            WHERE tenant_code = \(bind: tenant) AND application_id = \(bind: row.id)
            """
        ).run()
        try await sql.raw(
            """
            UPDATE inbox_counts SET count = count - 1
            WHERE tenant_code = \(bind: tenant) AND department = \(bind: row.department) AND status = \(bind: row.status.rawValue)
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO inbox_counts (tenant_code, department, status, count) VALUES (\(bind: tenant), \(bind: row.department), \
            \(bind: change.to.rawValue), 1)
            ON CONFLICT (tenant_code, department, status) DO UPDATE SET count = inbox_counts.count + 1
            """
        ).run()
        let detail = coreDecision.map {
            "{\"decided_on\":\"\($0.date.iso)\",\"reference\":\(jsonString($0.reference))}"
        }
        try await sql.raw(
            """
            INSERT INTO application_events (id, tenant_code, application_id, from_status, to_status, actor, reason, occurred_at, detail)
            VALUES (\(bind: UUID.timeOrdered(at: now)), \(bind: tenant), \(bind: row.id), \(bind: change.from?.rawValue), \
            \(bind: change.to.rawValue), \(bind: change.actor), \(bind: change.reason), \(bind: now), \(bind: detail))
            """
        ).run()
        if let kind = Outbox.Kind(status: change.to),
            let email = try await sql.raw(
                "SELECT email FROM inbox WHERE tenant_code = \(bind: tenant) AND application_id = \(bind: row.id)"
            ).first()?.decode(column: "email", as: String?.self)
        {
            let notice = Outbox.Notice(
                id: UUID.timeOrdered(at: now), tenant: tenant, application: row.id, kind: kind, recipient: email,
                at: now)
            if let insert = Outbox.insert([notice]) { try await sql.raw(insert).run() }
        }
        try await HandOffQueue.follow(change, row: row, at: now, on: sql)
        try await AuditLog.append(
            .statusChanged, actor: change.actor, target: row.id.uuidString,
            detail: "action=\(action.rawValue);from=\(change.from?.rawValue ?? "");to=\(change.to.rawValue)",
            tenant: row.tenant, at: now, on: sql)
    }

    /// Who changed the application last, what they did and when (for a change made meanwhile).
    static func lastChange(of id: UUID, on sql: any SQLDatabase) async throws -> Failure {
        let last = try await sql.raw(
            "SELECT changed_by, last_change, updated_at FROM inbox WHERE application_id = \(bind: id)"
        ).first()
        let change = try last?.decode(column: "last_change", as: String.self) ?? ""
        return .changedMeanwhile(
            by: try last?.decode(column: "changed_by", as: String.self) ?? "",
            to: change.hasPrefix("status:") ? ApplicationStatus(rawValue: String(change.dropFirst(7))) : nil,
            at: try last?.decode(column: "updated_at", as: Date.self) ?? Date())
    }

    /// A JSON string literal.
    static func jsonString(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}

extension ApplicationWork {
    /// The resident's corrected answers (補正): the earlier answers are kept as a revision, the
    /// record and its inbox projection take the new ones, the 補正 request is resolved and the
    /// application returns to 審査中 — in one transaction, under the same policy as every change.
    static func resubmit(
        _ id: UUID, tenant: LocalGovernmentCode, data: FormData, inbox: InboxFields, attachments: [String],
        services: MadoguchiServices, on db: any Database
    ) async throws -> Result<StatusChange, Failure> {
        let now = services.clock.now()
        return try await services.writer.transaction(on: db) { db in
            let sql = db.sql
            guard let row = try await row(id, tenant: tenant, lock: true, on: sql),
                let current = try await sql.raw(
                    "SELECT data FROM applications WHERE tenant_code = \(bind: tenant.value) AND id = \(bind: id)"
                ).first()
            else { return .failure(.notFound) }
            let facts = WorkflowFacts(tenant: tenant, department: row.department, status: row.status, reviewers: [])
            guard case .success(let change) = WorkflowPolicy.decide(.resubmit, by: .resident, on: facts, reason: nil)
            else { return .failure(.refused(.notFromStatus(.resubmit, row.status))) }
            let revisions =
                try await sql.raw(
                    "SELECT COUNT(*) AS n FROM application_revisions WHERE application_id = \(bind: id)"
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            try await sql.raw(
                """
                INSERT INTO application_revisions (id, tenant_code, application_id, revision, data, replaced_at)
                VALUES (\(bind: UUID()), \(bind: tenant.value), \(bind: id), \(bind: revisions + 1), \
                \(bind: try current.decode(column: "data", as: String.self)), \(bind: now))
                """
            ).run()
            try await sql.raw(
                """
                UPDATE applications SET data = \(bind: FormDataCoding.encode(data)), updated_at = \(bind: now), \
                number_key = \(bind: services.numberVault.current.id)
                WHERE tenant_code = \(bind: tenant.value) AND id = \(bind: id)
                """
            ).run()
            try await sql.raw(
                """
                UPDATE inbox SET applicant_name = \(bind: inbox.applicantName), name_key = \(bind: inbox.nameKey), \
                kana_key = \(bind: inbox.kanaKey), birth_date = \(bind: inbox.birthDate), phone = \(bind: inbox.phone), \
                email = \(bind: inbox.email)
                WHERE tenant_code = \(bind: tenant.value) AND application_id = \(bind: id)
                """
            ).run()
            try await sql.raw(
                """
                UPDATE correction_requests SET resolved_at = \(bind: now)
                WHERE tenant_code = \(bind: tenant.value) AND application_id = \(bind: id) AND resolved_at IS NULL
                """
            ).run()
            let uses = attachments.map { AttachmentFiles.Use(sha256: $0, tenant: tenant.value, at: now) }
            if let insert = AttachmentFiles.insert(uses) { try await sql.raw(insert).run() }
            try await AuditLog.append(
                .correctionSubmitted, actor: "resident", target: id.uuidString,
                detail: "revision=\(revisions + 1)", tenant: tenant, at: now, on: sql)
            try await write(change, action: .resubmit, row: row, coreDecision: nil, at: now, on: sql)
            return .success(change)
        }
    }

    /// The open 補正 request of an application: the fields and the message.
    static func openCorrection(
        _ id: UUID, tenant: LocalGovernmentCode, on sql: any SQLDatabase
    ) async throws
        -> Correction?
    {
        guard
            let row = try await sql.raw(
                """
                SELECT fields, message FROM correction_requests
                WHERE tenant_code = \(bind: tenant.value) AND application_id = \(bind: id) AND resolved_at IS NULL
                ORDER BY requested_at DESC LIMIT 1
                """
            ).first()
        else { return nil }
        return Correction(
            fields: try row.decode(column: "fields", as: String.self).split(separator: ",").map(String.init),
            message: try row.decode(column: "message", as: String.self))
    }
}
