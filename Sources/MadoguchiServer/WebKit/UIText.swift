import MadoguchiDomain

/// The message catalog for what residents read on the portal: Japanese first, English second.
/// Catalog data (procedure names, field labels) comes from the procedure YAML instead.
enum UIText {
    static func t(_ ja: String, _ en: String) -> LocalizedText { LocalizedText(ja: ja, en: en) }

    static let siteName = t("オンライン申請窓口", "Online applications")
    static let skipToContent = t("本文へ移動", "Skip to main content")
    static let switchLanguage = t("English", "日本語")
    static let switchLanguageLabel = t("Switch to English", "日本語に切り替え")
    static let home = t("トップ", "Home")
    static let searchHeading = t("手続を探す", "Find a procedure")
    static let searchLabel = t("キーワード（例：児童手当、介護、引越し）", "Keyword (e.g. child allowance, care, moving)")
    static let searchButton = t("検索", "Search")
    static let categoriesHeading = t("分類から探す", "Browse by category")
    static let searchResults = t("検索結果", "Search results")
    static let noResults = t(
        "該当する手続は見つかりませんでした。別の言葉で検索するか、分類から探してください。",
        "No procedure matched. Try other words, or browse by category.")
    static let statusLink = t("申請状況の確認", "Check the status of an application")
    static let resumeLink = t("一時保存した申請の再開", "Resume a saved application")
    static let procedureCount = t("件の手続", " procedures")
    static let department = t("担当課", "Department")
    static let legalBasis = t("根拠法令", "Legal basis")
    static let processingDays = t("標準処理期間", "Standard processing time")
    static let days = t("日", " days")
    static let whoMayApply = t("申請できる方", "Who may apply")
    static let attachmentsHeading = t("添付書類", "Documents to attach")
    static let noAttachments = t("添付書類はありません。", "No documents are needed.")
    static let attachmentRequired = t("必須", "Required")
    static let attachmentIfApplicable = t("該当する場合", "If applicable")
    static let signatureRequired = t(
        "マイナンバーカードによる電子署名が必要です（窓口での申請も可能です）。",
        "An electronic signature with your My Number Card is required (you can also apply at the counter).")
    static let publicFundsAccount = t(
        "公金受取口座を受取口座として指定できます。", "You may choose your registered public-funds account.")
    static let startButton = t("申請をはじめる", "Start the application")
    static let sourcesHeading = t("様式の出典", "Source of this form")
    static let formVersion = t("様式の版", "Form version")
    static let required = t("※必須", "Required")
    static let optional = t("※任意", "Optional")
    static let next = t("次へ進む", "Next")
    static let back = t("前に戻る", "Back")
    static let toConfirm = t("入力内容を確認する", "Review your answers")
    static let saveDraft = t("一時保存する", "Save and continue later")
    static let stepOf = t("ステップ", "Step")
    static let confirmStep = t("確認", "Review")
    static let errorSummaryTitle = t("入力内容に誤りがあります", "There is a problem with your answers")
    static let errorSummaryIntro = t("次の項目を修正してください。", "Please correct the following.")
    static let addItem = t("を追加する", "Add another: ")
    static let removeItem = t("この項目を削除する", "Remove this entry")
    static let itemNumber = t("件目", "Entry ")
    static let choose = t("選択してください", "Please choose")
    static let family = t("姓", "Family name")
    static let given = t("名", "Given name")
    static let familyKana = t("セイ", "Family name (kana)")
    static let givenKana = t("メイ", "Given name (kana)")
    static let bankCode = t("金融機関コード（4桁）", "Bank code (4 digits)")
    static let branchCode = t("支店コード（3桁）", "Branch code (3 digits)")
    static let accountType = t("預金種別", "Account type")
    static let accountNumber = t("口座番号（7桁）", "Account number (7 digits)")
    static let accountHolder = t("口座名義（カナ）", "Account holder (kana)")
    static let dateHint = t("例：2025年4月1日、令和7年4月1日、R7.4.1", "e.g. 2025-04-01, 令和7年4月1日, R7.4.1")
    static func dateBetween(_ earliest: CivilDate, _ latest: CivilDate) -> LocalizedText {
        t("\(earliest.wareki)から\(latest.wareki)までの日付を入力できます。", "A date from \(earliest.iso) to \(latest.iso).")
    }
    static func dateFrom(_ earliest: CivilDate) -> LocalizedText {
        t("\(earliest.wareki)以降の日付を入力できます。", "A date on or after \(earliest.iso).")
    }
    static func dateUntil(_ latest: CivilDate) -> LocalizedText {
        t("\(latest.wareki)以前の日付を入力できます。", "A date on or before \(latest.iso).")
    }
    static let postalHint = t("例：100-0001", "e.g. 100-0001")
    static let phoneHint = t("例：03-1234-5678", "e.g. 03-1234-5678")
    static let individualNumberHint = t(
        "12桁の個人番号（マイナンバー）。確認画面では下4桁のみ表示します。",
        "Your 12-digit Individual Number. Only the last four digits are shown on the review page.")
    /// The kinds and the size an attachment field accepts: 「PDF・JPEG・PNG、10MBまで」.
    static func attachmentHint(kinds: [String], maxMB: Int) -> LocalizedText {
        let names = kinds.map { $0.uppercased() }
        let english = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined()
        return t("\(names.joined(separator: "・"))、\(maxMB)MBまで", "\(english), up to \(maxMB) MB")
    }
    static let attachmentStored = t("添付済み：", "Attached: ")
    static let attachmentLapsed = t(
        "前に選んだファイルは期限（1週間）が過ぎたため送れません。もう一度選んでください。",
        "The file chosen earlier can no longer be sent (it was chosen over a week ago). Please choose it again.")
    /// A file's size after its name: 「（120KB）」.
    static func fileSize(bytes: Int) -> LocalizedText {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        let size = bytes < 1_048_576 ? "\(max((bytes + 1023) / 1024, 1))KB" : "\(tenths / 10).\(tenths % 10)MB"
        return t("（\(size)）", " (\(size))")
    }
    static let confirmHeading = t("入力内容の確認", "Review your application")
    static let confirmIntro = t(
        "内容に誤りがないか確認し、「この内容で申請する」を押してください。", "Check your answers, then press Apply.")
    static let edit = t("修正する", "Change")
    static let submit = t("この内容で申請する", "Apply")
    static let notEntered = t("（未入力）", "(not given)")
    static let yes = t("はい", "Yes")
    static let no = t("いいえ", "No")
    static let receiptHeading = t("申請を受け付けました", "Your application has been received")
    static let receiptIntro = t(
        "この画面を印刷するか、受付番号と照会キーを控えてください。申請状況の確認に必要です。",
        "Print this page or write down the receipt number and inquiry key. You need them to check the status.")
    static let receiptNumber = t("受付番号", "Receipt number")
    static let inquiryKey = t("照会キー", "Inquiry key")
    static let receivedAt = t("受付日時", "Received at")
    static let procedureName = t("手続", "Procedure")
    static let printHint = t(
        "印刷はブラウザの印刷機能をお使いください。", "Use your browser's print function to print this page.")
    static let statusHeading = t("申請状況の確認", "Check the status of an application")
    static let statusIntro = t(
        "控えに記載された受付番号と照会キーを入力してください。",
        "Enter the receipt number and inquiry key from your receipt.")
    static let statusButton = t("確認する", "Check")
    static let currentStatus = t("現在の状況", "Current status")
    static let history = t("経過", "History")
    static let resumeHeading = t("一時保存した申請の再開", "Resume a saved application")
    static let resumeIntro = t(
        "一時保存したときに表示された再開コードを入力してください。保存期間は30日です。",
        "Enter the resume code you were given when you saved. Drafts are kept for 30 days.")
    static let resumeCode = t("再開コード", "Resume code")
    static let resumeButton = t("再開する", "Resume")
    static let draftSavedHeading = t("一時保存しました", "Your application has been saved")
    static let draftSavedIntro = t(
        "次の再開コードを控えてください。「一時保存した申請の再開」から続きを入力できます（30日間）。",
        "Write down this resume code. You can continue from “Resume a saved application” within 30 days.")
    static let continueNow = t("続けて入力する", "Continue now")
    static let errorHeading = t("エラー", "Error")
    static let backToHome = t("トップへ戻る", "Back to the home page")
    static let footer = t(
        "このサイトは Madoguchi（オープンソース）で運営されています。",
        "This site runs on Madoguchi, open-source software.")

    // 補正 and 取下げ from the status page
    static let correctionHeading = t("補正のお願い", "Please correct your application")
    static let correctionIntro = t(
        "担当課から、次の項目を直していただくようお願いがあります。", "The department asks you to correct the following.")
    static let correctButton = t("補正する", "Correct the application")
    static let correctionSubmit = t("補正して再提出する", "Send the corrected answers")
    static let correctionSent = t(
        "補正を受け付けました。担当課が改めて審査します。", "Your correction was received. The department will review it again.")
    static let nothingToCorrect = t(
        "この申請には、補正をお願いしている項目はありません。", "Nothing in this application is waiting for a correction.")
    static let withdrawHeading = t("申請の取下げ", "Withdraw the application")
    static let withdrawIntro = t(
        "決定の前であれば、この申請を取り下げることができます。", "You can withdraw this application until a decision is made.")
    static let withdrawButton = t("申請を取り下げる", "Withdraw the application")
    static let withdrawConfirm = t(
        "この申請を取り下げます。取り下げた申請は元に戻せません。よろしいですか。",
        "This withdraws the application. It cannot be undone. Do you want to continue?")
    static let withdrawConfirmButton = t("取り下げる", "Yes, withdraw it")
    static let withdrawCancel = t("取り下げずに戻る", "Go back without withdrawing")
    static let withdrawn = t("申請を取り下げました。", "The application was withdrawn.")

    /// What each status means for the resident, in plain words.
    static func statusMeaning(_ status: ApplicationStatus) -> LocalizedText {
        switch status {
        case .received: t("申請を受け付けました。担当課が内容を確認します。", "Your application was received. The department will check it.")
        case .underReview: t("担当課が内容を審査しています。", "The department is reviewing your application.")
        case .correctionRequested:
            t("申請の内容に直していただきたい点があります。下のお知らせをご覧ください。", "Something in your application needs correcting: see below.")
        case .awaitingApproval: t("審査が終わり、決裁を待っています。", "The review is done; a decision is being made.")
        case .awaitingHandOff:
            t("内容の確認が終わり、担当の業務システムへ引き継いでいます。", "The check is done; it is being passed to the department's system.")
        case .handedOff:
            t("担当の業務システムで審査・決定をしています。", "The department's system has it and is making the decision.")
        case .approved: t("申請が承認されました。", "Your application was approved.")
        case .rejected:
            t("申請は認められませんでした。理由は経過欄をご覧ください。", "Your application was not approved. See the history for the reason.")
        case .completed: t("手続が完了しました。", "The procedure is complete.")
        case .withdrawn: t("申請は取り下げられました。", "The application was withdrawn.")
        }
    }
}
