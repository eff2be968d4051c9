import Foundation
import MadoguchiDomain
import Vapor

/// A signed, short-lived cookie naming the application this browser just submitted, so the 控え page
/// can be reloaded and printed without the 受付番号 ever appearing in a URL.
///
/// The 控え shows the 照会キー, so the cookie lasts half an hour (`lifetime`), long enough to print or
/// save it: on a shared computer (a library, a kiosk) the next person must not find it. The expiry
/// is inside the signed value too, so a copied cookie stops working when the browser's would.
enum ReceiptCookie {
    static let name = "madoguchi_receipt"
    static let lifetime = 30 * 60

    struct Content: Codable {
        var tenant: String
        var receipt: ReceiptNumber
        var expires: Date
    }

    static func make(
        _ receipt: IntakeService.Receipt, tenant: LocalGovernmentCode, secret: SymmetricKey, secure: Bool, now: Date
    )
        -> HTTPCookies.Value
    {
        let content = Content(
            tenant: tenant.value, receipt: receipt.receiptNumber, expires: now.addingTimeInterval(Double(lifetime)))
        let payload = (try? JSONEncoder().encode(content)) ?? Data()
        return HTTPCookies.Value(
            string: SignedToken.make(payload, purpose: "receipt", secret: secret), maxAge: lifetime,
            path: SiteURL.receipt.path, isSecure: secure, isHTTPOnly: true, sameSite: .strict)
    }

    static func read(_ value: String, tenant: LocalGovernmentCode, secret: SymmetricKey, now: Date) -> Content? {
        guard let payload = SignedToken.open(value, purpose: "receipt", secret: secret),
            let content = try? JSONDecoder().decode(Content.self, from: payload), content.tenant == tenant.value,
            now < content.expires
        else { return nil }
        return content
    }
}
