import Fluent
import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import VaporTesting

@testable import MadoguchiServer

@Suite struct TenancyTests {
    @Test func noQueryReturnsAnotherMunicipalitysApplications() async throws {
        try await withMadoguchi { app in
            // given: one application in each municipality
            let procedure = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            var receipts: [String: SubmitResult] = [:]
            for host in [TestHosts.demo, TestHosts.town] {
                try await app.testing().test(
                    .POST, "/api/v1/applications", headers: jsonHeaders(host: host),
                    body: try jsonBuffer(sampleBody(procedure))
                ) { res in
                    #expect(res.status == .created)
                    receipts[host] = try res.content.decode(SubmitResult.self)
                }
            }
            // then: each municipality numbers its own applications from 1
            #expect(receipts[TestHosts.demo]?.receiptNumber == receipts[TestHosts.town]?.receiptNumber)
            let demo = LocalGovernmentCode("990019")!
            let town = LocalGovernmentCode("990027")!
            #expect(try await ApplicationQueries.count(tenant: demo, on: app.db) == 1)
            #expect(try await ApplicationQueries.count(tenant: town, on: app.db) == 1)
            // and: the same 受付番号 looked up in each municipality finds that municipality's own row
            let number = try #require(ReceiptNumber(receipts[TestHosts.demo]!.receiptNumber))
            let inDemo = try #require(try await ApplicationQueries.find(number, tenant: demo, on: app.db))
            let inTown = try #require(try await ApplicationQueries.find(number, tenant: town, on: app.db))
            #expect(inDemo.tenantCode == "990019" && inTown.tenantCode == "990027")
            #expect(inDemo.id != inTown.id)
            // and: デモ市's 照会キー does not open テスト町's application
            try await app.testing().test(
                .GET, "/api/v1/applications/\(number)",
                headers: jsonHeaders(
                    host: TestHosts.town, extra: [("X-Inquiry-Key", receipts[TestHosts.demo]!.inquiryKey)])
            ) { res in
                #expect(res.status == .notFound)
            }
        }
    }

    @Test func aMunicipalitiesFileThatWouldMixUpMunicipalitiesIsRefused() throws {
        let twoTowns = """
            municipalities:
              - {code: "990019", name: デモ市, name_en: Demo City, hosts: [demo.example.jp], default: true}
              - {code: "990027", name: デモ町, name_en: Demo Town, hosts: [town.example.jp]}
            """
        #expect(try loadMunicipalities(twoTowns).municipality(forHost: "town.example.jp")?.code.value == "990027")
        // a host given to two municipalities
        #expect(throws: MunicipalityDirectory.Invalid.self) {
            try loadMunicipalities(twoTowns.replacingOccurrences(of: "town.example.jp", with: "Demo.example.jp"))
        }
        // two defaults
        #expect(throws: MunicipalityDirectory.Invalid.self) {
            try loadMunicipalities(
                twoTowns.replacingOccurrences(of: "[town.example.jp]}", with: "[town.example.jp], default: true}"))
        }
    }

    @Test func theExampleMunicipalitiesFileLoads() throws {
        // when
        let directory = try MunicipalityDirectory.load(
            from: repositoryRoot.appendingPathComponent("config/municipalities.example.yaml"))
        // then
        let demo = try #require(directory.municipality(code: LocalGovernmentCode("990019")!))
        #expect(demo.openDays.isOpen(CivilDate(2027, 3, 27)!))  // a Saturday of the moving season
        #expect(directory.municipalities.count == 2)
    }

    @Test func aMunicipalityListsItsOwnOpenAndClosedDays() throws {
        func load(open: String, closed: String) throws -> MunicipalityDirectory {
            try loadMunicipalities(
                """
                municipalities:
                  - {code: "990019", name: デモ市, name_en: Demo City, default: true, open_days: [\(open)], closed_days: [\(closed)]}
                """)
        }
        // given: a Saturday opening and a Monday closure
        let town = try #require(try load(open: "2027-03-27", closed: "2027-03-29").municipalities.first)
        // then
        #expect(town.openDays.isOpen(CivilDate(2027, 3, 27)!))
        #expect(!town.openDays.isOpen(CivilDate(2027, 3, 29)!))
        #expect(town.openDays.isOpen(CivilDate(2027, 3, 30)!))
        // a date that does not exist, and a day both open and closed, are refused with the reason
        let notADate = #expect(throws: MunicipalityDirectory.Invalid.self) {
            try load(open: "2027-02-30", closed: "")
        }
        #expect(notADate?.description.contains("open_days of 990019: '2027-02-30' is not a date") == true)
        let both = #expect(throws: MunicipalityDirectory.Invalid.self) {
            try load(open: "2027-03-27", closed: "2027-03-27")
        }
        #expect(both?.description.contains("2027-03-27 is in both open_days and closed_days") == true)
    }

    @Test func anUnknownHostReachesTheDefaultMunicipality() async throws {
        try await withMadoguchi { app in
            try await app.testing().test(.GET, "/", headers: .host("unknown.example.jp:8080")) { res in
                #expect(res.body.string.contains("デモ市"))
            }
            try await app.testing().test(.GET, "/", headers: .host("TOWN.example.jp")) { res in
                #expect(res.body.string.contains("テスト町"))
            }
        }
    }
}

@Suite struct IntakeWriterTests {
    @Test func concurrentSubmissionsAreNumberedWithoutGapsOrDuplicates() async throws {
        try await withMadoguchi { app in
            // given
            let procedure = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            let municipality = try #require(testMunicipalities.municipality(forHost: TestHosts.demo))
            let input = SampleInput.make(for: procedure, today: testToday)
            let intake = app.madoguchi.intake
            // when: 60 submissions at once, two of them sharing an idempotency key
            let numbers = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<60 {
                    group.addTask {
                        let key = index < 2 ? "same-key-for-two" : "key-\(index)-xxxxxxxx"
                        guard
                            case .stored(let receipt) = try await intake.submit(
                                procedure, input: input, municipality: municipality, channel: .api, idempotencyKey: key)
                        else { return "invalid" }
                        return receipt.receiptNumber.description
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            // then
            let distinct = Set(numbers)
            #expect(distinct.count == 59)
            #expect(distinct == Set((1...59).map { ReceiptNumber(year: 2026, sequence: $0).description }))
            #expect(try await ApplicationQueries.count(tenant: municipality.code, on: app.db) == 59)
            #expect(try await ApplicationEventRecord.query(on: app.db).count() == 59)
        }
    }

    @Test func repeatsOfAStoredKeyInABatchGiveTheirNumbersBack() async throws {
        try await withMadoguchi { app in
            // given: one application stored under a key
            let procedure = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            let municipality = try #require(testMunicipalities.municipality(forHost: TestHosts.demo))
            let input = SampleInput.make(for: procedure, today: testToday)
            let intake = app.madoguchi.intake
            @Sendable func submit(_ key: String) async throws -> String {
                guard
                    case .stored(let receipt) = try await intake.submit(
                        procedure, input: input, municipality: municipality, channel: .api, idempotencyKey: key)
                else { return "invalid" }
                return receipt.receiptNumber.description
            }
            let stored = try await submit("stored-key-000000")
            // when: 15 new submissions and 5 repeats of the stored key arrive together
            let numbers = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for index in 0..<20 {
                    group.addTask {
                        (index, try await submit(index % 4 == 0 ? "stored-key-000000" : "new-\(index)-xxxx"))
                    }
                }
                return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
            }
            // then: the repeats get the stored number, the new ones 2…16, and the next one 17
            let repeats = numbers.filter { $0.key % 4 == 0 }.map(\.value)
            #expect(repeats == Array(repeating: stored, count: 5))
            let fresh = Set(numbers.filter { $0.key % 4 != 0 }.map(\.value))
            #expect(fresh == Set((2...16).map { ReceiptNumber(year: 2026, sequence: $0).description }))
            #expect(try await submit("one-more-xxxxxxxx") == ReceiptNumber(year: 2026, sequence: 17).description)
        }
    }

    @Test func aFailingApplicationInABatchFailsAloneAndLeavesNoGapInTheNumbers() async throws {
        try await withMadoguchi { app in
            // given: ten good applications and one for a municipality the database does not know
            // (its INSERT fails on the foreign key), sent together
            let writer = app.madoguchi.intake.writer
            func pending(_ tenant: String, _ index: Int) -> PendingApplication {
                PendingApplication(
                    tenant: LocalGovernmentCode(tenant)!, procedureID: "ninshin-todoke", procedureVersion: "1",
                    channel: .api, encodedData: "{}", idempotencyKey: "key-\(tenant)-\(index)",
                    requestDigest: "digest", submittedAt: testNow, receiptYear: 2026, inbox: .sample)
            }
            let outcomes = await withTaskGroup(of: (Int, Result<String, any Error>).self) { group in
                for index in 0..<11 {
                    group.addTask {
                        let application = pending(index == 5 ? "131016" : "990019", index)
                        do {
                            return (index, .success(try await writer.submit(application).receiptNumber.description))
                        } catch {
                            return (index, .failure(error))
                        }
                    }
                }
                return await group.reduce(into: [Int: Result<String, any Error>]()) { $0[$1.0] = $1.1 }
            }
            // then: the unknown municipality's fails, the others are numbered 1…10, and the next is 11
            #expect((try? outcomes[5]!.get()) == nil)
            let numbers = Set(outcomes.filter { $0.key != 5 }.compactMap { try? $0.value.get() })
            #expect(numbers == Set((1...10).map { ReceiptNumber(year: 2026, sequence: $0).description }))
            let next = try await writer.submit(pending("990019", 99))
            #expect(next.receiptNumber == ReceiptNumber(year: 2026, sequence: 11))
        }
    }

    @Test(.timeLimit(.minutes(3)))  // a hang detector: the suite shares 2 cores
    func aLoneSubmissionDoesNotWaitOutTheCommitDelay() async throws {
        // given: a commit delay far longer than the test may take
        try await withMadoguchi(adjust: { $0.commitDelayMicroseconds = 100_000_000 }) { app in
            let procedure = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            let municipality = try #require(testMunicipalities.municipality(forHost: TestHosts.demo))
            let intake = app.madoguchi.intake
            // when: one submission fails validation, then another comes with nothing else on its way
            let invalid = try await intake.submit(
                procedure, input: FormInput(), municipality: municipality, channel: .api,
                idempotencyKey: "lone-invalid-xxxxx")
            let stored = try await intake.submit(
                procedure, input: SampleInput.make(for: procedure, today: testToday), municipality: municipality,
                channel: .api, idempotencyKey: "lone-valid-xxxxxxx")
            // then: the first is refused, and the second is committed at once: the refused one is
            // not counted as still on its way
            guard case .invalid = invalid, case .stored(let receipt) = stored else {
                Issue.record("expected invalid then stored, got \(invalid) and \(stored)")
                return
            }
            #expect(receipt.receiptNumber == ReceiptNumber(year: 2026, sequence: 1))
        }
    }

    @Test(.timeLimit(.minutes(3)))  // a hang detector: the suite shares 2 cores
    func aCommitWaitingForSubmissionsOnTheirWayStopsWaitingWhenEnoughHaveCome() async throws {
        // given: a commit delay far longer than the test may take, ended by two waiting
        try await withMadoguchi(adjust: {
            $0.commitDelayMicroseconds = 100_000_000
            $0.commitEnough = 2
        }) { app in
            let writer = app.madoguchi.intake.writer
            func pending(_ index: Int) -> PendingApplication {
                PendingApplication(
                    tenant: LocalGovernmentCode("990019")!, procedureID: "ninshin-todoke", procedureVersion: "1",
                    channel: .api, encodedData: "{}", idempotencyKey: "on-their-way-\(index)",
                    requestDigest: "digest", submittedAt: testNow, receiptYear: 2026, inbox: .sample)
            }
            // when: one submission is still being prepared while another is queued, and then comes
            let release = DispatchSemaphore(value: 0)
            var slow: Task<StoredApplication?, any Error>?
            await withCheckedContinuation { (preparing: CheckedContinuation<Void, Never>) in
                slow = Task {
                    try await writer.submit(preparing: {
                        preparing.resume()
                        release.wait()
                        return pending(1)
                    })
                }
            }
            let quick = Task { try await writer.submit(pending(2)) }
            try await Task.sleep(for: .milliseconds(200))  // the quick one is queued meanwhile
            release.signal()
            // then: both are committed (the second's arrival ended the wait), one after the other
            let numbers = try await [slow?.value?.receiptNumber, quick.value.receiptNumber]
            #expect(Set(numbers) == [ReceiptNumber(year: 2026, sequence: 1), ReceiptNumber(year: 2026, sequence: 2)])
        }
    }

    @Test(.timeLimit(.minutes(3)))  // a hang detector: the suite shares 2 cores
    func poolWritesTakeTurnsWithTheWritersBatches() async throws {
        try await withMadoguchi { app in
            // given: a stream of submissions keeping the writer busy
            let procedure = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            let municipality = try #require(testMunicipalities.municipality(forHost: TestHosts.demo))
            let input = SampleInput.make(for: procedure, today: testToday)
            let intake = app.madoguchi.intake
            let db = app.db
            // when: twenty writes through the request pool (each a municipality row) go in between
            let names = try await withThrowingTaskGroup(of: String?.self) { group in
                for index in 0..<80 {
                    group.addTask {
                        if index % 4 == 0 {
                            let name = "turn-\(index)"
                            try await intake.writer.inTurn {
                                try await DepartmentRecord(tenantCode: "990019", name: name).create(on: db)
                            }
                            return name
                        }
                        _ = try await intake.submit(
                            procedure, input: input, municipality: municipality, channel: .api,
                            idempotencyKey: "turns-\(index)-xxxxxxxx")
                        return nil
                    }
                }
                return try await group.reduce(into: [String]()) { if let name = $1 { $0.append(name) } }
            }
            // then: every one of them is stored, and so is every application
            let stored = try await DepartmentRecord.query(on: db).filter(\.$name ~~ "turn-").all().map(\.name)
            #expect(Set(stored) == Set(names))
            #expect(names.count == 20)
            #expect(try await ApplicationQueries.count(tenant: municipality.code, on: db) == 60)
        }
    }

    @Test func theWritersIdentifiersReadBackAsTheSameUUIDs() async throws {
        try await withMadoguchi { app in
            // given
            let procedure = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            let municipality = try #require(testMunicipalities.municipality(forHost: TestHosts.demo))
            // when: an application is stored through the writer
            let outcome = try await app.madoguchi.intake.submit(
                procedure, input: SampleInput.make(for: procedure, today: testToday), municipality: municipality,
                channel: .api, idempotencyKey: "uuid-text-xxxxxxx")
            guard case .stored(let receipt) = outcome else {
                Issue.record("not stored: \(outcome)")
                return
            }
            // then: the row and its first event are found by the id the writer answered
            let row = try #require(try await ApplicationRecord.find(receipt.applicationID, on: app.db))
            #expect(row.receiptNumber == receipt.receiptNumber.description)
            let events = try await ApplicationEventRecord.query(on: app.db)
                .filter(\.$applicationID == receipt.applicationID).all()
            #expect(events.count == 1)
            if let sql = app.db as? any SQLDatabase, testDatabaseURL == nil {
                // and: on SQLite, as the upper-case text SQLKit itself writes
                let text = try await sql.raw("SELECT id FROM applications").first(decoding: [String: String].self)
                #expect(text?["id"] == receipt.applicationID.uuidString)
            }
        }
    }

    @Test func newRowsAreKeyedByTimeOrderedVersion7UUIDs() {
        // given: two instants a millisecond apart
        let earlier = Date(timeIntervalSince1970: 1_795_000_000.123)
        let later = earlier.addingTimeInterval(0.001)
        for _ in 0..<100 {
            // when
            let first = UUID.timeOrdered(at: earlier)
            let second = UUID.timeOrdered(at: later)
            // then: version 7, variant 10, the Unix milliseconds in front, and ordered by time
            let text = first.uuidString.lowercased()
            #expect(Array(text)[14] == "7")
            #expect("89ab".contains(Array(text)[19]))
            let milliseconds = String(UInt64(1_795_000_000_123), radix: 16).leftPadded(to: 12)
            #expect(text.replacingOccurrences(of: "-", with: "").hasPrefix(milliseconds))
            #expect(first.uuidString < second.uuidString)
        }
        // and: made in the same millisecond, they still differ (random bits drawn across refills)
        #expect(Set((0..<1000).map { _ in UUID.timeOrdered(at: earlier) }).count == 1000)
    }

    @Test func theCatalogVersionsAreRecordedOnce() async throws {
        try await withMadoguchi { app in
            try await prepareDatabase(app)  // a second boot adds nothing
            #expect(
                try await ProcedureVersionRecord.query(on: app.db).count() == app.madoguchi.catalog.procedures.count)
        }
    }

    @Test func aFormChangedWithoutANewVersionStopsProduction() async throws {
        try await withMadoguchi { app in
            var sources = app.madoguchi.catalogSources
            sources["ninshin-todoke"]! += "\n# edited without a new version\n"
            await #expect(throws: ConfigurationFailure.self) {
                try await ProcedureVersions.register(
                    app.madoguchi.catalog, sources: sources, strict: true, logger: app.logger, on: app.db)
            }
            // development only warns
            try await ProcedureVersions.register(
                app.madoguchi.catalog, sources: sources, strict: false, logger: app.logger, on: app.db)
        }
    }
}

@Suite struct DatabaseSelectionTests {
    @Test func theSuiteRunsOnTheDatabaseItWasAskedFor() async throws {
        try await withMadoguchi { app in
            let dialect = try #require(app.db as? any SQLDatabase).dialect.name
            #expect(dialect == (testDatabaseURL == nil ? "sqlite" : "postgresql"))
        }
    }
}

@Suite struct DemoDataTests {
    @Test func demoDataGoesThroughTheRealIntake() async throws {
        try await withMadoguchi { app in
            // when: more than the submissions the demo keeps on their way at once
            let summary = try await DemoData.create(count: DemoData.inFlight + 30, app: app)
            // then: each stored with its own number, from 1 on without a gap
            #expect(summary.created == DemoData.inFlight + 30)
            #expect(summary.first == ReceiptNumber(year: 2026, sequence: 1))
            #expect(summary.last == ReceiptNumber(year: 2026, sequence: DemoData.inFlight + 30))
            #expect(
                try await ApplicationQueries.count(tenant: LocalGovernmentCode("990019")!, on: app.db)
                    == DemoData.inFlight + 30)
            // and: spread over the statuses, with the inbox's counts in step
            try await DemoData.spreadStatuses(app: app)
            let sql = app.db.sql
            let statuses = try await sql.raw("SELECT DISTINCT status FROM applications").all().count
            let counted = try await sql.raw("SELECT CAST(SUM(count) AS BIGINT) AS n FROM inbox_counts").first()?
                .decode(column: "n", as: Int.self)
            let mismatched = try await sql.raw(
                "SELECT COUNT(*) AS n FROM applications a JOIN inbox i ON i.application_id = a.id WHERE a.status <> i.status"
            ).first()?.decode(column: "n", as: Int.self)
            #expect(statuses >= 6)
            #expect(counted == DemoData.inFlight + 30)
            #expect(mismatched == 0)
        }
    }
}

@Suite struct FormDataCodingTests {
    @Test func storedJSONIsWhatJSONEncoderWouldWriteAndReadsBack() throws {
        // given: every shape, and text that needs escaping
        let data: FormData = [
            "name": .object(["family": .string("髙橋 \"𠮷\""), "given": .string("a\\b\n\t\u{1}")]),
            "amount": .integer(-12_000), "consent": .bool(true), "needs": .list(["a", "b/c"]),
            "children": .items([["birth": .string("2020-01-01")], [:]]),
        ]
        // when
        let text = FormDataCoding.encode(data)
        // then
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(text == String(decoding: try encoder.encode(data), as: UTF8.self))
        #expect(try FormDataCoding.decode(text) == data)
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
