/// The OpenAPI 3.1 description of the JSON API, served at /api/openapi.yaml.
/// A test keeps its paths in step with the registered API routes.
enum OpenAPIDocument {
    /// The procedure of the document's example application, also the example `procedure_id`.
    static let exampleProcedureID = "hihokensha-sho-saikoufu"

    /// A complete application in the document (JSON, which is YAML too): a 介護保険被保険者証の再交付申請,
    /// whose answers stay valid as days pass (no date in it is bounded by today). A test submits it.
    static let submitExample = """
        {"procedure_id": "\(exampleProcedureID)", "data": {"insured_category": "first", \
        "insured_number": "0000012345", "insured_name": {"family": "山田", "given": "花子"}, \
        "insured_kana": {"family": "ヤマダ", "given": "ハナコ"}, "insured_birth_date": "1955-04-01", \
        "insured_individual_number": "123456789018", "insured_postal_code": "100-0001", \
        "insured_address": "東京都千代田区千代田1-1", "insured_phone": "03-1234-5678", \
        "reissue_reason": "lost", "applicant_type": "self", "delivery_method": "counter"}}
        """

    static let yaml = """
        openapi: 3.1.0
        info:
          title: Madoguchi API
          version: "1.0.0"
          description: |
            Online applications to a municipality (申請). The municipality is chosen by the host name.
            Validation is the same as the resident web form; error messages come in Japanese and English.
            Under /core/v1 (tag hand-off): the hand-off API through which core systems (基幹システム) pull
            the applications released to them, acknowledge them and return their decisions.
        paths:
          /api/v1/procedures:
            get:
              operationId: listProcedures
              summary: The procedures this municipality offers
              responses:
                "200":
                  description: Procedures
                  content:
                    application/json:
                      schema:
                        type: array
                        items: { $ref: "#/components/schemas/ProcedureSummary" }
          /api/v1/procedures/{procedureId}:
            get:
              operationId: getProcedure
              summary: One procedure with the fields of its current form version
              parameters:
                - { name: procedureId, in: path, required: true, schema: { type: string } }
              responses:
                "200":
                  description: The procedure and its fields
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/ProcedureDetail" }
                "404": { $ref: "#/components/responses/Error" }
          /api/v1/applications:
            post:
              operationId: submitApplication
              summary: Submit an application
              description: |
                `data` holds the form fields by id. Names (氏名) are objects `{family, given}`; accounts
                `{bank_code, branch_code, type, number, holder}`; repeating groups are arrays of objects;
                checkboxes arrays of option values. Values may be strings, or numbers and booleans for
                integer, yen and yes/no fields (an integer is read as written). A field the procedure
                does not have is refused with 422 (unknown_field), as are several values for a field
                that takes one (one_value_only).
                A repeated request with the same Idempotency-Key
                returns the first application (200) instead of creating another (201); the same key with
                different content is refused with 409 (idempotency_conflict) and nothing is stored. A key
                that is not 8–128 printable ASCII characters is refused with 400 (invalid_idempotency_key).
                A body that is not JSON of this shape (UTF-8 only), or that names a member twice in any
                object, is refused with 400 (invalid_json); a body over 1 MiB with 413 (files are
                uploaded apart and referred to by their token). A municipality that has issued every
                受付番号 of the year (a hundred million) refuses with 503 (receipt_numbers_exhausted) and
                stores nothing.
              parameters:
                - { name: Idempotency-Key, in: header, required: false, schema: { type: string, pattern: "^[!-~]{8,128}$" } }
              requestBody:
                required: true
                content:
                  application/json:
                    schema: { $ref: "#/components/schemas/SubmitRequest" }
                    example: \(submitExample)
              responses:
                "201":
                  description: Received
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Receipt" }
                  links:
                    GetApplication:
                      operationId: getApplication
                      description: The application's status, with the 照会キー the receipt carries
                      parameters:
                        receiptNumber: $response.body#/receipt_number
                        header.X-Inquiry-Key: $response.body#/inquiry_key
                "200":
                  description: Already received with this Idempotency-Key
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Receipt" }
                "400": { $ref: "#/components/responses/Error" }
                "404": { $ref: "#/components/responses/Error" }
                "409": { $ref: "#/components/responses/Error" }
                "413": { $ref: "#/components/responses/Error" }
                "415": { $ref: "#/components/responses/Error" }
                "422":
                  description: Some fields were rejected
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/ValidationErrors" }
                "503": { $ref: "#/components/responses/Error" }
          /api/v1/attachments:
            post:
              operationId: uploadAttachment
              summary: Store a file to attach to an application (PDF, JPEG or PNG)
              description: |
                The body is the file itself. The kind is recognised from the content. Put the answered
                `token` in the application's attachment field (e.g. `data.document_bank_account_proof`).
                A file may be as large as the largest `max_mb` of the municipality's procedures (413
                beyond); the field it is put in checks its own limit when the application is submitted.
                While the server's storage is nearly full, files are refused with 507 `storage_full`; a
                client that has sent as much as a municipality takes from it in an hour
                (`MADOGUCHI_UPLOAD_LIMIT_MB`) gets 429 `upload_limit`.
                The token is accepted until `expires_at` (a week); a file no application refers to is
                removed two weeks after it was last uploaded.
              parameters:
                - { name: X-Filename, in: header, required: false, description: "File name, percent-encoded UTF-8", schema: { type: string } }
              requestBody:
                required: true
                content:
                  application/pdf: { schema: { type: string, format: binary } }
                  image/jpeg: { schema: { type: string, format: binary } }
                  image/png: { schema: { type: string, format: binary } }
              responses:
                "201":
                  description: Stored
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [token, sha256, size, kind, filename, expires_at]
                        properties:
                          token: { type: string }
                          sha256: { type: string }
                          size: { type: integer }
                          kind: { type: string, enum: [pdf, jpeg, png] }
                          filename: { type: string }
                          expires_at: { type: string, format: date-time }
                "400": { $ref: "#/components/responses/Error" }
                "413": { $ref: "#/components/responses/Error" }
                "415": { $ref: "#/components/responses/Error" }
                "429": { $ref: "#/components/responses/Error" }
                "507": { $ref: "#/components/responses/Error" }
          /api/v1/applications/{receiptNumber}:
            get:
              operationId: getApplication
              summary: Status and history of an application
              parameters:
                - name: receiptNumber
                  in: path
                  required: true
                  description: 受付番号 as the receipt prints it; full-width digits and no dashes are read too
                  schema: { type: string, example: "2026-000001-5" }
                - { name: X-Inquiry-Key, in: header, required: true, schema: { type: string } }
              responses:
                "200":
                  description: Status
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Status" }
                "404": { $ref: "#/components/responses/Error" }
        \(handOffPaths)
        components:
        \(handOffSecuritySchemes)
          responses:
            Error:
              description: An error with a message in Japanese and English
              content:
                application/json:
                  schema:
                    type: object
                    required: [error]
                    properties:
                      error:
                        type: object
                        required: [code, message]
                        properties:
                          code: { type: string }
                          message: { $ref: "#/components/schemas/Text" }
        \(handOffResponses)
          schemas:
            Text:
              type: object
              required: [ja, en]
              properties:
                ja: { type: string }
                en: { type: string }
            ProcedureSummary:
              type: object
              required: [id, version, name, category, department, standard_processing_days, signature]
              properties:
                id: { type: string }
                version: { type: string, description: Revision of the official form (YYYY-MM-DD) }
                name: { $ref: "#/components/schemas/Text" }
                category: { type: string, enum: [kosodate, kaigo, bousai, juminkiroku] }
                department: { type: string }
                standard_processing_days: { type: integer }
                signature: { type: string, enum: [required, optional, none] }
            Field:
              type: object
              required: [id, type, label, required]
              properties:
                id: { type: string }
                type: { type: string }
                label: { $ref: "#/components/schemas/Text" }
                required: { type: boolean }
                options: { type: array, items: { type: string } }
                fields: { type: array, items: { $ref: "#/components/schemas/Field" } }
                visible_when:
                  type: object
                  properties:
                    field: { type: string }
                    in: { type: array, items: { type: string } }
            ProcedureDetail:
              type: object
              required: [procedure, fields]
              properties:
                procedure: { $ref: "#/components/schemas/ProcedureSummary" }
                fields: { type: array, items: { $ref: "#/components/schemas/Field" } }
            SubmitRequest:
              type: object
              required: [procedure_id, data]
              properties:
                procedure_id: { type: string, description: the id from /api/v1/procedures, examples: [\(exampleProcedureID)] }
                data: { type: object }
                idempotency_key: { type: [string, "null"], pattern: "^[!-~]{8,128}$", description: as the Idempotency-Key header (null as absent) }
            ReceiptNumber:
              type: string
              pattern: "^[0-9]{4}-([0-9]{6}|[1-9][0-9]{6,7})-[0-9]$"
              description: |
                受付番号: the year of receipt, the sequence within the year (six digits, zero-padded, up
                to 999999; past that seven or eight digits without a leading zero) and a Damm check
                digit over all the digits before it, which catches any single mistyped digit and any
                swap of two adjacent digits. Unique per municipality.
              examples: ["2026-000123-8", "2026-1000000-9"]
            Receipt:
              type: object
              required: [receipt_number, inquiry_key, status, procedure_id, procedure_version, submitted_at]
              properties:
                receipt_number: { $ref: "#/components/schemas/ReceiptNumber" }
                inquiry_key: { type: string, description: 照会キー }
                status: { type: string }
                procedure_id: { type: string }
                procedure_version: { type: string }
                submitted_at: { type: string, format: date-time }
            ValidationErrors:
              type: object
              required: [errors]
              properties:
                errors:
                  type: array
                  items:
                    type: object
                    required: [path, code, message]
                    properties:
                      path: { type: string, description: "Input path, e.g. children.0.birth_date" }
                      code: { type: string }
                      message: { $ref: "#/components/schemas/Text" }
            Status:
              type: object
              required: [receipt_number, procedure_id, procedure_version, status, status_label, submitted_at, history]
              properties:
                receipt_number: { $ref: "#/components/schemas/ReceiptNumber" }
                procedure_id: { type: string }
                procedure_version: { type: string }
                status: { type: string }
                status_label: { $ref: "#/components/schemas/Text" }
                submitted_at: { type: string, format: date-time }
                history:
                  type: array
                  items:
                    type: object
                    properties:
                      status: { type: string }
                      at: { type: string, format: date-time }
        \(handOffSchemas)
        """
}
