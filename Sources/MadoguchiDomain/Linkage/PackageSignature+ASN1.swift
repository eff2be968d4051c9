import Foundation
import SwiftASN1

/// The few parts of CMS and CRL structures that swift-certificates does not expose, read from the
/// DER tree: the signing-time attribute (RFC 5652 §11.3) and a CRL's entries (RFC 5280 §5).
enum ASN1Read {
    static func children(_ node: ASN1Node) -> [ASN1Node] {
        if case .constructed(let nodes) = node.content { return Array(nodes) }
        return []
    }

    static func isContext(_ node: ASN1Node, _ number: UInt) -> Bool {
        node.identifier.tagClass == .contextSpecific && node.identifier.tagNumber == number
    }

    /// A UTCTime or GeneralizedTime as a date.
    static func time(_ node: ASN1Node) -> Date? {
        var parts: (Int, Int, Int, Int, Int, Int)?
        if node.identifier == UTCTime.defaultIdentifier, let time = try? UTCTime(derEncoded: node) {
            parts = (time.year, time.month, time.day, time.hours, time.minutes, time.seconds)
        } else if node.identifier == GeneralizedTime.defaultIdentifier,
            let time = try? GeneralizedTime(derEncoded: node)
        {
            parts = (time.year, time.month, time.day, time.hours, time.minutes, time.seconds)
        }
        guard let (year, month, day, hour, minute, second) = parts else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(
            from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
    }

    /// The content bytes of an INTEGER node.
    static func integerBytes(_ node: ASN1Node) -> [UInt8]? {
        guard node.identifier == .integer, case .primitive(let bytes) = node.content else { return nil }
        return Array(bytes)
    }

    static let signingTimeOID: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 5]
}

extension PackageSignature {
    /// The signing-time attribute of the (single) signer, if the signature has one.
    static func signingTime(in der: [UInt8]) -> Date? {
        guard let contentInfo = try? BER.parse(der) else { return nil }
        // ContentInfo { contentType, [0] EXPLICIT SignedData }
        guard let wrapper = ASN1Read.children(contentInfo).first(where: { ASN1Read.isContext($0, 0) }),
            let signedData = ASN1Read.children(wrapper).first,
            let signerInfos = ASN1Read.children(signedData).last(where: { $0.identifier == .set }),
            let signerInfo = ASN1Read.children(signerInfos).first
        else { return nil }
        // SignerInfo { version, sid, digestAlgorithm, [0] IMPLICIT signedAttrs OPTIONAL, … }
        guard let attributes = ASN1Read.children(signerInfo).dropFirst(3).first(where: { ASN1Read.isContext($0, 0) })
        else { return nil }
        for attribute in ASN1Read.children(attributes) {
            let parts = ASN1Read.children(attribute)
            guard parts.count == 2, let type = try? ASN1ObjectIdentifier(derEncoded: parts[0]),
                type == ASN1Read.signingTimeOID, let value = ASN1Read.children(parts[1]).first
            else { continue }
            return ASN1Read.time(value)
        }
        return nil
    }
}
