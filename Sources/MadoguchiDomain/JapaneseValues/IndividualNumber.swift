/// 個人番号 (マイナンバー): 11 digits and a check digit (行政手続における特定の個人を識別するための
/// 番号の利用等に関する法律施行令 第8条). Never logged; shown masked.
public struct IndividualNumber: Sendable, Hashable {
    public let digits: String

    public static func normalize(_ input: String) -> Result<IndividualNumber, FieldError> {
        let text = TextNormalization.removing("-", from: TextNormalization.digitsInput(input))
        guard text.count == 12, TextNormalization.isASCIIDigits(text) else {
            return .failure(.individualNumberLength)
        }
        guard checkDigit(of: text.prefix(11)) == Int(text.utf8.last! - 0x30) else {
            return .failure(.individualNumberCheckDigit)
        }
        return .success(IndividualNumber(digits: text))
    }

    /// The check digit for the first 11 digits.
    public static func checkDigit(of base: some StringProtocol) -> Int {
        let values =
            TextNormalization.isASCIIDigits(base)
            ? base.utf8.map { Int($0 - 0x30) } : base.compactMap(\.wholeNumberValue)
        precondition(values.count == 11)
        var sum = 0
        for n in 1...11 {
            let p = values[11 - n]
            let q = n <= 6 ? n + 1 : n - 5
            sum += p * q
        }
        let remainder = sum % 11
        return remainder <= 1 ? 0 : 11 - remainder
    }

    /// Shown masked: only the last four digits (●●●● ●●●● 1234).
    public static func masked(_ digits: String) -> String {
        guard digits.count == 12 else { return "●●●● ●●●● ●●●●" }
        return "●●●● ●●●● \(digits.suffix(4))"
    }

    public var masked: String { Self.masked(digits) }
}

/// Printed, interpolated, dumped or reflected, it shows only its masked form, so that no log line or
/// error description can carry the number by accident.
extension IndividualNumber: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { masked }
    public var debugDescription: String { "IndividualNumber(\(masked))" }
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }
}
