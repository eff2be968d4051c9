import Foundation
import Testing

@testable import MadoguchiDomain

@Suite struct HandOffFormatterTests {
    static let layout = HandOffLayoutTests.parsed().file!.layouts[0]
    static let facts = HandOffFileFacts(
        municipality: "990019", procedureID: "test-procedure", createdAt: Date(timeIntervalSince1970: 1_795_395_600),
        recordCount: 1, exportNumber: 1)

    static func row(family: String, data extra: FormData = [:]) -> HandOffRow {
        var data: FormData = [
            "applicant_name": .object(["family": .string(family), "given": .string("花子")]),
            "applicant_kana": .object(["family": .string("ヤマダ"), "given": .string("ガク")]),
            "birth_date": .string("2019-05-01"), "has_spouse": .string("no"), "amount": .integer(1200),
            "children": .items([["name": .object(["family": .string("山田"), "given": .string("太郎")])]]),
        ]
        data.merge(extra) { _, new in new }
        return HandOffRow(
            receiptNumber: "2026-000001-5", sequence: 7, submittedAt: facts.createdAt, releasedAt: facts.createdAt,
            procedure: Fixtures.procedure, data: data)
    }

    @Test func aFixedRecordIsItsWidthsExactlyInCP932Bytes() throws {
        // given
        let formatter = HandOffFormatter(layout: Self.layout, encoding: .cp932)
        var log = HandOffFormatter.Log()
        // when
        let bytes = formatter.dataRecord(Self.row(family: "髙橋"), facts: Self.facts, log: &log)
        // then: 40 bytes and CRLF; 髙 is CP932's own, the kana half-width, the date 令和元年,
        // the yen zero-filled on the right, the child's name cut before a character that would not fit
        #expect(log.problems.isEmpty && log.substitutions.isEmpty)
        #expect(bytes.count == 42)
        let text = try CP932.decode(bytes)
        #expect(text == "2髙橋    ﾔﾏﾀﾞ ｶﾞｸ    R0105010001200山田 \r\n")
    }

    @Test func headerAndTrailerCarryTheCount() throws {
        let formatter = HandOffFormatter(layout: Self.layout, encoding: .cp932)
        var log = HandOffFormatter.Log()
        var facts = Self.facts
        facts.recordCount = 1234
        let header = try #require(formatter.fileRecord(.header, facts: facts, log: &log))
        let trailer = try #require(formatter.fileRecord(.trailer, facts: facts, log: &log))
        #expect(String(decoding: header, as: UTF8.self) == "101234" + String(repeating: " ", count: 34) + "\r\n")
        #expect(String(decoding: trailer, as: UTF8.self) == "9000001234" + String(repeating: " ", count: 30) + "\r\n")
    }

    @Test func whatCP932CannotWriteIsSubstitutedAndLogged() throws {
        // given 𠮷 (JIS包摂規準・UCS統合規則: 吉)
        let formatter = HandOffFormatter(layout: Self.layout, encoding: .cp932)
        var log = HandOffFormatter.Log()
        // when
        let bytes = formatter.dataRecord(Self.row(family: "𠮷田"), facts: Self.facts, log: &log)
        // then
        #expect(try CP932.decode(bytes).hasPrefix("2吉田    "))
        #expect(
            log.substitutions == [
                HandOffSubstitution(
                    receiptNumber: "2026-000001-5", item: "氏", path: "applicant_name.family", from: "𠮷", to: "吉",
                    category: .jisAndUCSUnification)
            ])
    }

    @Test func aCharacterWithoutASingleAnswerIsAProblem() {
        // given 鷗, which the map relates to nothing CP932 has
        let formatter = HandOffFormatter(layout: Self.layout, encoding: .cp932)
        var log = HandOffFormatter.Log()
        // when
        _ = formatter.dataRecord(Self.row(family: "鷗"), facts: Self.facts, log: &log)
        // then
        #expect(log.problems.count == 1)
        #expect(log.problems.first?.receiptNumber == "2026-000001-5")
        #expect(log.problems.first?.description.contains("鷗 (U+9DD7, no candidate)") == true)
    }

    @Test func valuesThatDoNotFitAreProblemsNotCuts() {
        let formatter = HandOffFormatter(layout: Self.layout, encoding: .cp932)
        var log = HandOffFormatter.Log()
        _ = formatter.dataRecord(
            Self.row(family: "長谷川原田", data: ["has_spouse": .string("unknown")]), facts: Self.facts, log: &log)
        #expect(log.problems.map(\.kind) == [.tooLong(byteCount: 10, width: 8), .noCode("unknown")])
    }

    @Test func aCSVInUTF8KeepsVariationSequences() throws {
        // given the generated CSV layout, and a name with an IVS
        let layout = HandOffLayout.generated(.csv, for: Fixtures.procedure)
        let formatter = HandOffFormatter(layout: layout, encoding: .utf8)
        var log = HandOffFormatter.Log()
        // when
        let header = try #require(formatter.headerRow(log: &log))
        let bytes = formatter.dataRecord(Self.row(family: "葛\u{E0100}西"), facts: Self.facts, log: &log)
        // then
        let names = String(decoding: header, as: UTF8.self).split(separator: ",").prefix(4)
        #expect(names == ["受付番号", "申請日", "applicant_name.family", "applicant_name.given"])
        let fields = String(decoding: bytes, as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false)
        #expect(Array(fields[2].unicodeScalars) == Array("葛\u{E0100}西".unicodeScalars))
        #expect(fields[1] == "2026-11-23")
        #expect(log.substitutions.isEmpty && log.problems.isEmpty)
    }

    @Test(arguments: [
        (HandOffDateFormat.yyyymmdd, "2019-05-01", "20190501"), (.gyymmdd, "2019-05-01", "R010501"),
        (.eyymmdd, "2019-04-30", "4310430"), (.gyymm, "1926-12-25", "S0112"), (.wareki, "2024-10-01", "令和6年10月1日"),
        (.slashed, "2024-10-01", "2024/10/01"), (.yyyymm, "2027-03-01", "202703"),
    ])
    func datesAreWrittenInTheFormatAsked(format: HandOffDateFormat, iso: String, expected: String) {
        #expect(format.format(CivilDate(iso: iso)!) == expected)
        #expect(format.width == nil || format.width == expected.utf8.count)
    }

    @Test func katakanaBecomesHalfWidth() {
        #expect(Kana.halfWidth("ヤマダ　ガクヴ・パー") == "ﾔﾏﾀﾞ ｶﾞｸｳﾞ･ﾊﾟｰ")
        #expect(Kana.halfWidth("ヶ山ヰ") == "ヶ山ヰ")
    }

    @Test func aGroupWithMoreItemsThanColumnsIsAProblem() {
        let formatter = HandOffFormatter(layout: Self.layout, encoding: .cp932)
        var log = HandOffFormatter.Log()
        let child: [String: FormValue] = ["name": .object(["family": .string("子"), "given": .string("一")])]
        _ = formatter.dataRecord(
            Self.row(family: "山田", data: ["children": .items([child, child])]), facts: Self.facts, log: &log)
        #expect(log.problems.map(\.kind) == [.tooManyItems(count: 2, slots: 1)])
    }
}
