import Crypto
import MadoguchiDomain
import PropertyBased
import Testing

@Suite struct PropertyTests {
    static let digits = Gen.int(in: 0...9)

    /// Sequences of every width: six digits (zero-padded) up to 999,999, then seven and eight.
    static let sequences = Gen.oneOf(
        Gen.int(in: 1...999_999), Gen.int(in: 1_000_000...9_999_999), Gen.int(in: 10_000_000...99_999_999))

    @Test func everyReceiptNumberRoundTrips() async {
        await propertyCheck(input: Gen.int(in: 2000...2099), Self.sequences) { year, sequence in
            let number = ReceiptNumber(year: year, sequence: sequence)
            #expect(ReceiptNumber(number.description) == number)
        }
    }

    @Test(arguments: [
        (2026, 1, "2026-000001-5"), (2026, 123, "2026-000123-8"), (1999, 999_999, "1999-999999-8"),
        (2026, 1_000_000, "2026-1000000-9"), (2026, 99_999_999, "2026-99999999-3"),
    ])
    func aReceiptNumberCarriesItsDammCheckDigit(year: Int, sequence: Int, expected: String) {
        // given: check digits worked out by hand with the Damm table
        // when
        let number = ReceiptNumber(year: year, sequence: sequence)
        // then
        #expect(number.description == expected)
    }

    @Test func aNumberPastTheSixDigitsIsReadAsTypedAndHasOneWayOfBeingWritten() {
        // given: the millionth number of 2026 (check digit worked out with the Damm table)
        let millionth = ReceiptNumber(year: 2026, sequence: 1_000_000)
        // then: read with dashes, without, and in full-width digits
        for typed in ["2026-1000000-9", "202610000009", "２０２６－１００００００－９", " 2026 1000000 9 "] {
            #expect(ReceiptNumber(typed) == millionth, "\(typed)")
        }
        // and: a long sequence starting with 0 is another way of writing a six-digit one: refused,
        // though its check digit is right (20260123456 → 3)
        #expect(ReceiptNumber("2026-0123456-3") == nil)
        #expect(ReceiptNumber("2026-123456-5") == ReceiptNumber(year: 2026, sequence: 123_456))
        // and: more digits than a sequence may have
        #expect(ReceiptNumber("2026-100000000-4") == nil)
    }

    @Test(arguments: [(1, "W49C-8S28-TXB0"), (123, "43RP-WQZJ-JEFF")])
    func anInquiryKeyIsTheHMACOfMunicipalityAndReceiptNumberInCrockfordBase32(sequence: Int, expected: String) {
        // given: keys worked out with Python's hmac (SHA-256 of "inquiry-key|131016|2026-000001-5"
        // under this secret, its first 60 bits in Crockford base32): keys already handed to
        // residents must stay valid
        let secret = SymmetricKey(data: Array("madoguchi-test-secret-of-32-bytes!!".utf8))
        let receipt = ReceiptNumber(year: 2026, sequence: sequence)
        let tenant = LocalGovernmentCode("131016")!
        // when
        let key = AccessCode.InquiryKeySigner(secret: secret).key(tenant: tenant, receipt: receipt)
        // then
        #expect(key == expected)
        #expect(AccessCode.inquiryKey(secret: secret, tenant: tenant, receipt: receipt) == expected)
        #expect(AccessCode.verifyInquiryKey(expected.lowercased(), secret: secret, tenant: tenant, receipt: receipt))
    }

    @Test func aSingleMistypedDigitInAReceiptNumberIsCaught() async {
        await propertyCheck(
            input: Gen.int(in: 2000...2099), Self.sequences, Gen.int(in: 0...12), Gen.int(in: 1...9)
        ) { year, sequence, position, delta in
            var digits = Array(ReceiptNumber(year: year, sequence: sequence).description.filter(\.isNumber))
            let position = position % digits.count
            let changed = (digits[position].wholeNumberValue! + delta) % 10
            digits[position] = Character(String(changed))
            #expect(ReceiptNumber(String(digits)) == nil)
        }
    }

    @Test func swappingTwoAdjacentDifferentDigitsIsCaught() async {
        await propertyCheck(input: Gen.int(in: 2000...2099), Self.sequences, Gen.int(in: 0...11)) {
            year, sequence, position in
            var digits = Array(ReceiptNumber(year: year, sequence: sequence).description.filter(\.isNumber))
            let position = position % (digits.count - 1)
            guard digits[position] != digits[position + 1] else { return }
            digits.swapAt(position, position + 1)
            #expect(ReceiptNumber(String(digits)) == nil)
        }
    }

    @Test func anIndividualNumberWithItsCheckDigitIsAccepted() async {
        await propertyCheck(input: Self.digits.array(of: 11...11)) { base in
            let text = base.map(String.init).joined()
            let full = text + String(IndividualNumber.checkDigit(of: text))
            #expect(IndividualNumber.normalize(full).map(\.digits) == .success(full))
            let wrong = text + String((IndividualNumber.checkDigit(of: text) + 1) % 10)
            #expect(IndividualNumber.normalize(wrong).map(\.digits) == .failure(.individualNumberCheckDigit))
        }
    }

    @Test func postalCodeNormalisationIsIdempotentAndWidthBlind() async {
        await propertyCheck(input: Self.digits.array(of: 7...7)) { list in
            let plain = list.map(String.init).joined()
            let wide = String(plain.unicodeScalars.map { Character(Unicode.Scalar($0.value + 0xFEE0)!) })
            let normal = try #require(try? PostalCode.normalize(plain).get())
            #expect(PostalCode.normalize("〒" + wide) == .success(normal))
            #expect(PostalCode.normalize(normal) == .success(normal))
        }
    }

    @Test func everyDateRoundTripsThroughItsWarekiRendering() async {
        await propertyCheck(input: Gen.int(in: CivilDate(1873, 1, 1)!.dayNumber...CivilDate(2099, 12, 31)!.dayNumber)) {
            dayNumber in
            let date = CivilDate(dayNumber: dayNumber)
            #expect(DateParser.parse(date.wareki) == .success(date))
            #expect(DateParser.parse(date.iso) == .success(date))
        }
    }

    @Test func everyWayResidentsWriteADateReadsAsThatDate() async {
        await propertyCheck(
            input: Gen.int(in: CivilDate(1873, 1, 1)!.dayNumber...CivilDate(2099, 12, 31)!.dayNumber),
            Gen.int(in: 0...5), Gen.bool
        ) { dayNumber, style, fullWidth in
            // given: a date written as a resident might, in ASCII or full-width digits
            let date = CivilDate(dayNumber: dayNumber)
            let era = try #require(JapaneseEra.era(of: date))
            let eraYear = date.year - era.firstDay.year + 1
            let (y, m, d) = (date.year, date.month, date.day)
            let text =
                switch style {
                case 0: "\(y)/\(m)/\(d)"
                case 1: "\(y)年\(m)月\(d)日"
                case 2: String(format: "%04d%02d%02d", y, m, d)
                case 3: "\(era.latin.prefix(1))\(eraYear).\(m).\(d)"
                case 4: "\(era.kanji.prefix(1)) \(eraYear)-\(m)-\(d)"
                default: "\(era.kanji)\(eraYear == 1 ? "元" : String(eraYear))年 \(m)月 \(d)日"
                }
            let typed =
                fullWidth
                ? String(
                    String.UnicodeScalarView(
                        text.unicodeScalars.map { ("0"..."9").contains($0) ? Unicode.Scalar($0.value + 0xFEE0)! : $0 }))
                : text
            // then
            #expect(DateParser.parse(typed) == .success(date), "\(typed)")
        }
    }

    @Test func kanaNormalisationIsIdempotent() async {
        await propertyCheck(
            input: Gen.unicodeScalar(in: "\u{3041}"..."\u{3096}").map(Character.init).string(of: 1...12)
        ) {
            hiragana in
            let once = try #require(try? Kana.normalize(hiragana, maxLength: 100).get())
            #expect(Kana.normalize(once, maxLength: 100) == .success(once))
            #expect(once.unicodeScalars.allSatisfy(Kana.isKatakana))
        }
    }
}
