import MadoguchiDomain
import Testing

@Suite struct CSVWriterTests {
    @Test func quotesOnlyWhatMustBeQuotedAndEndsRecordsInCRLF() {
        // when
        let text = CSVWriter.document([["plain", " spaced ", "a,b", "say \"hi\""], ["line\nbreak", "cr\r", ""]])
        // then
        #expect(text == "plain, spaced ,\"a,b\",\"say \"\"hi\"\"\"\r\n\"line\nbreak\",\"cr\r\",\r\n")
    }

    @Test func aLoneEmptyFieldIsQuotedSoItIsNotABlankLine() throws {
        // when
        let text = CSVWriter.document([["a"], [""], ["b"]])
        // then
        #expect(text == "a\r\n\"\"\r\nb\r\n")
        #expect(try CSVReader().records(in: text).map(\.fields) == [["a"], [""], ["b"]])
    }

    @Test func aQuoteFollowedByACombiningMarkIsStillDoubled() throws {
        // given: `"` and U+0301 make one Character
        let value = "x\"\u{0301}y"
        // when
        let field = CSVWriter.field(value)
        // then
        #expect(field.unicodeScalars.elementsEqual("\"x\"\"\u{0301}y\"".unicodeScalars))
        let read = try CSVReader().records(in: field)[0].fields[0]
        #expect(read.unicodeScalars.elementsEqual(value.unicodeScalars))
    }

    @Test func valuesThatLookLikeFormulasAreWrittenUnchanged() {
        // given: CSV injection is documented, not altered
        let values = ["=1+2", "+81", "-5", "@SUM(A1)"]
        // when
        let text = CSVWriter.document([values])
        // then
        #expect(text == "=1+2,+81,-5,@SUM(A1)\r\n")
    }

    @Test func aByteOrderMarkIsWrittenOnlyWhenAsked() {
        // when
        var writer = CSVWriter(byteOrderMark: true)
        writer.append(["宛名番号"])
        // then
        #expect(writer.text.unicodeScalars.first == "\u{FEFF}")
        #expect(CSVWriter.document([["宛名番号"]]).unicodeScalars.first == "宛")
    }
}
