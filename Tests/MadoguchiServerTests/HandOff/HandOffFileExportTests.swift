import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import VaporTesting

@testable import MadoguchiServer

@Suite struct HandOffFileExportTests {
    typealias Support = HandOffFileSupport

    @Test func releasedApplicationsGoToAUTF8CSVWhoseManifestChecksOut() async throws {
        try await withMadoguchi { app in
            // given two released claims, with 髙 and 﨑 (U+FA11) in the names
            let first = try await Support.released(app, family: "髙橋")
            let second = try await Support.released(app, family: "山\u{FA11}")
            let folder = try Support.folder()
            // when
            let outcome = try await HandOffFileExport.run(Support.request(folder), app: app)
            // then a CSV file and its manifest, nothing else a reader sees
            let file = try #require(outcome.file)
            #expect(outcome.rows == 2)
            #expect(Support.visibleFiles(folder) == [file.lastPathComponent, outcome.manifest!.lastPathComponent])
            #expect(file.lastPathComponent == "990019_jidou-teate-nintei_csv-utf-8_000001.csv")
            let bytes = try Data(contentsOf: file)
            let manifest = try Support.manifest(outcome.manifest)
            #expect(manifest.rows == 2 && manifest.records == 3 && manifest.bytes == bytes.count)
            #expect(manifest.sha256 == Support.sha256(bytes))
            #expect(manifest.cursor == .init(first: 1, last: 2))
            #expect(manifest.encoding == "utf-8" && manifest.substitutionReport == nil && !manifest.resend)
            // and the names as written, under the item names of the layout file
            let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
            #expect(lines.count == 4 && lines[3].isEmpty)
            let header = lines[0].split(separator: ",").map(String.init)
            #expect(header.prefix(2) == ["受付番号", "請求年月日"])
            let family = try #require(header.firstIndex(of: "請求者氏名（氏）"))
            let rows = lines[1...2].map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(rows.map { $0[0] } == [first, second])
            #expect(
                rows.map { Array($0[family].unicodeScalars) } == [
                    Array("髙橋".unicodeScalars), Array("山\u{FA11}".unicodeScalars),
                ])
            // and the audit log says who exported what, without the data
            let entry = try #require(
                try await app.db.sql.raw(
                    "SELECT actor, target, detail FROM audit_log WHERE action = 'handoff.export'"
                ).first())
            #expect(try entry.decode(column: "actor", as: String.self) == "cli:test")
            #expect(try entry.decode(column: "target", as: String.self) == "jidou-teate-nintei/csv-utf-8")
            let detail = try entry.decode(column: "detail", as: String.self)
            #expect(detail.contains("rows=2;from=1;to=2") && !detail.contains("髙橋") && !detail.contains(first))
        }
    }

    @Test func theCursorSendsEachRowOnceUnlessAskedAgain() async throws {
        try await withMadoguchi { app in
            // given two claims exported
            _ = try await Support.released(app, family: "山田")
            _ = try await Support.released(app, family: "佐藤")
            let folder = try Support.folder()
            _ = try await HandOffFileExport.run(Support.request(folder), app: app)
            // when the export runs again
            let second = try await HandOffFileExport.run(Support.request(folder), app: app)
            // then nothing is written
            #expect(second.rows == 0 && second.file == nil)
            #expect(Support.visibleFiles(folder).count == 2)
            // when asked again: the same two, in a file of their own, marked as a re-send
            let again = try await HandOffFileExport.run(Support.request(folder, resend: .again), app: app)
            #expect(again.rows == 2 && again.exportNumber == 2)
            let manifest = try Support.manifest(again.manifest)
            #expect(manifest.resend && manifest.cursor == .init(first: 1, last: 2))
            // and a claim released since goes alone in the next run; --from 2 sends 2 and 3
            _ = try await Support.released(app, family: "鈴木")
            let next = try await HandOffFileExport.run(Support.request(folder), app: app)
            #expect(next.rows == 1 && next.firstSequence == 3)
            let from = try await HandOffFileExport.run(Support.request(folder, resend: .from(2)), app: app)
            #expect(from.rows == 2 && from.firstSequence == 2 && from.lastSequence == 3)
            #expect(try await Support.position(app, target: "csv-utf-8") == 3)
        }
    }

    @Test func cp932FixedRecordsAreExactAndEverySubstitutionIsReported() async throws {
        try await withMadoguchi { app in
            // given names CP932 writes (髙, 﨑) and one it cannot, which the map substitutes (𠮷 → 吉)
            let receipts = [
                try await Support.released(app, family: "髙橋"), try await Support.released(app, family: "山\u{FA11}"),
                try await Support.released(app, family: "𠮷田"),
            ]
            let folder = try Support.folder()
            // when exported in the 児童手当 fixed-length layout
            let outcome = try await HandOffFileExport.run(
                Support.request(folder, layout: "kyufu", format: .fixed, encoding: .cp932), app: app)
            // then header, three data records and the trailer, each exactly 1100 bytes and CRLF
            let bytes = try [UInt8](Data(contentsOf: try #require(outcome.file)))
            let records = Support.records(bytes)
            #expect(records.map(\.count) == Array(repeating: 1100, count: 5))
            #expect(bytes.count == 5 * 1102)
            #expect(String(decoding: records[0].prefix(7), as: UTF8.self) == "1990019")
            #expect(String(decoding: records[4].prefix(16), as: UTF8.self) == "3990019000000003")
            // and the names: 髙 and 﨑 unchanged, 𠮷 written as 吉
            let data = try records[1...3].map { try CP932.decode($0) }
            #expect(zip(data, receipts).allSatisfy { $0.hasPrefix("2" + $1) })
            let names = data.map { String($0.dropFirst(1 + 16 + 9 + 7 + 1 + 7 + 1).prefix(2)) }
            #expect(
                names.map { Array($0.unicodeScalars) } == ["髙橋", "山\u{FA11}", "吉田"].map { Array($0.unicodeScalars) })
            // and the report beside the file lists the substitution, with the manifest vouching for it
            let manifest = try Support.manifest(outcome.manifest)
            #expect(manifest.rows == 3 && manifest.records == 5 && manifest.sha256 == Support.sha256(Data(bytes)))
            let report = try Data(contentsOf: try #require(outcome.report))
            #expect(manifest.substitutionReport?.sha256 == Support.sha256(report))
            #expect(manifest.substitutionReport?.substitutions == 1)
            let lines = String(decoding: report, as: UTF8.self).components(separatedBy: "\r\n")
            #expect(
                lines[1]
                    == "\(receipts[2]),請求者氏名（氏）,claimant_name.family,𠮷,U+20BB7,吉,U+5409,JIS包摂規準・UCS統合規則")
            #expect(lines.count == 3)
            let column = manifest.columns.data[7]
            #expect(column.name == "請求者氏名（氏）" && column.source == "claimant_name.family")
            #expect(column.start == 43 && column.width == 30)
        }
    }

    @Test func aCharacterWithoutASingleSubstituteFailsTheExportAndWritesNothing() async throws {
        try await withMadoguchi { app in
            // given a claim with 鷗, which no allowed category gives a CP932 answer for
            _ = try await Support.released(app, family: "髙橋")
            let receipt = try await Support.released(app, family: "鷗外")
            let folder = try Support.folder()
            // when
            let failure = await #expect(throws: HandOffFileExport.Failure.self) {
                try await HandOffFileExport.run(Support.request(folder, layout: "kyufu"), app: app)
            }
            // then it lists the character with its application and field, and nothing is written
            guard case .problems(let problems, let count)? = failure else {
                Issue.record("\(String(describing: failure))")
                return
            }
            #expect(count == 1)
            #expect(problems.first?.receiptNumber == receipt && problems.first?.path == "claimant_name.family")
            #expect("\(failure!)".contains("鷗 (U+9DD7, no candidate)"))
            #expect(Support.visibleFiles(folder).isEmpty && Support.hiddenTemporaries(folder).isEmpty)
            #expect(try await Support.position(app, target: "kyufu-cp932") == 0)
            // and the UTF-8 target takes the same claims unchanged
            let utf8 = try await HandOffFileExport.run(Support.request(folder), app: app)
            #expect(utf8.rows == 2)
        }
    }

    @Test func aCrashBeforeTheCommitLeavesNoFileAndTheRunAfterSendsTheRowsOnce() async throws {
        try await withMadoguchi { app in
            // given two claims, and a run that dies between writing its file and committing
            _ = try await Support.released(app, family: "山田")
            _ = try await Support.released(app, family: "佐藤")
            let folder = try Support.folder()
            await #expect(throws: Support.InjectedCrash.self) {
                try await HandOffFileExport.run(
                    Support.request(folder), app: app,
                    faults: .init(beforeCommit: { throw Support.InjectedCrash() }))
            }
            // then no file under a final name, and the cursor did not move
            #expect(Support.visibleFiles(folder).isEmpty)
            #expect(try await Support.position(app, target: "csv-utf-8") == 0)
            // when a killed run left its half-written temp file behind, and the export runs again
            let stale = folder.appendingPathComponent(".990019_jidou-teate-nintei_csv-utf-8_000001.csv.tmp")
            try Data("受付番号,途中".utf8).write(to: stale)
            let outcome = try await HandOffFileExport.run(Support.request(folder), app: app)
            // then the same rows, once, as the first file; nothing half-written is left
            #expect(outcome.rows == 2 && outcome.exportNumber == 1)
            #expect(Support.visibleFiles(folder).count == 2 && Support.hiddenTemporaries(folder).isEmpty)
            let manifest = try Support.manifest(outcome.manifest)
            #expect(manifest.sha256 == Support.sha256(try Data(contentsOf: outcome.file!)))
            #expect(try await HandOffFileExport.run(Support.request(folder), app: app).rows == 0)
        }
    }

    @Test func aCrashAfterTheCommitIsPublishedByTheNextRun() async throws {
        try await withMadoguchi { app in
            // given a run that dies after its commit, before renaming its files and writing the manifest
            _ = try await Support.released(app, family: "山田")
            let folder = try Support.folder()
            await #expect(throws: Support.InjectedCrash.self) {
                try await HandOffFileExport.run(
                    Support.request(folder, layout: "kyufu"), app: app,
                    faults: .init(beforePublish: { throw Support.InjectedCrash() }))
            }
            // then a reader sees nothing yet, while the cursor counts the row as written
            #expect(Support.visibleFiles(folder).isEmpty)
            #expect(try await Support.position(app, target: "kyufu-cp932") == 1)
            // when the export runs again
            let outcome = try await HandOffFileExport.run(Support.request(folder, layout: "kyufu"), app: app)
            // then it publishes that file first, and writes nothing new
            let name = "990019_jidou-teate-nintei_kyufu-cp932_000001"
            #expect(outcome.recovered == ["\(name).dat"] && outcome.rows == 0)
            #expect(
                Support.visibleFiles(folder) == ["\(name).dat", "\(name).manifest.json", "\(name).substitutions.csv"])
            let manifest = try Support.manifest(folder.appendingPathComponent("\(name).manifest.json"))
            let bytes = try Data(contentsOf: folder.appendingPathComponent("\(name).dat"))
            #expect(manifest.sha256 == Support.sha256(bytes) && manifest.rows == 1)
        }
    }

    @Test func theKaigoLayoutWritesCodesAndTheRunForCronFillsEachMunicipalitysFolder() async throws {
        let root = try Support.folder()
        try await withMadoguchi(adjust: { $0.handOffDirectory = root }) { app in
            // given a 児童手当 claim and a 要介護認定 application released
            _ = try await Support.released(app, family: "山田")
            _ = try await Support.released(
                app, family: "佐藤", procedureID: "youkaigo-nintei", nameField: "insured_name",
                answers: ["medical_insurer_number": "06130012", "medical_insured_branch": "01"])
            // when the command for cron runs
            let lines = try await HandOffFiles.run(
                municipality: nil, layout: "nintei", encoding: nil, actor: "cli:cron", app: app)
            // then each procedure has its file in デモ市's folder: 要介護認定 in its fixed layout
            #expect(lines.map(\.procedure) == ["jidou-teate-nintei", "youkaigo-nintei"])
            let outcomes = try lines.map { try $0.result.get() }
            #expect(outcomes.map(\.rows) == [1, 1])
            #expect(outcomes.map { $0.file?.deletingLastPathComponent().lastPathComponent } == ["990019", "990019"])
            let kaigo = Support.records(try [UInt8](Data(contentsOf: try #require(outcomes[1].file))))
            #expect(kaigo.map(\.count) == [1200, 1200, 1200])
            // 性別 (male → 1) after レコード区分, 受付番号, 連携番号, 申請年月日, 申請区分, 被保険者区分,
            // 被保険者番号 ×2, 個人番号, 氏名 ×2, カナ and 生年月日 (和暦, 元号の文字)
            let record = kaigo[1]
            #expect(record[175] == UInt8(ascii: "1"))
            #expect(
                [UInt8(ascii: "M"), UInt8(ascii: "T"), UInt8(ascii: "S"), UInt8(ascii: "H"), UInt8(ascii: "R")]
                    .contains(record[168]))
            // and a second run finds nothing waiting
            let again = try await HandOffFiles.run(
                municipality: "990019", layout: "nintei", encoding: nil, actor: "cli:cron", app: app)
            #expect(try again.map { try $0.result.get().rows } == [0, 0])
        }
        try? FileManager.default.removeItem(at: root)
    }
}
