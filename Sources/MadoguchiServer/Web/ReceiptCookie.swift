import Foundation
import MadoguchiDomain
import Vapor

/// A signed, short-lived cookie naming the application this browser just submitted, so the 控え page
/// can be reloaded and printed without the 受付番号 ever appearing in a URL.
enum ReceiptCookie {
    static let name = "madoguchi_receipt"

    struct Content: Codable {
        var tenant: String
        var receipt: ReceiptNumber
    }

    static func make(
        _ receipt: IntakeService.Receipt, tenant: LocalGovernmentCode, secret: SymmetricKey, secure: Bool
    )
        -> HTTPCookies.Value
    {
        let payload =
            (try? JSONEncoder().encode(Content(tenant: tenant.value, receipt: receipt.receiptNumber))) ?? Data()
        return HTTPCookies.Value(
            string: SignedToken.make(payload, purpose: "receipt", secret: secret), maxAge: 24 * 3600,
            path: SiteURL.receipt.path, isSecure: secure, isHTTPOnly: true, sameSite: .strict)
    }

    static func read(_ value: String, tenant: LocalGovernmentCode, secret: SymmetricKey) -> Content? {
        guard let payload = SignedToken.open(value, purpose: "receipt", secret: secret),
            let content = try? JSONDecoder().decode(Content.self, from: payload), content.tenant == tenant.value
        else { return nil }
        return content
    }
}
