/// 電話番号: domestic numbers of 10 or 11 digits starting with 0, hyphens kept where typed.
/// +81 is turned into the leading 0; brackets around the area code become hyphens.
public enum PhoneNumber {
    public static func normalize(_ input: String) -> Result<String, FieldError> {
        var text = TextNormalization.digitsInput(input)
        if text.hasPrefix("+81") { text = "0" + text.dropFirst(3).drop { $0 == "-" } }
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
        guard TextNormalization.isASCIIDigits(digits), digits.hasPrefix("0"),
            digits.count == 10 || digits.count == 11
        else { return .failure(.phone) }
        return .success(text)
    }
}
