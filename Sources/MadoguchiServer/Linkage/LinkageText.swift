import MadoguchiDomain

/// What staff read about マイナポータル applications and 紐付.
enum LinkageText {
    static func t(_ ja: String, _ en: String) -> LocalizedText { LocalizedText(ja: ja, en: en) }

    static let signer = t("署名者（電子証明書）", "Signer (certificate)")
    static let serial = t("シリアル番号", "serial number")
    static let signedAt = t("署名日時", "Signed at")
    static let matching = t("紐付", "Resident match")
    static let atenaNumber = t("宛名番号", "Resident number")
    static let waiting = t("未照合（照合待ち）", "Not yet matched")
    static let registerName = t("住民記録の氏名", "Name in the resident register")
    static let certificateName = t("電子証明書の氏名", "Name in the certificate")
    static let manual = t("職員が手動で紐付", "matched by hand")
    static let queueTitle = t("紐付待ち", "Matching queue")
    static let queueIntro = t(
        "電子証明書のシリアル番号から申請者の宛名番号を特定できなかった申請です。新しいシリアル番号ファイルを取り込むと自動で再照合します。手動で紐付けるときは申請を開き、宛名番号を入力してください。氏名では照合しないでください（電子証明書の氏名は代替文字のことがあります）。",
        "Applications whose applicant could not be found by the certificate's serial number. A newer serial-number file matches them again by itself. To match by hand, open the application and enter the resident number. Never match by name: the certificate's name may use substitute characters."
    )
    static let none = t("紐付待ちの申請はありません。", "No application is waiting.")
    static let reason = t("理由", "Reason")
    static let matchHeading = t("宛名番号を入力して紐付ける", "Match to a resident number")
    static let matchHint = t(
        "住民記録で本人を確認したうえで、半角数字で入力してください。", "Check the person in the resident register, then enter the digits.")
    static let matchButton = t("紐付ける", "Match")
    static let matchedDone = t("申請者を紐付けました。", "The applicant was matched.")
    static let badAtenaNumber = t(
        "宛名番号は半角数字15桁以内で入力してください。", "Enter the resident number as up to 15 digits.")
    static let alreadyMatched = t("この申請は既に紐付けられています。", "This application is matched already.")
    static let notInRegister = t(
        "その宛名番号は住民記録にありません。", "That resident number is not in the resident register.")
}
