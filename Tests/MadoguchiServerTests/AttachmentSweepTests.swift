import Fluent
import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import MadoguchiServer

/// Uploaded files hold personal data (通帳, 本人確認書類): those nobody submitted are removed.
@Suite struct AttachmentSweepTests {
    static let day: TimeInterval = 24 * 3600

    /// Stores a small PDF of its own content; returns its reference and a token issued now.
    static func upload(_ app: Application, _ text: String) throws -> (AttachmentReference, String) {
        let now = app.madoguchi.clock.now()
        let store = app.madoguchi.attachments
        let reference = try store.store(Array("%PDF-1.4\n% \(text)\n%%EOF\n".utf8), filename: "\(text).pdf", now: now)
        return (reference, store.token(for: reference, issuedAt: now, tenant: demoCode))
    }

    static func setTime(of reference: AttachmentReference, in app: Application, to date: Date) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: date], ofItemAtPath: app.madoguchi.attachments.path(for: reference.sha256).path)
    }

    static func exists(_ reference: AttachmentReference, in app: Application) -> Bool {
        FileManager.default.fileExists(atPath: app.madoguchi.attachments.path(for: reference.sha256).path)
    }

    static func sweep(_ app: Application, at date: Date) async throws -> AttachmentSweep.Report {
        try await AttachmentSweep.run(
            store: app.madoguchi.attachments, database: try #require(app.db as? any SQLDatabase),
            threadPool: app.threadPool, now: date)
    }

    @Test func filesNobodySubmittedAreRemovedTwoWeeksAfterTheirLastUpload() async throws {
        try await withMadoguchi { app in
            // given: three uploads; the second is attached to a submitted application
            let (abandoned, _) = try Self.upload(app, "abandoned")
            let (submitted, token) = try Self.upload(app, "submitted")
            let (recent, _) = try Self.upload(app, "recent")
            let procedure = try #require(app.madoguchi.catalog.procedure("jidou-teate-nintei"))
            let field = try #require(procedure.step(Procedure.documentStepID)?.fields.first)
            try await app.testing().test(
                .POST, "/api/v1/applications", headers: jsonHeaders(),
                body: try jsonBuffer(sampleBody(procedure) { $0[field.id] = token })
            ) { res in
                #expect(res.status == .created, "\(res.body.string)")
            }
            // and: the first two were last uploaded 15 days ago, the third 13 days ago
            let now = app.madoguchi.clock.now()
            try Self.setTime(of: abandoned, in: app, to: now - 15 * Self.day)
            try Self.setTime(of: submitted, in: app, to: now - 15 * Self.day)
            try Self.setTime(of: recent, in: app, to: now - 13 * Self.day)
            // when
            let report = try await Self.sweep(app, at: now)
            // then: only the abandoned one is gone
            #expect(report == AttachmentSweep.Report(examined: 2, removed: 1))
            #expect(!Self.exists(abandoned, in: app))
            #expect(Self.exists(submitted, in: app))
            #expect(Self.exists(recent, in: app))
            // and: the application's file is recorded for its municipality
            let rows = try await (app.db as! any SQLDatabase).raw(
                "SELECT sha256, tenant_code FROM attachment_files"
            ).all()
            #expect(rows.count == 1)
            #expect(try rows.first?.decode(column: "sha256", as: String.self) == submitted.sha256)
            #expect(try rows.first?.decode(column: "tenant_code", as: String.self) == "990019")
            // when: the same content is uploaded again, its time starts again
            _ = try Self.upload(app, "recent")
            #expect(try await Self.sweep(app, at: now + 12 * Self.day).removed == 0)
            #expect(Self.exists(recent, in: app))
        }
    }

    @Test func aTokenIsAcceptedForAWeekAndAFileIsNeverRemovedWhileItIs() async throws {
        try await withMadoguchi { app in
            let store = app.madoguchi.attachments
            let (reference, token) = try Self.upload(app, "week")
            let issued = app.madoguchi.clock.now()
            #expect(store.resolve(token: token, at: issued + 7 * Self.day - 60, tenant: demoCode) == reference)
            // then: a week later it is refused, and the resident is asked to choose the file again
            #expect(store.resolve(token: token, at: issued + 7 * Self.day + 60, tenant: demoCode) == nil)
            // and: a token from the future (a clock set wrong) is refused too
            #expect(store.resolve(token: token, at: issued - 3600, tenant: demoCode) == nil)
            // and: the sweep leaves the file alone as long as any token for it is accepted
            try Self.setTime(of: reference, in: app, to: issued)
            #expect(try await Self.sweep(app, at: issued + 7 * Self.day + 60).removed == 0)
            #expect(try await Self.sweep(app, at: issued + 14 * Self.day + 60).removed == 1)
            #expect(store.resolve(token: token, at: issued, tenant: demoCode) == nil)
        }
    }

    @Test func aSavedDraftKeepsItsFilesAndBringsThemBackWithFreshTokens() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            // given: a resident attaches a file on the documents step and saves a draft there
            var client = FormClient(app: app)
            let bytes = Array("%PDF-1.4\n% draft\n%%EOF\n".utf8)
            let (saved, field) = try await client.attachOnDocumentsStep(
                action: "save", filename: "通帳.pdf", bytes: bytes)
            let code = try #require(FormClient.draftCode(in: saved.body.string))
            let reference = AttachmentReference(
                sha256: SHA256Hex.of(Data(bytes)), size: bytes.count, kind: "pdf", filename: "通帳.pdf")
            // then: the file is kept while the draft may be brought back (30 days)
            #expect(try await Self.sweep(app, at: testNow + 40 * Self.day).removed == 0)
            #expect(Self.exists(reference, in: app))
            // when: the draft is brought back 20 days on, past its token's week
            clock.date = testNow + 20 * Self.day
            var later = FormClient(app: app)
            _ = try await later.get("/resume")
            let resumed = try await later.post("/resume", [("resume_code", code)])
            #expect(resumed.status == .ok)
            // then: the form holds the file again, with a token accepted now
            let token = try #require(FormClient.hiddenFields(in: resumed.body.string).first { $0.0 == field.id }?.1)
            #expect(app.madoguchi.attachments.resolve(token: token, at: clock.now(), tenant: demoCode) == reference)
            // and: a file no draft or application holds any more is removed two weeks after the last
            // of them (the draft's 30 days from its saving)
            #expect(try await Self.sweep(app, at: testNow + 44 * Self.day - 60).removed == 0)
            #expect(try await Self.sweep(app, at: testNow + 44 * Self.day + 60).removed == 1)
            #expect(!Self.exists(reference, in: app))
        }
    }

    @Test func aFileChosenOverAWeekAgoInAnOpenFormIsAskedForAgainNotLost() async throws {
        let clock = SettableClock(testNow)
        try await withMadoguchi(clock: clock) { app in
            // given: a resident attaches a file, then keeps the form open for eight days, a step a day
            var client = FormClient(app: app)
            let (first, field) = try await client.attachOnDocumentsStep(
                action: "back", filename: "通帳.pdf", bytes: Array("%PDF-1.4\n% open\n%%EOF\n".utf8))
            let procedure = try #require(app.madoguchi.catalog.procedure("jidou-teate-nintei"))
            let documents = try #require(procedure.steps.firstIndex { $0.id == Procedure.documentStepID })
            let path = "/procedures/jidou-teate-nintei/apply"
            var page = first
            for day in 1...8 {
                clock.date = testNow + Double(day) * 23 * 3600
                page = try await client.post(
                    path, FormClient.hiddenFields(in: page.body.string) + [("_action", "edit:\(documents)")])
                #expect(page.status == .ok)
            }
            // then: the documents step says the file must be chosen again
            #expect(page.body.string.contains("前に選んだファイルは期限（1週間）が過ぎたため送れません。もう一度選んでください。"))
            // and: going on without choosing it is refused beside its box, not passed over
            let next = try await client.post(
                path, FormClient.hiddenFields(in: page.body.string) + [("_action", "next")])
            #expect(next.status == .unprocessableEntity)
            #expect(next.body.string.contains("添付ファイルをもう一度選んでください。"))
            #expect(next.body.string.contains("href=\"#\(FormFields.domID(field.id))\""))
        }
    }

    @Test func theDigestsOfStoredDataAreFoundWhereverTheyAre() {
        let first = String(repeating: "a", count: 64)
        let second = String(repeating: "0", count: 63) + "f"
        let data =
            #"{"doc":{"filename":"x.pdf","kind":"pdf","sha256":"\#(first)","size":1},"#
            + #""children":[{"photo":{"sha256":"\#(second)"}},{"photo":{"sha256":"\#(first)"}}],"#
            + #""note":"\"sha256\":\"\#(String(repeating: "b", count: 64))\"","short":{"sha256":"abc"}}"#
        #expect(AttachmentFiles.digests(inStoredData: data) == [first, second])
    }

    @Test func theFilesOfApplicationsStoredBeforeAreRecordedWhenTheDatabaseIsMigrated() async throws {
        try await withMadoguchi { app in
            // given: an application with a file, stored before `attachment_files` existed
            let token = try storedPDFToken(app)
            let procedure = try #require(app.madoguchi.catalog.procedure("jidou-teate-nintei"))
            try await app.testing().test(
                .POST, "/api/v1/applications", headers: jsonHeaders(),
                body: try jsonBuffer(sampleBody(procedure, attachmentToken: token))
            ) { res in
                #expect(res.status == .created, "\(res.body.string)")
            }
            let sql = try #require(app.db as? any SQLDatabase)
            try await AddAttachmentFiles().revert(on: app.db)
            // when
            try await AddAttachmentFiles().prepare(on: app.db)
            // then
            let rows = try await sql.raw("SELECT tenant_code FROM attachment_files").all()
            #expect(try rows.map { try $0.decode(column: "tenant_code", as: String.self) } == ["990019"])
        }
    }

    @Test func aLargeStoreIsSweptInChunks() async throws {
        try await withMadoguchi { app in
            // given: 620 files nobody submitted, all a month old, spread over the store's folders
            let now = app.madoguchi.clock.now()
            var files: [AttachmentReference] = []
            for number in 0..<620 {
                let (reference, _) = try Self.upload(app, "file \(number)")
                try Self.setTime(of: reference, in: app, to: now - 30 * Self.day)
                files.append(reference)
            }
            // when
            let report = try await Self.sweep(app, at: now)
            // then: every one is gone
            #expect(report == AttachmentSweep.Report(examined: 620, removed: 620))
            #expect(files.allSatisfy { !Self.exists($0, in: app) })
        }
    }

    @Test func aParkedFileWhoseTimeMovedIsPutBack() async throws {
        try await withMadoguchi { app in
            let store = app.madoguchi.attachments
            let (old, _) = try Self.upload(app, "old")
            let (young, _) = try Self.upload(app, "young")
            let now = app.madoguchi.clock.now()
            try Self.setTime(of: old, in: app, to: now - 20 * Self.day)
            let cutoff = now - 14 * Self.day
            // then: a file uploaded again since it was listed is put back at once
            #expect(!store.park(young.sha256, before: cutoff))
            #expect(Self.exists(young, in: app))
            // and: an old one is out of the way until it is put back or discarded
            #expect(store.park(old.sha256, before: cutoff))
            #expect(!Self.exists(old, in: app))
            // and: a sweep that finds it parked (one that stopped half-way) puts it back first
            let folder = store.path(for: old.sha256).deletingLastPathComponent()
            #expect(store.sweepFolders().contains(folder))
            #expect(store.sweepCandidates(in: folder, before: cutoff) == [old.sha256])
            #expect(Self.exists(old, in: app))
        }
    }
}

/// A clock the test sets.
final class SettableClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ date: Date) { current = date }

    var date: Date {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }

    func now() -> Date { date }
}
