import Foundation
import SwiftASN1
@_spi(CMS) import X509

/// 電子署名: checks the detached CMS (PKCS#7) signature of a package's form data, as a 署名検証者
/// does with a 署名用電子証明書 of a マイナンバーカード: the signature over the exact bytes, the
/// certificate chain to a configured trust anchor (J-LIS's CA certificates in production), the
/// certificate valid at the time of signing, and not revoked then according to the configured CRL.
public struct PackageSignature: Sendable {
    /// Who signed, as the certificate says: kept with the application for 紐付 by serial number.
    public struct Signer: Sendable, Hashable {
        /// シリアル番号: upper-case hexadecimal without leading zeros or separators.
        public var serial: String
        /// The certificate's subject and issuer as RFC 4514 text (names there are JIS substitutes).
        public var subject: String
        public var issuer: String
        /// When the signature was made: the CMS signing-time attribute, else the stated 申請日時.
        public var signedAt: Date
        public var validFrom: Date
        public var validUntil: Date

        public init(
            serial: String, subject: String, issuer: String, signedAt: Date, validFrom: Date, validUntil: Date
        ) {
            self.serial = serial
            self.subject = subject
            self.issuer = issuer
            self.signedAt = signedAt
            self.validFrom = validFrom
            self.validUntil = validUntil
        }
    }

    public var trustAnchors: [Certificate]
    public var revocations: RevocationList?

    public init(trustAnchors: [Certificate], revocations: RevocationList? = nil) {
        self.trustAnchors = trustAnchors
        self.revocations = revocations
    }

    /// Verifies `signature` over `data`. `stated` is the time the package gives, used when the
    /// signature carries no signing time.
    public func verify(data: [UInt8], signature: [UInt8], stated: Date?) async throws(PackageRejection) -> Signer {
        let der = Self.der(signature)
        let signingTime = Self.signingTime(in: der)
        guard let signedAt = signingTime ?? stated else {
            throw PackageRejection(.badSignature, "neither the signature nor the form data says when it was signed")
        }
        let result = await CMS.isValidSignature(
            dataBytes: data, signatureBytes: der, trustRoots: CertificateStore(trustAnchors)
        ) {
            RFC5280Policy(validationTime: signedAt)
        }
        let signer: Certificate
        switch result {
        case .success(let valid): signer = valid.signer
        case .failure(.unableToValidateSigner(let failure)):
            let reasons = failure.validationFailures.map { String(describing: $0.policyFailureReason) }
            throw PackageRejection(
                .badSignature,
                "the certificate is not valid at \(signedAt.formatted(.iso8601)): "
                    + (reasons.isEmpty ? "no chain to a trust anchor" : reasons.joined(separator: "; ")))
        case .failure(.invalidCMSBlock(let block)):
            throw PackageRejection(.badSignature, Self.shorten(block.reason))
        case .failure:
            throw PackageRejection(.badSignature, "the signature does not verify")
        }
        let serial = Self.canonicalSerial(Array(signer.serialNumber.bytes))
        if let revocations, let revoked = revocations.revocation(of: serial, issuer: signer.issuer),
            revoked <= signedAt
        {
            throw PackageRejection(
                .badSignature, "the certificate was revoked at \(revoked.formatted(.iso8601)), before signing")
        }
        return Signer(
            serial: serial, subject: String(describing: signer.subject), issuer: String(describing: signer.issuer),
            signedAt: signedAt, validFrom: signer.notValidBefore, validUntil: signer.notValidAfter)
    }

    /// The signature's DER bytes: PEM (`-----BEGIN PKCS7-----` or `CMS`) is accepted too.
    static func der(_ bytes: [UInt8]) -> [UInt8] {
        guard let text = String(validating: bytes, as: UTF8.self), text.contains("-----BEGIN"),
            let document = try? PEMDocument(pemString: text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return bytes }
        return document.derBytes
    }

    /// Upper-case hex of a serial number's bytes, without leading zeros.
    public static func canonicalSerial(_ bytes: [UInt8]) -> String {
        let hex = bytes.map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined()
        let trimmed = hex.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }

    static func shorten(_ text: String) -> String {
        // swift-certificates describes a bad signature with the whole certificate; the reason is enough.
        String(text.split(separator: ":").first ?? Substring(text)).prefix(160).description
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
