import Foundation
import MadoguchiDomain
import SQLKit
import Vapor

/// 方式1 (転記) and 方式2 (RPA) of the transitional hand-off: one application's values in the core
/// system's order and format, from the procedure's hand-off layout (Catalog/handoff/), each with
/// a stable element id and a copy button, printable; and the same as a CSV file of two records
/// (item names, values). For the 担当 of the application's 課; 個人番号 are shown in full (the
/// core system needs them), so each view is audited as a view and as a reveal.
enum TranscriptionController {
    struct Model: Sendable {
        var applicationID: UUID
        var receiptNumber: String
        var procedureName: LocalizedText
        var layoutName: String
        var layouts: [String]
        var items: [TranscriptionItem]
        var print: Bool
    }

    static func show(_ req: Request) async throws -> Response {
        let member = try req.staff.member
        let model = try await model(req, member: member)
        return Layout.response(TranscriptionPages.render(try PageContext.staff(req), member: member, model: model))
    }

    static func csv(_ req: Request) async throws -> Response {
        let member = try req.staff.member
        let model = try await model(req, member: member)
        var writer = CSVWriter(byteOrderMark: true)
        writer.append(model.items.map(\.name))
        writer.append(model.items.map(\.value))
        let response = Response(status: .ok, body: .init(string: writer.text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename=\"\(model.receiptNumber)-\(model.layoutName).csv\"")
        return response
    }

    private static func model(_ req: Request, member: StaffMember) async throws -> Model {
        let id = try ApplicationController.applicationID(req)
        let services = req.madoguchi
        guard let detail = try await ApplicationDetail.load(id, for: member, on: req.db) else {
            throw AppError.applicationNotFound
        }
        let record = detail.record
        let procedure = try await ProcedureVersions.procedure(
            record.procedureID, version: record.procedureVersion, req: req)
        let layouts = services.handOffLayouts
        let requested = req.query[String.self, at: "layout"].flatMap { HandOffLayout.isName($0) ? $0 : nil }
        guard case .success(let layout) = layouts.layout(named: requested, format: .csv, for: procedure)
        else { throw AppError.applicationNotFound }
        let queued = try await req.db.sql.raw(
            "SELECT sequence, released_at FROM handoff_queue WHERE application_id = \(bind: id)"
        ).first()
        let now = services.clock.now()
        let row = HandOffRow(
            receiptNumber: record.receiptNumber, sequence: try queued?.decode(column: "sequence", as: Int64.self) ?? 0,
            submittedAt: record.submittedAt,
            releasedAt: try queued?.decode(column: "released_at", as: Date.self) ?? now, procedure: procedure,
            data: services.numberVault.openAll(
                try FormDataCoding.decode(record.data), procedure: procedure, tenant: member.tenant.value))
        let facts = HandOffFileFacts(
            municipality: member.tenant.value, procedureID: procedure.id, createdAt: now, recordCount: 1,
            exportNumber: 0)
        let items = HandOffFormatter(layout: layout, encoding: .utf8).transcription(row, facts: facts)
        for action in [AuditAction.applicationViewed, .individualNumberRevealed] {
            try await services.audit.record(
                action, actor: member.id.uuidString, target: id.uuidString,
                detail: "transcription;layout=\(layout.name)",
                tenant: member.tenant, at: now)
        }
        return Model(
            applicationID: id, receiptNumber: record.receiptNumber, procedureName: procedure.name,
            layoutName: layout.name,
            layouts: layouts.layouts(for: procedure).filter { $0.format == .csv }.map(\.name), items: items,
            print: req.query[String.self, at: "print"] == "1")
    }
}
