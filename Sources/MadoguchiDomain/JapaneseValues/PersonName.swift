/// 氏名: kept exactly as the resident typed it (外字 and 異体字 such as 髙, 﨑, 𠮷 included); only
/// surrounding spaces are trimmed. Substitution happens only where a consumer needs CP932.
public enum PersonName {
    public static func normalizePart(_ raw: String) -> Result<String, FieldError> {
        let text = TextNormalization.trim(raw)
        if text.count > 50 { return .failure(.tooLong(max: 50)) }
        if text.unicodeScalars.contains(where: TextNormalization.isControl) {
            return .failure(.unexpectedCharacters)
        }
        return .success(text)
    }
}

/// Free text (text, textarea, address): NFKC, trimmed, no control characters but line breaks.
public enum FreeText {
    public static func normalize(_ raw: String, maxLength: Int, multiline: Bool) -> Result<String, FieldError> {
        // Line breaks as "\n" (a CR LF pair is one Character in Swift, and replaced as one).
        let unified = raw.utf8.contains(0x0D) ? String(raw.map { $0 == "\r\n" || $0 == "\r" ? "\n" : $0 }) : raw
        let text: String
        if multiline {
            text = TextNormalization.trim(
                unified.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { TextNormalization.nfkc(String($0)).trimmingCharacters(in: .whitespaces) }
                    .joined(separator: "\n"))
        } else {
            text = TextNormalization.freeText(unified)
        }
        if text.unicodeScalars.contains(where: {
            TextNormalization.isControl($0) && !(multiline && $0 == "\n")
        }) {
            return .failure(.unexpectedCharacters)
        }
        return text.count > maxLength ? .failure(.tooLong(max: maxLength)) : .success(text)
    }
}

/// 金額・数量: digits with optional thousands separators; 円, ¥ and 人-style units are not part of it.
public enum Amount {
    public static func parse(_ raw: String, yen: Bool) -> Result<Int, FieldError> {
        var text = TextNormalization.removingSpaces(TextNormalization.nfkc(raw))
        if yen {
            text.removeAll { ["円", "¥", "\\", "￥"].contains($0) }
        }
        text = TextNormalization.removing(",", from: text)
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        guard TextNormalization.isASCIIDigits(digits) else { return .failure(.notInteger) }
        // A whole number, but beyond what any amount on a form may be: said so, not "not a number".
        guard digits.utf8.count <= maximumDigits, let value = Int(digits) else {
            return .failure(negative ? .belowMinimum(-largest) : .aboveMaximum(largest))
        }
        return .success(negative ? -value : value)
    }

    /// The most digits an amount may have (9,999億円 and change), and the largest such amount.
    public static let maximumDigits = 12
    public static let largest = 999_999_999_999
}
