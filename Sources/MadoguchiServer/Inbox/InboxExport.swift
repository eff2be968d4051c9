import Foundation
import MadoguchiDomain
import Vapor

/// GET /staff/inbox.csv: the current list (the same filters and search, every page of it, up to
/// `limit` rows) as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read
/// the Japanese), recorded in the audit log with how many rows left.
enum InboxExport {
    static let limit = 100_000

    static func csv(_ req: Request) async throws -> Response {
        let member = try req.staff.member
        let services = req.madoguchi
        var (offered, query, search, problems) = try InboxController.requested(req, by: member)
        guard problems.isEmpty else { throw AppError.badRequest }
        query.after = nil  // the whole list, from its start
        let today = JapanCalendar.civilDate(of: services.clock.now())
        let names = try await StaffDirectory.names(tenant: member.tenant, on: req.db)
        let procedureNames = Dictionary(offered.map { ($0.id, $0.name.ja) }) { first, _ in first }
        var rows = [
            ["受付番号", "手続", "申請者", "生年月日", "状態", "受付日", "処理期限", "担当者", "申請経路"]
        ]
        var count = 0
        while count < limit {
            let page = try await InboxList.page(
                query, search: search, for: member, today: today, limit: 1000, on: req.db.sql)
            for item in page.items {
                rows.append([
                    item.receiptNumber, procedureNames[item.procedureID] ?? item.procedureID,
                    item.applicantName ?? "", item.birthDate ?? "", item.status.label.ja,
                    JapanCalendar.civilDate(of: item.receivedAt).iso, item.dueDate,
                    item.assignee.flatMap { names[$0.uuidString] } ?? "", item.channel,
                ])
            }
            count += page.items.count
            guard let next = page.next else { break }
            query.after = next
        }
        try await services.audit.record(
            .inboxExported, actor: member.id.uuidString,
            detail: "rows=\(count)" + (search.map { ";search=\(InboxController.kind(of: $0))" } ?? ""),
            tenant: member.tenant, at: services.clock.now())
        let text = "\u{FEFF}" + rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"inbox-\(today.iso).csv\"")
        return response
    }

    /// A CSV field: quoted when it holds a comma, a quote or a line break; a leading =, +, - or @
    /// is prefixed with an apostrophe, so a spreadsheet never runs a resident's text as a formula.
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// GET /staff/applications/:application/attachments/:sha256: a file the application refers to,
/// shown inline (PDF or image), to staff who may see the application; recorded in the audit log.
enum AttachmentView {
    static func show(_ req: Request) async throws -> Response {
        let member = try req.staff.member
        let id = try ApplicationController.applicationID(req)
        guard let sha = req.parameters.get("sha256"), SHA256Hex.isHex(Array(sha.utf8)), sha.count == 64,
            let detail = try await ApplicationDetail.load(id, for: member, on: req.db),
            let reference = AttachmentReference.all(in: detail.data).first(where: { $0.sha256 == sha })
                ?? detail.revisions.lazy.flatMap({ AttachmentReference.all(in: $0.data) }).first(where: {
                    $0.sha256 == sha
                })
        else { throw AppError.notFound }
        let bytes = try await req.application.threadPool.runIfActive {
            try Data(contentsOf: req.madoguchi.attachments.path(for: sha))
        }
        try await req.madoguchi.audit.record(
            .attachmentViewed, actor: member.id.uuidString, target: id.uuidString, detail: "sha256=\(sha)",
            tenant: member.tenant, at: req.madoguchi.clock.now())
        let response = Response(status: .ok, body: .init(data: bytes))
        let type =
            switch reference.kind {
            case "pdf": "application/pdf"
            case "jpeg": "image/jpeg"
            case "png": "image/png"
            default: "application/octet-stream"
            }
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "inline")
        return response
    }
}
