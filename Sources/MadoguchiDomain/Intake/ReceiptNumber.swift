/// 受付番号: what a resident quotes to staff. Unique per municipality, `YYYY-NNNNNN-C`: the year of
/// receipt, a sequence within that year, and a Damm check digit over both, which catches every
/// single mistyped digit and every swap of two adjacent digits.
///
/// The sequence has six digits, zero-padded, up to 999,999; past that it simply has as many digits
/// as it needs (`2026-1000000-3`), with no leading zero, so every number has one way of being
/// written and the numbers already issued read and print as they always did. A large city can
/// receive over a million applications in a year (特別定額給付金, 2020).
public struct ReceiptNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    public let year: Int
    public let sequence: Int

    /// The sequences a year has: up to eight digits, a hundred million applications per
    /// municipality and year. Past that a municipality's intake refuses with a clear message.
    public static let sequences = 1...99_999_999
    /// The digits a sequence is written with at least (zero-padded).
    static let minimumSequenceDigits = 6
    /// The digits of a number as typed without dashes: year, sequence and check digit.
    static let digitCounts = (4 + minimumSequenceDigits + 1)...(4 + 8 + 1)

    public init(year: Int, sequence: Int) {
        precondition((1000...9999).contains(year) && Self.sequences.contains(sequence))
        self.year = year
        self.sequence = sequence
    }

    /// Reads a number as typed: full-width digits, any dashes or none, spaces. A sequence longer
    /// than six digits must not start with 0 (it would then be another way of writing a shorter one).
    public init?(_ text: String) {
        let digits = TextNormalization.removing("-", from: TextNormalization.digitsInput(text))
        guard Self.digitCounts.contains(digits.count), TextNormalization.isASCIIDigits(digits),
            ReceiptNumber.damm(digits) == 0
        else { return nil }
        let sequenceDigits = digits.dropFirst(4).dropLast()
        guard sequenceDigits.count == Self.minimumSequenceDigits || sequenceDigits.first != "0",
            let year = Int(digits.prefix(4)), let sequence = Int(sequenceDigits),
            (1000...9999).contains(year), Self.sequences.contains(sequence)
        else { return nil }
        self.init(year: year, sequence: sequence)
    }

    public var checkDigit: Int {
        var interim = 0
        Self.forEachDigit(of: self) { interim = Self.table[interim * 10 + $0] }
        return interim
    }

    /// "2026-000123-4", written as bytes (it is formed for every application stored and answered).
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(15)
        var count = 0
        Self.forEachDigit(of: self) { digit in
            if count == 4 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(UInt8(ascii: "0") + UInt8(digit))
            count += 1
        }
        bytes.append(UInt8(ascii: "-"))
        bytes.append(UInt8(ascii: "0") + UInt8(checkDigit))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The digits of year (4) and sequence (6, or more past 999,999), in order.
    private static func forEachDigit(of number: ReceiptNumber, _ body: (Int) -> Void) {
        func digits(_ value: Int, from divisor: Int) {
            var divisor = divisor
            while divisor > 0 {
                body(value / divisor % 10)
                divisor /= 10
            }
        }
        digits(number.year, from: 1000)
        var divisor = 100_000
        while divisor * 10 <= number.sequence { divisor *= 10 }
        digits(number.sequence, from: divisor)
    }

    /// The Damm algorithm's interim digit (0 for a valid number with its check digit appended).
    static func damm(_ digits: String) -> Int {
        var interim = 0
        for byte in digits.utf8 {
            interim = table[interim * 10 + Int(byte - UInt8(ascii: "0"))]
        }
        return interim
    }

    /// The Damm operation table (a weakly totally anti-symmetric quasigroup of order 10), row by row.
    private static let table: [Int] = [
        0, 3, 1, 7, 5, 9, 8, 6, 4, 2,
        7, 0, 9, 2, 1, 5, 4, 8, 6, 3,
        4, 2, 0, 6, 8, 7, 1, 3, 5, 9,
        1, 7, 5, 0, 9, 8, 3, 4, 2, 6,
        6, 1, 2, 3, 0, 4, 5, 9, 7, 8,
        3, 6, 7, 4, 2, 0, 9, 5, 8, 1,
        5, 8, 6, 9, 7, 2, 0, 1, 3, 4,
        8, 9, 4, 5, 3, 6, 2, 0, 1, 7,
        9, 4, 3, 8, 6, 1, 7, 2, 0, 5,
        2, 5, 8, 1, 4, 3, 6, 7, 9, 0,
    ]

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let number = ReceiptNumber(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad 受付番号"))
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
