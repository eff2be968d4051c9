/// 電話番号: domestic numbers of 10 or 11 digits starting with 0, hyphens kept where typed.
/// +81 is turned into the leading 0; brackets around the area code become hyphens.
public enum PhoneNumber {
    public static func normalize(_ input: String) -> Result<String, FieldError> {
        var text = TextNormalization.digitsInput(input)
        if text.hasPrefix("+81") { text = "0" + text.dropFirst(3).drop { $0 == "-" } }
        text = text.replacingOccurrences(of: "(", with: "-").replacingOccurrences(of: ")", with: "-")
        while text.contains("--") { text = text.replacingOccurrences(of: "--", with: "-") }
        text = String(text.drop { $0 == "-" }.reversed().drop { $0 == "-" }.reversed())
        let digits = text.replacingOccurrences(of: "-", with: "")
        guard TextNormalization.isASCIIDigits(digits), digits.hasPrefix("0"),
            digits.count == 10 || digits.count == 11
        else { return .failure(.phone) }
        return .success(text)
    }
}
