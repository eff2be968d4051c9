import MadoguchiDomain
import PropertyBased
import Testing

@Suite struct CSVPropertyTests {
    /// Field text with everything CSV must take care of: delimiters, quotes, each line end,
    /// spaces, kanji, an IVS selector, a compatibility ideograph, an astral character.
    static let fieldCharacters: [Character] = [
        "a", "Z", "0", ",", "\"", "\r", "\n", "\r\n", " ", "\u{3000}", "日", "葛\u{E0100}", "\u{FA19}", "𠮷", "=",
    ]
    static let field = Gen<Character?>.element(of: fieldCharacters).compactMap { $0 }.string(of: 0...8)
    static let records = field.array(of: 1...5).array(of: 0...6)

    @Test func whatTheWriterWritesTheReaderReadsBackExactly() async throws {
        await propertyCheck(input: Self.records) { records in
            // given
            let text = CSVWriter.document(records)
            // when
            let read = try CSVReader().records(in: text).map(\.fields)
            // then: the same values, scalar for scalar
            #expect(read.count == records.count)
            for (got, wrote) in zip(read, records) {
                // then
                #expect(got.map { Array($0.unicodeScalars) } == wrote.map { Array($0.unicodeScalars) })
            }
        }
    }

    @Test func aByteOrderMarkChangesNothingRead() async throws {
        await propertyCheck(input: Self.records) { records in
            // given
            let plain = CSVWriter.document(records)
            let marked = CSVWriter.document(records, byteOrderMark: true)
            // when
            let fromMarked = try CSVReader().records(in: marked)
            let fromPlain = try CSVReader().records(in: plain)
            // then
            #expect(fromMarked == fromPlain)
        }
    }
}
