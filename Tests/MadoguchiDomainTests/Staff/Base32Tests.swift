import MadoguchiDomain
import PropertyBased
import Testing

@Suite struct Base32Tests {
    @Test(arguments: [
        ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"),
        ("foobar", "MZXW6YTBOI"), ("12345678901234567890", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
    ])
    func encodingGivesTheVectorsOfRFC4648WithoutPadding(text: String, expected: String) {
        // given: RFC 4648 section 10 (its "=" padding left out) and the RFC 6238 key
        // when
        let encoded = Base32.encode(Array(text.utf8))
        // then
        #expect(encoded == expected)
        #expect(Base32.decode(expected) == Array(text.utf8))
    }

    @Test(arguments: ["MZXW6YTBOI======", "mzxw6ytboi", "MZXW 6YTB OI", "mZxW6 yTbOi=="])
    func decodingTakesLowerCaseSpacesAndPadding(typed: String) {
        // given: "foobar" as apps and people write it
        // when
        let bytes = Base32.decode(typed)
        // then
        #expect(bytes == Array("foobar".utf8))
    }

    @Test(arguments: [
        "MZXW6YTBO1", "MZXW6YTB0I", "MZXW-6YTB", "MZXW6YTB8I", "M", "MZX", "MZXW6Y", "ＭＺＸＷ６ＹＴＢＯＩ", "MZ=XQ",
    ])
    func decodingRefusesOtherCharactersAndImpossibleLengths(typed: String) {
        // given: 0, 1 and 8 are not in the alphabet, nor are "-" or full-width letters; 1, 3 or 6
        // symbols past a group of eight end inside a byte
        // when
        let bytes = Base32.decode(typed)
        // then
        #expect(bytes == nil)
    }

    @Test func everyByteStringRoundTrips() async {
        await propertyCheck(input: Gen.uint8().array(of: 0...64), Gen.int(in: 1...8)) { bytes, group in
            // given: any bytes
            // when: encoded, and also written in lower case in groups as an app shows them
            let encoded = Base32.encode(bytes)
            let grouped = stride(from: 0, to: encoded.count, by: group).map { start in
                String(encoded.dropFirst(start).prefix(group))
            }.joined(separator: " ")
            // then: both read back; the text is upper case, unpadded and as long as 8 bits per 5
            #expect(Base32.decode(encoded) == bytes)
            #expect(Base32.decode(grouped.lowercased()) == bytes)
            #expect(encoded.count == (bytes.count * 8 + 4) / 5)
            #expect(encoded.allSatisfy { $0.isUppercase || ("2"..."7").contains($0) })
        }
    }
}
