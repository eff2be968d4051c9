import Fluent
import MadoguchiDomain
import Vapor

/// JSON API v1: the same validation and store as the web form (channel `api`).
enum APIController {
    struct ProcedureSummary: Content {
        var id: String
        var version: String
        var name: Text
        var category: String
        var department: String
        var standardProcessingDays: Int
        var signature: String

        enum CodingKeys: String, CodingKey {
            case id, version, name, category, department, signature
            case standardProcessingDays = "standard_processing_days"
        }
    }

    struct Text: Content {
        var ja: String
        var en: String
        init(_ text: LocalizedText) {
            ja = text.ja
            en = text.en
        }
    }

    struct FieldSchema: Content {
        var id: String
        var type: String
        var label: Text
        var required: Bool
        var options: [String]?
        var fields: [FieldSchema]?
        var visibleWhen: VisibleWhen?

        enum CodingKeys: String, CodingKey {
            case id, type, label, required, options, fields
            case visibleWhen = "visible_when"
        }

        struct VisibleWhen: Content {
            var field: String
            var `in`: [String]
        }

        init(_ field: FieldDefinition) {
            id = field.id
            type = field.type.rawValue
            label = Text(field.label)
            required = field.required
            options = field.type.hasOptions ? field.options.map(\.value) : nil
            fields = field.type == .group ? field.fields.map(FieldSchema.init) : nil
            visibleWhen = field.visibleWhen.map { VisibleWhen(field: $0.field, in: $0.values) }
        }
    }

    struct ProcedureDetail: Content {
        var procedure: ProcedureSummary
        var fields: [FieldSchema]
    }

    static func summary(_ procedure: Procedure) -> ProcedureSummary {
        ProcedureSummary(
            id: procedure.id, version: procedure.version, name: Text(procedure.name),
            category: procedure.category.rawValue, department: procedure.department,
            standardProcessingDays: procedure.standardProcessingDays, signature: procedure.signature.rawValue)
    }

    static func procedures(_ req: Request) async throws -> [ProcedureSummary] {
        try req.offeredCatalog.procedures.map(summary)
    }

    static func procedure(_ req: Request) async throws -> ProcedureDetail {
        let procedure = try PortalController.procedure(of: req)
        return ProcedureDetail(procedure: summary(procedure), fields: procedure.fields.map(FieldSchema.init))
    }

    struct SubmitRequest {
        var procedureId: String
        var input: FormInput
        var idempotencyKey: String?

        /// Reads `{"procedure_id": "…", "data": {…}, "idempotency_key": "…"}`, `data` straight into
        /// form input.
        init(_ bytes: some Collection<UInt8>) throws {
            guard let (root, input) = try? JSONReader.parse(bytes, formMember: "data"), let input,
                case .string(let id) = root["procedure_id"]
            else { throw AppError.invalidJSON }
            procedureId = id
            self.input = input
            switch root["idempotency_key"] {
            case .string(let key): idempotencyKey = key
            case nil, .null: idempotencyKey = nil
            default: throw AppError.invalidJSON
            }
        }
    }

    struct SubmitResponse: Content {
        var receiptNumber: String
        var inquiryKey: String
        var status: String
        var procedureId: String
        var procedureVersion: String
        var submittedAt: Date

        /// The body as JSON, written directly (it answers every accepted submission); the same
        /// members and date format (ISO 8601, UTC, seconds) as encoding it with Vapor's encoder.
        var json: String {
            var out: [UInt8] = [UInt8(ascii: "{")]
            out.reserveCapacity(256)
            for (index, (name, value)) in [
                ("receipt_number", receiptNumber), ("inquiry_key", inquiryKey), ("status", status),
                ("procedure_id", procedureId), ("procedure_version", procedureVersion),
                ("submitted_at", submittedAt.iso8601UTC),
            ].enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                FormDataCoding.writeJSONString(name, into: &out)
                out.append(UInt8(ascii: ":"))
                FormDataCoding.writeJSONString(value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
            return String(decoding: out, as: UTF8.self)
        }

        enum CodingKeys: String, CodingKey {
            case status
            case receiptNumber = "receipt_number"
            case inquiryKey = "inquiry_key"
            case procedureId = "procedure_id"
            case procedureVersion = "procedure_version"
            case submittedAt = "submitted_at"
        }
    }

    /// Whether a Content-Type names JSON (`application/json`, `…/json; charset=utf-8`), read without
    /// parsing it into a media type on every submission.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.prefix { $0 != ";" }
        guard let slash = mediaType.firstIndex(of: "/") else { return false }
        return TextNormalization.equalsIgnoringASCIICase(
            TextNormalization.trim(String(mediaType[mediaType.index(after: slash)...])), oneOf: ["json"])
    }

    struct ValidationErrorBody: Content {
        struct Item: Content {
            var path: String
            var code: String
            var message: Text
        }

        var errors: [Item]
    }

    /// POST /api/v1/applications, registered as an event-loop route: reading and validating run in a
    /// task; once the application is committed, the writer hands it straight to the connection's
    /// event loop, which makes the answer there, without a second hop through the task pool.
    static func submit(_ req: Request) -> EventLoopFuture<Response> {
        let response = req.eventLoop.makePromise(of: Response.self)
        Task {
            do {
                if let answered = try await submit(req, answering: response) { response.succeed(answered) }
            } catch {
                response.fail(error)
            }
        }
        return response.futureResult
    }

    /// Reads and validates the submission and hands it to the writer, which completes `response`;
    /// the response itself when there is nothing to store (the input is invalid).
    private static func submit(
        _ req: Request, answering response: EventLoopPromise<Response>
    ) async throws
        -> Response?
    {
        guard isJSON(req.headers.first(name: .contentType)) else { throw AppError.unsupportedMediaType }
        let body = try await req.bodyBytes(max: min(req.madoguchi.config.maxBodyBytes, Request.maxTextBodyBytes))
        let request = try SubmitRequest(body.readableBytesView)
        guard let procedure = try req.offeredCatalog.procedure(request.procedureId) else {
            throw AppError.procedureNotFound
        }
        // The header's key is used when both are sent; a key that cannot be one is refused wherever it is.
        let keys = [req.headers.first(name: "Idempotency-Key"), request.idempotencyKey].compactMap { $0 }
        guard keys.allSatisfy({ IntakeService.cleanKey($0) == $0 }) else { throw AppError.invalidIdempotencyKey }
        let key = keys.first
        let (procedureID, version) = (procedure.id, procedure.version)
        // A field the procedure does not have is named, not dropped.
        let unknown = FormValidator.unknownPaths(procedure, input: request.input)
        guard unknown.isEmpty else {
            let issues = unknown.map {
                FieldIssue(path: $0, label: LocalizedText(ja: $0, en: $0), error: .unknownField)
            }
            return try Self.response(to: .invalid(issues), procedureID: procedureID, version: version)
        }
        let issues = try req.madoguchi.intake.submit(
            procedure, input: request.input, municipality: try req.municipality, channel: .api,
            idempotencyKey: key, answeringOn: req.eventLoop
        ) { outcome in
            response.completeWith(
                outcome.flatMap { outcome in
                    Result { try Self.response(to: outcome, procedureID: procedureID, version: version) }
                })
        }
        guard let issues else { return nil }
        return try Self.response(to: .invalid(issues), procedureID: procedureID, version: version)
    }

    private static func response(
        to outcome: IntakeService.Outcome, procedureID: String, version: String
    ) throws
        -> Response
    {
        switch outcome {
        case .invalid(let issues):
            let body = ValidationErrorBody(
                errors: issues.map { .init(path: $0.path, code: $0.error.code, message: Text($0.error.message)) })
            let response = Response(status: .unprocessableEntity)
            try response.content.encode(body, as: .json)
            return response
        case .conflict:
            throw AppError.idempotencyConflict
        case .stored(let receipt):
            let body = SubmitResponse(
                receiptNumber: receipt.receiptNumber.description, inquiryKey: receipt.inquiryKey,
                status: ApplicationStatus.received.rawValue, procedureId: procedureID, procedureVersion: version,
                submittedAt: receipt.submittedAt)
            var headers = HTTPHeaders()
            headers.contentType = .json
            return Response(status: receipt.created ? .created : .ok, headers: headers, body: .init(string: body.json))
        }
    }

    struct StatusResponse: Content {
        struct Entry: Content {
            var status: String
            var at: Date
        }

        var receiptNumber: String
        var procedureId: String
        var procedureVersion: String
        var status: String
        var statusLabel: Text
        var submittedAt: Date
        var history: [Entry]

        enum CodingKeys: String, CodingKey {
            case status, history
            case receiptNumber = "receipt_number"
            case procedureId = "procedure_id"
            case procedureVersion = "procedure_version"
            case statusLabel = "status_label"
            case submittedAt = "submitted_at"
        }
    }

    /// The 照会キー travels in the `X-Inquiry-Key` header, never in the URL.
    static func application(_ req: Request) async throws -> StatusResponse {
        let municipality = try req.municipality
        guard let number = req.parameters.get("receipt").flatMap(ReceiptNumber.init),
            let key = req.headers.first(name: "X-Inquiry-Key"),
            AccessCode.verifyInquiryKey(key, secret: req.madoguchi.secret, tenant: municipality.code, receipt: number),
            let view = try await ApplicationQueries.status(number, tenant: municipality.code, on: req.db)
        else { throw AppError.applicationNotFound }
        return StatusResponse(
            receiptNumber: number.description, procedureId: view.procedureID,
            procedureVersion: view.procedureVersion,
            status: view.status.rawValue, statusLabel: Text(view.status.label), submittedAt: view.submittedAt,
            history: view.history.map { .init(status: $0.status.rawValue, at: $0.at) })
    }

    struct AttachmentResponse: Content {
        var token: String
        var sha256: String
        var size: Int
        var kind: String
        var filename: String
        /// Until when the token is accepted (`AttachmentStore.tokenLifetime`); the file is removed
        /// some time after that unless an application refers to it.
        var expiresAt: String

        enum CodingKeys: String, CodingKey {
            case token, sha256, size, kind, filename
            case expiresAt = "expires_at"
        }
    }

    /// `POST /api/v1/attachments`: stores a file (PDF, JPEG or PNG, recognised by its content) and
    /// answers the token to put in an attachment field of an application. The file may be as large
    /// as the largest any field of the municipality's procedures accepts; the field it is attached
    /// to checks its own limit when the application is submitted.
    static func uploadAttachment(_ req: Request) async throws -> Response {
        let limit = max(try req.offeredCatalog.largestAttachmentMB, 1) * 1_048_576
        let body = try await req.bodyBytes(max: limit)
        let bytes = Array(body.readableBytesView)
        let filename = (req.headers.first(name: "X-Filename")?.removingPercentEncoding).map { String($0.prefix(120)) }
        guard try await req.takeUploadAllowance(bytes.count) else { throw AppError.uploadLimit }
        let store = req.madoguchi.attachments
        let now = req.madoguchi.clock.now()
        let reference: AttachmentReference
        do {
            reference = try await req.application.threadPool.runIfActive {
                try store.store(bytes, filename: filename ?? "attachment", now: now)
            }
        } catch AttachmentStore.Failure.empty {
            throw AppError.badRequest
        } catch AttachmentStore.Failure.unsupportedKind {
            throw AppError.unsupportedMediaType
        } catch AttachmentStore.Failure.storageFull {
            req.logger.critical("attachment refused: the attachment store's volume is nearly full")
            throw AppError.storageFull
        }
        let response = Response(status: .created)
        try response.content.encode(
            AttachmentResponse(
                token: store.token(for: reference, issuedAt: now, tenant: try req.municipality.code),
                sha256: reference.sha256, size: reference.size,
                kind: reference.kind, filename: reference.filename,
                expiresAt: now.addingTimeInterval(AttachmentStore.tokenLifetime).iso8601UTC),
            as: .json)
        return response
    }
}
