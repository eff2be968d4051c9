import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import VaporTesting

@testable import MadoguchiServer

@Suite struct APITests {
    @Test func listsTheProceduresTheMunicipalityOffers() async throws {
        try await withMadoguchi { app in
            try await app.testing().test(.GET, "/api/v1/procedures", headers: .host(TestHosts.demo)) { res in
                #expect(res.status == .ok)
                let list = try res.content.decode([APIController.ProcedureSummary].self)
                #expect(list.count == 28)
            }
            // テスト町 does not offer 罹災証明書
            try await app.testing().test(.GET, "/api/v1/procedures", headers: .host(TestHosts.town)) { res in
                let list = try res.content.decode([APIController.ProcedureSummary].self)
                #expect(list.count == 27)
                #expect(!list.contains { $0.id == "risai-shoumei" })
            }
        }
    }

    @Test func everyShippedProcedureCanBeCompletedAndSubmitted() async throws {
        try await withMadoguchi { app in
            let token = try storedPDFToken(app)
            for procedure in app.madoguchi.catalog.procedures {
                try await app.testing().test(
                    .POST, "/api/v1/applications", headers: jsonHeaders(),
                    body: try jsonBuffer(sampleBody(procedure, attachmentToken: token))
                ) { res in
                    #expect(res.status == .created, "\(procedure.id): \(res.body.string)")
                }
            }
        }
    }

    @Test func aSubmissionGetsAReceiptAndItsStatusCanBeRead() async throws {
        try await withMadoguchi { app in
            // given
            let procedure = try #require(app.madoguchi.catalog.procedure("jidou-teate-nintei"))
            var receipt: SubmitResult?
            // when
            try await app.testing().test(
                .POST, "/api/v1/applications", headers: jsonHeaders(), body: try jsonBuffer(sampleBody(procedure))
            ) { res in
                #expect(res.status == .created)
                #expect(res.headers.first(name: .cacheControl) == "no-store")  // it carries the 照会キー
                receipt = try res.content.decode(SubmitResult.self)
            }
            // then
            let stored = try #require(receipt)
            #expect(stored.receiptNumber == ReceiptNumber(year: 2026, sequence: 1).description)
            #expect(stored.procedureVersion == procedure.version)
            try await app.testing().test(
                .GET, "/api/v1/applications/\(stored.receiptNumber)",
                headers: jsonHeaders(extra: [("X-Inquiry-Key", stored.inquiryKey.lowercased())])
            ) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("\"status\":\"received\""))
                #expect(res.headers.first(name: .cacheControl) == "no-store")
            }
            try await app.testing().test(
                .GET, "/api/v1/applications/\(stored.receiptNumber)",
                headers: jsonHeaders(extra: [("X-Inquiry-Key", "AAAA-BBBB-CCCC")])
            ) { res in
                #expect(res.status == .notFound)
                #expect(res.body.string.contains("application_not_found"))
            }
        }
    }

    @Test func invalidFieldsAreListedWithPathsAndBothLanguages() async throws {
        try await withMadoguchi { app in
            // given
            let procedure = try #require(app.madoguchi.catalog.procedure("jidou-teate-nintei"))
            let body = sampleBody(procedure) { $0["claimant_birth_date"] = "平成32年1月1日" }
            // when / then
            try await app.testing().test(
                .POST, "/api/v1/applications", headers: jsonHeaders(), body: try jsonBuffer(body)
            ) {
                res in
                #expect(res.status == .unprocessableEntity)
                let errors = try res.content.decode(APIController.ValidationErrorBody.self).errors
                #expect(errors.count == 1)
                #expect(errors.first?.path == "claimant_birth_date")
                #expect(errors.first?.code == "date_after_era")
                #expect(errors.first?.message.ja == "平成は平成31年4月30日までです。")
                #expect(errors.first?.message.en == "The Heisei era ended on 2019-04-30.")
            }
            #expect(try await ApplicationQueries.count(tenant: LocalGovernmentCode("990019")!, on: app.db) == 0)
        }
    }

    @Test func fieldsTheProcedureDoesNotHaveAreNamedNotDropped() async throws {
        try await withMadoguchi { app in
            // given: a misspelt id, a part no name has, a field no child has, and an unnumbered item
            let procedure = try #require(app.madoguchi.catalog.procedure("jidou-teate-nintei"))
            var body = sampleBody(procedure) { data in
                data["claimant_phon"] = "03-1234-5678"
                var name = data["claimant_name"] as! [String: Any]
                name["middle"] = "X"
                data["claimant_name"] = name
                var children = data["children"] as! [[String: Any]]
                children[0]["nickname"] = "たろ"
                data["children"] = children
            }
            // when / then
            try await app.testing().test(
                .POST, "/api/v1/applications", headers: jsonHeaders(), body: try jsonBuffer(body)
            ) { res in
                #expect(res.status == .unprocessableEntity)
                let errors = try res.content.decode(APIController.ValidationErrorBody.self).errors
                #expect(errors.map(\.path) == ["children.0.nickname", "claimant_name.middle", "claimant_phon"])
                #expect(Set(errors.map(\.code)) == ["unknown_field"])
            }
            #expect(try await ApplicationQueries.count(tenant: LocalGovernmentCode("990019")!, on: app.db) == 0)
            // and: a group given an object instead of a list of items
            body = sampleBody(procedure) { $0["children"] = ["first": ["child_name": ["family": "山田"]]] }
            try await app.testing().test(
                .POST, "/api/v1/applications", headers: jsonHeaders(), body: try jsonBuffer(body)
            ) { res in
                let errors = try res.content.decode(APIController.ValidationErrorBody.self).errors
                #expect(errors.map(\.path) == ["children.first"])
            }
        }
    }

    @Test func badRequestsGetClearJSONErrors() async throws {
        try await withMadoguchi { app in
            for body in [
                "{not json",
                // a field named twice: which value was meant cannot be known
                #"{"procedure_id":"jidou-teate-nintei","data":{"claim_reason":"birth","claim_reason":"move_in"}}"#,
            ] {
                try await app.testing().test(
                    .POST, "/api/v1/applications", headers: jsonHeaders(), body: ByteBuffer(string: body)
                ) { res in
                    #expect(res.status == .badRequest)
                    #expect(res.body.string.contains("\"code\":\"invalid_json\""))
                }
            }
            try await app.testing().test(
                .POST, "/api/v1/applications", headers: jsonHeaders(),
                body: try jsonBuffer(["procedure_id": "no-such-thing", "data": [:]])
            ) { res in
                #expect(res.status == .notFound)
                #expect(res.body.string.contains("procedure_not_found"))
            }
            try await app.testing().test(
                .POST, "/api/v1/applications", headers: ["Host": TestHosts.demo, "Content-Type": "text/plain"],
                body: ByteBuffer(string: "hello")
            ) { res in
                #expect(res.status == .unsupportedMediaType)
            }
            try await app.testing().test(.GET, "/api/v1/applications/not-a-number", headers: jsonHeaders()) { res in
                #expect(res.status == .notFound)
            }
        }
    }

    @Test func theReceiptBodyIsWhatVaporsEncoderWouldWrite() throws {
        // given: a receipt body, and instants around the epoch, leap days and the far future
        let instants = [0, -1, 951_782_400, 1_795_446_000.999, 4_102_444_799, -2_208_988_800].map {
            Date(timeIntervalSince1970: $0)
        }
        for instant in instants {
            let body = APIController.SubmitResponse(
                receiptNumber: "2026-000001-7", inquiryKey: "ABCD-EFGH-JKLM", status: "received",
                procedureId: "jidou-teate-nintei", procedureVersion: "2024-10-01", submittedAt: instant)
            // then: the hand-written JSON decodes to the same members as Vapor's encoding
            let written = try JSONSerialization.jsonObject(with: Data(body.json.utf8)) as? NSDictionary
            var buffer = ByteBuffer()
            var headers = HTTPHeaders()
            try ContentConfiguration.global.requireEncoder(for: .json).encode(body, to: &buffer, headers: &headers)
            let encoded = try JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? NSDictionary
            #expect(written != nil && written == encoded, "\(body.json)")
        }
    }

    @Test func jsonIsRecognisedInTheContentTypeWithParametersAndAnyCase() {
        #expect(APIController.isJSON("application/json"))
        #expect(APIController.isJSON("Application/JSON; charset=utf-8"))
        #expect(APIController.isJSON("application/json ;charset=utf-8"))
        #expect(!APIController.isJSON("text/plain"))
        #expect(!APIController.isJSON("application/jsonx"))
        #expect(!APIController.isJSON("json"))
        #expect(!APIController.isJSON(nil))
    }

    @Test func aRepeatedSubmissionWithTheSameKeyCreatesOneApplication() async throws {
        try await withMadoguchi { app in
            let procedure = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            var numbers: [String] = []
            for _ in 0..<2 {
                try await app.testing().test(
                    .POST, "/api/v1/applications", headers: jsonHeaders(extra: [("Idempotency-Key", "double-click-1")]),
                    body: try jsonBuffer(sampleBody(procedure))
                ) { res in
                    numbers.append(try res.content.decode(SubmitResult.self).receiptNumber)
                    #expect(res.status == (numbers.count == 1 ? .created : .ok))
                }
            }
            #expect(numbers[0] == numbers[1])
            #expect(try await ApplicationQueries.count(tenant: LocalGovernmentCode("990019")!, on: app.db) == 1)
        }
    }

    @Test func aKeyThatCannotBeOneIsRefusedNotIgnored() async throws {
        try await withMadoguchi { app in
            let procedure = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            // given: keys too short, too long, with a space or beyond ASCII, in the header or the body
            let bad = ["short", String(repeating: "k", count: 129), "with space-1", "キー-12345678"]
            for key in bad {
                // when: an otherwise valid application comes with one
                try await app.testing().test(
                    .POST, "/api/v1/applications", headers: jsonHeaders(extra: [("Idempotency-Key", key)]),
                    body: try jsonBuffer(sampleBody(procedure))
                ) { res in
                    // then: 400 with the reason, in both languages
                    #expect(res.status == .badRequest, "\(key)")
                    #expect(res.body.string.contains("\"code\":\"invalid_idempotency_key\""))
                    #expect(res.body.string.contains("8〜128文字"))
                }
                var body = sampleBody(procedure)
                body["idempotency_key"] = key
                try await app.testing().test(
                    .POST, "/api/v1/applications", headers: jsonHeaders(), body: try jsonBuffer(body)
                ) { res in
                    #expect(res.status == .badRequest, "\(key)")
                }
            }
            // and: nothing was stored, where before each would have been, unprotected from a repeat
            #expect(try await ApplicationQueries.count(tenant: LocalGovernmentCode("990019")!, on: app.db) == 0)
        }
    }

    @Test func aKeyReusedForDifferentAnswersIsAConflict() async throws {
        try await withMadoguchi { app in
            let procedure = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            var body = sampleBody(procedure)
            let headers = jsonHeaders(extra: [("Idempotency-Key", "reused-key-1")])
            try await app.testing().test(.POST, "/api/v1/applications", headers: headers, body: try jsonBuffer(body)) {
                res in #expect(res.status == .created)
            }
            body = sampleBody(procedure) { $0["phone"] = "090-0000-0000" }
            try await app.testing().test(.POST, "/api/v1/applications", headers: headers, body: try jsonBuffer(body)) {
                res in
                #expect(res.status == .conflict)
                #expect(res.body.string.contains("idempotency_conflict"))
            }
            #expect(try await ApplicationQueries.count(tenant: LocalGovernmentCode("990019")!, on: app.db) == 1)
            // and: an application stored before answers were digested cannot vouch for a repeat
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE applications SET request_digest = NULL").run()
            try await app.testing().test(.POST, "/api/v1/applications", headers: headers, body: try jsonBuffer(body)) {
                res in
                #expect(res.status == .conflict)
                #expect(!res.body.string.contains("inquiry_key"))
            }
        }
    }

    @Test func theOpenAPIDocumentDescribesExactlyTheAPIRoutes() async throws {
        try await withMadoguchi { app in
            var document = ""
            try await app.testing().test(.GET, "/api/openapi.yaml") { res in
                #expect(res.status == .ok)
                document = res.body.string
            }
            let documented = Set(
                document.split(separator: "\n").filter { $0.hasPrefix("  /api/") }.map {
                    String($0.dropFirst(2).dropLast()).replacingOccurrences(of: "{procedureId}", with: ":procedure")
                        .replacingOccurrences(of: "{receiptNumber}", with: ":receipt")
                })
            let registered = Set(
                app.routes.all.map { "/" + $0.path.map(\.description).joined(separator: "/") }
                    .filter { $0.hasPrefix("/api/v1/") })
            #expect(documented == registered)
        }
    }

    @Test func theDocumentsExampleApplicationIsAcceptedAndItsLinkReadsItsStatus() async throws {
        try await withMadoguchi { app in
            // given: the example application as the served document carries it
            var document = ""
            try await app.testing().test(.GET, "/api/openapi.yaml") { res in document = res.body.string }
            #expect(document.contains("example: \(OpenAPIDocument.submitExample)"))
            // when: it is submitted
            var receipt: [String: String] = [:]
            try await app.testing().test(
                .POST, "/api/v1/applications", headers: jsonHeaders(),
                body: ByteBuffer(string: OpenAPIDocument.submitExample)
            ) { res in
                // then: it is stored, and the link's two values read its status
                #expect(res.status == .created, "\(res.body.string)")
                receipt = try JSONDecoder().decode([String: String].self, from: res.body)
            }
            let number = try #require(receipt["receipt_number"])
            try await app.testing().test(
                .GET, "/api/v1/applications/\(number)",
                headers: jsonHeaders(extra: [("X-Inquiry-Key", try #require(receipt["inquiry_key"]))])
            ) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("\"procedure_id\":\"hihokensha-sho-saikoufu\""))
            }
        }
    }
}

@Suite struct AttachmentAPITests {
    @Test func filesAreRefusedWhileTheStoreIsNearlyFull() async throws {
        // given: a store that must keep more free space than any disk has
        try await withMadoguchi(adjust: { $0.minimumFreeBytes = Int.max / 2 }) { app in
            // when: a file comes through the API
            try await app.testing().test(
                .POST, "/api/v1/attachments", headers: ["Host": TestHosts.demo, "Content-Type": "application/pdf"],
                body: ByteBuffer(string: "%PDF-1.4\n%%EOF\n")
            ) { res in
                // then: 507, with the reason in both languages
                #expect(res.status == .insufficientStorage)
                #expect(res.body.string.contains("storage_full"))
                #expect(res.body.string.contains("ただいま添付ファイルを受け付けられません"))
            }
            // when: a file comes through the form's documents step, with something typed beside it
            var client = FormClient(app: app)
            let (page, _) = try await client.attachOnDocumentsStep(
                action: "next", filename: "通帳.pdf", bytes: Array("%PDF-1.4\n%%EOF\n".utf8))
            // then: the step comes back with the reason beside the box, not an error page
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.string.contains("ただいま添付ファイルを受け付けられません。しばらくしてから、もう一度選んでください。"))
            #expect(page.body.string.contains("aria-invalid=\"true\""))
        }
    }

    @Test func aFileUploadedForOneMunicipalityCannotBeAttachedInAnother() async throws {
        try await withMadoguchi { app in
            // given: a file uploaded to デモ市
            let procedure = try #require(app.madoguchi.catalog.procedure("jidou-teate-nintei"))
            let field = try #require(procedure.step(Procedure.documentStepID)?.fields.first)
            var token = ""
            try await app.testing().test(
                .POST, "/api/v1/attachments", headers: ["Host": TestHosts.demo, "Content-Type": "application/pdf"],
                body: ByteBuffer(string: "%PDF-1.4\n% demo only\n%%EOF\n")
            ) { res in
                token = try res.content.decode(APIController.AttachmentResponse.self).token
            }
            let body = try jsonBuffer(sampleBody(procedure) { $0[field.id] = token })
            // when: its token is put in an application to テスト町
            try await app.testing().test(
                .POST, "/api/v1/applications", headers: jsonHeaders(host: TestHosts.town), body: body
            ) { res in
                // then: refused, as a token that is not the town's own
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("attachment_reference"))
            }
            // and: デモ市 takes it
            try await app.testing().test(.POST, "/api/v1/applications", headers: jsonHeaders(), body: body) { res in
                #expect(res.status == .created, "\(res.body.string)")
            }
        }
    }

    @Test func aFileUploadedThroughTheAPICanBeAttachedToAnApplication() async throws {
        try await withMadoguchi { app in
            // given: a listed document of the 児童手当 claim
            let procedure = try #require(app.madoguchi.catalog.procedure("jidou-teate-nintei"))
            let field = try #require(procedure.step(Procedure.documentStepID)?.fields.first)
            var token = ""
            try await app.testing().test(
                .POST, "/api/v1/attachments",
                headers: [
                    "Host": TestHosts.demo, "Content-Type": "application/pdf", "X-Filename": "%E9%80%9A%E5%B8%B3.pdf",
                ],
                body: ByteBuffer(string: "%PDF-1.4\n%%EOF\n")
            ) { res in
                #expect(res.status == .created)
                #expect(res.body.string.contains("\"filename\":\"通帳.pdf\""))
                token = try res.content.decode(APIController.AttachmentResponse.self).token
            }
            // when
            var body = sampleBody(procedure) { $0[field.id] = token }
            // then
            try await app.testing().test(
                .POST, "/api/v1/applications", headers: jsonHeaders(), body: try jsonBuffer(body)
            ) {
                res in
                #expect(res.status == .created, "\(res.body.string)")
            }
            // and: the token does not show the file's name, which often names the resident
            let decoded = Base64URL.decode(token).map { String(decoding: $0, as: UTF8.self) } ?? ""
            #expect(!decoded.contains("通帳") && !token.contains("."))
            // and: a token signed the way tokens were before (a draft may hold one) says no time, so
            // it is not accepted as it is, but the draft that holds it gets a fresh one
            let now = app.madoguchi.clock.now()
            let store = app.madoguchi.attachments
            let reference = try #require(store.resolve(token: token, at: now, tenant: demoCode))
            let signed = SignedToken.make(
                try JSONEncoder().encode(reference), purpose: "attachment", secret: app.madoguchi.secret)
            #expect(store.resolve(token: signed, at: now, tenant: demoCode) == nil)
            let reissued = try #require(store.reissue(token: signed, at: now, tenant: demoCode))
            #expect(store.resolve(token: reissued, at: now, tenant: demoCode) == reference)
            // and: a forged token is refused
            body = sampleBody(procedure) { $0[field.id] = token.dropLast(2) + "AA" }
            try await app.testing().test(
                .POST, "/api/v1/applications", headers: jsonHeaders(), body: try jsonBuffer(body)
            ) {
                res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("attachment_reference"))
            }
        }
    }

    @Test func aFileMayBeAsLargeAsTheLargestFieldAcceptsAndEachFieldChecksItsOwn() async throws {
        try await withMadoguchi { app in
            // given: the catalog's largest attachment field (罹災証明's photos) takes 20 MB, the
            // 児童手当 documents 10 MB
            #expect(app.madoguchi.catalog.largestAttachmentMB == 20)
            let procedure = try #require(app.madoguchi.catalog.procedure("jidou-teate-nintei"))
            let field = try #require(procedure.step(Procedure.documentStepID)?.fields.first)
            #expect(field.maxAttachmentMB == 10)
            func pdf(megabytes: Int) -> ByteBuffer {
                ByteBuffer(string: "%PDF-1.4\n" + String(repeating: "x", count: megabytes * 1_048_576) + "\n%%EOF\n")
            }
            let headers: HTTPHeaders = ["Host": TestHosts.demo, "Content-Type": "application/pdf"]
            // when: a 12 MB file is uploaded, then a 21 MB one
            var token = ""
            try await app.testing().test(.POST, "/api/v1/attachments", headers: headers, body: pdf(megabytes: 12)) {
                res in
                #expect(res.status == .created)
                token = try res.content.decode(APIController.AttachmentResponse.self).token
            }
            try await app.testing().test(.POST, "/api/v1/attachments", headers: headers, body: pdf(megabytes: 21)) {
                res in
                #expect(res.status == .payloadTooLarge)
            }
            // then: the 12 MB file is too large for a 10 MB document, and the answer says so
            try await app.testing().test(
                .POST, "/api/v1/applications", headers: jsonHeaders(),
                body: try jsonBuffer(sampleBody(procedure, attachmentToken: token))
            ) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("attachment_too_large"))
                #expect(res.body.string.contains("10MBまで"))
            }
        }
    }

    @Test func filesThatAreNotPDFOrImagesAreRefused() async throws {
        try await withMadoguchi { app in
            try await app.testing().test(
                .POST, "/api/v1/attachments", headers: ["Host": TestHosts.demo, "Content-Type": "application/pdf"],
                body: ByteBuffer(string: "MZ this is not a PDF")
            ) { res in
                #expect(res.status == .unsupportedMediaType)
            }
        }
    }
}
