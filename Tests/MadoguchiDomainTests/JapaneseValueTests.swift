import Foundation
import MadoguchiDomain
import Testing

@Suite struct JapaneseValueTests {
    @Test func kanaAcceptsHiraganaAndHalfWidth() {
        #expect(Kana.normalize("やまだ　たろう", maxLength: 100) == .success("ヤマダ　タロウ"))
        #expect(Kana.normalize("ﾔﾏﾀﾞ", maxLength: 100) == .success("ヤマダ"))
        #expect(Kana.normalize(" ゆうこ ", maxLength: 100) == .success("ユウコ"))
        #expect(Kana.normalize("ヴァイオリン・ハーモニー", maxLength: 100) == .success("ヴァイオリン・ハーモニー"))
        #expect(Kana.normalize("山田", maxLength: 100) == .failure(.notKana))
        #expect(Kana.normalize("yamada", maxLength: 100) == .failure(.notKana))
    }

    @Test func kanaCountsCharactersAfterNormalising() {
        // half-width ﾀﾞ is two scalars typed and one character kept; the space between words counts
        #expect(Kana.normalize("ﾀﾞﾀﾞ", maxLength: 2) == .success("ダダ"))
        #expect(Kana.normalize("ア イ", maxLength: 3) == .success("ア\u{3000}イ"))
        #expect(Kana.normalize("ア イ", maxLength: 2) == .failure(.tooLong(max: 2)))
    }

    @Test func postalCodesAcceptMarksAndWidths() {
        #expect(PostalCode.normalize("〒１００－０００１") == .success("100-0001"))
        #expect(PostalCode.normalize("1000001") == .success("100-0001"))
        #expect(PostalCode.normalize("100ー0001") == .success("100-0001"))
        #expect(PostalCode.normalize("100-00012") == .failure(.postalCode))
        #expect(PostalCode.normalize("1000-001") == .failure(.postalCode))
        #expect(PostalCode.normalize("abc-defg") == .failure(.postalCode))
    }

    @Test func phoneNumbers() {
        #expect(PhoneNumber.normalize("０３－１２３４－５６７８") == .success("03-1234-5678"))
        #expect(PhoneNumber.normalize("090 1234 5678") == .success("09012345678"))
        #expect(PhoneNumber.normalize("(03)1234-5678") == .success("03-1234-5678"))
        #expect(PhoneNumber.normalize("+81-90-1234-5678") == .success("090-1234-5678"))
        #expect(PhoneNumber.normalize("1234") == .failure(.phone))
        #expect(PhoneNumber.normalize("3-1234-5678") == .failure(.phone))
        // the trunk 0 written after +81 anyway
        #expect(PhoneNumber.normalize("+81 (0)3-1234-5678") == .success("03-1234-5678"))
        #expect(PhoneNumber.normalize("+81-03-1234-5678") == .success("03-1234-5678"))
        // mobile, IP and free-dial 0800 numbers have 11 digits, the others 10; none starts with 00
        #expect(PhoneNumber.normalize("090-1234-567") == .failure(.phone))
        #expect(PhoneNumber.normalize("050-1234-5678") == .success("050-1234-5678"))
        #expect(PhoneNumber.normalize("0800-123-4567") == .success("0800-123-4567"))
        #expect(PhoneNumber.normalize("0120-123-456") == .success("0120-123-456"))
        #expect(PhoneNumber.normalize("03-1234-56789") == .failure(.phone))
        #expect(PhoneNumber.normalize("0012-345-6789") == .failure(.phone))
    }

    @Test func emailAddresses() {
        #expect(EmailAddress.normalize(" Taro@Example.JP ") == .success("Taro@example.jp"))
        #expect(EmailAddress.normalize("taro＠example.jp") == .success("taro@example.jp"))
        #expect(EmailAddress.normalize("taro@localhost") == .failure(.email))
        #expect(EmailAddress.normalize("taro example@example.jp") == .failure(.email))
        #expect(EmailAddress.normalize("@example.jp") == .failure(.email))
    }

    @Test func individualNumberCheckDigit() {
        #expect(IndividualNumber.normalize("123456789018").map(\.digits) == .success("123456789018"))
        #expect(IndividualNumber.normalize("１２３４ ５６７８ ９０１８").map(\.digits) == .success("123456789018"))
        #expect(IndividualNumber.normalize("123456789017").map(\.digits) == .failure(.individualNumberCheckDigit))
        #expect(IndividualNumber.normalize("12345678901").map(\.digits) == .failure(.individualNumberLength))
        #expect(IndividualNumber.masked("123456789018") == "●●●● ●●●● 9018")
    }

    @Test func anIndividualNumberOrAccountPrintsOnlyItsMaskedForm() throws {
        // given
        let number = try IndividualNumber.normalize("123456789018").get()
        let account = BankAccount(
            bankCode: "0005", branchCode: "123", accountType: .futsu, accountNumber: "7654321", holderKana: "ヤマダ　タロウ")
        // when: printed every way a log line or an error description might
        for (value, secrets) in [(number as Any, ["12345678"]), (account as Any, ["7654321", "ヤマダ"])] {
            var dumped = ""
            dump(value, to: &dumped)
            let printed = [
                "\(value)", String(reflecting: value), dumped, "\(Mirror(reflecting: value).children.map(\.value))",
            ]
            // then: the digits and the name are not there
            for text in printed {
                for secret in secrets { #expect(!text.contains(secret), "\(text)") }
            }
        }
        #expect("\(number)" == "●●●● ●●●● 9018")
    }

    @Test func localGovernmentCodes() {
        // 千代田区, 札幌市, 東京都, 埼玉県 (remainder 0), 栃木県 (remainder 1)
        for code in ["131016", "011002", "130001", "110001", "090000"] {
            #expect(LocalGovernmentCode(code) != nil, "\(code)")
        }
        #expect(LocalGovernmentCode("131017") == nil)
        #expect(LocalGovernmentCode("13101") == nil)
    }

    @Test func bankAccountParts() {
        #expect(BankAccount.normalizeBankCode("０００１") == .success("0001"))
        #expect(BankAccount.normalizeBankCode("001") == .failure(.bankCode))
        #expect(BankAccount.normalizeBranchCode("123") == .success("123"))
        #expect(BankAccount.normalizeAccountNumber("12345") == .success("0012345"))
        #expect(BankAccount.normalizeAccountNumber("12345678") == .failure(.accountNumber))
        #expect(BankAccount.normalizeHolder("やまだ たろう") == .success("ヤマダ　タロウ"))
        #expect(BankAccount.normalizeHolder("山田") == .failure(.accountHolder))
    }

    @Test func anAccountHolderIsWrittenAsTheZenginSystemCarriesIt() {
        // small kana are written large, the long vowel mark as a hyphen, letters in capitals
        #expect(BankAccount.normalizeHolder("きゅうよ いちろう") == .success("キユウヨ　イチロウ"))
        #expect(BankAccount.normalizeHolder("ｼﾞﾝｼﾞ ｼｮｳｺﾞ") == .success("ジンジ　シヨウゴ"))
        #expect(BankAccount.normalizeHolder("サトー  ｈａｎａｋｏ") == .success("サト-　HANAKO"))
        #expect(BankAccount.normalizeHolder("カ)ヤマダシヨウテン") == .success("カ)ヤマダシヨウテン"))
        // the middle dot, commas and obsolete kana are not in the character set
        for refused in ["ジョン・スミス", "ヤマダ,タロウ", "ヰセキ", "ヤマダ＆コ"] {
            #expect(BankAccount.normalizeHolder(refused) == .failure(.accountHolder), "\(refused)")
        }
        // 30 characters as the half-width form counts them: a voiced kana is two
        #expect(BankAccount.normalizeHolder(String(repeating: "ア", count: 30)).map(\.count) == .success(30))
        #expect(BankAccount.normalizeHolder(String(repeating: "ガ", count: 15)).map(\.count) == .success(15))
        #expect(BankAccount.normalizeHolder(String(repeating: "ガ", count: 16)) == .failure(.tooLong(max: 30)))
    }

    @Test func amounts() {
        #expect(Amount.parse("１２,３４５円", yen: true) == .success(12345))
        #expect(Amount.parse("¥200,000", yen: true) == .success(200_000))
        #expect(Amount.parse("12a", yen: false) == .failure(.notInteger))
        #expect(Amount.parse("999,999,999,999円", yen: true) == .success(999_999_999_999))
        #expect(Amount.parse("12345678901234567", yen: false) == .failure(.aboveMaximum(999_999_999_999)))
        #expect(Amount.parse("-12345678901234567", yen: false) == .failure(.belowMinimum(-999_999_999_999)))
    }
}

@Suite struct JSONReaderTests {
    @Test func readsEveryKindOfValue() throws {
        let text = #"{"a":"x\"y\\z\n\u00e9\ud842\udfb7","b":[1,-2.5,1e3,true,false,null],"c":{"d":[]},"e":"髙橋"}"#
        let value = try JSONReader.parse(Array(text.utf8))
        #expect(
            value
                == .object([
                    "a": .string("x\"y\\z\né𠮷"),
                    "b": .array([.number(1), .number(-2.5), .number(1000), .bool(true), .bool(false), .null]),
                    "c": .object(["d": .array([])]), "e": .string("髙橋"),
                ]))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "01x", "\"\u{01}\"", "tru", "[\"\\x\"]", "{\"a\":1}}", "\"\\ud842\"",
        "01", "-01", "[00]", "+1", "1.", ".5", "1e", "-",
    ])
    func rejectsMalformedInput(text: String) {
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(Array(text.utf8)) }
    }

    @Test func refusesAMemberNamedTwice() {
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(Array(#"{"a":1,"a":2}"#.utf8)) }
        #expect(throws: JSONReader.Failure.self) {
            try JSONReader.parse(Array(#"{"data":{"x":{"a":"1","a":"2"}}}"#.utf8), formMember: "data")
        }
        #expect(throws: JSONReader.Failure.self) {
            try JSONReader.parse(Array(#"{"data":{"a":"1","a":{"b":"2"}}}"#.utf8), formMember: "data")
        }
        #expect(throws: JSONReader.Failure.self) {
            try JSONReader.parse(Array(#"{"data":{},"data":{}}"#.utf8), formMember: "data")
        }
        #expect(throws: JSONReader.Failure.self) {
            try JSONReader.parse(Array(#"{"data":{"a":null,"a":"1"}}"#.utf8), formMember: "data")
        }
    }

    @Test func readsTheFormMemberIntoWebFormPaths() throws {
        // given: every kind of value a form member can hold
        let text = #"""
            {"procedure_id":"p","data":{"name":{"family":"山田","given":"花子"},"agree":true,"no":false,
             "count":3,"ratio":2.5,"gone":null,"needs":["a","b",null],
             "children":[{"birth":"2020-01-01","kana":{"family":"やまだ"}},"x",{"birth":"2021-02-03"}],
             "quoted":"a\"b"},"idempotency_key":"k"}
            """#
        // when
        let (members, form) = try JSONReader.parse(Array(text.utf8), formMember: "data")
        // then: the same paths the HTML form posts, and the other members as JSON values
        #expect(members == ["procedure_id": .string("p"), "idempotency_key": .string("k")])
        #expect(
            form
                == FormInput([
                    "name.family": ["山田"], "name.given": ["花子"], "agree": ["true"], "no": ["false"],
                    "count": ["3"], "ratio": ["2.5"], "needs": ["a", "b"], "children.0.birth": ["2020-01-01"],
                    "children.0.kana.family": ["やまだ"], "children": ["x"], "children.2.birth": ["2021-02-03"],
                    "quoted": ["a\"b"],
                ]))
    }

    @Test func readsAnIntegerAsWritten() throws {
        // given: an integer too long for a Double to hold exactly, and numbers that are not integers
        let text = #"{"data":{"big":12345678901234567,"zero":0,"exp":1e3,"half":-2.50}}"#
        // when
        let form = try JSONReader.parse(Array(text.utf8), formMember: "data").form
        // then: the integer is not rounded (validation then says it is too large, not that it is
        // not a whole number)
        #expect(form == FormInput(["big": ["12345678901234567"], "zero": ["0"], "exp": ["1000"], "half": ["-2.5"]]))
    }

    @Test func readsAnArrayWithinAnArrayLikeTheOuterOne() throws {
        let form = try JSONReader.parse(Array(#"{"data":{"a":[[{"b":1}],"c"]}}"#.utf8), formMember: "data").form
        #expect(form == FormInput(["a.0.b": ["1"], "a": ["c"]]))
    }

    @Test(arguments: [#"{"data":[]}"#, #"{"data":"x"}"#, #"[{"data":{}}]"#, #"{"data":{}"#])
    func refusesAFormMemberThatIsNotAnObject(text: String) {
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(Array(text.utf8), formMember: "data") }
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(Array(deep.utf8)) }
    }
}

/// The table-free shortcuts in TextNormalization, checked against the Unicode data they stand for,
/// over every scalar.
@Suite struct TextNormalizationTests {
    static let everyScalar: [Unicode.Scalar] = (0...0x10FFFF).compactMap(Unicode.Scalar.init(_:))

    @Test func whitespaceIsExactlyUnicodeWhiteSpace() {
        let differing = Self.everyScalar.filter { TextNormalization.isWhitespace($0) != $0.properties.isWhitespace }
        #expect(differing.isEmpty, "differs at \(differing.map { String($0.value, radix: 16) })")
    }

    @Test func everyTextEndingInWhiteSpaceEndsInAByteTakenAsMaybeWhiteSpace() {
        // given: every white-space scalar, ending a text of kanji
        for scalar in Self.everyScalar where scalar.properties.isWhitespace {
            let text = "山田" + String(scalar)
            // then: its last byte sends trim the long way, and trim removes it
            #expect(TextNormalization.mayEndWhitespace(text.utf8.last!), "U+\(String(scalar.value, radix: 16))")
            #expect(TextNormalization.trim(text) == "山田")
        }
    }

    @Test func controlIsExactlyCategoryCc() {
        let differing = Self.everyScalar.filter {
            TextNormalization.isControl($0) != ($0.properties.generalCategory == .control)
        }
        #expect(differing.isEmpty, "differs at \(differing.map { String($0.value, radix: 16) })")
    }

    @Test func scalarsTakenAsNFKCStableAreLeftAloneByNFKC() {
        // given: every scalar the shortcut lets through
        let stable = Self.everyScalar.filter(TextNormalization.isNFKCStable)
        #expect(stable.count > 20_000)
        for scalar in stable {
            // then: NFKC (Foundation, the long way) keeps it, and nothing can combine onto it
            let text = String(scalar)
            #expect(
                text.precomposedStringWithCompatibilityMapping.unicodeScalars.elementsEqual(text.unicodeScalars),
                "U+\(String(scalar.value, radix: 16))")
            #expect(scalar.properties.canonicalCombiningClass == .notReordered)
        }
        // and: the long way still runs for what needs it
        #expect(TextNormalization.nfkc("ＡＢＣ１２３") == "ABC123")
        #expect(TextNormalization.nfkc("ﾀﾞｲﾁｮｳ") == "ダイチョウ")
        #expect(TextNormalization.nfkc("東京都千代田区1-1") == "東京都千代田区1-1")
    }

    @Test func trimAndRemoval() {
        #expect(TextNormalization.trim("\u{3000} 山田\t\n") == "山田")
        #expect(TextNormalization.trim("山田") == "山田")
        #expect(TextNormalization.trim(" \u{3000}") == "")
        #expect(TextNormalization.removingSpaces("090 1234\u{3000}5678") == "09012345678")
        #expect(TextNormalization.removing("-", from: "100-0001") == "1000001")
        #expect(TextNormalization.asciiDashes("03－1234ー5678") == "03-1234-5678")
        #expect(TextNormalization.equalsIgnoringASCIICase("TRUE", oneOf: ["true", "on"]))
        #expect(!TextNormalization.equalsIgnoringASCIICase("truth", oneOf: ["true", "on"]))
    }
}

@Suite struct FormInputTests {
    @Test func flatPathsMakeATreeAndComeBackTheSame() {
        // given: the names a web form posts, odd ones included
        let flat: [String: [String]] = [
            "a": ["1"], "a.b": ["2"], "a.b.c": ["3", "4"], "g.0.x": ["5"], "g.12.y": ["6"], "odd..name": ["7"],
            ".lead": ["8"],
        ]
        // when
        let input = FormInput(flat)
        // then: each path reads back, the tree holds one level per segment, and nothing is lost
        #expect(input.values == flat)
        #expect(input["a.b.c"] == "3" && input.all("a.b.c") == ["3", "4"])
        #expect(input.root["g"]?["12"]?["y"]?.first == "6")
        #expect(input["a.x"] == nil && input.all("nowhere") == [])
    }

    @Test func settingNoValueRemovesThePathAndWhatHeldOnlyIt() {
        // given
        var input = FormInput(["g.0.x": ["1"], "g.1.x": ["2"]])
        // when
        input["g.0.x"] = nil
        input[all: "g.1.x"] = []
        // then: the emptied items are gone, as if never typed
        #expect(input == FormInput())
        #expect(input.itemIndices(of: "g") == [])
    }

    @Test func groupItemsAreNumberedSegmentsAndOnlyFilledOnesCount() {
        // given: items 0 (blank), 2 and 10, and segments that are no item number (nor a second way
        // of writing one: "00", "02")
        let input = FormInput([
            "g.0.x": [" \u{3000}"], "g.2.x": ["a"], "g.10.y.family": ["b"], "g.x.y": ["c"], "g.-1.x": ["d"],
            "g.100.x": ["e"], "g": ["f"], "g.00.x": ["g"], "g.02.x": ["h"],
        ])
        // then
        #expect(input.itemIndices(of: "g") == [0, 2, 10])
        #expect(input.filledItems(of: "g") == [2, 10])
        #expect(input.filledItems(of: "none") == [])
    }
}
