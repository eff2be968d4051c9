import Crypto
import Foundation
import MadoguchiDomain
import SwiftASN1
@_spi(CMS) import X509
import ZIPFoundation

/// A certificate authority of its own and applicants' certificates, to make packages that look like
/// マイナポータル's for demos, tests and the benchmark. Never a trust anchor in production.
public struct DemoPKI: Sendable {
    public let caKey: P256.Signing.PrivateKey
    public let ca: Certificate

    public init(name: String = "Madoguchi Demo CA", from start: Date) throws {
        caKey = P256.Signing.PrivateKey()
        let subject = try DistinguishedName {
            CountryName("JP")
            OrganizationName("Madoguchi")
            CommonName(name)
        }
        ca = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(caKey.publicKey),
            notValidBefore: start, notValidAfter: start.addingTimeInterval(20 * 365 * 86400), issuer: subject,
            subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            }, issuerPrivateKey: .init(caKey))
    }

    /// The CA certificate as PEM: what `MADOGUCHI_PORTAL_TRUST_ANCHORS` names.
    public func anchorPEM() throws -> String { try ca.serializeAsPEM().pemString }

    /// A 署名用電子証明書 stand-in: serial `serial`, valid in the range given.
    public func applicant(
        serial: UInt64, from start: Date, until end: Date
    ) throws -> (
        certificate: Certificate, key: P256.Signing.PrivateKey
    ) {
        let key = P256.Signing.PrivateKey()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(serial), publicKey: .init(key.publicKey),
            notValidBefore: start, notValidAfter: end, issuer: ca.subject,
            subject: try DistinguishedName {
                CountryName("JP")
                CommonName("DEMO APPLICANT \(serial)")
            }, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
            }, issuerPrivateKey: .init(caKey))
        return (certificate, key)
    }

    /// A CRL (DER) of this CA listing `revoked` serial numbers with their revocation times.
    public func revocationList(revoked: [(serial: UInt64, at: Date)], issuedAt: Date) throws -> [UInt8] {
        func time(_ date: Date) throws -> UTCTime {
            let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
            return try UTCTime(
                year: parts.year!, month: parts.month!, day: parts.day!, hours: parts.hour!, minutes: parts.minute!,
                seconds: parts.second!)
        }
        func algorithm(_ coder: inout DER.Serializer) throws {
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                let ecdsaWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 2]
                try coder.serialize(ecdsaWithSHA256)
            }
        }
        var tbs = DER.Serializer()
        try tbs.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(1)  // v2
            try algorithm(&coder)
            try coder.serialize(ca.subject)
            try coder.serialize(try time(issuedAt))
            try coder.serialize(try time(issuedAt.addingTimeInterval(86400)))
            if !revoked.isEmpty {
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    for entry in revoked {
                        try coder.appendConstructedNode(identifier: .sequence) { coder in
                            try coder.serialize(entry.serial)
                            try coder.serialize(try time(entry.at))
                        }
                    }
                }
            }
        }
        let signature = try caKey.signature(for: tbs.serializedBytes).derRepresentation
        var list = DER.Serializer()
        try list.appendConstructedNode(identifier: .sequence) { coder in
            coder.serializeRawBytes(tbs.serializedBytes)
            try algorithm(&coder)
            try coder.serialize(ASN1BitString(bytes: ArraySlice(signature)))
        }
        return list.serializedBytes
    }
}

/// Packages laid out as `PortalPackage` reads them, made from form input.
public enum DemoPackages {
    /// The form data (application.xml) for `input`, by the default mapping: paths become nested
    /// elements, a group item's number an `item` element. `files` are attachment paths to entry names.
    public static func formXML(
        portalNumber: String, municipality: String, procedureCode: String, appliedAt: Date, input: FormInput,
        files: [String: String] = [:]
    ) -> [UInt8] {
        final class Element {
            var children: [(String, Element)] = []
            var values: [String] = []
            func child(_ name: String) -> Element {
                if let found = children.first(where: { $0.0 == name }) { return found.1 }
                let made = Element()
                children.append((name, made))
                return made
            }
        }
        let root = Element()
        for (path, values) in input.values.sorted(by: { $0.key.localizedStandardCompare($1.key) == .orderedAscending })
        {
            var node = root
            for segment in path.split(separator: ".") { node = node.child(String(segment)) }
            node.values = files[path].map { [$0] } ?? values
        }
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        func write(_ element: Element, name: String, into text: inout String) {
            let tag = Int(name) == nil ? name : "item"
            if element.children.isEmpty {
                for value in element.values.isEmpty ? [""] : element.values {
                    text += "<\(tag)>\(escape(value))</\(tag)>"
                }
                return
            }
            text += "<\(tag)>"
            for (childName, child) in element.children { write(child, name: childName, into: &text) }
            text += "</\(tag)>"
        }
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<申請データ version=\"1\">"
        text += "<受付番号>\(escape(portalNumber))</受付番号><地方公共団体コード>\(municipality)</地方公共団体コード>"
        text += "<手続コード>\(escape(procedureCode))</手続コード><申請日時>\(appliedAt.formatted(.iso8601))</申請日時>"
        write(root, name: "申請内容", into: &text)
        text += "</申請データ>\n"
        return Array(text.utf8)
    }

    /// A detached CMS signature of `data` with a signing time.
    public static func sign(
        _ data: [UInt8], certificate: Certificate, key: P256.Signing.PrivateKey, at time: Date
    ) throws -> [UInt8] {
        try CMS.sign(data, certificate: certificate, privateKey: .init(key), signingTime: time, detached: true)
    }

    /// A ZIP archive of `files` (deflated), in the order given.
    public static func zip(_ files: [(name: String, bytes: [UInt8])]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, bytes) in files {
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate
            ) { position, size in
                Data(bytes[Int(position)..<Int(position) + size])
            }
        }
        return Array(archive.data ?? Data())
    }
}
