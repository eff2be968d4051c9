import Crypto
import Foundation

/// Codes residents read and type: 照会キー (to look up an application's status with its 受付番号)
/// and 再開コード (to reopen a saved draft). Crockford base32 in groups of four, so 0/O and 1/I/L
/// cannot be confused.
public enum AccessCode {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// 照会キー: derived from the server secret, the municipality and the 受付番号, so it is never
    /// stored and can be shown again on the 控え; a database leak does not reveal it.
    public static func inquiryKey(secret: SymmetricKey, tenant: LocalGovernmentCode, receipt: ReceiptNumber) -> String {
        InquiryKeySigner(secret: secret).key(tenant: tenant, receipt: receipt)
    }

    /// Makes 照会キー under one secret: the HMAC is keyed once, not for every key it makes.
    public struct InquiryKeySigner: Sendable {
        private let keyed: HMAC<SHA256>

        public init(secret: SymmetricKey) { keyed = HMAC(key: secret) }

        public func key(tenant: LocalGovernmentCode, receipt: ReceiptNumber) -> String {
            var mac = keyed
            mac.update(data: Array("inquiry-key|\(tenant.value)|\(receipt)".utf8))
            return mac.finalize().withUnsafeBytes { format(encode($0, count: 12)) }
        }
    }

    public static func verifyInquiryKey(
        _ typed: String, secret: SymmetricKey, tenant: LocalGovernmentCode, receipt: ReceiptNumber
    ) -> Bool {
        let expected = Array(normalize(inquiryKey(secret: secret, tenant: tenant, receipt: receipt)).utf8)
        let given = Array(normalize(typed).utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A random code of `count` characters (e.g. a draft's 再開コード), formatted in groups.
    public static func random(count: Int = 12, using generator: inout some RandomNumberGenerator) -> String {
        format(
            String(
                decoding: (0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt8(32)))] }, as: UTF8.self))
    }

    /// How a code is stored: SHA-256 of its normalised form, hex.
    public static func digest(_ code: String) -> String {
        SHA256Hex.of(Data(normalize(code).utf8))
    }

    /// Upper case, dashes and spaces removed, O→0 and I/L→1, full width to ASCII.
    public static func normalize(_ typed: String) -> String {
        let text = TextNormalization.removing("-", from: TextNormalization.digitsInput(typed)).uppercased()
        return String(
            text.map { character -> Character in
                switch character {
                case "O": "0"
                case "I", "L": "1"
                default: character
                }
            })
    }

    /// The first `count` base32 characters of `bytes`.
    static func encode(_ bytes: some Collection<UInt8>, count: Int) -> String {
        var bits = 0
        var buffer = 0
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for byte in bytes where out.count < count {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 && out.count < count {
                bits -= 5
                out.append(alphabet[(buffer >> bits) & 31])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `code` in groups of four joined by "-" (ABCD-EFGH-JKMN).
    static func format(_ code: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(code.utf8.count + code.utf8.count / 4)
        for (index, byte) in code.utf8.enumerated() {
            if index > 0 && index % 4 == 0 { out.append(UInt8(ascii: "-")) }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Lower-case hex SHA-256: how codes, request digests and attachment contents are named.
public enum SHA256Hex {
    /// The lower-case hex digits, by value.
    static let digits = Array("0123456789abcdef".utf8)

    public static func of(_ bytes: some DataProtocol) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// The lower-case hex of any bytes (a digest, or part of a MAC).
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` is `count` lower-case hex digits (64: a digest written by `of`).
    public static func isHex(_ text: some Collection<UInt8>, count: Int = 64) -> Bool {
        text.count == count && text.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
