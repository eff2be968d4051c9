import Testing

@testable import MadoguchiDomain

/// The codes below were checked against Python's cp932 codec, which generates the table
/// (`scripts/make-cp932-table --check` proves the table is exactly that codec).
@Suite struct CP932Tests {
    @Test(arguments: [
        ("あ", [0x82, 0xA0]),
        ("ｱ", [0xB1]),  // half-width katakana: one byte
        ("①", [0x87, 0x40]),  // NEC row 13
        ("～", [0x81, 0x60]),  // U+FF5E: Microsoft's reading of JIS 1-33
        ("＼", [0x81, 0x5F]),  // U+FF3C
        ("∥", [0x81, 0x61]),
        ("－", [0x81, 0x7C]),
        ("￢", [0x81, 0xCA]),
        ("髙", [0xEE, 0xE0]),  // NEC-selected IBM extension: the lower of 0xEEE0 and 0xFBFC
        ("\u{FA11}", [0xED, 0x95]),  // 﨑, the lower of 0xED95 and 0xFAB1
        ("Ⅰ", [0x87, 0x54]),  // NEC row 13 before the IBM extension's 0xFA4A
        ("∵", [0x81, 0xE6]),  // JIS X 0208 before 0x879A and 0xFA5B
        ("\\~", [0x5C, 0x7E]),  // ASCII, not ¥ and ‾
        ("山田ﾀﾛｳ", [0x8E, 0x52, 0x93, 0x63, 0xC0, 0xDB, 0xB3]),
    ])
    func encodesAsPythonDoes(text: String, bytes: [UInt8]) throws {
        // when
        let encoded = try CP932.encode(text)
        // then
        #expect(encoded == bytes)
        #expect(try CP932.decode(bytes) == text)
    }

    @Test(arguments: [
        ([0xFB, 0xFC], "髙"),  // IBM extension: read, though written as 0xEEE0
        ([0xFA, 0xB1], "\u{FA11}"),
        ([0xFA, 0x4A], "Ⅰ"),
        ([0x87, 0x9A], "∵"),
        ([0xF0, 0x40], "\u{E000}"),  // user-defined area, first and last
        ([0xF9, 0xFC], "\u{E757}"),
        ([0x80], "\u{80}"),  // single bytes Python reads though CP932.TXT leaves them out
        ([0xA0], "\u{F8F0}"),
        ([0xFD, 0xFE, 0xFF], "\u{F8F1}\u{F8F2}\u{F8F3}"),
    ])
    func decodesDuplicatesAndExtraBytes(bytes: [UInt8], text: String) throws {
        #expect(try CP932.decode(bytes).unicodeScalars.elementsEqual(text.unicodeScalars))
    }

    @Test func writesSixCharactersItNeverReadsBack() throws {
        // given JIS X 0208's own mapping of six codes Microsoft reads as other characters
        let written = "¢£¬‖−〜"
        // when
        let bytes = try CP932.encode(written)
        // then
        #expect(bytes == [0x81, 0x91, 0x81, 0x92, 0x81, 0xCA, 0x81, 0x61, 0x81, 0x7C, 0x81, 0x60])
        #expect(try CP932.decode(bytes) == "￠￡￢∥－～")
    }

    @Test func everyCodeRoundTrips() throws {
        // given every single byte, and every lead byte with every byte after it
        var characters = 0
        var readBack = Set<Unicode.Scalar>()
        var all: [UInt8] = []
        var expected = String.UnicodeScalarView()
        let leads = Array(0x81...0x9F) + Array(0xE0...0xFC)
        let sequences =
            (0...0xFF).map { [UInt8($0)] } + leads.flatMap { lead in (0...0xFF).map { [UInt8(lead), UInt8($0)] } }
        for bytes in sequences {
            guard let text = try? CP932.decode(bytes) else { continue }
            // then each reads as one character, which is written at a code that reads as it again
            let scalar = try #require(text.unicodeScalars.first)
            #expect(text.unicodeScalars.count == 1)
            let written = try CP932.encode(text)
            #expect(written == bytes || written.count == 2 && written.lexicographicallyPrecedes(bytes))
            #expect(try CP932.decode(written).unicodeScalars.elementsEqual(text.unicodeScalars))
            characters += 1
            readBack.insert(scalar)
            all += bytes
            expected.append(scalar)
        }
        // and the counts are Python's: 196 single bytes and 9,604 pairs, 9,402 distinct characters
        #expect(characters == 9_800)
        #expect(readBack.count == 9_402)
        #expect(try CP932.decode(all).unicodeScalars.elementsEqual(expected))
    }

    @Test func reportsEveryCharacterItCannotWrite() {
        // given
        let text = "渡邉¥𠮷\u{E0100}"
        // when
        let failure = #expect(throws: CP932.EncodingFailure.self) { try CP932.encode(text) }
        // then
        #expect(failure?.characters.map(\.scalarOffset) == [2, 3, 4])
        #expect(failure?.characters.map(\.scalar) == ["¥", "\u{20BB7}", "\u{E0100}"])
        #expect(failure?.message.ja.contains("𠮷 (U+20BB7)") == true)
    }

    @Test(arguments: [
        ([0x41, 0x82], 1, CP932.DecodingFailure.Reason.truncated),  // a lead byte at the end
        ([0x82, 0x7F], 0, .undefined),  // 0x7F never follows a lead byte
        ([0x41, 0x82, 0x20], 1, .undefined),
        ([0x85, 0x40], 0, .undefined),  // an unassigned row
        ([0x82, 0xA0, 0x81, 0xAD], 2, .undefined),  // an unassigned cell
    ])
    func refusesWhatIsNotCP932(bytes: [UInt8], offset: Int, reason: CP932.DecodingFailure.Reason) {
        // when
        let failure = #expect(throws: CP932.DecodingFailure.self) { try CP932.decode(bytes) }
        // then
        #expect(failure?.offset == offset)
        #expect(failure?.reason == reason)
    }

    @Test func countsBytes() {
        #expect(CP932.byteCount(of: "A") == 1)
        #expect(CP932.byteCount(of: "ｱ") == 1)
        #expect(CP932.byteCount(of: "ア") == 2)
        #expect(CP932.byteCount(of: "\u{20BB7}") == nil)
        #expect(CP932.canEncode("髙"))
        #expect(!CP932.canEncode("鷗"))
    }
}
