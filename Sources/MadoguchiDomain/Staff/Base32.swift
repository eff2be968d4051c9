/// Base32 of RFC 4648 (A–Z, 2–7): how authenticator apps take a TOTP secret, in a QR code's
/// otpauth URI or typed by hand. Not the Crockford alphabet of `AccessCode`, which residents type.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// The value of each ASCII byte (upper and lower case letters alike), 0xFF where it is none.
    static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 128)
        for (value, byte) in alphabet.enumerated() {
            table[Int(byte)] = UInt8(value)
            if byte >= UInt8(ascii: "A") { table[Int(byte | 0x20)] = UInt8(value) }
        }
        return table
    }()

    /// Upper case, without "=" padding (authenticator apps and the otpauth URI leave it out).
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.underestimatedCount * 8 + 4) / 5)
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[(buffer >> bits) & 31])
            }
            buffer &= (1 << bits) - 1
        }
        if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of `text`, which may be lower case, grouped with spaces (as apps show a secret)
    /// and padded with "=" at the end; nil for any other character or a length no bytes encode to.
    /// Bits left over after the last whole byte are ignored.
    public static func decode(_ text: String) -> [UInt8]? {
        var symbols = text.utf8.filter { $0 != UInt8(ascii: " ") }
        while symbols.last == UInt8(ascii: "=") { symbols.removeLast() }
        // 8 symbols carry 5 bytes; a last group of 1, 3 or 6 symbols ends inside a byte's bits.
        guard ![1, 3, 6].contains(symbols.count % 8) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(symbols.count * 5 / 8)
        var buffer = 0
        var bits = 0
        for symbol in symbols {
            guard symbol < 128 else { return nil }
            let value = values[Int(symbol)]
            guard value != 0xFF else { return nil }
            buffer = (buffer << 5) | Int(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> bits))
                buffer &= (1 << bits) - 1
            }
        }
        return out
    }
}
