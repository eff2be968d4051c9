import Foundation
import Testing

@testable import MadoguchiDomain

/// Keys are compared scalar by scalar, as the database compares them: Swift's `==` on strings treats
/// canonical equivalents as equal (カ + U+3099 and ガ, U+F91D and U+6B04) and would hide a missing fold.
private func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

@Suite struct SearchKeyTests {
    @Test(arguments: [
        ("髙橋", "高橋"),
        ("山\u{FA11}", "山崎"),  // 﨑
        ("山嵜", "山崎"),
        ("渡邉", "渡辺"),
        ("渡邊", "渡辺"),
        ("齋藤", "斎藤"),
        ("齊藤", "斉藤"),
        ("\u{20BB7}田", "吉田"),  // 𠮷
        ("德川", "徳川"),
        ("濵田", "浜田"),
        ("濱田", "浜田"),
        ("\u{F91D}", "欄"),  // a compatibility ideograph: U+F91D, canonically U+6B04
        ("\u{F92C}", "郎"),  // one the MJ list does not name, through Unicode's decomposition
    ])
    func variantsFoldTogether(variant: String, usual: String) {
        // when
        let key = SearchKey.name(variant)
        // then
        #expect(scalars(key) == scalars(SearchKey.name(usual)))
        #expect(scalars(key) == scalars(usual))
    }

    @Test func distinctCharactersStayDistinct() {
        // given characters the map does not relate, or relates to two others (㓛: 切 and 功),
        // or that the 戸籍 tables call a 別字 (剌 is not 刺)
        let pairs = [("斎", "斉"), ("切", "功"), ("奏", "秦"), ("剌", "刺"), ("龍", "竜"), ("崎", "碕")]
        for (left, right) in pairs {
            // then
            #expect(SearchKey.name(left) != SearchKey.name(right), "\(left) \(right)")
        }
        // and common characters are their own representatives
        #expect(scalars(SearchKey.name("田中山川")) == scalars("田中山川"))
    }

    @Test func variationSelectorsAreDropped() {
        // given 葛 with an IVS, 邉 with another, and 渡 with a standard variation selector
        let typed = "葛\u{E0100}城 渡\u{FE00}邉\u{E0116}"
        // when
        let key = SearchKey.name(typed)
        // then
        #expect(scalars(key) == scalars("葛城渡辺"))
    }

    @Test func spacesOfEveryKindAreRemoved() {
        #expect(SearchKey.name(" 山田\u{3000}太郎\t") == "山田太郎")
        #expect(SearchKey.name("山田\u{00A0}\u{2003}太郎\n") == "山田太郎")
        #expect(SearchKey.kana("ヤマダ　タロウ") == "ヤマダタロウ")
        #expect(SearchKey.kana("ジョン・スミス") == SearchKey.kana("ジョン スミス"))
    }

    @Test func widthAndCaseFold() {
        #expect(SearchKey.name("ＪＯＨＮ　Ｓｍｉｔｈ") == "JOHNSMITH")
        #expect(SearchKey.name("john smith") == "JOHNSMITH")
        #expect(SearchKey.name("山田１") == "山田1")
    }

    @Test func kanaFoldsToFullWidthKatakana() {
        // given the same reading typed three ways
        let typed = ["ｺｳｹﾞﾝ", "こうげん", "コウゲン", "こうけ\u{3099}ん", "コウケ゛ン"]
        // when
        let keys = typed.map(SearchKey.kana)
        // then
        for key in keys { #expect(scalars(key) == scalars("コウゲン")) }
    }

    @Test func soundMarksCompose() {
        #expect(scalars(SearchKey.kana("ﾊﾟﾝ")) == scalars("パン"))
        #expect(scalars(SearchKey.kana("ﾎﾟﾎﾞﾎ")) == scalars("ポボホ"))
        #expect(scalars(SearchKey.kana("ｳﾞｧｲｵﾘﾝ")) == scalars("ヴァイオリン"))
        #expect(scalars(SearchKey.kana("ゔ")) == scalars("ヴ"))
        #expect(scalars(SearchKey.kana("ﾜﾞ")) == scalars("ヷ"))
        // a mark on nothing that takes it is kept, in one form
        #expect(scalars(SearchKey.kana("ｱﾞ")) == scalars("ア゛"))
        #expect(scalars(SearchKey.kana("ﾞ")) == scalars("゛"))
    }

    @Test func smallKanaStayAsTyped() {
        #expect(SearchKey.kana("ｷｯﾄﾞ") == "キッド")
        #expect(SearchKey.kana("きっど") != SearchKey.kana("きつど"))
        #expect(SearchKey.kana("ｼｮｳｺ") == "ショウコ")
    }

    @Test(arguments: ["ユーコ", "ユｰコ", "ユ－コ", "ユ-コ", "ユ‐コ", "ユ―コ", "ユ−コ", "ゆ〜こ", "ゆ～こ", "ﾕｰｺ"])
    func longVowelVariantsAfterKanaBecomeOneMark(typed: String) {
        // when
        let key = SearchKey.kana(typed)
        // then
        #expect(scalars(key) == scalars("ユーコ"))
    }

    @Test func dashesElsewhereAreNotLongVowels() {
        #expect(SearchKey.name("山田-花子") == "山田-花子")
        #expect(SearchKey.name("山田－花子") == "山田-花子")
        #expect(SearchKey.kana("-ア") == "-ア")
    }

    @Test func nameKeyFoldsKanaToo() {
        #expect(SearchKey.name("山田 はなこ") == SearchKey.name("山田ﾊﾅｺ"))
        #expect(SearchKey.name("やまだ") == "ヤマダ")
    }

    @Test func aQueryPrefixIsAKeyPrefix() {
        // given a stored name and what staff type for the start of it
        let stored = SearchKey.name("髙橋 ゆうこ")
        // when
        let query = SearchKey.name("高橋 ﾕｳ")
        // then
        #expect(stored.hasPrefix(query))
        #expect(stored.utf8.starts(with: query.utf8))
    }

    @Test(arguments: [
        ("03-1234-5678", "0312345678"),
        ("０３（１２３４）５６７８", "0312345678"),
        ("090 1234 5678", "09012345678"),
        ("+81-90-1234-5678", "09012345678"),
        ("+81 (0)3-1234-5678", "0312345678"),
        ("090-12", "09012"),
    ])
    func phoneKeysAreDigits(typed: String, key: String) {
        #expect(SearchKey.phone(typed) == key)
    }

    @Test func phoneWithoutDigitsHasNoKey() {
        #expect(SearchKey.phone("") == nil)
        #expect(SearchKey.phone("ー－ ()") == nil)
        #expect(SearchKey.phone("なし") == nil)
    }

    @Test(arguments: [
        ("2020-01-31", "2020-01-31"),
        ("2020/1/31", "2020-01-31"),
        ("20200131", "2020-01-31"),
        ("２０２０／０１／３１", "2020-01-31"),
        ("令和2年1月31日", "2020-01-31"),
        ("令和２年１月３１日", "2020-01-31"),
        ("R2.1.31", "2020-01-31"),
        ("平成31年4月30日", "2019-04-30"),
        ("令和元年5月1日", "2019-05-01"),
        ("S50.3.3", "1975-03-03"),
    ])
    func birthDatesInBothCalendars(typed: String, iso: String) {
        #expect(SearchKey.birthDate(typed)?.iso == iso)
    }

    @Test func impossibleBirthDatesHaveNoKey() {
        #expect(SearchKey.birthDate("2021-02-29") == nil)
        #expect(SearchKey.birthDate("平成32年1月1日") == nil)
        #expect(SearchKey.birthDate("たんじょうび") == nil)
    }

    @Test func theTableIsAFold() {
        // given every class of the generated table
        let lines = VariantFold.classes.split(separator: "\n")
        #expect(lines.count > 4_000)
        for line in lines {
            let members = Array(line.unicodeScalars)
            let representative = members[0]
            // then every member folds to the class's first character, which folds to itself
            // (no chains, so a key folded twice is the same key), and that one is no compatibility
            // ideograph that NFC would replace
            #expect(VariantFold.representative(of: representative) == representative)
            for member in members.dropFirst() {
                #expect(VariantFold.representative(of: member) == representative, "\(member)")
            }
            let composed = String(representative).precomposedStringWithCanonicalMapping
            #expect(Array(composed.unicodeScalars) == [representative])
        }
    }
}
