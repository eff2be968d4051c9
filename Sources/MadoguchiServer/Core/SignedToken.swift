import Crypto
import Foundation

/// `payload.mac` in base64url: data the server hands out and later takes back unchanged (the 控え
/// cookie, attachment references). The purpose is part of the MAC, so a token made for one use is
/// worthless for another.
enum SignedToken {
    static func make(_ payload: Data, purpose: String, secret: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(purpose)|".utf8) + payload, using: secret)
        return Base64URL.encode(payload) + "." + Base64URL.encode(Data(mac))
    }

    static func open(_ token: String, purpose: String, secret: SymmetricKey) -> Data? {
        let parts = token.split(separator: ".")
        guard parts.count == 2, let payload = Base64URL.decode(String(parts[0])),
            let mac = Base64URL.decode(String(parts[1])),
            HMAC<SHA256>.isValidAuthenticationCode(
                mac, authenticating: Data("\(purpose)|".utf8) + payload, using: secret)
        else { return nil }
        return payload
    }
}

/// Data the server hands out encrypted and authenticated (AES-GCM), in base64url: what a browser
/// carries but must not read (a form's answers, an attachment's file name). The key is derived from
/// the secret for one purpose, so a token sealed for one use opens for no other; `binding` is
/// authenticated too (a token sealed for one browser opens only with the same binding).
struct SealedToken: Sendable {
    private let key: SymmetricKey

    init(purpose: String, secret: SymmetricKey) {
        key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data(purpose.utf8), using: secret))
    }

    func seal(_ plain: Data, binding: String = "") -> String? {
        guard let combined = try? AES.GCM.seal(plain, using: key, authenticating: Data(binding.utf8)).combined
        else { return nil }
        return Base64URL.encode(combined)
    }

    func open(_ token: String, binding: String = "") -> Data? {
        guard let data = Base64URL.decode(token), let box = try? AES.GCM.SealedBox(combined: data) else {
            return nil
        }
        return try? AES.GCM.open(box, using: key, authenticating: Data(binding.utf8))
    }
}

/// Base64 with the URL-safe alphabet ('-' and '_') and no padding (RFC 4648 §5).
enum Base64URL {
    static func encode(_ data: Data) -> String {
        var bytes = Array(data.base64EncodedData())
        while bytes.last == UInt8(ascii: "=") { bytes.removeLast() }
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "+"): bytes[index] = UInt8(ascii: "-")
            case UInt8(ascii: "/"): bytes[index] = UInt8(ascii: "_")
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func decode(_ text: String) -> Data? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"): bytes.append(UInt8(ascii: "+"))
            case UInt8(ascii: "_"): bytes.append(UInt8(ascii: "/"))
            default: bytes.append(byte)
            }
        }
        while bytes.count % 4 != 0 { bytes.append(UInt8(ascii: "=")) }
        return Data(base64Encoded: Data(bytes))
    }
}
