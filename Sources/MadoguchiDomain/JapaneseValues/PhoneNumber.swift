/// 電話番号: domestic numbers starting with 0, hyphens kept where typed. Mobile, IP and M2M numbers
/// (020, 050, 060, 070, 080, 090 and 0800) have 11 digits, all others 10; none starts with 00 (a
/// carrier or international prefix). +81 is turned into the leading 0, also when the 0 was written
/// after it anyway (`+81 (0)3…`, `+81-03…`); brackets around the area code become hyphens.
public enum PhoneNumber {
    private static let elevenDigitPrefixes: Set<Substring> = ["020", "050", "060", "070", "080", "090"]

    public static func normalize(_ input: String) -> Result<String, FieldError> {
        var text = TextNormalization.digitsInput(input)
        if text.hasPrefix("+81") {
            var national = text.dropFirst(3).drop { $0 == "-" }
            if national.hasPrefix("(0)") {
                national = national.dropFirst(3)
            } else if national.hasPrefix("0") {
                national = national.dropFirst()
            }
            text = "0" + national.drop { $0 == "-" }
        }
        // Brackets become hyphens, runs of hyphens one, and none at either end.
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            let unit = byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") ? UInt8(ascii: "-") : byte
            if unit == UInt8(ascii: "-") && (bytes.isEmpty || bytes.last == unit) { continue }
            bytes.append(unit)
        }
        if bytes.last == UInt8(ascii: "-") { bytes.removeLast() }
        text = String(decoding: bytes, as: UTF8.self)
        let digits = TextNormalization.removing("-", from: text)
        guard TextNormalization.isASCIIDigits(digits), digits.hasPrefix("0"), !digits.hasPrefix("00"),
            digits.count == (elevenDigitPrefixes.contains(digits.prefix(3)) ? 11 : 10)
        else { return .failure(.phone) }
        return .success(text)
    }
}
