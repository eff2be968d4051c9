import MadoguchiDomain
import Testing

@Suite struct CSVReaderTests {
    let reader = CSVReader()

    func fields(_ text: String) throws -> [[String]] {
        try reader.records(in: text).map(\.fields)
    }

    func error(_ text: String, reader: CSVReader = CSVReader()) -> CSVError? {
        do {
            _ = try reader.records(in: text)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws {
        // given
        let text = "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"line\r\nbreak\",\"lf\nonly\",\"\"\r\n"
        // when
        let records = try fields(text)
        // then
        #expect(records == [["a", "b,c", "say \"hi\""], ["line\r\nbreak", "lf\nonly", ""]])
    }

    @Test(arguments: ["a,b\r\nc,d\r\n", "a,b\nc,d\n", "a,b\rc,d\r", "a,b\r\nc,d", "a,b\nc,d\r\n"])
    func takesCRLFLFAndLoneCRAsLineEnds(text: String) throws {
        // when
        let records = try fields(text)
        // then
        #expect(records == [["a", "b"], ["c", "d"]])
    }

    @Test func recordsCarryTheLineTheyStartOnCountingBreaksInsideQuotes() throws {
        // given: the second record spans lines 2–4; a blank line 5 is skipped
        let text = "h1,h2\r\n\"one\r\ntwo\nthree\",x\r\n\r\nlast,y\r\n"
        // when
        let records = try reader.records(in: text)
        // then
        #expect(records.map(\.line) == [1, 2, 6])
        #expect(records[2].fields == ["last", "y"])
    }

    @Test func skipsAByteOrderMarkAndBlankLinesButKeepsSpaces() throws {
        // given
        let text = "\u{FEFF}名前, 住所 \r\n\r\n\n山田 太郎,\u{3000}東京都\u{3000}\r\n"
        // when
        let records = try fields(text)
        // then: the first field does not begin with U+FEFF; spaces stay as written
        #expect(records == [["名前", " 住所 "], ["山田 太郎", "\u{3000}東京都\u{3000}"]])
        #expect(records[0][0].unicodeScalars.first == "名")
    }

    @Test func aTrailingCommaIsAnEmptyLastFieldAndQuotedEmptyIsARecord() throws {
        // when
        let records = try fields("a,\r\n\"\"\r\n,\r\n")
        // then
        #expect(records == [["a", ""], [""], ["", ""]])
    }

    @Test func keepsIdeographicVariationSequencesAndCompatibilityIdeographs() throws {
        // given: 葛 with an IVS selector, 神 (U+FA19, canonically equivalent to U+795E), 𠮷 (outside the BMP)
        let text = "\"葛\u{E0100}城\",\u{FA19},𠮷野\r\n"
        // when
        let record = try fields(text)[0]
        // then
        #expect(record[0].unicodeScalars.elementsEqual("葛\u{E0100}城".unicodeScalars))
        #expect(record[1].unicodeScalars.elementsEqual(["\u{FA19}"]))
        #expect(record[2].unicodeScalars.count == 2)
    }

    @Test func anUnterminatedQuoteNamesTheLineItOpenedOn() {
        // when
        let error = error("a,b\r\nc,\"never\r\nclosed,d\r\n")
        // then
        #expect(error == CSVError(line: 2, .unterminatedQuote(column: 2)))
        #expect(error?.message.ja.hasPrefix("2行目: 2列目") == true)
        #expect(error?.message.en.hasPrefix("Line 2: The quoted field in column 2") == true)
    }

    @Test func aBareQuoteInAnUnquotedFieldIsAnError() {
        // when
        let error = error("a,b\nc,d\"e,f\n")
        // then
        #expect(error == CSVError(line: 2, .quoteInUnquotedField(column: 2)))
    }

    @Test(arguments: ["\"ab\"c\n", "\"ab\" \n", "x,\"ab\"\"c\"d"])
    func textAfterAClosingQuoteIsAnError(text: String) {
        // when
        let error = error(text)
        // then
        #expect(error?.kind == .textAfterClosingQuote(column: text.hasPrefix("x") ? 2 : 1))
    }

    @Test func aFieldPastTheLimitIsAnErrorWithoutReadingOn() {
        // given: a 10-byte limit and fields of 10 and 11 bytes, quoted and not
        let small = CSVReader(limits: CSVLimits(maxFieldBytes: 10))
        // then
        #expect(error("0123456789,\"01234\"\"678\"\n", reader: small) == nil)
        #expect(error("a\n01234567890\n", reader: small) == CSVError(line: 2, .fieldTooLarge(column: 1, limit: 10)))
        #expect(error("\"0123456789\"\"\"", reader: small) == CSVError(line: 1, .fieldTooLarge(column: 1, limit: 10)))
        // and: an unterminated quote over a huge text stops at the limit, not at the end
        let huge = "\"" + String(repeating: "x", count: 1_000_000)
        #expect(error(huge)?.kind == .fieldTooLarge(column: 1, limit: CSVLimits().maxFieldBytes))
    }

    @Test func tooManyColumnsOrRecordsAreErrors() {
        // given
        let narrow = CSVReader(limits: CSVLimits(maxColumns: 3, maxRecords: 2))
        // then
        #expect(error("a,b,c\n", reader: narrow) == nil)
        #expect(error("a,b,c\nd,e,f,g\n", reader: narrow) == CSVError(line: 2, .tooManyColumns(limit: 3)))
        #expect(error("a\nb\nc\n", reader: narrow) == CSVError(line: 3, .tooManyRecords(limit: 2)))
    }

    @Test func forEachRecordHandsOverEveryRecordInOrder() throws {
        // given
        var seen: [Int] = []
        // when
        try reader.forEachRecord(in: "1\n2\n3") { seen.append(Int($0.fields[0])!) }
        // then
        #expect(seen == [1, 2, 3])
    }

    @Test func emptyTextHasNoRecords() throws {
        // then
        #expect(try fields("") == [])
        #expect(try fields("\u{FEFF}\r\n\n") == [])
    }
}
