/// The serial number of a 署名用電子証明書 (signing certificate), the key by which a signed
/// application is matched to a 宛名番号.
///
/// Canonical form: upper-case hexadecimal, no leading zeros, no separators (`0A:1B:2C` and
/// `0x0a1b2c` are both `A1B2C`), so one serial has one spelling in storage and in comparisons.
/// Text is read as hexadecimal, the way J-LIS and certificate tools print serials; a source that
/// gives decimal is read with `init(decimal:)`. A serial is a positive number of at most
/// 20 octets (RFC 5280 §4.1.2.2), so at most 40 hex digits.
public struct CertificateSerial: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The canonical hexadecimal digits.
    public let hex: String

    public static let maxHexDigits = 40

    /// Reads hexadecimal, either case, with an optional `0x` prefix and ASCII colons, spaces or
    /// hyphens between digits (`0a:1b:2c`, `0A 1B 2C`). Nil for anything else, zero, or a number
    /// past 20 octets.
    public init?(_ text: String) {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.starts(with: "0x".unicodeScalars) || scalars.starts(with: "0X".unicodeScalars) {
            scalars = scalars.dropFirst(2)
        }
        var digits: [UInt8] = []
        for scalar in scalars {
            switch scalar {
            case "0"..."9": digits.append(UInt8(scalar.value - 0x30))
            case "a"..."f": digits.append(UInt8(scalar.value - 0x61 + 10))
            case "A"..."F": digits.append(UInt8(scalar.value - 0x41 + 10))
            case ":", " ", "-": continue
            default: return nil
            }
        }
        self.init(hexDigits: digits)
    }

    /// Reads ASCII decimal digits (no separators), for sources that print serials in decimal.
    public init?(decimal text: String) {
        // 2^160 has 49 decimal digits; more cannot fit in 20 octets.
        guard TextNormalization.isASCIIDigits(text), text.utf8.count <= 49 else { return nil }
        var number = text.utf8.map { $0 - 0x30 }
        var hexDigits: [UInt8] = []
        // Long division by 16, most significant decimal digit first, until nothing is left.
        while number.contains(where: { $0 != 0 }) {
            var remainder = 0
            var quotient: [UInt8] = []
            for digit in number {
                let value = remainder * 10 + Int(digit)
                quotient.append(UInt8(value / 16))
                remainder = value % 16
            }
            hexDigits.append(UInt8(remainder))
            number = Array(quotient.drop { $0 == 0 })
        }
        self.init(hexDigits: hexDigits.reversed())
    }

    /// The serial from the content octets of its DER INTEGER (big-endian, two's complement: a
    /// leading 0x00 that keeps it positive is allowed).
    public init?(bytes: [UInt8]) {
        guard bytes.first.map({ $0 < 0x80 }) ?? false else { return nil }
        self.init(hexDigits: bytes.flatMap { [$0 >> 4, $0 & 0x0F] })
    }

    /// Nibbles, most significant first.
    private init?(hexDigits: [UInt8]) {
        let significant = hexDigits.drop { $0 == 0 }
        guard !significant.isEmpty, significant.count <= Self.maxHexDigits else { return nil }
        let alphabet = Array("0123456789ABCDEF".utf8)
        hex = String(decoding: significant.map { alphabet[Int($0)] }, as: UTF8.self)
    }

    public var description: String { hex }

    /// Numeric order.
    public static func < (lhs: CertificateSerial, rhs: CertificateSerial) -> Bool {
        (lhs.hex.utf8.count, lhs.hex) < (rhs.hex.utf8.count, rhs.hex)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let serial = CertificateSerial(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a certificate serial: \(text)"))
        }
        self = serial
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
