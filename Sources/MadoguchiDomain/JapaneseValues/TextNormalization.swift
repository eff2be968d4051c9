import Foundation

/// Input clean-up shared by the field types: NFKC where it is right, dash variants, trimming.
///
/// Every function answers text that needs no change without copying it or consulting Unicode
/// tables (most answers are already clean: ASCII, kana, kanji); only the rest goes the long way.
public enum TextNormalization {
    /// Unicode NFKC: full-width ASCII to ASCII, half-width katakana to full-width, ideographic space
    /// to space. Not for 氏名, whose characters must be kept exactly as the resident typed them.
    public static func nfkc(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy(isNFKCStable) { return text }
        // Foundation on Linux leaves half-width ﾀﾞ as タ + U+3099 after NFKC; a canonical
        // composition pass afterwards gives the composed ダ that NFKC promises.
        return text.precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping
    }

    /// Scalars that NFKC leaves alone wherever they stand: no compatibility or canonical
    /// decomposition, combining class 0, and nothing composes with them as a second character.
    /// ASCII, the CJK punctuation residents type (、。〃々〆〇 and the brackets 〈〉《》「」『』【】),
    /// hiragana and katakana without the combining and half-width forms, and the CJK Unified
    /// Ideographs (with Extension A). Full-width forms (Ａ１－) and half-width kana (ｶﾞ) are not.
    public static func isNFKCStable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x7F, 0x3001...0x3003, 0x3005...0x3007, 0x3008...0x3011, 0x3041...0x3096, 0x309D...0x309E,
            0x30A1...0x30FE, 0x3400...0x4DBF, 0x4E00...0x9FFF:
            true
        default: false
        }
    }

    /// Dashes residents type between digits (－ ‐ ‑ ‒ – — ― − ー ｰ) become "-".
    public static func asciiDashes(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isDashVariant) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isDashVariant($0) ? "-" : $0 }))
    }

    private static func isDashVariant(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2010...0x2015, 0x2043, 0x2212, 0x30FC, 0xFE63, 0xFF0D, 0xFF70: true
        default: false
        }
    }

    /// Trims spaces (ASCII and ideographic) and line breaks at both ends.
    public static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let lastByte = text.utf8.last else { return text }
        if !isWhitespace(first) && !mayEndWhitespace(lastByte) { return text }
        let last = scalars.last!
        if !isWhitespace(first) && !isWhitespace(last) { return text }
        guard let start = scalars.firstIndex(where: { !isWhitespace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isWhitespace($0) })!
        return String(scalars[start...end])
    }

    /// NFKC, then trimmed: the default for free text.
    public static func freeText(_ text: String) -> String {
        trim(nfkc(text))
    }

    /// Removes every space (ASCII or ideographic), tab and line break.
    public static func removingSpaces(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isWhitespace) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !isWhitespace($0) }))
    }

    /// Removes every occurrence of one ASCII character ("-", ",").
    public static func removing(_ character: Unicode.Scalar, from text: String) -> String {
        precondition(character.isASCII)
        let byte = UInt8(character.value)
        guard text.utf8.contains(byte) else { return text }
        return String(decoding: text.utf8.filter { $0 != byte }, as: UTF8.self)
    }

    /// For digit fields: NFKC, dash variants to "-", spaces removed.
    public static func digitsInput(_ text: String) -> String {
        removingSpaces(asciiDashes(nfkc(text)))
    }

    /// True when every character is an ASCII digit (and there is at least one).
    public static func isASCIIDigits(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Whether text whose last UTF-8 byte is `byte` may end in white space: an ASCII space or line
    /// break, or the last byte of a longer white-space scalar (U+0085 C2 85, U+00A0 C2 A0, U+1680
    /// E1 9A 80, U+2000–200A E2 80 80–8A, U+2028/2029 E2 80 A8/A9, U+202F E2 80 AF, U+205F E2 81 9F,
    /// U+3000 E3 80 80). Reading one byte spares decoding the last scalar backwards.
    public static func mayEndWhitespace(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09...0x0D, 0x20, 0x80...0x8A, 0x9F, 0xA0, 0xA8, 0xA9, 0xAF: true
        default: false
        }
    }

    /// Unicode White_Space (PropList.txt), the whole fixed list, without a property-table lookup.
    public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// General category Cc (control characters): U+0000–U+001F and U+007F–U+009F.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Whether `text` equals one of `words` (lower-case ASCII), ignoring ASCII case.
    public static func equalsIgnoringASCIICase(_ text: String, oneOf words: [String]) -> Bool {
        words.contains { word in
            word.utf8.count == text.utf8.count
                && zip(word.utf8, text.utf8).allSatisfy { expected, byte in
                    expected == ((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
                }
        }
    }
}
