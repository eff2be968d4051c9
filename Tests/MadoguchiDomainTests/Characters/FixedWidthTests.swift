import Testing

@testable import MadoguchiDomain

@Suite struct FixedWidthTests {
    @Test func padsToTheWidthInBytes() throws {
        // given 山田 (two bytes each) and ﾀﾛｳ (one each)
        // when
        let field = try FixedWidth.field("山田ﾀﾛｳ", width: 10)
        // then
        #expect(field == [0x8E, 0x52, 0x93, 0x63, 0xC0, 0xDB, 0xB3, 0x20, 0x20, 0x20])
    }

    @Test func alignsNumbersRightWithZeros() throws {
        #expect(try FixedWidth.field("123", width: 6, alignment: .right, padding: .zero) == Array("000123".utf8))
        #expect(try FixedWidth.field("", width: 2, alignment: .right, padding: .zero) == Array("00".utf8))
        #expect(try FixedWidth.field("42", width: 2, alignment: .right, padding: .zero) == Array("42".utf8))
    }

    @Test func padsWithFullWidthSpaces() throws {
        // when
        let field = try FixedWidth.field("山田", width: 8, padding: .fullWidthSpace)
        // then
        #expect(field == [0x8E, 0x52, 0x93, 0x63, 0x81, 0x40, 0x81, 0x40])
        // and an odd number of bytes left is refused
        #expect(throws: FixedWidth.Failure.cannotPad(byteCount: 4, width: 7)) {
            try FixedWidth.field("山田", width: 7, padding: .fullWidthSpace)
        }
    }

    @Test func refusesTextTooLongByDefault() {
        #expect(throws: FixedWidth.Failure.tooLong(byteCount: 8, width: 5)) {
            try FixedWidth.field("山田太郎", width: 5)
        }
    }

    @Test func truncatesOnlyBetweenCharacters() throws {
        // given a width that ends in the middle of 太
        // when
        let field = try FixedWidth.field("山田太郎", width: 5, overflow: .truncate)
        // then 太 is left out whole, and its first byte's place padded
        #expect(field == [0x8E, 0x52, 0x93, 0x63, 0x20])
        // and a one-byte character after it does not slip in
        #expect(try FixedWidth.field("山田太A", width: 5, overflow: .truncate) == [0x8E, 0x52, 0x93, 0x63, 0x20])
    }

    @Test func refusesWhatCP932CannotWrite() {
        // when
        let failure = #expect(throws: FixedWidth.Failure.self) { try FixedWidth.field("𠮷田", width: 10) }
        // then
        guard case .unencodable(let encoding) = failure else {
            Issue.record("expected unencodable, got \(String(describing: failure))")
            return
        }
        #expect(encoding.characters.map(\.scalar) == ["\u{20BB7}"])
    }
}
