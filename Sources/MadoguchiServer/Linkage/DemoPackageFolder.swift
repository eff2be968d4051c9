import Crypto
import Foundation
import MadoguchiDomain
import Vapor
import X509

/// `madoguchi demo-packages`: a folder of packages as マイナポータル hands them over, for demos, the
/// import benchmark and the crash test: `count` signed packages for the default municipality
/// (every procedure in turn, an applicant of their own each), the demo CA that signed them
/// (`trust-anchors.pem`, for MADOGUCHI_PORTAL_TRUST_ANCHORS), and the resident register and serial
/// numbers that match most of the signers (`register.csv`, `serials.csv`; every tenth signer is
/// left out, so the matching queue has work).
public enum DemoPackageFolder {
    public static func write(
        count: Int, to folder: URL, prefix: String = "DEMO", app: Application,
        progress: @Sendable (Int) -> Void = { _ in }
    ) async throws {
        let services = app.madoguchi
        guard let code = services.municipalities.defaultCode,
            let municipality = services.municipalities.municipality(code: code)
        else { throw ConfigurationFailure(description: "no default municipality") }
        let procedures = municipality.offered(from: services.catalog).procedures
        guard !procedures.isEmpty else { return }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let now = services.clock.now()
        let today = JapanCalendar.civilDate(of: now)
        let pki = try DemoPKI(from: now.addingTimeInterval(-400 * 86400))
        try pki.anchorPEM().write(
            to: folder.appendingPathComponent("trust-anchors.pem"), atomically: true, encoding: .utf8)
        // A few hundred signers, reused: signing certificates is the slow part, and real residents
        // apply more than once. Their serial and resident numbers depend on the prefix, so that
        // folders made with different prefixes can go into one database.
        let signerCount = max(1, min(count, 256))
        let block = prefix.unicodeScalars.reduce(UInt64(7)) { ($0 &* 31 &+ UInt64($1.value)) % 4093 }
        let firstSerial = 0x10_0000 + block * 0x1000
        let firstAtena = 1_000_000 + Int(block) * 1000
        var signers: [(certificate: Certificate, key: P256.Signing.PrivateKey)] = []
        for index in 0..<signerCount {
            signers.append(
                try pki.applicant(
                    serial: firstSerial + UInt64(index), from: now.addingTimeInterval(-300 * 86400),
                    until: now.addingTimeInterval(1000 * 86400)))
        }
        var register = CSVWriter()
        register.append(["宛名番号", "氏名", "フリガナ", "生年月日", "性別", "住所", "世帯番号"])
        var serials = CSVWriter()
        serials.append(["宛名番号", "シリアル番号", "有効開始日時", "有効終了日時", "失効日時"])
        for index in 0..<signerCount where index % 10 != 9 {
            let family = DemoPeople.families[index % DemoPeople.families.count]
            let given = DemoPeople.givens[index % DemoPeople.givens.count]
            let atena = String(firstAtena + index)
            register.append([
                atena, "\(family.0) \(given.0)", "\(family.1) \(given.1)", "1980-04-01", index % 2 == 0 ? "1" : "2",
                "デモ市本町\(index + 1)番地", String(500_000 + index),
            ])
            serials.append([
                atena, String(firstSerial + UInt64(index), radix: 16, uppercase: true),
                now.addingTimeInterval(-300 * 86400).formatted(.iso8601), "", "",
            ])
        }
        try Data(register.text.utf8).write(to: folder.appendingPathComponent("register.csv"))
        try Data(serials.text.utf8).write(to: folder.appendingPathComponent("serials.csv"))
        let pdf = Array("%PDF-1.4\n% Madoguchi demo attachment\n%%EOF\n".utf8)
        let samples = procedures.map { SampleInput.make(for: $0, today: today, attachmentToken: "attachment") }
        for index in 0..<count {
            let procedure = procedures[index % procedures.count]
            let input = DemoPeople.applicant(index, in: samples[index % procedures.count], of: procedure, today: today)
            var files: [String: String] = [:]
            var entries: [(name: String, bytes: [UInt8])] = []
            for path in input.values.keys.sorted() where procedure.isAttachmentPath(path) {
                let entry = "attachments/\(files.count + 1).pdf"
                files[path] = entry
                entries.append((entry, pdf))
            }
            let number = "\(prefix)-\(String(index + 1).leftPadded(to: 8))"
            let signedAt = now.addingTimeInterval(-Double(count - index))
            let xml = DemoPackages.formXML(
                portalNumber: number, municipality: code.value, procedureCode: procedure.id, appliedAt: signedAt,
                input: input, files: files)
            let signer = signers[index % signers.count]
            let signature = try DemoPackages.sign(xml, certificate: signer.certificate, key: signer.key, at: signedAt)
            let zip = try DemoPackages.zip(
                [(PortalPackage.formDataName, xml), (PortalPackage.signatureName, signature)] + entries)
            try Data(zip).write(to: folder.appendingPathComponent("\(number).zip"))
            if (index + 1) % 1000 == 0 { progress(index + 1) }
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
