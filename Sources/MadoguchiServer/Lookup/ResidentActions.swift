import Fluent
import Foundation
import MadoguchiDomain
import Vapor

/// What the resident does from the status page: correct what staff asked (補正) and withdraw (取下げ).
/// The page that offers them carries a sealed pass (受付番号 and municipality, bound to the browser's
/// CSRF cookie, valid for an hour), so neither the 受付番号 nor the 照会キー enter a URL and the
/// next step need not ask for them again.
enum ResidentActions {
    static let passField = "_pass"
    static let passLifetime: TimeInterval = 3600

    static func pass(for number: ReceiptNumber, tenant: LocalGovernmentCode, req: Request) -> String {
        let sealer = SealedToken(purpose: "status-pass", secret: req.madoguchi.secret)
        let issued = Int(req.madoguchi.clock.now().timeIntervalSince1970)
        return sealer.seal(Data("\(tenant.value)|\(number)|\(issued)".utf8), binding: req.csrfCookieValue ?? "") ?? ""
    }

    /// The application a pass names, if the pass is this browser's, this municipality's and fresh.
    static func application(
        fromPass pass: String?, req: Request
    ) async throws
        -> (record: ApplicationRecord, number: ReceiptNumber)
    {
        let sealer = SealedToken(purpose: "status-pass", secret: req.madoguchi.secret)
        let tenant = try req.municipality.code
        guard let pass, let opened = sealer.open(pass, binding: req.cookies[CSRFMiddleware.cookieName]?.string ?? ""),
            case let parts = String(decoding: opened, as: UTF8.self).split(separator: "|"), parts.count == 3,
            parts[0] == tenant.value, let number = ReceiptNumber(String(parts[1])), let issued = Double(parts[2]),
            req.madoguchi.clock.now().timeIntervalSince1970 - issued < passLifetime,
            let record = try await ApplicationQueries.find(number, tenant: tenant, on: req.db)
        else { throw AppError.formExpired }
        return (record, number)
    }

    /// POST /status/withdraw: first a confirmation, then (confirm=1) the withdrawal.
    static func withdraw(_ req: Request) async throws -> Response {
        let body = try await FormBody.read(req)
        let (record, number) = try await application(fromPass: body.first(passField), req: req)
        let context = try PageContext.from(req)
        guard body.first("confirm") == "1" else {
            return Layout.response(
                ResidentPages.confirmWithdrawal(context, number: number, pass: body.first(passField) ?? ""))
        }
        let outcome = try await ApplicationWork.perform(
            .withdraw, on: record.id!, by: .resident, tenant: try req.municipality.code, expectedVersion: nil,
            reason: nil, services: req.madoguchi, on: req.db)
        switch outcome {
        case .success: return try await LookupController.statusPage(req, number: number, notice: UIText.withdrawn)
        case .failure(.refused(let refusal)):
            return try await LookupController.statusPage(req, number: number, error: refusal.message, status: .conflict)
        case .failure: throw AppError.applicationNotFound
        }
    }

    /// POST /status/correction: the form with only the fields staff asked to correct; with
    /// `_submit`, the corrected answers, validated as at intake.
    static func correction(_ req: Request) async throws -> Response {
        let body = try await FormBody.read(req)
        let pass = body.first(passField) ?? ""
        let (record, number) = try await application(fromPass: pass, req: req)
        let municipality = try req.municipality
        let services = req.madoguchi
        guard let id = record.id,
            let correction = try await ApplicationWork.openCorrection(id, tenant: municipality.code, on: req.db.sql)
        else {
            return try await LookupController.statusPage(
                req, number: number, error: UIText.nothingToCorrect, status: .conflict)
        }
        let procedure = try await ProcedureVersions.procedure(
            record.procedureID, version: record.procedureVersion, req: req)
        // Sealed numbers are opened to be validated again, and sealed afresh when stored.
        let stored = services.numberVault.openAll(
            (try? FormDataCoding.decode(record.data)) ?? [:], procedure: procedure, tenant: municipality.code.value)
        let now = services.clock.now()
        // The stored answers as input again; the files they refer to as fresh tokens.
        var input = FormValue.input(
            from: Self.withTokens(stored, municipality: municipality.code, services: services, now: now))
        let context = try PageContext.from(req)
        guard body.first("_submit") == "1" else {
            return Layout.response(
                ResidentPages.correctionForm(
                    context, procedure: procedure, number: number, correction: correction, input: input, issues: [],
                    pass: pass,
                    attachment: { services.attachments.resolve(token: $0, at: now, tenant: municipality.code) }))
        }
        for field in correction.fields {
            input.values = input.values.filter { $0.key != field && !$0.key.hasPrefix(field + ".") }
        }
        for (name, values) in body.fields
        where correction.fields.contains(where: { name == $0 || name.hasPrefix($0 + ".") }) {
            input.values[name] = values
        }
        let validation = FormValidator.validate(
            procedure, input: input, context: services.intake.validationContext(for: municipality, at: now))
        guard validation.isValid else {
            return Layout.response(
                ResidentPages.correctionForm(
                    context, procedure: procedure, number: number, correction: correction, input: input,
                    issues: validation.issues, pass: pass,
                    attachment: { services.attachments.resolve(token: $0, at: now, tenant: municipality.code) }),
                status: .unprocessableEntity)
        }
        let inbox = InboxFields.make(
            procedure: procedure, data: validation.data, received: JapanCalendar.civilDate(of: record.submittedAt),
            openDays: municipality.openDays)
        let outcome = try await ApplicationWork.resubmit(
            id, tenant: municipality.code,
            data: services.numberVault.sealAll(validation.data, procedure: procedure, tenant: municipality.code.value),
            inbox: inbox,
            attachments: AttachmentReference.all(in: validation.data).map(\.sha256), services: services, on: req.db)
        switch outcome {
        case .success: return try await LookupController.statusPage(req, number: number, notice: UIText.correctionSent)
        case .failure(.refused(let refusal)):
            return try await LookupController.statusPage(req, number: number, error: refusal.message, status: .conflict)
        case .failure: throw AppError.applicationNotFound
        }
    }

    /// `data` with every attachment replaced by a token for its file, as a form box carries it.
    static func withTokens(
        _ data: FormData, municipality: LocalGovernmentCode, services: MadoguchiServices, now: Date
    ) -> FormData {
        func convert(_ value: FormValue) -> FormValue {
            if let reference = AttachmentReference(value) {
                return .string(services.attachments.token(for: reference, issuedAt: now, tenant: municipality))
            }
            switch value {
            case .items(let items): return .items(items.map { $0.mapValues(convert) })
            default: return value
            }
        }
        return data.mapValues(convert)
    }
}
