import Crypto
import Foundation
import Vapor

/// Seals the answers a multi-step form carries between pages (everything not on the current page)
/// into one encrypted, authenticated hidden field. The form stays stateless — any server process can
/// take the next step — while the page source holds no readable 個人番号, names or addresses.
///
/// A sealed state is bound to the browser's CSRF cookie (as associated data) and expires after a
/// day, so a copied page source cannot be replayed elsewhere or later to read the answers back.
struct FormStateSealer: Sendable {
    static let fieldName = "_state"
    static let lifetime: TimeInterval = 24 * 3600
    private let tokens: SealedToken

    init(secret: SymmetricKey) {
        tokens = SealedToken(purpose: "form-state", secret: secret)
    }

    private struct Payload: Codable {
        var issued: Double
        var values: [String: [String]]
    }

    /// A sealer for one request: bound to its browser and its clock.
    struct Bound: Sendable {
        let sealer: FormStateSealer
        let binding: String
        let now: Date

        func seal(_ values: [String: [String]]) -> String {
            sealer.seal(values, binding: binding, now: now)
        }

        func open(_ sealed: String) -> [String: [String]]? {
            sealer.open(sealed, binding: binding, now: now)
        }
    }

    func seal(_ values: [String: [String]], binding: String, now: Date) -> String {
        let payload = Payload(issued: now.timeIntervalSince1970, values: values)
        return (try? JSONEncoder().encode(payload)).flatMap { tokens.seal($0, binding: binding) } ?? ""
    }

    func open(_ sealed: String, binding: String, now: Date) -> [String: [String]]? {
        guard let plain = tokens.open(sealed, binding: binding),
            let payload = try? JSONDecoder().decode(Payload.self, from: plain),
            now.timeIntervalSince1970 - payload.issued < Self.lifetime
        else { return nil }
        return payload.values
    }
}

extension Request {
    /// The form-state sealer for this request (bound to its CSRF cookie).
    var formSealer: FormStateSealer.Bound {
        FormStateSealer.Bound(
            sealer: madoguchi.formSealer, binding: csrfCookieValue ?? "", now: madoguchi.clock.now())
    }
}
