import Foundation
import MadoguchiDomain
import Testing

@Suite struct TOTPTests {
    /// The key of RFC 4226 Appendix D and RFC 6238 Appendix B (for SHA-1): ASCII "12345678901234567890".
    static let rfcSecret = TOTP.Secret(bytes: Array("12345678901234567890".utf8))

    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    @Test(arguments: [
        (0, "755224"), (1, "287082"), (2, "359152"), (3, "969429"), (4, "338314"),
        (5, "254676"), (6, "287922"), (7, "162583"), (8, "399871"), (9, "520489"),
    ])
    func hotpGivesTheValuesOfRFC4226AppendixD(counter: Int, expected: String) {
        // given: the RFC's key
        // when
        let code = TOTP.hotp(counter: counter, secret: Self.rfcSecret)
        // then
        #expect(code == expected)
    }

    @Test(arguments: [
        (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ])
    func totpGivesTheSHA1ValuesOfRFC6238AppendixB(seconds: Int, expected: String) {
        // given: the RFC's key and time
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        // when
        let code = TOTP.code(at: date, secret: Self.rfcSecret, digits: 8)
        // then: eight digits, leading zero kept
        #expect(code == expected)
        #expect(TOTP.verify(expected, at: date, secret: Self.rfcSecret, digits: 8, lastUsedStep: nil) == seconds / 30)
    }

    @Test func aCodeIsAcceptedOneStepEitherSideAndNoFurther() {
        // given: 1,111,111,111 s is one second into step 37,037,037
        let date = Date(timeIntervalSince1970: 1_111_111_111)
        let now = 37_037_037
        #expect(TOTP.step(at: date) == now)
        for offset in -3...3 {
            // when: the code of a step near now is typed
            let code = TOTP.hotp(counter: now + offset, secret: Self.rfcSecret)
            let matched = TOTP.verify(code, at: date, secret: Self.rfcSecret, lastUsedStep: nil)
            // then: within one step it is accepted as that step; beyond, refused
            #expect(matched == (abs(offset) <= 1 ? now + offset : nil), "offset \(offset)")
        }
    }

    @Test func theWindowMovesAtTheStepBoundary() {
        // given: the codes of steps 0, 1 and 2 (0–29 s, 30–59 s, 60–89 s)
        let codes = (0...3).map { TOTP.hotp(counter: $0, secret: Self.rfcSecret) }
        let lastSecondOfStep1 = Date(timeIntervalSince1970: 59)
        let firstSecondOfStep2 = Date(timeIntervalSince1970: 60)
        // then: at 59 s, step 0's code is still good and step 2's already is
        #expect(TOTP.verify(codes[0], at: lastSecondOfStep1, secret: Self.rfcSecret, lastUsedStep: nil) == 0)
        #expect(TOTP.verify(codes[2], at: lastSecondOfStep1, secret: Self.rfcSecret, lastUsedStep: nil) == 2)
        #expect(TOTP.verify(codes[3], at: lastSecondOfStep1, secret: Self.rfcSecret, lastUsedStep: nil) == nil)
        // and: one second later step 0's is not, and step 3's is
        #expect(TOTP.verify(codes[0], at: firstSecondOfStep2, secret: Self.rfcSecret, lastUsedStep: nil) == nil)
        #expect(TOTP.verify(codes[1], at: firstSecondOfStep2, secret: Self.rfcSecret, lastUsedStep: nil) == 1)
        #expect(TOTP.verify(codes[3], at: firstSecondOfStep2, secret: Self.rfcSecret, lastUsedStep: nil) == 3)
    }

    @Test func aCodeCannotBeUsedTwiceNorOneFromAnEarlierStep() {
        // given: a code accepted at sign-in, its step stored
        let date = Date(timeIntervalSince1970: 1_111_111_111)
        let code = TOTP.code(at: date, secret: Self.rfcSecret)
        let used = TOTP.verify(code, at: date, secret: Self.rfcSecret, lastUsedStep: nil)
        #expect(used == 37_037_037)
        // when: the same code is typed again, ten seconds later, still within its window
        let later = date.addingTimeInterval(10)
        // then: it is refused, and so is the previous step's, though both are in the window
        #expect(TOTP.verify(code, at: later, secret: Self.rfcSecret, lastUsedStep: used) == nil)
        let previous = TOTP.hotp(counter: 37_037_036, secret: Self.rfcSecret)
        #expect(TOTP.verify(previous, at: later, secret: Self.rfcSecret, lastUsedStep: used) == nil)
        // and: the next step's code is taken
        let next = TOTP.hotp(counter: 37_037_038, secret: Self.rfcSecret)
        #expect(TOTP.verify(next, at: later, secret: Self.rfcSecret, lastUsedStep: used) == 37_037_038)
    }

    @Test(arguments: ["287 082", "２８７０８２", "287-082", " 287082 "])
    func aCodeIsReadAsStaffTypeIt(typed: String) {
        // given: counter 1's code (287082) is the current step's at 30 s
        let date = Date(timeIntervalSince1970: 30)
        // when
        let matched = TOTP.verify(typed, at: date, secret: Self.rfcSecret, window: 0, lastUsedStep: nil)
        // then
        #expect(matched == 1)
    }

    @Test(arguments: ["", "28708", "2870820", "28708a", "287O82", "755224"])
    func otherInputIsRefused(typed: String) {
        // given: at 30 s only 287082 is valid with no window
        let date = Date(timeIntervalSince1970: 30)
        // when
        let matched = TOTP.verify(typed, at: date, secret: Self.rfcSecret, window: 0, lastUsedStep: nil)
        // then
        #expect(matched == nil)
    }

    @Test func aNewSecretIsTwentyBytesFromTheGivenGenerator() {
        // given: two generators with the same seed and one with another
        var first = SeededGenerator(state: 42)
        var again = SeededGenerator(state: 42)
        var other = SeededGenerator(state: 43)
        // when
        let secret = TOTP.Secret.random(using: &first)
        // then: as long as an HMAC-SHA1, the same for the same seed, different otherwise
        #expect(secret.bytes.count == 20)
        #expect(TOTP.Secret.random(using: &again).bytes == secret.bytes)
        #expect(TOTP.Secret.random(using: &other).bytes != secret.bytes)
        // and: it reads back from its Base32, and printing it does not show it
        #expect(TOTP.Secret(base32: secret.base32)?.bytes == secret.bytes)
        #expect(!"\(secret)".contains(secret.base32))
    }

    @Test func aSecretShorterThan128BitsIsRefused() {
        // given: 15 and 16 bytes in Base32
        let short = Base32.encode([UInt8](repeating: 7, count: 15))
        let enough = Base32.encode([UInt8](repeating: 7, count: 16))
        // then
        #expect(TOTP.Secret(base32: short) == nil)
        #expect(TOTP.Secret(base32: enough)?.bytes.count == 16)
    }

    @Test(arguments: [
        (
            "横浜市 窓口", "山田 太郎",
            "otpauth://totp/%E6%A8%AA%E6%B5%9C%E5%B8%82%20%E7%AA%93%E5%8F%A3:%E5%B1%B1%E7%94%B0%20%E5%A4%AA%E9%83%8E"
                + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=%E6%A8%AA%E6%B5%9C%E5%B8%82%20%E7%AA%93%E5%8F%A3"
                + "&algorithm=SHA1&digits=6&period=30"
        ),
        (
            "Madoguchi", "yamada.t@city.example.jp",
            "otpauth://totp/Madoguchi:yamada.t%40city.example.jp?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Madoguchi&algorithm=SHA1&digits=6&period=30"
        ),
    ])
    func theOtpauthURIPercentEncodesIssuerAndAccount(issuer: String, account: String, expected: String) throws {
        // given: encodings worked out with Python's urllib.parse.quote(text, safe="")
        // when
        let uri = TOTP.otpauthURI(issuer: issuer, account: account, secret: Self.rfcSecret)
        // then
        #expect(uri == expected)
        // and: Foundation's reader gets the names back
        let components = try #require(URLComponents(string: uri))
        #expect(components.scheme == "otpauth")
        #expect(components.host == "totp")
        #expect(components.path == "/\(issuer):\(account)")
        let query = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value) })
        #expect(query["issuer"] == issuer)
        #expect(query["secret"] == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    }
}
