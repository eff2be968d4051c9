import Fluent
import MadoguchiDomain
import Vapor

/// The resident form: steps, confirmation, save for later, submit, and the 控え.
enum FormController {
    /// GET: a fresh form at its first step.
    static func start(_ req: Request) async throws -> Response {
        let procedure = try PortalController.procedure(of: req)
        let state = FormState.start(procedure, idempotencyKey: UUIDKey.make())
        return try render(req, procedure: procedure, state: state)
    }

    static func render(
        _ req: Request, procedure: Procedure, state: FormState, status: HTTPResponseStatus = .ok
    ) throws
        -> Response
    {
        var context = try PageContext.from(req, languageSwitchForm: FormPages.formID)
        context.defaultAction = ("next", state.step == procedure.steps.count - 1 ? UIText.toConfirm : UIText.next)
        let store = req.madoguchi.attachments
        let now = req.madoguchi.clock.now()
        let tenant = try req.municipality.code
        return Layout.response(
            FormPages.step(
                context, procedure: procedure, state: state, sealer: req.formSealer,
                attachment: { store.resolve(token: $0, at: now, tenant: tenant) }),
            status: status)
    }

    /// POST: one step forward, back, add/remove a group item, switch language, save, or go to 確認.
    static func step(_ req: Request) async throws -> Response {
        let procedure = try PortalController.procedure(of: req)
        let body = try await FormBody.read(req, uploadsOf: procedure)
        var state = try FormState.read(body, procedure: procedure, sealer: req.formSealer)
        let uploadIssues = try await storeUploads(body, into: &state, procedure: procedure, req: req)
        let action = body.first(FormState.actionField) ?? "next"
        let services = req.madoguchi
        switch action {
        case _ where action.hasPrefix("lang:"):
            return try switchingLanguage(req, to: action) { try render(req, procedure: procedure, state: state) }
        case "back":
            state.step = max(state.step - 1, 0)
        case _ where action.hasPrefix("edit:"):
            state.step = min(max(Int(action.dropFirst(5)) ?? 0, 0), procedure.steps.count - 1)
        case _ where action.hasPrefix("add:"):
            let group = String(action.dropFirst(4))
            if let field = procedure.field(group), field.type == .group { state.addItem(to: group, max: field.max) }
        case _ where action.hasPrefix("remove:"):
            let target = action.dropFirst(7).split(separator: ".")
            if target.count == 2, let index = Int(target[1]) { state.removeItem(String(target[0]), index: index) }
        case "save":
            return try await saveDraft(req, procedure: procedure, state: state)
        default:
            let context = services.intake.validationContext(for: try req.municipality)
            let stepIssues = FormValidator.validate(
                procedure, input: state.input, context: context, steps: [procedure.steps[state.step]]
            ).issues
            state.issues =
                uploadIssues + stepIssues.filter { issue in !uploadIssues.contains { $0.path == issue.path } }
            guard state.issues.isEmpty else {
                return try render(req, procedure: procedure, state: state, status: .unprocessableEntity)
            }
            if state.step < procedure.steps.count - 1 {
                state.step += 1
            } else {
                return try reviewOrStep(req, procedure: procedure, state: &state)
            }
        }
        state.issues = uploadIssues
        return try render(req, procedure: procedure, state: state)
    }

    /// The language switch on a form page (`lang:en`): the same page in that language, the choice
    /// remembered.
    static func switchingLanguage(_ req: Request, to action: String, page: () throws -> Response) rethrows -> Response {
        let language = Language(code: String(action.dropFirst("lang:".count)))
        req.storage[Request.LanguageOverrideKey.self] = language
        let response = try page()
        PortalController.setLanguageCookie(language, on: response, secure: req.madoguchi.config.mode == .production)
        return response
    }

    /// After the last step: the 確認画面 when every answer is valid, else the first step with a problem,
    /// listing only that step's problems (their boxes are on the page) and saying others remain.
    static func reviewOrStep(_ req: Request, procedure: Procedure, state: inout FormState) throws -> Response {
        let outcome = FormValidator.validate(
            procedure, input: state.input, context: req.madoguchi.intake.validationContext(for: try req.municipality))
        guard outcome.isValid else {
            state.step = stepIndex(of: outcome.issues[0].path, in: procedure)
            state.issues = issues(onStep: state.step, of: outcome.issues, in: procedure)
            return try render(req, procedure: procedure, state: state, status: .unprocessableEntity)
        }
        var context = try PageContext.from(req, languageSwitchForm: FormPages.formID)
        context.defaultAction = ("submit", UIText.submit)
        let page = FormPages.confirm(
            context, procedure: procedure, state: state, data: outcome.data, sealer: req.formSealer)
        return Layout.response(page)
    }

    static func issues(onStep step: Int, of issues: [FieldIssue], in procedure: Procedure) -> [FieldIssue] {
        issues.filter { stepIndex(of: $0.path, in: procedure) == step }
    }

    /// Files chosen on this step are stored at once (fsynced, off the event loops); the form then
    /// carries their token. Only the attachment boxes of the current step take files.
    static func storeUploads(
        _ body: FormBody, into state: inout FormState, procedure: Procedure, req: Request
    )
        async throws -> [FieldIssue]
    {
        var issues: [FieldIssue] = []
        let store = req.madoguchi.attachments
        let now = req.madoguchi.clock.now()
        for (path, file) in body.files.sorted(by: { $0.key < $1.key }) where !file.bytes.isEmpty {
            guard let field = attachmentField(at: path, onStep: state.step, of: procedure) else { continue }
            guard try await req.takeUploadAllowance(file.bytes.count) else {
                issues.append(FieldIssue(path: path, label: field.label, error: .attachmentLimit))
                state.input[path] = nil
                continue
            }
            do {
                let reference = try await req.application.threadPool.runIfActive {
                    try store.store(file.bytes, filename: file.filename, now: now)
                }
                state.input[path] = store.token(for: reference, issuedAt: now, tenant: try req.municipality.code)
            } catch AttachmentStore.Failure.unsupportedKind {
                let accepted = field.acceptedKinds.map { $0.uppercased() }
                issues.append(FieldIssue(path: path, label: field.label, error: .attachmentType(accepted: accepted)))
                state.input[path] = nil
            } catch AttachmentStore.Failure.storageFull {
                // Everything typed stays; only this file must be chosen again later.
                req.logger.critical("attachment refused: the attachment store's volume is nearly full")
                issues.append(FieldIssue(path: path, label: field.label, error: .attachmentUnavailable))
                state.input[path] = nil
            }
        }
        return issues
    }

    /// The attachment field an upload path names (`doc` or `group.N.doc`) on the given step.
    static func attachmentField(at path: String, onStep step: Int, of procedure: Procedure) -> FieldDefinition? {
        let parts = path.split(separator: ".").map(String.init)
        guard procedure.steps.indices.contains(step),
            let top = procedure.steps[step].fields.first(where: { $0.id == parts.first })
        else { return nil }
        if parts.count == 1 { return top.type == .attachment ? top : nil }
        guard parts.count == 3, top.type == .group, Int(parts[1]) != nil,
            let child = top.fields.first(where: { $0.id == parts[2] }), child.type == .attachment
        else { return nil }
        return child
    }

    static func stepIndex(of path: String, in procedure: Procedure) -> Int {
        let top = String(path.split(separator: ".").first ?? "")
        return procedure.steps.firstIndex { step in step.fields.contains { $0.id == top } } ?? 0
    }

    /// POST from the 確認画面: store the application, then show the 控え (POST → redirect → GET).
    static func submit(_ req: Request) async throws -> Response {
        let procedure = try PortalController.procedure(of: req)
        let body = try await FormBody.read(req, uploadsOf: procedure)
        var state = try FormState.read(body, procedure: procedure, sealer: req.formSealer)
        let municipality = try req.municipality
        // Only the 「この内容で申請する」 button files the application; anything else posted here
        // (the language switch on the 確認画面) shows the 確認画面 again.
        let action = body.first(FormState.actionField) ?? ""
        guard action == "submit" else {
            guard action.hasPrefix("lang:") else { return try reviewOrStep(req, procedure: procedure, state: &state) }
            return try switchingLanguage(req, to: action) { try reviewOrStep(req, procedure: procedure, state: &state) }
        }
        let outcome = try await req.madoguchi.intake.submit(
            procedure, input: state.input, municipality: municipality, channel: .web,
            idempotencyKey: state.idempotencyKey)
        switch outcome {
        case .invalid(let issues):
            state.step = stepIndex(of: issues[0].path, in: procedure)
            state.issues = Self.issues(onStep: state.step, of: issues, in: procedure)
            return try render(req, procedure: procedure, state: state, status: .unprocessableEntity)
        case .conflict:
            throw AppError.idempotencyConflict
        case .stored(let receipt):
            let response = req.redirect(to: SiteURL.receipt.path, redirectType: .normal)
            response.cookies[ReceiptCookie.name] = ReceiptCookie.make(
                receipt, tenant: municipality.code, secret: req.madoguchi.secret,
                secure: req.madoguchi.config.mode == .production, now: req.madoguchi.clock.now())
            return response
        }
    }

    /// GET: the 控え of the application this browser just submitted.
    static func receipt(_ req: Request) async throws -> Response {
        let municipality = try req.municipality
        guard let value = req.cookies[ReceiptCookie.name]?.string,
            let content = ReceiptCookie.read(
                value, tenant: municipality.code, secret: req.madoguchi.secret, now: req.madoguchi.clock.now()),
            let record = try await ApplicationQueries.find(content.receipt, tenant: municipality.code, on: req.db),
            let id = record.id
        else { throw AppError.applicationNotFound }
        let procedure = try await ProcedureVersions.procedure(
            record.procedureID, version: record.procedureVersion, req: req)
        let receipt = req.madoguchi.intake.receipt(
            for: content.receipt, id: id, at: record.submittedAt, tenant: municipality.code, created: true)
        return Layout.response(
            ReceiptPages.receipt(try .from(req), procedure: procedure, receipt: receipt, municipality: municipality))
    }

    static func saveDraft(_ req: Request, procedure: Procedure, state: FormState) async throws -> Response {
        var generator = SystemRandomNumberGenerator()
        let code = AccessCode.random(count: 12, using: &generator)
        let municipality = try req.municipality
        let now = req.madoguchi.clock.now()
        let stored = DraftContent(values: state.input.values, items: state.items, idempotencyKey: state.idempotencyKey)
        let expiry = now.addingTimeInterval(DraftRecord.lifetime)
        // The draft keeps its files until it expires.
        let store = req.madoguchi.attachments
        try await req.application.threadPool.runIfActive {
            for value in stored.values.values.joined() {
                store.keep(token: value, until: expiry, tenant: municipality.code)
            }
        }
        let draft = DraftRecord(
            tenantCode: municipality.code.value, codeDigest: AccessCode.digest(code),
            sessionDigest: DraftRecord.sessionDigest(state.idempotencyKey), procedureID: procedure.id,
            procedureVersion: procedure.version,
            // A draft holds the answers as typed, 個人番号 included: sealed like an application's.
            input: req.madoguchi.numberVault.sealText(
                String(decoding: try JSONEncoder().encode(stored), as: UTF8.self), tenant: municipality.code.value),
            step: state.step, expiresAt: expiry)
        try await req.madoguchi.writer.transaction(on: req.db) { db in
            try await draft.create(on: db)
            try await DraftRecord.purgeExpired(now: now, on: db)
        }
        return Layout.response(FormPages.draftSaved(try .from(req), procedure: procedure, code: code))
    }
}
