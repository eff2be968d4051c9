import Foundation

/// Matches a signed application to a 宛名番号 by the serial number of the certificate that signed
/// it, as of the signing time; never by name (a certificate's name carries JIS level 1/2
/// substitutes for other characters).
///
/// A certificate signs validly at `t` when `validFrom ≤ t ≤ validUntil` (X.509 validity is
/// inclusive with second precision, so `t` is compared in whole seconds) and it was not revoked
/// at or before `t`. A revocation at the very second of signing is taken as before it: such an
/// application goes to staff rather than be matched on a guess.
public enum SerialMatcher {
    /// The match for an application signed at `signedAt` with the certificate `serial`.
    /// `history` is the stored entries for the serial (entries for other serials are ignored).
    public static func match(serial: CertificateSerial, signedAt: Date, history: [SerialMapping]) -> SerialMatch {
        let entries = history.filter { $0.serial == serial }
        guard !entries.isEmpty else { return .unmatched(.unknownSerial) }
        let outcomes = entries.map { outcome(of: $0, signedAt: signedAt) }
        if let matched = outcomes.first(where: { if case .matched = $0 { true } else { false } }) { return matched }
        return outcomes[0]
    }

    /// `match` against a stored mapping keyed by serial number.
    public static func match(
        serial: CertificateSerial, signedAt: Date, in mapping: [CertificateSerial: SerialMapping]
    ) -> SerialMatch {
        match(serial: serial, signedAt: signedAt, history: mapping[serial].map { [$0] } ?? [])
    }

    /// The applications of `waiting` that `mapping` now matches, with their 宛名番号: what a
    /// server does for the matching queue after applying a mapping plan (load the waiting
    /// applications whose serial is in `SerialMappingPlan.affectedSerials`, or all of them).
    public static func rematch<ID: Hashable & Sendable>(
        _ waiting: [WaitingApplication<ID>], in mapping: [CertificateSerial: SerialMapping]
    ) -> [ID: AtenaNumber] {
        var matched: [ID: AtenaNumber] = [:]
        for application in waiting {
            if case .matched(let atena) = match(serial: application.serial, signedAt: application.signedAt, in: mapping)
            {
                matched[application.id] = atena
            }
        }
        return matched
    }

    private static func outcome(of entry: SerialMapping, signedAt: Date) -> SerialMatch {
        let second = Date(timeIntervalSince1970: signedAt.timeIntervalSince1970.rounded(.down))
        if second < entry.validFrom { return .unmatched(.notYetValidAtSigning(from: entry.validFrom)) }
        let revoked = entry.revokedAt.flatMap { $0 <= signedAt ? $0 : nil }
        let expired = entry.validUntil.flatMap { $0 < second ? $0 : nil }
        switch (revoked, expired) {
        case (let revoked?, let expired?):
            // Both before signing: the earlier is the reason.
            return .unmatched(
                revoked <= expired ? .revokedBeforeSigning(at: revoked) : .expiredBeforeSigning(at: expired))
        case (let revoked?, nil): return .unmatched(.revokedBeforeSigning(at: revoked))
        case (nil, let expired?): return .unmatched(.expiredBeforeSigning(at: expired))
        case (nil, nil): return .matched(entry.atenaNumber)
        }
    }
}

/// An application waiting in the matching queue: its id, its certificate, its signing time.
public struct WaitingApplication<ID: Hashable & Sendable>: Sendable, Hashable {
    public var id: ID
    public var serial: CertificateSerial
    public var signedAt: Date

    public init(id: ID, serial: CertificateSerial, signedAt: Date) {
        self.id = id
        self.serial = serial
        self.signedAt = signedAt
    }
}
