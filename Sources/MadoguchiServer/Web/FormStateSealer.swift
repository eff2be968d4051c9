import Crypto
import Foundation

/// Seals the answers a multi-step form carries between pages (everything not on the current page)
/// into one encrypted, authenticated hidden field. The form stays stateless — any server process can
/// take the next step — while the page source holds no readable 個人番号, names or addresses, and a
/// tampered or foreign state is simply ignored.
struct FormStateSealer: Sendable {
    static let fieldName = "_state"
    private let key: SymmetricKey

    init(secret: SymmetricKey) {
        key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data("form-state".utf8), using: secret))
    }

    func seal(_ values: [String: [String]]) -> String {
        guard let plain = try? JSONEncoder().encode(values), let box = try? AES.GCM.seal(plain, using: key),
            let combined = box.combined
        else { return "" }
        return Base64URL.encode(combined)
    }

    func open(_ sealed: String) -> [String: [String]]? {
        guard let data = Base64URL.decode(sealed), let box = try? AES.GCM.SealedBox(combined: data),
            let plain = try? AES.GCM.open(box, using: key),
            let values = try? JSONDecoder().decode([String: [String]].self, from: plain)
        else { return nil }
        return values
    }
}
