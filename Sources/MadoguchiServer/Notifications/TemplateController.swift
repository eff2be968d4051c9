import Foundation
import MadoguchiDomain
import SQLKit
import Vapor

/// 通知文面 (administrators): the words of each notice, per kind, for every procedure ("*") or one.
/// GET shows the template in force for the chosen procedure and kind; POST saves the municipality's
/// own. Only the placeholders are filled in when a notice is sent, so nothing personal can be put in.
enum TemplateController {
    static func show(_ req: Request) async throws -> Response {
        let member = try req.staff.member
        let procedure = req.query[String.self, at: "procedure"] ?? "*"
        let kind = req.query[String.self, at: "kind"].flatMap(Outbox.Kind.init(rawValue:)) ?? .received
        return try await page(req, member: member, procedure: procedure, kind: kind, message: nil)
    }

    static func page(
        _ req: Request, member: StaffMember, procedure: String, kind: Outbox.Kind, message: (LocalizedText, Bool)?,
        draft: NotificationTemplate? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let procedures = try req.offeredCatalog.procedures
        guard procedure == "*" || procedures.contains(where: { $0.id == procedure }) else { throw AppError.notFound }
        var template = draft
        if template == nil {
            template = try await NotificationTemplate.find(
                tenant: member.tenant.value, procedure: procedure, kind: kind, on: req.db.sql)
        }
        return Layout.response(
            TemplatePages.render(
                try PageContext.staff(req), member: member, procedures: procedures, procedure: procedure, kind: kind,
                template: template!, message: message),
            status: status)
    }

    static func update(_ req: Request) async throws -> Response {
        let body = try await FormBody.read(req)
        let member = try req.staff.member
        let procedure = body.first("procedure") ?? "*"
        let offered = try req.offeredCatalog
        guard let kind = body.first("kind").flatMap(Outbox.Kind.init(rawValue:)),
            procedure == "*" || offered.procedures.contains(where: { $0.id == procedure })
        else { throw AppError.badRequest }
        func text(_ name: String, _ limit: Int) -> String {
            String(TextNormalization.trim(body.first(name) ?? "").prefix(limit))
        }
        let draft = NotificationTemplate(
            subject: LocalizedText(ja: text("subject_ja", 200), en: text("subject_en", 200)),
            body: LocalizedText(ja: text("body_ja", 4000), en: text("body_en", 4000)))
        let texts = [draft.subject.ja, draft.subject.en, draft.body.ja, draft.body.en]
        if texts.contains(where: \.isEmpty) {
            return try await page(
                req, member: member, procedure: procedure, kind: kind, message: (TemplateText.empty, true),
                draft: draft, status: .unprocessableEntity)
        }
        let unknown = texts.flatMap(NotificationTemplate.unknownPlaceholders)
        if let first = unknown.first {
            return try await page(
                req, member: member, procedure: procedure, kind: kind, message: (TemplateText.unknown(first), true),
                draft: draft, status: .unprocessableEntity)
        }
        let now = req.madoguchi.clock.now()
        try await req.madoguchi.writer.transaction(on: req.db) { db in
            try await db.sql.raw(
                """
                INSERT INTO notification_templates (tenant_code, procedure_id, kind, subject_ja, subject_en, body_ja, body_en, updated_at, updated_by)
                VALUES (\(bind: member.tenant.value), \(bind: procedure), \(bind: kind.rawValue), \(bind: draft.subject.ja), \
                \(bind: draft.subject.en), \(bind: draft.body.ja), \(bind: draft.body.en), \(bind: now), \(bind: member.id.uuidString))
                ON CONFLICT (tenant_code, procedure_id, kind) DO UPDATE SET subject_ja = excluded.subject_ja,
                subject_en = excluded.subject_en, body_ja = excluded.body_ja, body_en = excluded.body_en,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """
            ).run()
            try await AuditLog.append(
                .templateChanged, actor: member.id.uuidString, target: "\(procedure)/\(kind.rawValue)",
                tenant: member.tenant, at: now, on: db.sql)
        }
        return try await page(
            req, member: member, procedure: procedure, kind: kind, message: (TemplateText.saved, false))
    }
}

enum TemplatePages {
    static func render(
        _ context: PageContext, member: StaffMember, procedures: [Procedure], procedure: String, kind: Outbox.Kind,
        template: NotificationTemplate, message: (LocalizedText, Bool)?
    ) -> Node {
        let t = context.text
        let procedureOptions = [("*", TemplateText.everyProcedure)] + procedures.map { ($0.id, $0.name) }
        let kindOptions = Outbox.Kind.allCases.map { ($0.rawValue, TemplateText.kind($0)) }
        return StaffLayout.page(context, member: member, title: t(StaffText.templates)) {
            el("h1") { t(StaffText.templates) }
            if let (text, isError) = message { StaffLayout.message(t(text), error: isError) }
            el("form", Attribute("method", "get"), Attribute("action", Route.staffTemplates.path())) {
                InboxPages.select(
                    context, name: "procedure", label: InboxText.procedure, options: procedureOptions,
                    selected: procedure)
                InboxPages.select(
                    context, name: "kind", label: TemplateText.kindLabel, options: kindOptions, selected: kind.rawValue)
                el("button", .class("button button--secondary"), Attribute("type", "submit")) { t(TemplateText.choose) }
            }
            el("p") { t(TemplateText.placeholders) }
            el("form", Attribute("method", "post"), Attribute("action", Route.staffTemplateUpdate.path())) {
                StaffLayout.csrfField(context)
                ApplicationPages.hidden("procedure", procedure)
                ApplicationPages.hidden("kind", kind.rawValue)
                SignInPages.textField(
                    context, name: "subject_ja", label: TemplateText.subjectJa, value: template.subject.ja,
                    required: true)
                SignInPages.textField(
                    context, name: "subject_en", label: TemplateText.subjectEn, value: template.subject.en,
                    required: true)
                area(context, name: "body_ja", label: TemplateText.bodyJa, value: template.body.ja)
                area(context, name: "body_en", label: TemplateText.bodyEn, value: template.body.en)
                el("button", .class("button button--primary"), Attribute("type", "submit")) { t(StaffAdminText.save) }
            }
        }
    }

    static func area(_ context: PageContext, name: String, label: LocalizedText, value: String) -> Node {
        el("div", .class("field")) {
            el("label", .class("field__label"), Attribute("for", name)) { context.text(label) }
            el(
                "textarea", .id(name), Attribute("name", name), Attribute("rows", "8"), .class("input--long"),
                .flag("required")
            ) {
                value
            }
        }
    }
}

enum TemplateText {
    static func t(_ ja: String, _ en: String) -> LocalizedText { LocalizedText(ja: ja, en: en) }

    static let everyProcedure = t("すべての手続（個別の文面がない手続）", "Every procedure (unless it has its own)")
    static let kindLabel = t("通知の種類", "Notice")
    static let choose = t("表示する", "Show")
    static let subjectJa = t("件名（日本語）", "Subject (Japanese)")
    static let subjectEn = t("件名（英語）", "Subject (English)")
    static let bodyJa = t("本文（日本語）", "Body (Japanese)")
    static let bodyEn = t("本文（英語）", "Body (English)")
    static let saved = t("文面を保存しました。", "The template was saved.")
    static let empty = t("件名と本文を、日本語と英語の両方で入力してください。", "Please fill in the subject and body in both languages.")
    static let placeholders = t(
        "使える差し込み項目：{municipality}（自治体名） {procedure}（手続名） {receipt_number}（受付番号） {status_url}（状況確認ページ）。個人番号、申請内容、照会キーは差し込めません。",
        "Placeholders: {municipality}, {procedure}, {receipt_number}, {status_url}. Individual numbers, answers and inquiry keys can never be put in."
    )

    static func unknown(_ placeholder: String) -> LocalizedText {
        t("「\(placeholder)」は使えない差し込み項目です。", "\(placeholder) is not a placeholder that can be used.")
    }

    static func kind(_ kind: Outbox.Kind) -> LocalizedText {
        switch kind {
        case .received: t("受付のお知らせ", "Application received")
        case .correctionRequested: t("補正のお願い", "Correction requested")
        case .approved: t("承認のお知らせ", "Approved")
        case .rejected: t("審査結果（却下）のお知らせ", "Not approved")
        }
    }
}
