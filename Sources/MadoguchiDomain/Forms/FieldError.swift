/// Why a value typed into a field was not accepted. Each case has a specific message in Japanese
/// and English (see `message`), shown beside the field and in the error summary.
public enum FieldError: Error, Sendable, Hashable {
    case required
    /// A required choice (radio, select, checkbox) was left unanswered.
    case notChosen
    case tooLong(max: Int)
    case notKana
    case date(DateParser.Failure)
    case dateTooEarly(earliest: CivilDate)
    case dateTooLate(latest: CivilDate)
    case postalCode
    case phone
    case email
    case individualNumberLength
    case individualNumberCheckDigit
    case notInteger
    case belowMinimum(Int)
    case aboveMaximum(Int)
    case notAnOption
    case tooFewChoices(Int)
    case tooManyChoices(Int)
    case mustBeTicked
    case bankCode
    case branchCode
    case accountType
    case accountNumber
    case accountHolder
    case tooFewItems(Int)
    case tooManyItems(Int)
    case attachmentType(accepted: [String])
    case attachmentTooLarge(maxMB: Int)
    case attachmentReference
    /// The server cannot take files just now (its storage is nearly full).
    case attachmentUnavailable
    /// This client has sent as many files as are taken from it in an hour.
    case attachmentLimit
    case unexpectedCharacters
    /// Several values came for a box that takes one (an API client's array, a name posted twice):
    /// which was meant cannot be known, and none may be dropped unsaid.
    case oneValueOnly
    /// The API named a field the procedure does not have (a misspelt id, a part no name has).
    case unknownField
}

extension FieldError {
    public var message: LocalizedText {
        switch self {
        case .required:
            LocalizedText(ja: "入力してください。", en: "Please fill this in.")
        case .notChosen:
            LocalizedText(ja: "選択してください。", en: "Please choose an answer.")
        case .tooLong(let max):
            LocalizedText(ja: "\(max)文字以内で入力してください。", en: "Please use at most \(max) characters.")
        case .notKana:
            LocalizedText(
                ja: "カタカナ（またはひらがな）で入力してください。",
                en: "Please write this in katakana (or hiragana).")
        case .date(.unrecognised):
            LocalizedText(
                ja: "日付を「2025年4月1日」「令和7年4月1日」「R7.4.1」のように入力してください。",
                en: "Please enter a date such as 2025-04-01, 令和7年4月1日 or R7.4.1.")
        case .date(.impossible):
            LocalizedText(ja: "存在しない日付です。", en: "That date does not exist.")
        case .date(.beforeEra(let era)):
            LocalizedText(
                ja: "\(era.kanji)は\(era.firstDay.wareki)からです。",
                en: "The \(era.latin) era began on \(era.firstDay.iso).")
        case .date(.afterEra(let era)):
            LocalizedText(
                ja: "\(era.kanji)は\(era.lastDay?.wareki ?? "")までです。",
                en: "The \(era.latin) era ended on \(era.lastDay?.iso ?? "").")
        case .dateTooEarly(let earliest):
            LocalizedText(
                ja: "\(earliest.wareki)以降の日付を入力してください。",
                en: "Please enter a date on or after \(earliest.iso).")
        case .dateTooLate(let latest):
            LocalizedText(
                ja: "\(latest.wareki)以前の日付を入力してください。",
                en: "Please enter a date on or before \(latest.iso).")
        case .postalCode:
            LocalizedText(
                ja: "郵便番号は7桁の数字で入力してください（例：100-0001）。",
                en: "Please enter a 7-digit postal code (e.g. 100-0001).")
        case .phone:
            LocalizedText(
                ja: "電話番号は0から始まる10桁または11桁の数字で入力してください。",
                en: "Please enter a 10- or 11-digit phone number starting with 0.")
        case .email:
            LocalizedText(
                ja: "メールアドレスの形式が正しくありません（例：taro@example.jp）。",
                en: "Please enter a valid email address (e.g. taro@example.jp).")
        case .individualNumberLength:
            LocalizedText(
                ja: "個人番号は12桁の数字で入力してください。",
                en: "Please enter the 12-digit Individual Number.")
        case .individualNumberCheckDigit:
            LocalizedText(
                ja: "個人番号が正しくありません。番号を確認してください。",
                en: "This Individual Number is not valid. Please check the digits.")
        case .notInteger:
            LocalizedText(ja: "数字で入力してください。", en: "Please enter a whole number.")
        case .belowMinimum(let min):
            LocalizedText(ja: "\(min)以上の数を入力してください。", en: "Please enter \(min) or more.")
        case .aboveMaximum(let max):
            LocalizedText(ja: "\(max)以下の数を入力してください。", en: "Please enter \(max) or less.")
        case .notAnOption:
            LocalizedText(ja: "選択肢から選んでください。", en: "Please choose one of the options.")
        case .tooFewChoices(let min):
            LocalizedText(ja: "\(min)つ以上選んでください。", en: "Please choose at least \(min).")
        case .tooManyChoices(let max):
            LocalizedText(ja: "\(max)つまで選べます。", en: "Please choose at most \(max).")
        case .mustBeTicked:
            LocalizedText(ja: "確認のうえ、チェックしてください。", en: "Please read this and tick the box.")
        case .bankCode:
            LocalizedText(
                ja: "金融機関コードは4桁の数字で入力してください。",
                en: "Please enter the 4-digit bank code.")
        case .branchCode:
            LocalizedText(
                ja: "支店コードは3桁の数字で入力してください。",
                en: "Please enter the 3-digit branch code.")
        case .accountType:
            LocalizedText(ja: "預金種別を選んでください。", en: "Please choose the account type.")
        case .accountNumber:
            LocalizedText(
                ja: "口座番号は7桁以内の数字で入力してください。",
                en: "Please enter the account number (up to 7 digits).")
        case .accountHolder:
            LocalizedText(
                ja: "口座名義は通帳の表記どおり、カタカナ・英字・数字と記号 ( ) . - / で入力してください（「・」や「,」は使えません）。",
                en:
                    "Please write the account holder's name as in the passbook, in katakana, letters, digits and ( ) . - / (no ・ or commas)."
            )
        case .tooFewItems(let min):
            LocalizedText(ja: "\(min)件以上入力してください。", en: "Please add at least \(min).")
        case .tooManyItems(let max):
            LocalizedText(ja: "\(max)件まで入力できます。", en: "You can add at most \(max).")
        case .attachmentType(let accepted):
            LocalizedText(
                ja: "添付できるファイルの形式は\(accepted.joined(separator: "・"))です。",
                en: "Please attach a file of type \(accepted.joined(separator: ", ")).")
        case .attachmentTooLarge(let maxMB):
            LocalizedText(
                ja: "ファイルの大きさは\(maxMB)MBまでです。", en: "The file must be at most \(maxMB) MB.")
        case .attachmentReference:
            LocalizedText(
                ja: "添付ファイルをもう一度選んでください。", en: "Please choose the file again.")
        case .attachmentLimit:
            LocalizedText(
                ja: "1時間に送れる添付ファイルの量を超えました。1時間ほどしてから、もう一度選んでください。",
                en:
                    "You have sent as many files as can be accepted in one hour. Please choose the file again in an hour."
            )
        case .attachmentUnavailable:
            LocalizedText(
                ja: "ただいま添付ファイルを受け付けられません。しばらくしてから、もう一度選んでください。",
                en: "Files cannot be accepted just now. Please choose the file again a little later.")
        case .unexpectedCharacters:
            LocalizedText(
                ja: "使用できない文字が含まれています。", en: "This contains characters that cannot be used.")
        case .oneValueOnly:
            LocalizedText(ja: "値を一つだけ入力してください。", en: "Please give one value only.")
        case .unknownField:
            LocalizedText(ja: "この手続にない項目です。", en: "This procedure has no such field.")
        }
    }
}

extension FieldError {
    /// A stable machine-readable code (API clients branch on it; the message is for people).
    public var code: String {
        switch self {
        case .required: "required"
        case .notChosen: "not_chosen"
        case .tooLong: "too_long"
        case .notKana: "not_kana"
        case .date(.unrecognised): "date_format"
        case .date(.impossible): "date_impossible"
        case .date(.beforeEra): "date_before_era"
        case .date(.afterEra): "date_after_era"
        case .dateTooEarly: "date_too_early"
        case .dateTooLate: "date_too_late"
        case .postalCode: "postal_code"
        case .phone: "phone"
        case .email: "email"
        case .individualNumberLength: "individual_number_length"
        case .individualNumberCheckDigit: "individual_number_check_digit"
        case .notInteger: "not_integer"
        case .belowMinimum: "below_minimum"
        case .aboveMaximum: "above_maximum"
        case .notAnOption: "not_an_option"
        case .tooFewChoices: "too_few_choices"
        case .tooManyChoices: "too_many_choices"
        case .mustBeTicked: "must_be_ticked"
        case .bankCode: "bank_code"
        case .branchCode: "branch_code"
        case .accountType: "account_type"
        case .accountNumber: "account_number"
        case .accountHolder: "account_holder"
        case .tooFewItems: "too_few_items"
        case .tooManyItems: "too_many_items"
        case .attachmentType: "attachment_type"
        case .attachmentTooLarge: "attachment_too_large"
        case .attachmentReference: "attachment_reference"
        case .attachmentUnavailable: "attachment_unavailable"
        case .attachmentLimit: "attachment_limit"
        case .unexpectedCharacters: "unexpected_characters"
        case .oneValueOnly: "one_value_only"
        case .unknownField: "unknown_field"
        }
    }
}
