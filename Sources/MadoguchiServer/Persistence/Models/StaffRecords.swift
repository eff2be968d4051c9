import Fluent
import Foundation
import MadoguchiDomain

/// 職員アカウント: one person at one municipality.
final class StaffAccountRecord: Model, @unchecked Sendable {
    static let schema = "staff_accounts"

    // MARK: identity
    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_code") var tenantCode: String
    @Field(key: "login") var login: String

    // MARK: data
    /// 氏名, as shown to colleagues and in the audit log's pages.
    @Field(key: "name") var name: String
    /// `StaffRole.text`: "case_worker,approver".
    @Field(key: "roles") var roles: String
    /// Bcrypt.
    @Field(key: "password_hash") var passwordHash: String
    /// A one-time password was given out: the person sets their own at the next sign-in.
    @Field(key: "must_change_password") var mustChangePassword: Bool
    /// The authenticator's secret, sealed under the server secret (`StaffSecrets`); nil until enrolled.
    @OptionalField(key: "totp_secret") var totpSecret: String?
    /// The last time step whose code was accepted: a code is never accepted twice.
    @OptionalField(key: "totp_last_step") var totpLastStep: Int?
    @Field(key: "failed_sign_ins") var failedSignIns: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @Field(key: "disabled") var disabled: Bool

    // MARK: timestamps
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(
        tenantCode: String, login: String, name: String, roles: Set<StaffRole>, passwordHash: String, now: Date
    ) {
        self.id = UUID()
        self.tenantCode = tenantCode
        self.login = login
        self.name = name
        self.roles = StaffRole.text(roles)
        self.passwordHash = passwordHash
        self.mustChangePassword = true
        self.failedSignIns = 0
        self.disabled = false
        self.createdAt = now
        self.updatedAt = now
    }

    var roleSet: Set<StaffRole> { StaffRole.list(roles) ?? [] }
}

/// A signed-in (or signing-in) browser. The cookie holds a random token; only its SHA-256 is stored.
final class StaffSessionRecord: Model, @unchecked Sendable {
    static let schema = "staff_sessions"

    @ID(custom: "token_digest", generatedBy: .user) var id: String?
    @Parent(key: "staff_id") var staff: StaffAccountRecord
    @Field(key: "tenant_code") var tenantCode: String
    /// `StaffSession.Stage`.
    @Field(key: "stage") var stage: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "revoked") var revoked: Bool

    init() {}

    init(digest: String, staffID: UUID, tenantCode: String, stage: String, now: Date) {
        self.id = digest
        self.$staff.id = staffID
        self.tenantCode = tenantCode
        self.stage = stage
        self.createdAt = now
        self.lastSeenAt = now
        self.revoked = false
    }
}
