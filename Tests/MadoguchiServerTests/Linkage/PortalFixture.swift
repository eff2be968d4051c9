import Crypto
import Foundation
import MadoguchiDomain
import X509

@testable import MadoguchiServer

/// Packages as マイナポータル hands them over, signed by a CA made for the test, and the trust anchor
/// file that names it.
struct PortalFixture {
    let pki: DemoPKI
    let folder: URL
    let anchors: URL
    let applicant: (certificate: Certificate, key: P256.Signing.PrivateKey)
    static let pdf = Array("%PDF-1.4\n% portal package attachment\n%%EOF\n".utf8)

    init() throws {
        pki = try DemoPKI(from: testNow.addingTimeInterval(-400 * 86400))
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        anchors = folder.appendingPathComponent("anchors.pem")
        try pki.anchorPEM().write(to: anchors, atomically: true, encoding: .utf8)
        applicant = try pki.applicant(
            serial: 0x1A2B_3C4D, from: testNow.addingTimeInterval(-300 * 86400),
            until: testNow.addingTimeInterval(1000 * 86400))
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// A package for `procedure` with valid answers; `change` edits the input, `signer` and `signedAt`
    /// choose who signs when, `edit` changes the archive's files before they are zipped.
    func package(
        _ procedure: Procedure, number: String, municipality: String = "990019",
        signer: (certificate: Certificate, key: P256.Signing.PrivateKey)? = nil,
        signedAt: Date = testNow.addingTimeInterval(-3600),
        change: (inout FormInput) -> Void = { _ in },
        edit: (inout [(name: String, bytes: [UInt8])]) -> Void = { _ in }
    ) throws -> [UInt8] {
        var input = SampleInput.make(for: procedure, today: testToday, attachmentToken: "attachment")
        change(&input)
        var files: [String: String] = [:]
        var entries: [(name: String, bytes: [UInt8])] = []
        for path in input.values.keys.sorted() where procedure.isAttachmentPath(path) {
            let entry = "attachments/file-\(files.count + 1).pdf"
            files[path] = entry
            entries.append((entry, Self.pdf))
        }
        let xml = DemoPackages.formXML(
            portalNumber: number, municipality: municipality, procedureCode: procedure.id, appliedAt: signedAt,
            input: input, files: files)
        let signer = signer ?? applicant
        let signature = try DemoPackages.sign(xml, certificate: signer.certificate, key: signer.key, at: signedAt)
        var parts: [(name: String, bytes: [UInt8])] =
            [(PortalPackage.formDataName, xml), (PortalPackage.signatureName, signature)] + entries
        edit(&parts)
        return try DemoPackages.zip(parts)
    }
}
