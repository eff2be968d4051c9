/// 宛名番号: the number by which a municipality's core systems know a person (住民 or 住登外者).
///
/// One to fifteen ASCII digits, kept exactly as the core system writes them, leading zeros
/// included: it is an identifier, not a quantity, and `0012` and `12` are not assumed to be the
/// same person. Full-width digits and spaces inside are refused rather than folded, since a
/// system export never has them and a hand-edited file should be noticed.
public struct AtenaNumber: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let digits: String

    /// The most digits a 宛名番号 may have (the longest in use by vendors is 15).
    public static let maxDigits = 15

    /// Nil unless `text` is 1…15 ASCII digits.
    public init?(_ text: String) {
        guard text.utf8.count <= Self.maxDigits, TextNormalization.isASCIIDigits(text) else { return nil }
        digits = text
    }

    public var description: String { digits }

    public static func < (lhs: AtenaNumber, rhs: AtenaNumber) -> Bool {
        (lhs.digits.utf8.count, lhs.digits) < (rhs.digits.utf8.count, rhs.digits)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let number = AtenaNumber(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a 宛名番号: \(text)"))
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
