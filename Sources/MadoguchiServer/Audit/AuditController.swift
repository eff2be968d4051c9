import Foundation
import MadoguchiDomain
import SQLKit
import Vapor

/// 監査ログ (auditors): the municipality's log, newest first, searchable by who, what, which
/// application or staff account, and when. Read-only: no route writes to the log but by appending.
enum AuditController {
    static let pageSize = 100

    static func show(_ req: Request) async throws -> Response {
        let member = try req.staff.member
        let sql = req.db.sql
        var statement: SQLQueryString = """
            SELECT sequence, occurred_at, actor, action, target, detail, previous_hash, hash FROM audit_log
            WHERE tenant_code = \(bind: member.tenant.value)
            """
        var filters: [String: String] = [:]
        for key in ["actor", "action", "target", "from", "to", "before"] {
            if let value = req.query[String.self, at: key].map(TextNormalization.trim), !value.isEmpty {
                filters[key] = String(value.prefix(100))
            }
        }
        if let actor = filters["actor"] { statement += " AND actor = \(bind: actor)" }
        if let action = filters["action"] { statement += " AND action = \(bind: action)" }
        if let target = filters["target"] { statement += " AND target = \(bind: target)" }
        if let from = filters["from"].flatMap({ try? DateParser.parse($0).get() }) {
            statement += " AND occurred_at >= \(bind: JapanCalendar.start(of: from))"
        }
        if let to = filters["to"].flatMap({ try? DateParser.parse($0).get() }) {
            statement += " AND occurred_at < \(bind: JapanCalendar.start(of: to.adding(days: 1)))"
        }
        if let before = filters["before"].flatMap(Int.init) { statement += " AND sequence < \(bind: before)" }
        statement += " ORDER BY sequence DESC LIMIT \(literal: pageSize + 1)"
        let found = try await sql.raw(statement).all().map(AuditLog.decode)
        let more = found.count > pageSize
        let entries = more ? Array(found.dropLast()) : found
        try await req.madoguchi.audit.record(
            .auditRead, actor: member.id.uuidString, detail: "results=\(entries.count)", tenant: member.tenant,
            at: req.madoguchi.clock.now())
        let names = try await StaffDirectory.names(tenant: member.tenant, on: req.db)
        return Layout.response(
            AuditPages.render(
                try PageContext.staff(req), member: member, entries: entries.map(\.entry), names: names,
                filters: filters, next: more ? entries.last?.entry.sequence : nil))
    }
}

enum AuditPages {
    static func render(
        _ context: PageContext, member: StaffMember, entries: [AuditEntry], names: [String: String],
        filters: [String: String], next: Int?
    ) -> Node {
        let t = context.text
        let labels = Dictionary(AuditAction.allCases.map { ($0.rawValue, $0.label) }) { first, _ in first }
        return StaffLayout.page(context, member: member, title: t(StaffText.auditLog)) {
            el("h1") { t(StaffText.auditLog) }
            el("p") { t(AuditText.intro) }
            el("form", Attribute("method", "get"), Attribute("action", StaffURL.audit().path)) {
                InboxPages.select(
                    context, name: "action", label: AuditText.action,
                    options: [("", InboxText.all)] + AuditAction.allCases.map { ($0.rawValue, $0.label) },
                    selected: filters["action"] ?? "")
                SignInPages.textField(context, name: "actor", label: AuditText.actor, value: filters["actor"] ?? "")
                SignInPages.textField(context, name: "target", label: AuditText.target, value: filters["target"] ?? "")
                el("div", .class("field__parts")) {
                    SignInPages.textField(context, name: "from", label: AuditText.from, value: filters["from"] ?? "")
                    SignInPages.textField(context, name: "to", label: AuditText.to, value: filters["to"] ?? "")
                }
                el("div", .class("actions")) {
                    el("button", .class("button button--primary"), Attribute("type", "submit")) { t(InboxText.apply) }
                }
            }
            el(
                "div", .class("table-wrap"), Attribute("role", "region"),
                Attribute("aria-label", t(StaffText.auditLog)),
                Attribute("tabindex", "0")
            ) {
                el("table", .class("inbox-table")) {
                    el("thead") {
                        el("tr") {
                            for heading in [
                                AuditText.sequence, AuditText.when, AuditText.actor, AuditText.action,
                                AuditText.target, AuditText.detail,
                            ] {
                                el("th", Attribute("scope", "col")) { t(heading) }
                            }
                        }
                    }
                    el("tbody") {
                        entries.map { entry in
                            el("tr") {
                                el("td") { String(entry.sequence) }
                                el("td") { timestamp(entry.occurredAt) }
                                el("td") { names[entry.actor].map { "\($0)（\(entry.actor)）" } ?? entry.actor }
                                el("td") { labels[entry.action].map(t) ?? entry.action }
                                el("td") { names[entry.target] ?? entry.target }
                                el("td") { entry.detail }
                            }
                        }
                    }
                }
            }
            if let next {
                el("p") {
                    el("a", .class("button button--secondary"), Attribute("href", olderLink(filters, before: next))) {
                        t(AuditText.older)
                    }
                }
            }
        }
    }

    static func olderLink(_ filters: [String: String], before: Int) -> String {
        var query = filters
        query["before"] = String(before)
        let text = query.sorted { $0.key < $1.key }.map { "\($0.key)=\(SiteURL.escape($0.value))" }
        return StaffURL.audit(query: text.joined(separator: "&")).path
    }

    /// Japan time to the second.
    static func timestamp(_ date: Date) -> String {
        let day = JapanCalendar.civilDate(of: date)
        let seconds = (Int(date.timeIntervalSince1970) + 9 * 3600) % 86400
        let time = String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        return "\(day.iso) \(time)"
    }
}

enum AuditText {
    static func t(_ ja: String, _ en: String) -> LocalizedText { LocalizedText(ja: ja, en: en) }

    static let intro = t(
        "この自治体の操作の記録です。記録は変更できず、連鎖したハッシュで改ざんを検出できます（madoguchi audit verify）。",
        "What was done at this municipality. Entries cannot be changed; a hash chain shows any tampering (madoguchi audit verify)."
    )
    static let sequence = t("番号", "No.")
    static let when = t("日時", "When")
    static let actor = t("操作者（職員ID）", "Actor (staff id)")
    static let action = t("操作", "Action")
    static let target = t("対象（申請ID・職員ID）", "Target (application or staff id)")
    static let detail = t("詳細", "Detail")
    static let from = t("日付（から）", "From")
    static let to = t("日付（まで）", "Until")
    static let older = t("さらに前の記録", "Older entries")
}
