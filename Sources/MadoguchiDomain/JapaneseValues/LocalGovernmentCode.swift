/// 全国地方公共団体コード: 5 digits and a check digit (総務省). Identifies a tenant.
public struct LocalGovernmentCode: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    public let value: String

    public init?(_ text: String) {
        let digits = TextNormalization.digitsInput(text)
        guard digits.count == 6, TextNormalization.isASCIIDigits(digits),
            LocalGovernmentCode.checkDigit(of: digits.prefix(5)) == Int(String(digits.last!))
        else { return nil }
        value = digits
    }

    /// 11 − (Σ digit × weight 6,5,4,3,2 mod 11), last digit (remainder 0 → 1, remainder 1 → 0).
    public static func checkDigit(of base: some StringProtocol) -> Int {
        let values = base.compactMap(\.wholeNumberValue)
        precondition(values.count == 5)
        let sum = zip(values, [6, 5, 4, 3, 2]).reduce(0) { $0 + $1.0 * $1.1 }
        return (11 - sum % 11) % 10
    }

    /// The prefecture part (都道府県コード), the first two digits.
    public var prefectureCode: String { String(value.prefix(2)) }

    public var description: String { value }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = LocalGovernmentCode(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "invalid 団体コード \(text)"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
