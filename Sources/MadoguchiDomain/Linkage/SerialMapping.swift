import Foundation

/// One entry of the シリアル番号 ⇔ 宛名番号 mapping: a signing certificate, whose it is, and when it
/// may sign. A resident has many entries over time (a new certificate whenever the 基本4情報
/// change, the old one revoked then); a serial number belongs to one 宛名番号 for good.
public struct SerialMapping: Sendable, Hashable, Codable {
    public var serial: CertificateSerial
    public var atenaNumber: AtenaNumber
    /// 有効開始日時
    public var validFrom: Date
    /// 有効終了日時: the last instant of validity (inclusive, second precision as in X.509); nil
    /// when the file gives none.
    public var validUntil: Date?
    /// 失効日時: from this instant on the certificate signs nothing.
    public var revokedAt: Date?

    public init(
        serial: CertificateSerial, atenaNumber: AtenaNumber, validFrom: Date, validUntil: Date? = nil,
        revokedAt: Date? = nil
    ) {
        self.serial = serial
        self.atenaNumber = atenaNumber
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.revokedAt = revokedAt
    }
}
