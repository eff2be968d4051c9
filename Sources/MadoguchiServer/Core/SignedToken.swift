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

enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> Data? {
        var base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base.count % 4 != 0 { base += "=" }
        return Data(base64Encoded: base)
    }
}
