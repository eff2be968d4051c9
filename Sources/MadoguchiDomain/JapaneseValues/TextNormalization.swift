import Foundation

/// Input clean-up shared by the field types: NFKC where it is right, dash variants, trimming.
public enum TextNormalization {
    /// Unicode NFKC: full-width ASCII to ASCII, half-width katakana to full-width, ideographic space
    /// to space. Not for 氏名, whose characters must be kept exactly as the resident typed them.
    public static func nfkc(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }  // ASCII is its own NFKC
        // Foundation on Linux leaves half-width ﾀﾞ as タ + U+3099 after NFKC; a canonical
        // composition pass afterwards gives the composed ダ that NFKC promises.
        return text.precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping
    }

    /// Dashes residents type between digits (－ ‐ ‑ ‒ – — ― − ー ｰ) become "-".
    public static func asciiDashes(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }  // every dash variant is non-ASCII
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { dashScalars.contains($0) ? "-" : $0 }
            ))
    }

    private static let dashScalars: Set<Unicode.Scalar> = [
        "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}",
        "\u{FF0D}", "\u{30FC}", "\u{FF70}", "\u{FE63}", "\u{2043}",
    ]

    /// Trims spaces (ASCII and ideographic) and line breaks at both ends.
    public static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    /// NFKC, then trimmed: the default for free text.
    public static func freeText(_ text: String) -> String {
        trim(nfkc(text))
    }

    /// Removes every space (ASCII or ideographic) and tab.
    public static func removingSpaces(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
    }

    /// For digit fields: NFKC, dash variants to "-", spaces removed.
    public static func digitsInput(_ text: String) -> String {
        removingSpaces(asciiDashes(nfkc(text)))
    }

    /// True when every character is an ASCII digit (and there is at least one).
    public static func isASCIIDigits(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
