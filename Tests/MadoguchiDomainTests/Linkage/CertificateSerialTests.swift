import MadoguchiDomain
import Testing

@Suite struct CertificateSerialTests {
    @Test(arguments: [
        ("0A:1B:2C", "A1B2C"), ("0x0a1b2c", "A1B2C"), ("0X0A 1B 2C", "A1B2C"), ("a1b2c", "A1B2C"),
        ("00-00-01", "1"), ("1234", "1234"),
    ])
    func readsHexInEveryUsualSpellingToOneCanonicalForm(text: String, canonical: String) {
        // then
        #expect(CertificateSerial(text)?.hex == canonical)
    }

    @Test(arguments: ["", "0", "00:00", "0x", "12G4", "１２", "0x-", String(repeating: "F", count: 41)])
    func refusesWhatIsNotAPositiveSerialOfAtMostTwentyOctets(text: String) {
        // then
        #expect(CertificateSerial(text) == nil)
    }

    @Test func fortyHexDigitsIsTheLongestSerial() {
        // then
        #expect(CertificateSerial(String(repeating: "F", count: 40))?.hex.count == 40)
        #expect(CertificateSerial("00" + String(repeating: "F", count: 40)) != nil)
    }

    @Test(arguments: [("255", "FF"), ("4096", "1000"), ("0001", "1"), ("18446744073709551616", "10000000000000000")])
    func readsDecimalWhenAsked(decimal: String, hex: String) {
        // then
        #expect(CertificateSerial(decimal: decimal)?.hex == hex)
    }

    @Test func readsTheContentOctetsOfADERInteger() {
        // then
        #expect(CertificateSerial(bytes: [0x00, 0x8F, 0x01])?.hex == "8F01")
        #expect(CertificateSerial(bytes: [0x8F]) == nil)
        #expect(CertificateSerial(bytes: []) == nil)
    }

    @Test func ordersNumerically() throws {
        // given
        let small = try #require(CertificateSerial("FF"))
        let large = try #require(CertificateSerial("100"))
        // then
        #expect(small < large)
    }
}
