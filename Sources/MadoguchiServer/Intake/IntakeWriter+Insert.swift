import Fluent
import Foundation
import SQLKit

extension IntakeWriter {
    /// One multi-row INSERT per table with bound parameters (Fluent's per-model reflection is the
    /// costliest part of a submission otherwise). Values bind through the database's own encoder,
    /// so rows read back through the Fluent models exactly as if Fluent had written them.
    static func insert(
        _ records: [ApplicationRecord], _ events: [ApplicationEventRecord], on database: any Database
    ) async throws {
        guard let sql = database as? any SQLDatabase else {
            try await records.create(on: database)
            try await events.create(on: database)
            return
        }
        var applications = sql.insert(into: ApplicationRecord.schema).columns(
            "id", "tenant_code", "receipt_number", "procedure_id", "procedure_version", "channel", "status", "data",
            "idempotency_key", "submitted_at", "updated_at", "request_digest")
        for record in records {
            applications = applications.values(
                SQLBind(record.id!), SQLBind(record.tenantCode), SQLBind(record.receiptNumber),
                SQLBind(record.procedureID), SQLBind(record.procedureVersion), SQLBind(record.channel),
                SQLBind(record.status), SQLBind(record.data), SQLBind(record.idempotencyKey),
                SQLBind(record.submittedAt), SQLBind(record.submittedAt), SQLBind(record.requestDigest))
        }
        try await applications.run()
        var history = sql.insert(into: ApplicationEventRecord.schema).columns(
            "id", "tenant_code", "application_id", "from_status", "to_status", "actor", "reason", "occurred_at")
        for event in events {
            history = history.values(
                SQLBind(UUID()), SQLBind(event.tenantCode), SQLBind(event.applicationID), SQLBind(event.fromStatus),
                SQLBind(event.toStatus), SQLBind(event.actor), SQLBind(event.reason), SQLBind(event.occurredAt))
        }
        try await history.run()
    }
}
