extension LinkageProblem {
    public var message: LocalizedText {
        switch self {
        case .wrongFieldCount(let expected, let found):
            LocalizedText(
                ja: "項目の数が\(found)個です。見出し行と同じ\(expected)個にしてください。",
                en: "This row has \(found) fields; the header has \(expected).")
        case .missingValue(let column):
            LocalizedText(ja: "\(column.label.ja)が空です。", en: "The \(column.label.en) is empty.")
        case .notANumber(let column, let maxDigits):
            LocalizedText(
                ja: "\(column.label.ja)は\(maxDigits)桁以内の半角数字にしてください。",
                en: "The \(column.label.en) must be at most \(maxDigits) ASCII digits.")
        case .birthDate(let failure):
            LocalizedText(
                ja: "生年月日を読めません。\(FieldError.date(failure).message.ja)",
                en: "The date of birth cannot be read. \(FieldError.date(failure).message.en)")
        case .sex:
            LocalizedText(
                ja: "性別は 1（男）、2（女）、0（不明）、9（適用不能）のいずれかにしてください。",
                en: "The sex must be 1 (male), 2 (female), 0 (not known) or 9 (not applicable).")
        case .changeKind:
            LocalizedText(
                ja: "区分は 追加・変更・削除（A・U・D、1・2・3）のいずれかにしてください。",
                en: "The change kind must be add, change or delete (A, U, D or 1, 2, 3).")
        case .controlCharacter(let column):
            LocalizedText(
                ja: "\(column.label.ja)に改行やタブなどの制御文字があります。",
                en: "The \(column.label.en) holds a line break, tab or other control character.")
        case .changeInFullFile:
            LocalizedText(
                ja: "全件ファイルに変更・削除の行があります。差分ファイルとして取り込んでください。",
                en: "A full file has a change or delete row. Import it as an incremental file.")
        case .duplicateKey(let lines):
            LocalizedText(
                ja: "同じ番号の行が複数あります（\(lines.map(String.init).joined(separator: "、"))行目）。どれも取り込みません。",
                en:
                    "Several rows have the same number (lines \(lines.map(String.init).joined(separator: ", "))). None is taken."
            )
        case .serialNumber:
            LocalizedText(
                ja: "シリアル番号は16進数（例 0A:1B:2C、0x0A1B2C）で、20バイト以内の0でない数にしてください。",
                en: "The serial number must be hexadecimal (such as 0A:1B:2C or 0x0A1B2C), non-zero, at most 20 bytes.")
        case .timestamp(let column):
            LocalizedText(
                ja: "\(column.label.ja)を読めません。「2026-04-01T09:30:00+09:00」「2026-04-01」のように書いてください。",
                en: "The \(column.label.en) cannot be read. Write it as 2026-04-01T09:30:00+09:00 or 2026-04-01.")
        case .validityEndsBeforeStart:
            LocalizedText(
                ja: "有効終了日時が有効開始日時より前です。",
                en: "The validity ends before it starts.")
        case .revokedBeforeValidity:
            LocalizedText(
                ja: "失効日時が有効開始日時より前です。",
                en: "The certificate is revoked before its validity starts.")
        case .serialHeldByAnother(let atena):
            LocalizedText(
                ja: "このシリアル番号は宛名番号 \(atena) に紐付いています。シリアル番号の紐付先は変えられません。",
                en:
                    "This serial number belongs to atena number \(atena). A serial number cannot move to another person."
            )
        }
    }
}
