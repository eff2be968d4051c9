import Foundation
import MadoguchiDomain
import SQLKit

/// A new row of `applications`, numbered, as the writer inserts it.
struct NewApplicationRow: Sendable {
    var id: UUID
    var receiptNumber: ReceiptNumber
    var application: PendingApplication
}

/// An application found by its idempotency key: what a repeated submission is answered with.
struct KeyedApplication: Sendable {
    var id: UUID
    var receiptNumber: ReceiptNumber
    var submittedAt: Date
    var requestDigest: String?

    /// The applications of `tenant` with any of `keys`, through the (tenant_code, idempotency_key)
    /// unique index.
    static func lookup(tenant: String, keys: [String]) -> SQLQueryString {
        """
        SELECT idempotency_key, id, receipt_number, submitted_at, request_digest FROM applications
        WHERE tenant_code = \(bind: tenant) AND idempotency_key IN (\(binds: keys))
        """
    }

    /// The rows of `lookup`, by idempotency key.
    static func decode(_ rows: [any SQLRow]) throws -> [String: KeyedApplication] {
        var found: [String: KeyedApplication] = [:]
        for row in rows {
            guard let number = ReceiptNumber(try row.decode(column: "receipt_number", as: String.self)) else {
                continue
            }
            found[try row.decode(column: "idempotency_key", as: String.self)] = KeyedApplication(
                id: try row.decode(column: "id", as: UUID.self), receiptNumber: number,
                submittedAt: try row.decode(column: "submitted_at", as: Date.self),
                requestDigest: try row.decode(column: "request_digest", as: String?.self))
        }
        return found
    }
}

enum ApplicationRows {
    /// One multi-row INSERT per table, written out with bound parameters: Fluent's per-model
    /// reflection and the query builder's identifier escaping were the costliest part of a batch.
    /// Values bind through the database's own encoder, so rows read back through the Fluent models
    /// (ApplicationRecord, ApplicationEventRecord) exactly as if Fluent had written them.
    /// Deletes the drafts saved from the web forms of a batch, per municipality, in the batch's
    /// transaction: a DELETE from the request would wait for the writer's lock (SQLite) instead.
    static func draftDeletions(_ batch: [PendingApplication]) -> [SQLQueryString] {
        var sessions: [String: [String]] = [:]
        for item in batch {
            if let session = item.draftSession { sessions[item.tenant.value, default: []].append(session) }
        }
        return sessions.sorted { $0.key < $1.key }.map { tenant, digests in
            "DELETE FROM drafts WHERE tenant_code = \(bind: tenant) AND session_digest IN (\(binds: digests))"
        }
    }

    static func insertStatements(_ rows: [NewApplicationRow]) -> [SQLQueryString] {
        let received = ApplicationStatus.received.rawValue
        var applications: SQLQueryString = """
            INSERT INTO applications (id, tenant_code, receipt_number, procedure_id, procedure_version, \
            channel, status, data, idempotency_key, submitted_at, updated_at, request_digest, number_key) VALUES 
            """
        var events: SQLQueryString = """
            INSERT INTO application_events (id, tenant_code, application_id, from_status, to_status, actor, \
            reason, occurred_at) VALUES 
            """
        for (index, row) in rows.enumerated() {
            let item = row.application
            let separator = index == 0 ? "" : ", "
            applications += """
                \(unsafeRaw: separator)(\(bind: row.id), \(bind: item.tenant.value), \(bind: row.receiptNumber.description), \
                \(bind: item.procedureID), \(bind: item.procedureVersion), \(bind: item.channel.rawValue), \
                \(bind: received), \(bind: item.encodedData), \(bind: item.idempotencyKey), \(bind: item.submittedAt), \
                \(bind: item.submittedAt), \(bind: item.requestDigest), \(bind: item.numberKey))
                """
            events += """
                \(unsafeRaw: separator)(\(bind: UUID.timeOrdered(at: item.submittedAt)), \(bind: item.tenant.value), \
                \(bind: row.id), \(bind: String?.none), \(bind: received), \(bind: "resident"), \(bind: String?.none), \
                \(bind: item.submittedAt))
                """
        }
        return [applications, events, inboxInsert(rows), countIncrement(rows)] + attachmentUses(rows)
            + (Outbox.insert(rows.compactMap(Self.receivedNotice)).map { [$0] } ?? [])
            + (PortalReceipts.insert(rows).map { [$0] } ?? [])
    }

    /// The inbox rows of new applications (`InboxFields`), status 受付, version 1.
    static func inboxInsert(_ rows: [NewApplicationRow]) -> SQLQueryString {
        var query: SQLQueryString = """
            INSERT INTO inbox (application_id, tenant_code, department, procedure_id, status, receipt_number, channel, \
            applicant_name, name_key, kana_key, birth_date, phone, email, received_us, due_date, version, updated_at, \
            changed_by, last_change) VALUES 
            """
        for (index, row) in rows.enumerated() {
            let item = row.application
            let inbox = item.inbox
            query += """
                \(unsafeRaw: index == 0 ? "" : ", ")(\(bind: row.id), \(bind: item.tenant.value), \(bind: inbox.department), \
                \(bind: item.procedureID), \(bind: ApplicationStatus.received.rawValue), \(bind: row.receiptNumber.description), \
                \(bind: item.channel.rawValue), \(bind: inbox.applicantName), \(bind: inbox.nameKey), \(bind: inbox.kanaKey), \
                \(bind: inbox.birthDate), \(bind: inbox.phone), \(bind: inbox.email), \(bind: item.submittedAt.microseconds), \(bind: inbox.dueDate), 1, \
                \(bind: item.submittedAt), 'resident', 'status:received')
                """
        }
        return query
    }

    /// One more 受付 per new application in its 課 (`inbox_counts`), added up per 課 first: one
    /// statement may not update the same row twice.
    static func countIncrement(_ rows: [NewApplicationRow]) -> SQLQueryString {
        var counts: [String: (tenant: String, department: String, count: Int)] = [:]
        for row in rows {
            let key = row.application.tenant.value + "|" + row.application.inbox.department
            counts[key, default: (row.application.tenant.value, row.application.inbox.department, 0)].count += 1
        }
        var query: SQLQueryString = "INSERT INTO inbox_counts (tenant_code, department, status, count) VALUES "
        for (index, key) in counts.keys.sorted().enumerated() {
            let (tenant, department, count) = counts[key]!
            query += """
                \(unsafeRaw: index == 0 ? "" : ", ")(\(bind: tenant), \(bind: department), \
                \(bind: ApplicationStatus.received.rawValue), \(bind: count))
                """
        }
        return query
            + " ON CONFLICT (tenant_code, department, status) DO UPDATE SET count = inbox_counts.count + excluded.count"
    }

    /// The notice of receipt (受付のお知らせ) of a new application that gave an e-mail address.
    static func receivedNotice(_ row: NewApplicationRow) -> Outbox.Notice? {
        row.application.inbox.email.map {
            Outbox.Notice(
                id: UUID.timeOrdered(at: row.application.submittedAt), tenant: row.application.tenant.value,
                application: row.id, kind: .received, recipient: $0, at: row.application.submittedAt)
        }
    }

    /// The files the new applications refer to, one INSERT for the batch (none without files).
    static func attachmentUses(_ rows: [NewApplicationRow]) -> [SQLQueryString] {
        let uses = rows.flatMap { row in
            row.application.attachments.map {
                AttachmentFiles.Use(sha256: $0, tenant: row.application.tenant.value, at: row.application.submittedAt)
            }
        }
        return AttachmentFiles.insert(uses).map { [$0] } ?? []
    }
}
