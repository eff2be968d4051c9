import Foundation

/// An IP address range (`10.0.0.0/8`, `fd00::/8`, or one address), for the reverse proxies the
/// server trusts to say who the client is.
public struct AddressRange: Sendable, Equatable {
    let bytes: [UInt8]
    let prefixLength: Int

    /// Nil unless `text` is an IPv4 or IPv6 address, optionally with a prefix length.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let bytes = Self.address(first) else { return nil }
        let length = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
        guard let length, (0...bytes.count * 8).contains(length) else { return nil }
        self.bytes = bytes
        self.prefixLength = length
    }

    /// The bytes of an IPv4 (4) or IPv6 (16) address; an IPv4-mapped IPv6 address as IPv4.
    static func address(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes.prefix(12).elementsEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]) { return Array(bytes.suffix(4)) }
        return bytes
    }

    func contains(_ address: [UInt8]) -> Bool {
        guard address.count == bytes.count else { return false }
        var remaining = prefixLength
        for (mine, theirs) in zip(bytes, address) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if mine & mask != theirs & mask { return false }
            remaining -= 8
        }
        return true
    }
}

/// Who sent a request, for limits per client (`UploadAllowance`): the peer's address, or, when
/// the peer is a trusted reverse proxy, the nearest address in `X-Forwarded-For` that is not one
/// (a client can put anything at the start of that header; only what trusted proxies appended
/// counts).
enum ClientAddress {
    static func of(peer: String?, forwardedFor: [String], trusted: [AddressRange]) -> String? {
        func isTrusted(_ text: String) -> Bool {
            guard let address = AddressRange.address(text) else { return false }
            return trusted.contains { $0.contains(address) }
        }
        guard let peer, isTrusted(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        for hop in hops.reversed() where !isTrusted(hop) {
            return AddressRange.address(hop) == nil ? nil : hop
        }
        return hops.first ?? peer
    }
}
