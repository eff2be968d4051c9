import Foundation

/// 申請データ: one application as マイナポータル hands it over, read from a package (ZIP) saved from
/// the portal's management screen or from a pull. The national formats are not public; the layout
/// Madoguchi accepts is documented in docs/linkage.md:
///
///     application.xml       the form data (UTF-8 XML, root 申請データ)
///     application.xml.p7s   a detached CMS (PKCS#7) signature over application.xml, DER or PEM
///     attachments/…         the files the form data names
public struct PortalPackage: Sendable {
    public static let formDataName = "application.xml"
    public static let signatureName = "application.xml.p7s"

    /// 受付番号 given by マイナポータル: the key that makes an import happen once.
    public var portalNumber: String
    /// 地方公共団体コード of the municipality the application is for.
    public var municipalityCode: String
    /// The procedure as the portal names it (a catalog id or one of its `portal.codes`).
    public var procedureCode: String
    /// 申請日時 as the portal states it (the signing time, when the signature carries one, wins).
    public var submittedAt: Date?
    /// 申請内容: the answers, mapped to catalog fields by `PortalMapping`.
    public var form: PackageXMLElement
    /// The form data and signature exactly as received.
    public var formData: [UInt8]
    public var signature: [UInt8]?
    /// Every file of the archive by its path (the form data and signature included).
    public var files: [String: [UInt8]]

    /// Reads the package's form data; the signature is checked separately (`PackageSignature`).
    public static func read(_ archive: PackageArchive) throws(PackageRejection) -> PortalPackage {
        guard let formData = archive.files[formDataName] else {
            throw PackageRejection(.badFormData, "no \(formDataName) in the archive")
        }
        return try read(formData: formData, signature: archive.files[signatureName], files: archive.files)
    }

    /// Reads form data that came without an archive (a pull gives the parts one by one).
    public static func read(
        formData: [UInt8], signature: [UInt8]?, files: [String: [UInt8]]
    ) throws(PackageRejection) -> PortalPackage {
        let root = try PackageXML.parse(formData)
        guard root.name == "申請データ" else {
            throw PackageRejection(.badFormData, "the root element is <\(root.name)>, not <申請データ>")
        }
        guard let number = root.value("受付番号"), isPortalNumber(number) else {
            throw PackageRejection(.badFormData, "<受付番号> is missing or not 1–32 letters, digits and hyphens")
        }
        guard let municipality = root.value("地方公共団体コード") else {
            throw PackageRejection(.badFormData, "<地方公共団体コード> is missing")
        }
        guard let procedure = root.value("手続コード") else {
            throw PackageRejection(.badFormData, "<手続コード> is missing")
        }
        guard let form = root.child("申請内容") else { throw PackageRejection(.badFormData, "<申請内容> is missing") }
        var submitted: Date?
        if let text = root.value("申請日時") {
            guard let date = try? Date(text, strategy: .iso8601) else {
                throw PackageRejection(.badFormData, "<申請日時> is not an ISO 8601 date and time")
            }
            submitted = date
        }
        return PortalPackage(
            portalNumber: number, municipalityCode: municipality, procedureCode: procedure, submittedAt: submitted,
            form: form, formData: formData, signature: signature, files: files)
    }

    /// A portal 受付番号 as this system accepts it: 1–32 ASCII letters, digits and hyphens.
    public static func isPortalNumber(_ text: String) -> Bool {
        (1...32).contains(text.utf8.count)
            && text.utf8.allSatisfy {
                $0 == 0x2D || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
            }
    }
}
