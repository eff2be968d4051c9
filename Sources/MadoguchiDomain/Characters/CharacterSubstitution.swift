/// 縮退 for a target that takes only CP932 (Shift_JIS): a character CP932 can write stays; any other
/// is replaced through IPA's MJ縮退マップ where, under the categories the municipality allows, the map
/// gives exactly one answer CP932 can write; whatever is left fails the export, every character
/// listed. Targets that take 行政事務標準文字 (the standard administrative character set) get the text
/// unchanged and never come here.
///
/// The rule, with the numbers behind it, is stated in `scripts/make-cp932-substitution`, which
/// generates the table (`CharacterSubstitution+Table.swift`, CC BY-SA 2.1 JP):
/// - Among the allowed categories, the first in `MJShrinkCategory` order that has a candidate CP932
///   can write decides: one candidate is the substitution, several leave the character unmapped
///   (ambiguous). A later category never outvotes an earlier one.
/// - Characters are Unicode scalars, except that a variation selector (U+FE00–U+FE0F,
///   U+E0100–U+E01EF) stays with the scalar before it: the pair is one character. It is the MJ glyph
///   with that variation sequence when the map has candidates for that glyph, else its base; a base
///   CP932 can write is then the substitution (under `.jisAndUCSUnification`: a variation sequence is
///   its base by UCS unification). So 葛 with U+E0100 becomes 葛, and the substitution is reported.
/// - A code point is its default MJ glyph (the one whose 実装したUCS it is). Nothing is normalised:
///   NFC and NFKC would rewrite compatibility ideographs (﨑 U+FA11 is CP932's own).
public enum CharacterSubstitution {
    /// `text` with every character CP932 cannot write replaced, and what was replaced; or every
    /// character that could not be, in order.
    public static func forCP932(
        _ text: String, allowing categories: Set<MJShrinkCategory>
    ) throws(Failure) -> Converted {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var substitutions: [Substitution] = []
        var unmapped: [Unmapped] = []
        var start = 0
        while start < scalars.count {
            var end = start + 1
            while end < scalars.count, isVariationSelector(scalars[end]) { end += 1 }
            let character = scalars[start..<end]
            if end == start + 1, CP932.canEncode(scalars[start]) {
                output.append(scalars[start])
            } else {
                let written = String(String.UnicodeScalarView(character))
                switch decide(candidates(for: character), allowing: categories) {
                case .one(let category, let replacement):
                    output.append(replacement)
                    substitutions.append(
                        Substitution(scalarOffset: start, from: written, to: String(replacement), category: category))
                case .unmapped(let candidates):
                    unmapped.append(
                        Unmapped(scalarOffset: start, character: written, candidates: candidates.map { String($0) }))
                }
            }
            start = end
        }
        guard unmapped.isEmpty else { throw Failure(characters: unmapped) }
        return Converted(text: String(output), substitutions: substitutions)
    }

    static func isVariationSelector(_ scalar: Unicode.Scalar) -> Bool {
        (0xFE00...0xFE0F).contains(scalar.value) || (0xE0100...0xE01EF).contains(scalar.value)
    }

    /// Category → the candidates CP932 can write, for one character (a scalar and its selectors).
    static func candidates(for character: ArraySlice<Unicode.Scalar>) -> [MJShrinkCategory: [Unicode.Scalar]] {
        let base = character[character.startIndex]
        if character.count == 2, let own = table.sequences[Table.key(base, character.last!)] {
            return own
        }
        if character.count > 1, CP932.canEncode(base) {
            return [.jisAndUCSUnification: [base]]
        }
        return table.codePoints[base.value] ?? [:]
    }

    enum Decision: Equatable {
        case one(MJShrinkCategory, Unicode.Scalar)
        /// The deciding category's candidates when there were several; none when no category had any.
        case unmapped([Unicode.Scalar])
    }

    static func decide(
        _ candidates: [MJShrinkCategory: [Unicode.Scalar]], allowing allowed: Set<MJShrinkCategory>
    ) -> Decision {
        for category in MJShrinkCategory.allCases where allowed.contains(category) {
            guard let found = candidates[category] else { continue }
            return found.count == 1 ? .one(category, found[0]) : .unmapped(found)
        }
        return .unmapped([])
    }
}
