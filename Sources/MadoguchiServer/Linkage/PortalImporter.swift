import Fluent
import Foundation
import MadoguchiDomain
import SQLKit
import SwiftASN1
import X509

/// Takes applications from マイナポータル into the inbox: a package (ZIP) saved from the portal's
/// management screen, or the parts a pull fetched. Each is read, its signature checked, its answers
/// mapped to the procedure's fields and validated, and then stored through the same intake as a web
/// application, with its link to the portal in the same transaction. Exactly once: the portal's
/// 受付番号 is the idempotency key, so a package taken in twice is one application. Anything that
/// cannot be taken in goes to quarantine with its reason; the package's bytes are kept as received.
struct PortalImporter: Sendable {
    let services: MadoguchiServices
    let database: any Database
    let signature: PackageSignature

    enum Outcome: Sendable, Equatable {
        case imported(ReceiptNumber)
        /// Taken in before (the same 受付番号 with the same form data).
        case alreadyPresent(ReceiptNumber)
        /// `new` is false when the same package was held back before.
        case quarantined(PackageRejection, new: Bool)
    }

    /// Loads the trust anchors and revocation list the configuration names.
    init(services: MadoguchiServices, database: any Database) throws {
        self.services = services
        self.database = database
        signature = try Self.signature(config: services.config)
    }

    static func signature(config: AppConfig) throws -> PackageSignature {
        guard let anchorsFile = config.portalTrustAnchors else {
            throw ConfigurationFailure(
                description: "no trust anchors for package signatures: set MADOGUCHI_PORTAL_TRUST_ANCHORS to a PEM file"
            )
        }
        guard let pem = try? String(contentsOf: anchorsFile, encoding: .utf8),
            let anchors = try? PEMDocument.parseMultiple(pemString: pem).map({ try Certificate(pemDocument: $0) }),
            !anchors.isEmpty
        else {
            throw ConfigurationFailure(description: "\(anchorsFile.path) holds no readable PEM certificate")
        }
        var revocations: RevocationList?
        if let crlFile = config.portalRevocationList {
            guard let bytes = FileManager.default.contents(atPath: crlFile.path) else {
                throw ConfigurationFailure(description: "the CRL \(crlFile.path) cannot be read")
            }
            do {
                revocations = try RevocationList(Array(bytes), anchors: anchors)
            } catch {
                throw ConfigurationFailure(description: "the CRL \(crlFile.path) is refused: \(error)")
            }
        }
        return PackageSignature(trustAnchors: anchors, revocations: revocations)
    }

    /// Imports one package for `municipality`; `source` names it for staff (a file name, `pull`).
    func importPackage(_ bytes: [UInt8], source: String, municipality: Municipality) async throws -> Outcome {
        let now = services.clock.now()
        let sha256 = SHA256Hex.of(bytes)
        var portalNumber: String?
        do {
            let package = try PortalPackage.read(PackageArchive.read(bytes))
            portalNumber = package.portalNumber
            return try await take(package, packageSHA256: sha256, bytes: bytes, source: source, in: municipality)
        } catch let rejection as PackageRejection {
            // Kept as received (an empty file has nothing to keep).
            if !bytes.isEmpty { _ = try services.attachments.storeAsReceived(bytes, now: now) }
            let new = try await PortalQuarantine.record(
                rejection, package: sha256, source: source,
                portalNumber: portalNumber, tenant: municipality.code, at: now, writer: services.writer, on: database)
            return .quarantined(rejection, new: new)
        }
    }

    private func take(
        _ package: PortalPackage, packageSHA256: String, bytes: [UInt8], source: String, in municipality: Municipality
    ) async throws -> Outcome {
        guard package.municipalityCode == municipality.code.value else {
            throw PackageRejection(
                .unknownMunicipality, "the package is for \(package.municipalityCode), not \(municipality.code.value)")
        }
        let formSHA256 = SHA256Hex.of(package.formData)
        if let found = try await PortalReceipts.find(
            portalNumber: package.portalNumber, tenant: municipality.code, on: database.sql)
        {
            guard found.formSHA256 == formSHA256 else {
                throw PackageRejection(.conflict, "portal 受付番号 \(package.portalNumber) is \(found.receipt) already")
            }
            return .alreadyPresent(found.receipt)
        }
        let prepared = try await prepare(
            package, packageSHA256: packageSHA256, formSHA256: formSHA256, bytes: bytes, source: source,
            in: municipality)
        let (procedure, input, link) = (prepared.procedure, prepared.input, prepared.link)
        let outcome = try await services.intake.submit(
            procedure, input: input, municipality: municipality, channel: .portal,
            idempotencyKey: "portal:" + package.portalNumber, portal: link, keeping: [packageSHA256])
        switch outcome {
        case .stored(let receipt):
            return receipt.created ? .imported(receipt.receiptNumber) : .alreadyPresent(receipt.receiptNumber)
        case .invalid(let issues):
            throw PackageRejection(
                .invalid, issues.prefix(20).map { "\($0.path): \($0.error.code)" }.joined(separator: "; "))
        case .conflict:
            throw PackageRejection(.conflict, "portal 受付番号 \(package.portalNumber) was taken in with other answers")
        }
    }

    /// What an application from `package` is made of before it is stored: its procedure, its
    /// answers (attachments stored, as tokens) and its link to the portal (signer, 紐付).
    struct Prepared: Sendable {
        var procedure: Procedure
        var input: FormInput
        var link: PortalLink
    }

    func prepare(
        _ package: PortalPackage, packageSHA256: String, formSHA256: String, bytes: [UInt8], source: String,
        in municipality: Municipality
    ) async throws -> Prepared {
        guard let signatureBytes = package.signature else {
            throw PackageRejection(.unsigned, "no \(PortalPackage.signatureName) in the archive")
        }
        let signer = try await signature.verify(
            data: package.formData, signature: signatureBytes, stated: package.submittedAt)
        guard
            let procedure = services.offered[municipality.code]?.procedures.first(where: {
                $0.isNamed(byPortalCode: package.procedureCode)
            })
        else { throw PackageRejection(.unknownProcedure, "手続コード \(package.procedureCode)") }
        var mapped = procedure.portal.map(package.form, for: procedure)
        let now = services.clock.now()
        for (path, entry) in mapped.attachments.sorted(by: { $0.key < $1.key }) {
            guard let file = package.files[entry] else {
                throw PackageRejection(.invalid, "\(path): the archive has no entry \(entry)")
            }
            do {
                let reference = try services.attachments.store(file, filename: entry, now: now)
                mapped.input[path] = services.attachments.token(
                    for: reference, issuedAt: now, tenant: municipality.code)
            } catch AttachmentStore.Failure.unsupportedKind {
                throw PackageRejection(.invalid, "\(path): \(entry) is not a PDF, JPEG or PNG file")
            }
        }
        _ = try services.attachments.storeAsReceived(bytes, now: now)
        // 紐付: the resident the certificate belonged to when it signed; else the application waits.
        let match = try await CertificateSerials.match(
            serial: signer.serial, signedAt: signer.signedAt, tenant: municipality.code, on: database.sql)
        var link = PortalLink(
            portalNumber: package.portalNumber, procedureCode: package.procedureCode, signer: signer,
            appliedAt: package.submittedAt, packageSHA256: packageSHA256, formSHA256: formSHA256, source: source)
        if case .matched(let atena) = match { link.atenaNumber = atena.digits }
        return Prepared(procedure: procedure, input: mapped.input, link: link)
    }
}
