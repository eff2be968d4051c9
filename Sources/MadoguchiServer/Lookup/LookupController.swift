import Fluent
import MadoguchiDomain
import Vapor

/// 申請状況の確認 (受付番号 + 照会キー) and 一時保存の再開 (再開コード). Both are POST so that the codes
/// never appear in URLs, logs or browser history.
enum LookupController {
    static func statusForm(_ req: Request) async throws -> Response {
        Layout.response(ReceiptPages.statusForm(try .from(req)))
    }

    static func statusLookup(_ req: Request) async throws -> Response {
        let body = try await FormBody.read(req)
        let typedNumber = String((body.first("receipt_number") ?? "").prefix(40))
        let municipality = try req.municipality
        guard let number = ReceiptNumber(typedNumber),
            AccessCode.verifyInquiryKey(
                body.first("inquiry_key") ?? "", secret: req.madoguchi.secret, tenant: municipality.code,
                receipt: number)
        else {
            let page = ReceiptPages.statusForm(
                try .from(req), receiptNumber: typedNumber, error: AppError.applicationNotFound.message)
            return Layout.response(page, status: .notFound)
        }
        return try await statusPage(req, number: number)
    }

    /// The status page of an application whose 受付番号 and 照会キー the resident has shown (or
    /// whose pass they carry), with what they can do now: correct what staff asked, or withdraw.
    static func statusPage(
        _ req: Request, number: ReceiptNumber, notice: LocalizedText? = nil, error: LocalizedText? = nil,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let municipality = try req.municipality
        guard let view = try await ApplicationQueries.status(number, tenant: municipality.code, on: req.db) else {
            let page = ReceiptPages.statusForm(try .from(req), error: AppError.applicationNotFound.message)
            return Layout.response(page, status: .notFound)
        }
        let procedure = try await ProcedureVersions.procedure(
            view.procedureID, version: view.procedureVersion, req: req)
        let correction =
            view.status == .correctionRequested
            ? try await ApplicationWork.openCorrection(view.id, tenant: municipality.code, on: req.db.sql) : nil
        let page = ReceiptPages.status(
            try .from(req), view: view, procedure: procedure, correction: correction,
            pass: ResidentActions.pass(for: number, tenant: municipality.code, req: req), notice: notice, error: error)
        return Layout.response(page, status: status)
    }

    static func resumeForm(_ req: Request) async throws -> Response {
        Layout.response(ReceiptPages.resumeForm(try .from(req)))
    }

    static func resumeLookup(_ req: Request) async throws -> Response {
        let body = try await FormBody.read(req)
        let municipality = try req.municipality
        let digest = AccessCode.digest(String((body.first("resume_code") ?? "").prefix(40)))
        guard
            let draft = try await DraftRecord.query(on: req.db)
                .filter(\.$tenantCode == municipality.code.value)
                .filter(\.$codeDigest == digest)
                .filter(\.$expiresAt > req.madoguchi.clock.now())
                .first(),
            let procedure = try req.offeredCatalog.procedure(draft.procedureID),
            let input = req.madoguchi.numberVault.openText(draft.input, tenant: municipality.code.value),
            let content = try? JSONDecoder().decode(DraftContent.self, from: Data(input.utf8))
        else {
            return Layout.response(
                ReceiptPages.resumeForm(try .from(req), error: AppError.draftNotFound.message), status: .notFound)
        }
        // The draft vouches for its files: their tokens are issued afresh, however old.
        let store = req.madoguchi.attachments
        let now = req.madoguchi.clock.now()
        let values = try await req.application.threadPool.runIfActive {
            content.values.mapValues { values in
                values.map { store.reissue(token: $0, at: now, tenant: municipality.code) ?? $0 }
            }
        }
        let state = FormState(
            input: FormInput(values), items: content.items,
            step: min(draft.step, procedure.steps.count - 1), idempotencyKey: content.idempotencyKey)
        return try FormController.render(req, procedure: procedure, state: state)
    }
}
