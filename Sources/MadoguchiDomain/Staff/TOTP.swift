import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238: the HOTP of RFC 4226 over 30-second time steps, with
/// HMAC-SHA1): the six digits a staff member's authenticator app shows at sign-in. SHA-1, six digits
/// and 30 seconds are what every common app assumes, whatever the otpauth URI asks for.
public enum TOTP {
    /// A secret shared with one authenticator app. Its `description` never shows the bytes, so an
    /// interpolation or a log line cannot leak it.
    public struct Secret: Sendable, CustomStringConvertible {
        /// 20 bytes: the length of an HMAC-SHA1 output, as RFC 4226 recommends.
        public static let byteCount = 20
        /// RFC 4226 requires at least 128 bits.
        public static let minimumByteCount = 16

        public let bytes: [UInt8]

        public init(bytes: [UInt8]) { self.bytes = bytes }

        /// A secret as apps show it and the otpauth URI carries it; nil when it is not Base32 or is
        /// shorter than 128 bits.
        public init?(base32: String) {
            guard let bytes = Base32.decode(base32), bytes.count >= Self.minimumByteCount else { return nil }
            self.bytes = bytes
        }

        /// A new secret of `byteCount` bytes from `generator` (`SystemRandomNumberGenerator` when
        /// serving: it is cryptographically secure).
        public static func random(using generator: inout some RandomNumberGenerator) -> Secret {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(byteCount)
            while bytes.count < byteCount {
                let word = generator.next() as UInt64
                withUnsafeBytes(of: word.littleEndian) { bytes += $0.prefix(byteCount - bytes.count) }
            }
            return Secret(bytes: bytes)
        }

        /// Upper-case Base32 without padding.
        public var base32: String { Base32.encode(bytes) }

        public var description: String { "TOTP.Secret(\(bytes.count) bytes)" }
    }

    public static let defaultDigits = 6
    public static let defaultPeriod = 30

    /// The time step of `date`: whole periods since the Unix epoch.
    public static func step(at date: Date, period: Int = defaultPeriod) -> Int {
        precondition(period > 0)
        return Int((date.timeIntervalSince1970 / Double(period)).rounded(.down))
    }

    /// The code an app shows at `date`.
    public static func code(
        at date: Date, secret: Secret, digits: Int = defaultDigits, period: Int = defaultPeriod
    ) -> String {
        hotp(counter: step(at: date, period: period), key: SymmetricKey(data: secret.bytes), digits: digits)
    }

    /// HOTP (RFC 4226): the code for one counter value; TOTP's counter is the time step.
    public static func hotp(counter: Int, secret: Secret, digits: Int = defaultDigits) -> String {
        hotp(counter: counter, key: SymmetricKey(data: secret.bytes), digits: digits)
    }

    /// The time step whose code `code` is, among the `window` steps either side of `date`'s; nil
    /// when it is none of them. A step at or before `lastUsedStep` is refused, so that a code seen
    /// over a shoulder cannot be used again while it is still valid: store the answer as the new
    /// `lastUsedStep`. Full-width digits, spaces and dashes in `code` are read as typed.
    public static func verify(
        _ code: String, at date: Date, secret: Secret, digits: Int = defaultDigits, period: Int = defaultPeriod,
        window: Int = 1, lastUsedStep: Int?
    ) -> Int? {
        precondition(window >= 0)
        let typed = Array(TextNormalization.removing("-", from: TextNormalization.digitsInput(code)).utf8)
        guard typed.count == digits, typed.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let key = SymmetricKey(data: secret.bytes)
        let now = step(at: date, period: period)
        var matched: Int?
        for candidate in (now - window)...(now + window) where lastUsedStep.map({ candidate > $0 }) ?? true {
            // Every candidate is compared in full, whatever an earlier one gave.
            let same = constantTimeEqual(Array(hotp(counter: candidate, key: key, digits: digits).utf8), typed)
            if same && matched == nil { matched = candidate }
        }
        return matched
    }

    static func hotp(counter: Int, key: SymmetricKey, digits: Int) -> String {
        precondition((6...8).contains(digits), "RFC 4226 codes have 6 to 8 digits")
        // The counter as 8 bytes, big-endian; a step before 1970 (a clock gone wrong) wraps round.
        let message = withUnsafeBytes(of: UInt64(truncatingIfNeeded: counter).bigEndian) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
        // Dynamic truncation (RFC 4226 5.3): 31 bits from the offset the last nibble names.
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let value =
            UInt32(mac[offset] & 0x7F) << 24 | UInt32(mac[offset + 1]) << 16 | UInt32(mac[offset + 2]) << 8
            | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let number = String(value % modulus)
        return String(repeating: "0", count: digits - number.count) + number
    }

    /// Whether two byte strings are equal, in a time that depends on their length only.
    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
