/// The hand-off API for core systems (`/core/v1/…`) in the OpenAPI document: its paths, its
/// security scheme (OAuth 2.0 client credentials, `client_secret_jwt`) and its schemas. Each part
/// is written at the indentation it takes in the document. See docs/handoff-api.md.
extension OpenAPIDocument {
    static let handOffPaths = """
          /core/v1/token:
            post:
              operationId: coreToken
              tags: [hand-off]
              summary: An access token for a core system (OAuth 2.0 client credentials, client_secret_jwt)
              description: |
                The core system authenticates with a client assertion (RFC 7523): a JWT signed with HS256
                under its client secret (the secret's UTF-8 bytes are the key), with `iss` and `sub` its
                client id (業務システムID), `aud` this token endpoint's URL, `exp` at most 300 seconds ahead,
                `jti` unique (an assertion is taken once), and optional `iat`/`nbf` not in the future
                (30 seconds of clock difference are allowed). The answer is an opaque bearer token valid
                for `expires_in` seconds (300); there are no refresh tokens: ask again with a new
                assertion. `scope` (space-separated) may ask for some of the client's scopes; without it
                the token carries all of them. Errors follow RFC 6749 §5.2; every failed authentication
                is recorded in the municipality's audit log.
              security: []
              requestBody:
                required: true
                content:
                  application/x-www-form-urlencoded:
                    schema: { $ref: "#/components/schemas/TokenRequest" }
              responses:
                "200":
                  description: A bearer token
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/TokenResponse" }
                "400": { $ref: "#/components/responses/OAuthError" }
                "401": { $ref: "#/components/responses/OAuthError" }
                "404": { $ref: "#/components/responses/Error" }
                "413": { $ref: "#/components/responses/Error" }
          /core/v1/introspect:
            post:
              operationId: coreIntrospect
              tags: [hand-off]
              summary: Whether an access token is active (RFC 7662)
              description: |
                The caller authenticates as a client: with a client assertion in the form (as at the token
                endpoint, with its own `jti`), or with `Authorization: Bearer` and an active token of its
                own. A client learns only about its own tokens: another client's token, an expired one or
                one never issued are all `{"active": false}`.
              security: []
              requestBody:
                required: true
                content:
                  application/x-www-form-urlencoded:
                    schema: { $ref: "#/components/schemas/IntrospectionRequest" }
              responses:
                "200":
                  description: The token's state
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Introspection" }
                "400": { $ref: "#/components/responses/OAuthError" }
                "401": { $ref: "#/components/responses/OAuthError" }
                "404": { $ref: "#/components/responses/Error" }
                "413": { $ref: "#/components/responses/Error" }
          /core/v1/procedures/{procedure}/applications:
            get:
              operationId: coreListApplications
              tags: [hand-off]
              summary: Applications of a procedure released for hand-off (連携待ち), in release order
              description: |
                The applications of the client's 課 that staff released to the core systems (連携待ち), in
                the order they were released, after `cursor`: each carries its `sequence`, and
                `next_cursor` is the last one's (or the cursor asked with, when there were none). Keep
                `next_cursor` and ask with it next time; the numbers only grow, and an application
                released later comes after every earlier one. An application staff take back and release
                again comes again with a new sequence. Acknowledged ones (連携済み) are left out unless
                `include_acknowledged=true` (to fetch them again, from cursor 0). The answers are the
                application's form data as submitted, 個人番号 in full. Every application answered is
                recorded in the audit log (one entry per application).
              security:
                - coreClient: ["ID:applications:read"]
              parameters:
                - { name: procedure, in: path, required: true, schema: { type: string }, description: the procedure id (as in /api/v1/procedures) }
                - { name: cursor, in: query, required: false, schema: { type: integer, minimum: 0, default: 0 } }
                - { name: limit, in: query, required: false, schema: { type: integer, minimum: 1, maximum: 500, default: 100 } }
                - { name: include_acknowledged, in: query, required: false, schema: { type: boolean, default: false } }
              responses:
                "200":
                  description: A page of applications
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/HandOffPage" }
                "400": { $ref: "#/components/responses/Error" }
                "401": { $ref: "#/components/responses/Error" }
                "403": { $ref: "#/components/responses/Error" }
                "404": { $ref: "#/components/responses/Error" }
          /core/v1/applications/{application}/acknowledgement:
            post:
              operationId: coreAcknowledge
              tags: [hand-off]
              summary: The core system took the application (連携待ち → 連携済み)
              description: |
                Marks the application 連携済み: staff see it in the inbox and the resident on the status
                page. Sent again by the client that acknowledged it, it answers the state as it is (200).
                An application of another 課 or municipality is answered as absent (404).
              security:
                - coreClient: ["ID:applications:acknowledge"]
              parameters:
                - { name: application, in: path, required: true, schema: { type: string, format: uuid } }
              responses:
                "200":
                  description: Acknowledged
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/HandOffState" }
                "401": { $ref: "#/components/responses/Error" }
                "403": { $ref: "#/components/responses/Error" }
                "404": { $ref: "#/components/responses/Error" }
                "409": { $ref: "#/components/responses/Error" }
          /core/v1/applications/{application}/decision:
            post:
              operationId: coreDecision
              tags: [hand-off]
              summary: The decision made in the core system (承認/却下)
              description: |
                Records the decision as staff record one made in the core system, under the same workflow
                rules: from 連携済み (or 審査中/決裁待ち) to 承認 or 却下, with the decision's date and
                reference (決定番号); a rejection must give its reason. The resident is notified as for
                any decision. Sent again by the same client after it was recorded, it answers the state
                as it is (200). A status it cannot be taken from is a 409, a missing reason or reference a
                422, each with a message in Japanese and English.
              security:
                - coreClient: ["ID:decisions:write"]
              parameters:
                - { name: application, in: path, required: true, schema: { type: string, format: uuid } }
              requestBody:
                required: true
                content:
                  application/json:
                    schema: { $ref: "#/components/schemas/DecisionRequest" }
                    example: {"decision": "approved", "date": "2026-12-01", "reference": "児手第1234号"}
              responses:
                "200":
                  description: Recorded
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/HandOffState" }
                "400": { $ref: "#/components/responses/Error" }
                "401": { $ref: "#/components/responses/Error" }
                "403": { $ref: "#/components/responses/Error" }
                "404": { $ref: "#/components/responses/Error" }
                "409": { $ref: "#/components/responses/Error" }
                "413": { $ref: "#/components/responses/Error" }
                "415": { $ref: "#/components/responses/Error" }
                "422": { $ref: "#/components/responses/Error" }
        """

    static let handOffSecuritySchemes = """
          securitySchemes:
            coreClient:
              type: oauth2
              description: |
                Core systems registered per 課 (`madoguchi core-client add`). Scopes have the form
                `業務システムID:リソース名:操作名` (デジタル庁 共通機能標準仕様書 §2.2.5), ID being the
                client's own id. The client authenticates at the token endpoint with client_secret_jwt.
              flows:
                clientCredentials:
                  tokenUrl: /core/v1/token
                  scopes:
                    "ID:applications:read": pull the applications released for hand-off, with their answers
                    "ID:applications:acknowledge": acknowledge taking an application (連携済み)
                    "ID:decisions:write": return the decision made in the core system
        """

    static let handOffResponses = """
            OAuthError:
              description: An OAuth 2.0 error (RFC 6749 §5.2)
              content:
                application/json:
                  schema:
                    type: object
                    required: [error]
                    properties:
                      error: { type: string, enum: [invalid_request, invalid_client, unsupported_grant_type, invalid_scope] }
                      error_description: { type: string }
        """

    static let handOffSchemas = """
            TokenRequest:
              type: object
              required: [grant_type, client_assertion_type, client_assertion]
              properties:
                grant_type: { type: string, enum: [client_credentials] }
                client_assertion_type: { type: string, enum: ["urn:ietf:params:oauth:client-assertion-type:jwt-bearer"] }
                client_assertion: { type: string, description: the HS256 JWT (RFC 7523) }
                client_id: { type: string, description: "optional: when sent, it must be the assertion's iss" }
                scope: { type: string, description: "space-separated, some of the client's scopes (default: all)" }
            TokenResponse:
              type: object
              required: [access_token, token_type, expires_in, scope]
              properties:
                access_token: { type: string }
                token_type: { type: string, enum: [Bearer] }
                expires_in: { type: integer, description: seconds (300) }
                scope: { type: string }
            IntrospectionRequest:
              type: object
              required: [token]
              properties:
                token: { type: string }
                token_type_hint: { type: string }
                client_assertion_type: { type: string, enum: ["urn:ietf:params:oauth:client-assertion-type:jwt-bearer"] }
                client_assertion: { type: string }
            Introspection:
              type: object
              required: [active]
              properties:
                active: { type: boolean }
                scope: { type: string }
                client_id: { type: string }
                token_type: { type: string, enum: [Bearer] }
                exp: { type: integer }
                iat: { type: integer }
                sub: { type: string }
            HandOffItem:
              type: object
              required: [sequence, application_id, receipt_number, procedure_id, procedure_version, department, channel, status, received_at, released_at, acknowledged_at, answers]
              properties:
                sequence: { type: integer, description: the cursor of this item }
                application_id: { type: string, format: uuid }
                receipt_number: { $ref: "#/components/schemas/ReceiptNumber" }
                procedure_id: { type: string }
                procedure_version: { type: string, description: the form version it was made on (YYYY-MM-DD) }
                department: { type: string, description: 担当課 }
                channel: { type: string, enum: [web, counter, api, portal] }
                status: { type: string, enum: [awaiting_handoff, handed_off] }
                received_at: { type: string, format: date-time }
                released_at: { type: string, format: date-time }
                acknowledged_at: { type: [string, "null"], format: date-time }
                answers: { type: object, description: "the form data by field id, as /api/v1/applications takes it; 個人番号 in full" }
            HandOffPage:
              type: object
              required: [items, next_cursor, has_more]
              properties:
                items: { type: array, items: { $ref: "#/components/schemas/HandOffItem" } }
                next_cursor: { type: integer, description: "ask with this next (the last item's sequence, or the cursor asked with)" }
                has_more: { type: boolean, description: the page is full; more may follow at once }
            HandOffState:
              type: object
              required: [application_id, receipt_number, status, status_label]
              properties:
                application_id: { type: string, format: uuid }
                receipt_number: { $ref: "#/components/schemas/ReceiptNumber" }
                status: { type: string }
                status_label: { $ref: "#/components/schemas/Text" }
            DecisionRequest:
              type: object
              required: [decision, date, reference]
              properties:
                decision: { type: string, enum: [approved, rejected] }
                date: { type: string, format: date, description: the decision's date (YYYY-MM-DD) }
                reference: { type: string, minLength: 1, maxLength: 100, description: 決定番号 or the core system's reference }
                reason: { type: string, maxLength: 2000, description: required for a rejection }
        """
}
