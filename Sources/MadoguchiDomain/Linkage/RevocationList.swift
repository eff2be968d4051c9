import Foundation
import SwiftASN1
import X509

/// 失効情報: a certificate revocation list (CRL, DER, RFC 5280 §5) as J-LIS gives it to a 署名検証者,
/// read once and checked against the issuer it names: its signature must verify with that issuer's
/// certificate among the trust anchors, or the list is refused.
public struct RevocationList: Sendable {
    public var issuer: DistinguishedName
    public var thisUpdate: Date
    public var nextUpdate: Date?
    /// Revocation times by canonical serial number (`PackageSignature.canonicalSerial`).
    public var revoked: [String: Date]

    public enum Failure: Error, Sendable, Equatable {
        case unreadable(String)
        case unknownIssuer
        case badSignature
    }

    /// Reads a DER (or PEM `X509 CRL`) revocation list and checks its signature against `anchors`.
    public init(_ bytes: [UInt8], anchors: [Certificate]) throws(Failure) {
        let der = PackageSignature.der(bytes)
        let list: ASN1Node
        do { list = try DER.parse(der) } catch { throw .unreadable("not DER") }
        let parts = ASN1Read.children(list)
        guard parts.count == 3, case let tbs = ASN1Read.children(parts[0]), tbs.count >= 3 else {
            throw .unreadable("not a CertificateList")
        }
        // TBSCertList { version OPTIONAL, signature, issuer, thisUpdate, nextUpdate OPTIONAL,
        //               revokedCertificates OPTIONAL, [0] crlExtensions OPTIONAL }
        var fields = tbs[...]
        if fields.first?.identifier == .integer { fields = fields.dropFirst() }
        guard fields.count >= 3 else { throw .unreadable("TBSCertList too short") }
        let issuerNode = fields[fields.startIndex + 1]
        guard let issuer = try? DistinguishedName(derEncoded: issuerNode),
            let thisUpdate = ASN1Read.time(fields[fields.startIndex + 2])
        else { throw .unreadable("issuer or thisUpdate") }
        var rest = fields.dropFirst(3)
        var nextUpdate: Date?
        if let node = rest.first, let time = ASN1Read.time(node) {
            nextUpdate = time
            rest = rest.dropFirst()
        }
        var revoked: [String: Date] = [:]
        if let entries = rest.first, entries.identifier == .sequence {
            for entry in ASN1Read.children(entries) {
                let items = ASN1Read.children(entry)
                guard items.count >= 2, let serial = ASN1Read.integerBytes(items[0]),
                    let when = ASN1Read.time(items[1])
                else { throw .unreadable("a revoked entry") }
                revoked[PackageSignature.canonicalSerial(serial)] = when
            }
        }
        guard let anchor = anchors.first(where: { $0.subject == issuer }) else { throw .unknownIssuer }
        guard let algorithm = Self.algorithm(parts[1]), let signature = try? ASN1BitString(derEncoded: parts[2]),
            anchor.publicKey.isValidSignature(
                signature.bytes, for: parts[0].encodedBytes, signatureAlgorithm: algorithm)
        else { throw .badSignature }
        self.issuer = issuer
        self.thisUpdate = thisUpdate
        self.nextUpdate = nextUpdate
        self.revoked = revoked
    }

    /// When the certificate `serial` of `issuer` was revoked, if this list says it was.
    public func revocation(of serial: String, issuer: DistinguishedName) -> Date? {
        issuer == self.issuer ? revoked[serial] : nil
    }

    private static func algorithm(_ node: ASN1Node) -> Certificate.SignatureAlgorithm? {
        guard let first = ASN1Read.children(node).first, let oid = try? ASN1ObjectIdentifier(derEncoded: first)
        else { return nil }
        let known: [ASN1ObjectIdentifier: Certificate.SignatureAlgorithm] = [
            [1, 2, 840, 10045, 4, 3, 2]: .ecdsaWithSHA256, [1, 2, 840, 10045, 4, 3, 3]: .ecdsaWithSHA384,
            [1, 2, 840, 10045, 4, 3, 4]: .ecdsaWithSHA512, [1, 2, 840, 113549, 1, 1, 11]: .sha256WithRSAEncryption,
            [1, 2, 840, 113549, 1, 1, 12]: .sha384WithRSAEncryption,
            [1, 2, 840, 113549, 1, 1, 13]: .sha512WithRSAEncryption,
        ]
        return known[oid]
    }
}
