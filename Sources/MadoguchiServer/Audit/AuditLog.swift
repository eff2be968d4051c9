import Foundation
import MadoguchiDomain
import SQLKit

/// What the audit log records. Codes, not sentences: the auditor's pages put them into words.
enum AuditAction: String, Sendable, CaseIterable {
    case signIn = "staff.sign_in"
    case signInFailed = "staff.sign_in_failed"
    case totpFailed = "staff.totp_failed"
    case signOut = "staff.sign_out"
    case signOutEverywhere = "staff.sign_out_everywhere"
    case sessionRefused = "staff.session_refused"
    case passwordChanged = "staff.password_changed"
    case totpEnrolled = "staff.totp_enrolled"
    case staffCreated = "staff.created"
    case staffChanged = "staff.changed"
    case forbidden = "staff.forbidden"
    case inboxListed = "inbox.list"
    case inboxSearched = "inbox.search"
    case inboxExported = "inbox.export"
    case applicationViewed = "application.view"
    case applicationPrinted = "application.print"
    case attachmentViewed = "application.attachment"
    case individualNumberRevealed = "application.reveal_individual_number"
    case statusChanged = "application.status"
    case noteAdded = "application.note"
    case assigned = "application.assign"
    case correctionSubmitted = "application.correction"
    case auditRead = "audit.read"
    case templateChanged = "notification.template"
    case packageImported = "linkage.package_import"
    case registerImported = "linkage.register_import"
    case serialsImported = "linkage.serial_import"
    case residentMatched = "linkage.match"
    case handOffRead = "application.handoff_read"
    case coreClientCreated = "core.client_created"
    case coreClientDisabled = "core.client_disabled"
    case coreTokenIssued = "core.token_issued"
    case coreAuthFailed = "core.auth_failed"
    case coreForbidden = "core.forbidden"
    case coreNotFound = "core.not_found"
    case handOffExported = "handoff.export"

    var label: LocalizedText {
        switch self {
        case .signIn: LocalizedText(ja: "サインイン", en: "Signed in")
        case .signInFailed: LocalizedText(ja: "サインイン失敗", en: "Sign-in failed")
        case .totpFailed: LocalizedText(ja: "確認コード誤り", en: "Wrong authenticator code")
        case .signOut: LocalizedText(ja: "サインアウト", en: "Signed out")
        case .signOutEverywhere: LocalizedText(ja: "全端末からサインアウト", en: "Signed out everywhere")
        case .sessionRefused: LocalizedText(ja: "無効なセッションを拒否", en: "Invalid session refused")
        case .passwordChanged: LocalizedText(ja: "パスワード変更", en: "Password changed")
        case .totpEnrolled: LocalizedText(ja: "認証アプリ登録", en: "Authenticator enrolled")
        case .staffCreated: LocalizedText(ja: "職員登録", en: "Staff account created")
        case .staffChanged: LocalizedText(ja: "職員情報変更", en: "Staff account changed")
        case .forbidden: LocalizedText(ja: "権限外の操作を拒否", en: "Forbidden action refused")
        case .inboxListed: LocalizedText(ja: "申請一覧の表示", en: "Inbox listed")
        case .inboxSearched: LocalizedText(ja: "申請の検索", en: "Applications searched")
        case .inboxExported: LocalizedText(ja: "一覧のダウンロード", en: "List downloaded")
        case .applicationViewed: LocalizedText(ja: "申請内容の閲覧", en: "Application viewed")
        case .applicationPrinted: LocalizedText(ja: "申請内容の印刷表示", en: "Application print view")
        case .attachmentViewed: LocalizedText(ja: "添付ファイルの閲覧", en: "Attachment viewed")
        case .individualNumberRevealed: LocalizedText(ja: "個人番号の表示", en: "Individual number revealed")
        case .statusChanged: LocalizedText(ja: "状態の変更", en: "Status changed")
        case .noteAdded: LocalizedText(ja: "内部メモの追加", en: "Internal note added")
        case .assigned: LocalizedText(ja: "担当者の割当て", en: "Assigned")
        case .correctionSubmitted: LocalizedText(ja: "申請者による補正", en: "Corrected by the applicant")
        case .auditRead: LocalizedText(ja: "監査ログの閲覧", en: "Audit log read")
        case .templateChanged: LocalizedText(ja: "通知文面の変更", en: "Notification template changed")
        case .packageImported: LocalizedText(ja: "マイナポータル申請の取込", en: "Portal application imported")
        case .registerImported: LocalizedText(ja: "住民記録の取込", en: "Resident register imported")
        case .serialsImported: LocalizedText(ja: "シリアル番号の取込", en: "Certificate serial numbers imported")
        case .residentMatched: LocalizedText(ja: "申請者の紐付（手動）", en: "Applicant matched by hand")
        case .handOffRead: LocalizedText(ja: "基幹システムによる申請内容の取得", en: "Application read by a core system")
        case .coreClientCreated: LocalizedText(ja: "基幹システムのクライアント登録", en: "Core-system client registered")
        case .coreClientDisabled: LocalizedText(ja: "基幹システムのクライアント停止", en: "Core-system client disabled")
        case .coreTokenIssued: LocalizedText(ja: "基幹システムへのアクセストークン発行", en: "Access token issued to a core system")
        case .coreAuthFailed: LocalizedText(ja: "基幹システムの認証失敗", en: "Core-system authentication failed")
        case .coreForbidden: LocalizedText(ja: "基幹システムの権限外の操作を拒否", en: "Core-system request beyond its scopes refused")
        case .coreNotFound:
            LocalizedText(ja: "基幹システムが扱えない申請への操作を拒否", en: "Core-system request for an application it may not see")
        case .handOffExported: LocalizedText(ja: "基幹システム向けファイルの出力", en: "File exported for a core system")
        }
    }
}

/// Appends to and reads the audit log (`AuditChain`). An entry is appended in the transaction of
/// what it records, so the two commit together; the municipality's chain head is locked for the
/// rest of that transaction (row lock on PostgreSQL; SQLite writes one transaction at a time), so
/// entries are numbered without gaps in the order they commit.
enum AuditLog {
    /// Makes sure each municipality's chain has a head (sequence 0 before its first entry).
    static func ensureHeads(_ tenants: [LocalGovernmentCode], on sql: any SQLDatabase) async throws {
        for tenant in tenants {
            try await sql.raw(
                """
                INSERT INTO audit_heads (tenant_code, sequence, hash) VALUES (\(bind: tenant.value), 0, \(bind: AuditChain.genesis))
                ON CONFLICT (tenant_code) DO NOTHING
                """
            ).run()
        }
    }

    /// Appends an entry; call inside a transaction (`DatabaseWriter.transaction`).
    static func append(
        _ action: AuditAction, actor: String, target: String = "", detail: String = "", tenant: LocalGovernmentCode,
        at date: Date, on sql: any SQLDatabase
    ) async throws {
        let lock: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        let head = try await sql.raw(
            "SELECT sequence, hash FROM audit_heads WHERE tenant_code = \(bind: tenant.value)\(lock)"
        ).first()
        let (last, previous): (Int, String) =
            if let head {
                (try head.decode(column: "sequence", as: Int.self), try head.decode(column: "hash", as: String.self))
            } else {
                (0, AuditChain.genesis)
            }
        // To the millisecond, as the hash covers it and both databases give it back.
        let occurred = Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
        let entry = AuditEntry(
            sequence: last + 1, occurredAt: occurred, actor: actor, action: action.rawValue, target: target,
            detail: detail)
        let hash = AuditChain.hash(previous: previous, tenant: tenant, entry: entry)
        try await sql.raw(
            """
            INSERT INTO audit_log (tenant_code, sequence, occurred_at, actor, action, target, detail, previous_hash, hash)
            VALUES (\(bind: tenant.value), \(bind: entry.sequence), \(bind: occurred), \(bind: actor), \(bind: action.rawValue), \
            \(bind: target), \(bind: detail), \(bind: previous), \(bind: hash))
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO audit_heads (tenant_code, sequence, hash) VALUES (\(bind: tenant.value), \(bind: entry.sequence), \(bind: hash))
            ON CONFLICT (tenant_code) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash
            """
        ).run()
    }

    /// A row of the log as stored.
    static func decode(_ row: any SQLRow) throws -> AuditChain.StoredEntry {
        AuditChain.StoredEntry(
            entry: AuditEntry(
                sequence: try row.decode(column: "sequence", as: Int.self),
                occurredAt: try row.decode(column: "occurred_at", as: Date.self),
                actor: try row.decode(column: "actor", as: String.self),
                action: try row.decode(column: "action", as: String.self),
                target: try row.decode(column: "target", as: String.self),
                detail: try row.decode(column: "detail", as: String.self)),
            previousHash: try row.decode(column: "previous_hash", as: String.self),
            hash: try row.decode(column: "hash", as: String.self))
    }

    /// What `madoguchi audit verify` found for one municipality.
    struct Verification: Sendable, CustomStringConvertible {
        var tenant: LocalGovernmentCode
        var entries: Int
        var broken: AuditChain.Break?

        var description: String {
            if let broken { return "\(tenant.value): BROKEN at \(broken)" }
            return "\(tenant.value): \(entries) entries, chain intact"
        }
    }

    /// Walks each municipality's chain in pages and checks it against its head.
    static func verify(on sql: any SQLDatabase) async throws -> [Verification] {
        let tenants = try await sql.raw(
            """
            SELECT tenant_code FROM audit_heads UNION SELECT DISTINCT tenant_code FROM audit_log ORDER BY tenant_code
            """
        ).all().map { try $0.decode(column: "tenant_code", as: String.self) }
        var results: [Verification] = []
        for code in tenants {
            guard let tenant = LocalGovernmentCode(code) else { continue }
            var last: (sequence: Int, hash: String)? = nil
            var broken: AuditChain.Break?
            var afterSequence = 0
            while broken == nil {
                // Ordered by position on disk would hide a reordering; by sequence it is what we check.
                let rows = try await sql.raw(
                    """
                    SELECT sequence, occurred_at, actor, action, target, detail, previous_hash, hash FROM audit_log
                    WHERE tenant_code = \(bind: code) AND sequence > \(bind: afterSequence) ORDER BY sequence LIMIT 1000
                    """
                ).all().map(decode)
                guard !rows.isEmpty else { break }
                switch AuditChain.verify(rows, tenant: tenant, after: last) {
                case .success(let good): last = good
                case .failure(let found): broken = found
                }
                afterSequence = rows.last!.entry.sequence
            }
            if broken == nil {
                let head = try await sql.raw(
                    "SELECT sequence, hash FROM audit_heads WHERE tenant_code = \(bind: code)"
                ).first()
                let headSequence = try head?.decode(column: "sequence", as: Int.self) ?? 0
                let headHash = try head?.decode(column: "hash", as: String.self) ?? AuditChain.genesis
                let lastSequence = last?.sequence ?? 0
                if headSequence != lastSequence || headHash != (last?.hash ?? AuditChain.genesis) {
                    broken = AuditChain.Break(
                        sequence: min(headSequence, lastSequence) + 1,
                        reason: headSequence > lastSequence
                            ? "missing: the chain's head says \(headSequence) entries, \(lastSequence) found"
                            : "the chain's head does not match the last entry")
                }
            }
            results.append(Verification(tenant: tenant, entries: last?.sequence ?? 0, broken: broken))
        }
        return results
    }
}
