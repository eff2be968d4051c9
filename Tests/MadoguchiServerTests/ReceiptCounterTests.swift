import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import VaporTesting

@testable import MadoguchiServer

/// 受付番号 past 999,999 a year: a large city receives more than a million applications.
@Suite struct ReceiptCounterTests {
    /// Sets デモ市's counter of `year` as if `last` applications had been numbered in it.
    static func setCounter(_ app: Application, year: Int, last: Int) async throws {
        let sql = try #require(app.db as? any SQLDatabase)
        try await sql.raw(
            """
            INSERT INTO receipt_counters (tenant_code, year, last_sequence) VALUES (\(bind: demoCode.value), \(bind: year), \(bind: last))
            ON CONFLICT (tenant_code, year) DO UPDATE SET last_sequence = excluded.last_sequence
            """
        ).run()
    }

    static func submit(_ app: Application, procedure: Procedure) async throws -> (HTTPStatus, SubmitResult?, String) {
        var outcome: (HTTPStatus, SubmitResult?, String) = (.internalServerError, nil, "")
        try await app.testing().test(
            .POST, "/api/v1/applications", headers: jsonHeaders(), body: try jsonBuffer(sampleBody(procedure))
        ) { res in
            outcome = (res.status, try? res.content.decode(SubmitResult.self), res.body.string)
        }
        return outcome
    }

    @Test func theMillionthApplicationOfAYearGetsANumberOfSevenDigitsThatResidentsCanLookUp() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            // given: 999,998 applications numbered this year
            try await Self.setCounter(app, year: 2026, last: 999_998)
            let procedure = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            // when: two more come in
            let (firstStatus, last6, _) = try await Self.submit(app, procedure: procedure)
            let (secondStatus, first7, _) = try await Self.submit(app, procedure: procedure)
            // then: the 999,999th keeps six digits, the 1,000,000th has seven
            #expect(firstStatus == .created && secondStatus == .created)
            let sixDigits = try #require(last6)
            let sevenDigits = try #require(first7)
            #expect(sixDigits.receiptNumber == "2026-999999-\(ReceiptNumber(year: 2026, sequence: 999_999).checkDigit)")
            #expect(sevenDigits.receiptNumber == ReceiptNumber(year: 2026, sequence: 1_000_000).description)
            #expect(sevenDigits.receiptNumber.hasPrefix("2026-1000000-"))
            // and: both are found through the API with their 照会キー
            for receipt in [sixDigits, sevenDigits] {
                try await app.testing().test(
                    .GET, "/api/v1/applications/\(receipt.receiptNumber)",
                    headers: jsonHeaders(extra: [("X-Inquiry-Key", receipt.inquiryKey)])
                ) { res in
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains("\"\(receipt.receiptNumber)\""))
                }
            }
            // and: on the status page, typed in full-width digits without dashes
            var client = FormClient(app: app)
            _ = try await client.get("/status")
            let typed = String(
                sevenDigits.receiptNumber.filter(\.isNumber).map {
                    Character(UnicodeScalar($0.unicodeScalars.first!.value + 0xFEE0)!)
                })
            let page = try await client.post(
                "/status", [("receipt_number", typed), ("inquiry_key", sevenDigits.inquiryKey)])
            #expect(page.status == .ok)
            #expect(page.body.string.contains(sevenDigits.receiptNumber))
            // and: the next year starts again at 1, with six digits
            clock.date = testNow.addingTimeInterval(60 * 86_400)
            let (_, nextYear, _) = try await Self.submit(app, procedure: procedure)
            #expect(nextYear?.receiptNumber == ReceiptNumber(year: 2027, sequence: 1).description)
        }
    }

    @Test func aMunicipalityThatUsedEveryNumberOfTheYearIsToldSoAndStoresNothing() async throws {
        try await withMadoguchi { app in
            // given: every sequence of the year used
            try await Self.setCounter(app, year: 2026, last: ReceiptNumber.sequences.upperBound)
            let procedure = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            // when
            let (status, _, body) = try await Self.submit(app, procedure: procedure)
            // then: a specific refusal in both languages, not a generic 500, and nothing stored
            #expect(status == .serviceUnavailable)
            #expect(body.contains("\"receipt_numbers_exhausted\""))
            #expect(body.contains("受付番号の上限"))
            #expect(body.contains("receipt number"))
            #expect(try await ApplicationQueries.count(tenant: demoCode, on: app.db) == 0)
            // and: the other municipality still takes applications
            var townStatus: HTTPStatus = .internalServerError
            try await app.testing().test(
                .POST, "/api/v1/applications", headers: jsonHeaders(host: TestHosts.town),
                body: try jsonBuffer(sampleBody(procedure))
            ) { res in townStatus = res.status }
            #expect(townStatus == .created)
        }
    }
}
