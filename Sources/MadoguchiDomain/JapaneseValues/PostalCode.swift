/// 郵便番号: 7 digits, written NNN-NNNN. Accepts 〒, any dash and full-width digits.
public enum PostalCode {
    public static func normalize(_ input: String) -> Result<String, FieldError> {
        var text = TextNormalization.digitsInput(input)
        if text.hasPrefix("〒") { text.removeFirst() }
        let digits = TextNormalization.removing("-", from: text)
        let dashCount = text.count - digits.count
        guard digits.count == 7, TextNormalization.isASCIIDigits(digits),
            dashCount == 0 || (dashCount == 1 && text.firstIndex(of: "-") == text.index(text.startIndex, offsetBy: 3))
        else { return .failure(.postalCode) }
        return .success("\(digits.prefix(3))-\(digits.suffix(4))")
    }
}
