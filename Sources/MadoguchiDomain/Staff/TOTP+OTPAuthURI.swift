extension TOTP {
    /// The otpauth URI an authenticator app reads from a QR code (Google's Key Uri Format):
    /// `otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30`.
    /// Issuer and account are UTF-8, percent-encoded but for RFC 3986's unreserved characters, so
    /// 市役所 and a space (%20, never "+") reach the app as they were written; a colon in either is
    /// encoded too, though apps that split the label before decoding it may still misread one.
    public static func otpauthURI(
        issuer: String, account: String, secret: Secret, digits: Int = defaultDigits, period: Int = defaultPeriod
    ) -> String {
        let issuer = percentEncoded(issuer)
        return "otpauth://totp/\(issuer):\(percentEncoded(account))?secret=\(secret.base32)&issuer=\(issuer)"
            + "&algorithm=SHA1&digits=\(digits)&period=\(period)"
    }

    static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Every byte of the UTF-8 but A–Z a–z 0–9 - . _ ~ as %XX (upper-case hex).
    static func percentEncoded(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
