import Foundation

/// The answer of `SerialMatcher`: the applicant's 宛名番号, or why staff must find them.
public enum SerialMatch: Sendable, Hashable {
    case matched(AtenaNumber)
    /// The application goes to the staff matching queue.
    case unmatched(UnmatchedReason)
}

/// Why an application's certificate names no 宛名番号 as of its signing time.
public enum UnmatchedReason: Sendable, Hashable {
    /// The serial number is in no mapping file yet (a new certificate, a resident of another
    /// municipality); a later mapping file may match it.
    case unknownSerial
    /// Revoked at `at`, at or before the signing time (a 基本4情報 change revokes it).
    case revokedBeforeSigning(at: Date)
    /// Its validity ended at `at`, before the signing time.
    case expiredBeforeSigning(at: Date)
    /// Its validity starts at `from`, after the signing time.
    case notYetValidAtSigning(from: Date)

    /// What staff read in the matching queue.
    public var message: LocalizedText {
        switch self {
        case .unknownSerial:
            LocalizedText(
                ja: "署名した電子証明書のシリアル番号が紐付表にありません。申請者を確認して宛名番号を紐付けてください。",
                en: "The signing certificate's serial number is not in the mapping. Identify the applicant and link "
                    + "the atena number.")
        case .revokedBeforeSigning(let at):
            LocalizedText(
                ja: "署名した電子証明書は署名より前（\(LinkageTimestamp.japanTime(at))）に失効しています。"
                    + "基本4情報の変更などで証明書が更新された可能性があります。申請者を確認してください。",
                en: "The signing certificate was revoked before signing (\(LinkageTimestamp.japanTime(at)) JST), "
                    + "perhaps after a change of name or address. Please identify the applicant.")
        case .expiredBeforeSigning(let at):
            LocalizedText(
                ja: "署名した電子証明書の有効期限（\(LinkageTimestamp.japanTime(at))）は署名より前に切れています。申請者を確認してください。",
                en: "The signing certificate expired before signing (\(LinkageTimestamp.japanTime(at)) JST). "
                    + "Please identify the applicant.")
        case .notYetValidAtSigning(let from):
            LocalizedText(
                ja: "署名した電子証明書は署名の時点でまだ有効ではありません（有効開始 \(LinkageTimestamp.japanTime(from))）。申請者を確認してください。",
                en:
                    "The signing certificate was not yet valid when signed (valid from \(LinkageTimestamp.japanTime(from)) JST). "
                    + "Please identify the applicant.")
        }
    }
}
