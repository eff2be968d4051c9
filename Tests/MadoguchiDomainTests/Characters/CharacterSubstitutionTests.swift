import Testing

@testable import MadoguchiDomain

/// Strings are compared scalar by scalar: Swift's `==` treats canonical equivalents as equal.
private func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

private let all = Set(MJShrinkCategory.allCases)

@Suite struct CharacterSubstitutionTests {
    @Test func leavesWhatCP932CanWrite() throws {
        // given names CP932 writes, 髙 and 﨑 among them
        let text = "髙橋 山\u{FA11} ﾔﾏﾀﾞ ①"
        // when
        let converted = try CharacterSubstitution.forCP932(text, allowing: all)
        // then
        #expect(scalars(converted.text) == scalars(text))
        #expect(converted.substitutions.isEmpty)
    }

    @Test func substitutesAndReportsEachCharacter() throws {
        // given 𠮷 (JIS包摂規準・UCS統合規則: 吉) and 𡈽 (the 戸籍 links only: 土)
        let text = "𠮷田 𡈽井"
        // when
        let converted = try CharacterSubstitution.forCP932(text, allowing: [.jisAndUCSUnification, .kosekiNotices])
        // then
        #expect(converted.text == "吉田 土井")
        #expect(
            converted.substitutions == [
                .init(scalarOffset: 0, from: "𠮷", to: "吉", category: .jisAndUCSUnification),
                .init(scalarOffset: 3, from: "𡈽", to: "土", category: .kosekiNotices),
            ])
    }

    @Test func onlyTheAllowedCategoriesAnswer() {
        // when 𡈽's only category is not allowed
        let failure = #expect(throws: CharacterSubstitution.Failure.self) {
            try CharacterSubstitution.forCP932("𡈽井", allowing: [.jisAndUCSUnification])
        }
        // then
        #expect(failure?.characters == [.init(scalarOffset: 0, character: "𡈽", candidates: [])])
    }

    @Test func theFirstAllowedCategoryDecides() throws {
        // given 㐰: 信 from the 戸籍 links and 告示582号, 個 and 信 from the dictionaries
        // when all are allowed, the 戸籍 links decide
        let converted = try CharacterSubstitution.forCP932("㐰", allowing: all)
        #expect(converted.text == "信")
        #expect(converted.substitutions.first?.category == .kosekiNotices)
        // and when only the dictionaries are, there are two answers, and none is taken
        let failure = #expect(throws: CharacterSubstitution.Failure.self) {
            try CharacterSubstitution.forCP932("㐰", allowing: [.dictionaries])
        }
        #expect(failure?.characters.first?.candidates == ["個", "信"])
    }

    @Test func listsEveryCharacterLeftUnmapped() {
        // given 鷗 and 𩸽, JIS X 0213 characters the map relates to nothing CP932 has, among others
        let text = "森鷗外 𩸽 𠮷"
        // when
        let failure = #expect(throws: CharacterSubstitution.Failure.self) {
            try CharacterSubstitution.forCP932(text, allowing: all)
        }
        // then
        #expect(failure?.characters.map(\.character) == ["鷗", "𩸽"])
        #expect(failure?.characters.map(\.scalarOffset) == [1, 4])
        #expect(failure?.message.ja.contains("鷗 (U+9DD7)") == true)
    }

    @Test func aVariationSequenceIsOneCharacter() throws {
        // given 葛 with an IVS the map answers as its base, 渡 with a selector it does not know, and
        // 閒 with an IVS whose MJ glyph the map reads as 間
        let text = "葛\u{E0100}城 渡\u{FE00}辺 閒\u{E0102}"
        // when
        let converted = try CharacterSubstitution.forCP932(text, allowing: all)
        // then
        #expect(scalars(converted.text) == scalars("葛城 渡辺 間"))
        #expect(
            converted.substitutions == [
                .init(scalarOffset: 0, from: "葛\u{E0100}", to: "葛", category: .jisAndUCSUnification),
                .init(scalarOffset: 4, from: "渡\u{FE00}", to: "渡", category: .jisAndUCSUnification),
                .init(scalarOffset: 8, from: "閒\u{E0102}", to: "間", category: .jisAndUCSUnification),
            ])
    }

    @Test func aSequenceNeedsItsCategoryToo() {
        // when dropping a selector (JIS包摂規準・UCS統合規則) is not allowed
        let failure = #expect(throws: CharacterSubstitution.Failure.self) {
            try CharacterSubstitution.forCP932("渡\u{FE00}", allowing: [.kosekiNotices])
        }
        // then
        #expect(failure?.characters.map(\.character) == ["渡\u{FE00}"])
    }

    @Test func aDecomposingCompatibilityIdeographIsItsBase() throws {
        // given U+F92C, which the MJ list does not name and Unicode decomposes to 郎
        let converted = try CharacterSubstitution.forCP932("\u{F92C}", allowing: [.jisAndUCSUnification])
        // then
        #expect(scalars(converted.text) == scalars("郎"))
    }

    @Test func everyAnswerInTheTableIsWritable() throws {
        // given every character the table lists, and every variation sequence it lists
        let table = CharacterSubstitution.table
        let characters =
            table.codePoints.keys.map { String(Unicode.Scalar($0)!) }
            + table.sequences.keys.map {
                String(Unicode.Scalar(UInt32($0 >> 32))!) + String(Unicode.Scalar(UInt32($0 & 0xFFFF_FFFF))!)
            }
        #expect(table.codePoints.count == 17_397)
        #expect(table.sequences.count == 2_680)
        var substituted = 0
        for character in characters {
            // when substituted with all categories allowed
            guard let converted = try? CharacterSubstitution.forCP932(character, allowing: all) else { continue }
            // then CP932 can write the result, and the character was replaced
            #expect(throws: Never.self) { try CP932.encode(converted.text) }
            #expect(converted.substitutions.count == 1)
            substituted += 1
        }
        #expect(substituted > 15_000)
    }
}
