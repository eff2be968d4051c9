/// Why a package from マイナポータル (or a pull of one application) went to quarantine (隔離) instead
/// of the inbox. Each reason names the cause for staff, in Japanese and English; `detail` adds the
/// specific part (an entry name, a path, a validation summary) and never holds personal data.
public struct PackageRejection: Error, Sendable, Hashable {
    public enum Reason: String, Sendable, Hashable, CaseIterable, Codable {
        /// Not a ZIP archive, or one that cannot be read.
        case corrupt
        /// An entry with `..`, an absolute path or a backslash, or a duplicate name.
        case unsafeEntry = "unsafe_entry"
        /// Larger than the limits (an entry, the whole, the number of entries, the XML's depth).
        case tooLarge = "too_large"
        /// The form data (XML) is missing or not well-formed, declares a DTD or entities, or is not UTF-8.
        case badFormData = "bad_form_data"
        /// No signature file beside the form data.
        case unsigned
        /// The signature does not verify: wrong data, unknown issuer, expired or revoked certificate.
        case badSignature = "bad_signature"
        /// The procedure the package names is not in the catalog or not offered by the municipality.
        case unknownProcedure = "unknown_procedure"
        /// The municipality the package names is not served here.
        case unknownMunicipality = "unknown_municipality"
        /// The answers do not pass the procedure's validation.
        case invalid
        /// The same portal 受付番号 arrived before with different contents.
        case conflict
    }

    public var reason: Reason
    /// The specific part, for staff and the log (entry names, field paths, certificate issues).
    public var detail: String

    public init(_ reason: Reason, _ detail: String = "") {
        self.reason = reason
        self.detail = detail
    }

    public var message: LocalizedText { reason.message }
}

extension PackageRejection.Reason {
    public var message: LocalizedText {
        switch self {
        case .corrupt:
            LocalizedText(ja: "ZIPファイルとして読めません。", en: "The file cannot be read as a ZIP archive.")
        case .unsafeEntry:
            LocalizedText(
                ja: "安全でない名前のファイルが含まれています。", en: "The archive holds an entry with an unsafe name.")
        case .tooLarge:
            LocalizedText(ja: "大きさの上限を超えています。", en: "The package exceeds a size limit.")
        case .badFormData:
            LocalizedText(ja: "申請データ（XML）が読めません。", en: "The form data (XML) cannot be read.")
        case .unsigned:
            LocalizedText(ja: "電子署名がありません。", en: "The package is not signed.")
        case .badSignature:
            LocalizedText(ja: "電子署名を検証できません。", en: "The signature does not verify.")
        case .unknownProcedure:
            LocalizedText(ja: "手続が見つかりません。", en: "The procedure is not known here.")
        case .unknownMunicipality:
            LocalizedText(ja: "団体が見つかりません。", en: "The municipality is not served here.")
        case .invalid:
            LocalizedText(ja: "申請内容に誤りがあります。", en: "The answers do not pass validation.")
        case .conflict:
            LocalizedText(
                ja: "同じ受付番号で内容の異なる申請が既にあります。",
                en: "An application with the same portal receipt number and different contents exists.")
        }
    }
}
