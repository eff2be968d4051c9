/// A column of a 住民記録 extract or a serial-number mapping file, and the header names it is
/// known by: Japanese as core systems write them, and English aliases.
public enum LinkageColumn: String, Sendable, Hashable, CaseIterable, Codable {
    case atenaNumber
    case name
    case furigana
    case birthDate
    case sex
    case address
    case householdNumber
    case change
    case serialNumber
    case validFrom
    case validUntil
    case revokedAt

    /// The names a header may use, folded as `LinkageColumn.fold` folds them.
    public var headerNames: [String] {
        switch self {
        case .atenaNumber: ["宛名番号", "宛名コード", "atenanumber", "atenano", "atena"]
        case .name: ["氏名", "name", "fullname"]
        case .furigana: ["フリガナ", "氏名フリガナ", "カナ氏名", "ふりがな", "furigana", "kana", "namekana"]
        case .birthDate: ["生年月日", "birthdate", "dateofbirth", "birthday"]
        case .sex: ["性別", "sex", "gender"]
        case .address: ["住所", "address"]
        case .householdNumber: ["世帯番号", "householdnumber", "householdno", "setainumber"]
        case .change: ["区分", "異動区分", "処理区分", "更新区分", "change", "kubun", "operation", "action"]
        case .serialNumber: ["シリアル番号", "証明書シリアル番号", "serialnumber", "serial", "certificateserial"]
        case .validFrom: ["有効開始日時", "有効開始日", "validfrom", "notbefore"]
        case .validUntil: ["有効終了日時", "有効終了日", "有効期限", "validuntil", "notafter", "expiresat"]
        case .revokedAt: ["失効日時", "失効日", "revokedat", "revocationdate"]
        }
    }

    /// The Japanese header name, for messages.
    public var label: LocalizedText {
        switch self {
        case .atenaNumber: LocalizedText(ja: "宛名番号", en: "atena number")
        case .name: LocalizedText(ja: "氏名", en: "name")
        case .furigana: LocalizedText(ja: "フリガナ", en: "furigana")
        case .birthDate: LocalizedText(ja: "生年月日", en: "date of birth")
        case .sex: LocalizedText(ja: "性別", en: "sex")
        case .address: LocalizedText(ja: "住所", en: "address")
        case .householdNumber: LocalizedText(ja: "世帯番号", en: "household number")
        case .change: LocalizedText(ja: "区分", en: "change kind")
        case .serialNumber: LocalizedText(ja: "シリアル番号", en: "serial number")
        case .validFrom: LocalizedText(ja: "有効開始日時", en: "valid from")
        case .validUntil: LocalizedText(ja: "有効終了日時", en: "valid until")
        case .revokedAt: LocalizedText(ja: "失効日時", en: "revoked at")
        }
    }

    /// A header name as compared: NFKC (full-width letters), trimmed, ASCII lower case, without
    /// spaces, `_` and `-`, so `Atena Number`, `atena_number` and `atenaNumber` are one name.
    public static func fold(_ header: String) -> String {
        let text = TextNormalization.removingSpaces(TextNormalization.nfkc(header))
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.compactMap { scalar in
                    if scalar == "_" || scalar == "-" { return nil }
                    return ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 0x20) : scalar
                }))
    }
}
