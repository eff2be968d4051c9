/// Labels of the boxes of composite fields (氏名, 口座).
enum FieldPart {
    static func label(_ part: String) -> LocalizedText {
        switch part {
        case "family": LocalizedText(ja: "姓", en: "family name")
        case "given": LocalizedText(ja: "名", en: "given name")
        case "bank_code": LocalizedText(ja: "金融機関コード", en: "bank code")
        case "branch_code": LocalizedText(ja: "支店コード", en: "branch code")
        case "type": LocalizedText(ja: "預金種別", en: "account type")
        case "number": LocalizedText(ja: "口座番号", en: "account number")
        case "holder": LocalizedText(ja: "口座名義（カナ）", en: "account holder (kana)")
        default: LocalizedText(ja: part, en: part)
        }
    }

    static func kanaLabel(_ part: String) -> LocalizedText {
        switch part {
        case "family": LocalizedText(ja: "セイ", en: "family name (kana)")
        case "given": LocalizedText(ja: "メイ", en: "given name (kana)")
        default: label(part)
        }
    }
}
