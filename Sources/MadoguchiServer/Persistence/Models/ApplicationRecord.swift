import Fluent
import Foundation

/// 申請: one application, whatever channel it came through.
final class ApplicationRecord: Model, @unchecked Sendable {
    static let schema = "applications"

    // MARK: identity
    @ID(key: .id) var id: UUID?
    /// 団体コード of the municipality that owns the application.
    @Field(key: "tenant_code") var tenantCode: String
    /// 受付番号 as shown (YYYY-NNNNNN-C, more sequence digits past 999,999); unique per municipality.
    @Field(key: "receipt_number") var receiptNumber: String

    // MARK: data
    @Field(key: "procedure_id") var procedureID: String
    /// The form revision the application was made with; it is always shown through that version.
    @Field(key: "procedure_version") var procedureVersion: String
    @Field(key: "channel") var channel: String
    @Field(key: "status") var status: String
    /// Validated, normalised form data as JSON (FormData).
    @Field(key: "data") var data: String
    /// Client-chosen key that makes a repeated submission return the first one.
    @OptionalField(key: "idempotency_key") var idempotencyKey: String?
    /// SHA-256 of what was submitted with that key, so a reused key with other content is refused.
    @OptionalField(key: "request_digest") var requestDigest: String?

    // MARK: timestamps
    @Field(key: "submitted_at") var submittedAt: Date
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(
        id: UUID, tenantCode: String, receiptNumber: String, procedureID: String, procedureVersion: String,
        channel: String, status: String, data: String, idempotencyKey: String?, submittedAt: Date,
        requestDigest: String? = nil
    ) {
        self.id = id
        self.tenantCode = tenantCode
        self.receiptNumber = receiptNumber
        self.procedureID = procedureID
        self.procedureVersion = procedureVersion
        self.channel = channel
        self.status = status
        self.data = data
        self.idempotencyKey = idempotencyKey
        self.submittedAt = submittedAt
        self.requestDigest = requestDigest
    }
}

/// One status change of an application: who, when, why (the resident's history and the audit trail read it).
final class ApplicationEventRecord: Model, @unchecked Sendable {
    static let schema = "application_events"

    // MARK: identity
    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_code") var tenantCode: String
    @Field(key: "application_id") var applicationID: UUID

    // MARK: data
    @OptionalField(key: "from_status") var fromStatus: String?
    @Field(key: "to_status") var toStatus: String
    @Field(key: "actor") var actor: String
    @OptionalField(key: "reason") var reason: String?
    /// What else the step carries, as JSON (a core system's decision: date and reference).
    @OptionalField(key: "detail") var detail: String?
    @Field(key: "occurred_at") var occurredAt: Date

    init() {}

    init(
        tenantCode: String, applicationID: UUID, fromStatus: String?, toStatus: String, actor: String,
        reason: String?, occurredAt: Date
    ) {
        self.tenantCode = tenantCode
        self.applicationID = applicationID
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.actor = actor
        self.reason = reason
        self.occurredAt = occurredAt
    }
}
