import MadoguchiDomain

/// The message catalog of the staff pages: Japanese first, English second.
enum StaffText {
    static func t(_ ja: String, _ en: String) -> LocalizedText { LocalizedText(ja: ja, en: en) }

    static let siteName = t("申請管理", "Application management")
    static let navigation = t("職員メニュー", "Staff menu")
    static let inbox = t("申請一覧", "Inbox")
    static let staffAdmin = t("職員の管理", "Staff accounts")
    static let templates = t("通知文面", "Notification templates")
    static let auditLog = t("監査ログ", "Audit log")
    static let signedInAs = t("サインイン中：", "Signed in: ")
    static let signOut = t("サインアウト", "Sign out")
    static let signOutEverywhere = t("全端末からサインアウト", "Sign out everywhere")

    // Signing in
    static let signInHeading = t("職員サインイン", "Staff sign-in")
    static let login = t("ログインID", "Login name")
    static let password = t("パスワード", "Password")
    static let signInButton = t("次へ", "Next")
    static let signInFailed = t(
        "ログインIDまたはパスワードが正しくありません。", "The login name or password is not correct.")
    static let lockedOut = t(
        "サインインの失敗が続いたため、しばらくサインインできません。時間をおいてお試しください。",
        "Too many failed sign-ins: please wait a while before trying again.")
    static let codeHeading = t("確認コードの入力", "Authenticator code")
    static let codeLabel = t("認証アプリに表示されている6桁の確認コード", "The 6-digit code your authenticator app shows")
    static let codeButton = t("サインイン", "Sign in")
    static let codeFailed = t(
        "確認コードが正しくないか、既に使われたコードです。新しいコードを入力してください。",
        "The code is not correct, or it was used already. Please enter a new code.")
    static let setupHeading = t("パスワードと認証アプリの設定", "Set your password and authenticator")
    static let setupIntro = t(
        "初めてのサインインです。ご自分のパスワードを決め、認証アプリ（Google Authenticator、Microsoft Authenticator など）を登録してください。",
        "This is your first sign-in. Choose your own password and enrol an authenticator app (Google Authenticator, Microsoft Authenticator, etc.)."
    )
    static let newPassword = t("新しいパスワード（12文字以上）", "New password (at least 12 characters)")
    static let newPasswordAgain = t("新しいパスワード（確認）", "New password (again)")
    static let passwordsDiffer = t("確認用のパスワードが一致しません。", "The two passwords are not the same.")
    static let scanQR = t(
        "認証アプリでこのQRコードを読み取ってください。読み取れない場合は、次のキーを手入力してください。",
        "Scan this QR code with your authenticator app, or type in the key below.")
    static let secretKey = t("キー", "Key")
    static let setupButton = t("設定してサインイン", "Save and sign in")
    static let qrLabel = t("認証アプリ登録用のQRコード", "QR code to enrol the authenticator app")
    static let signedOut = t("サインアウトしました。", "You have signed out.")

    // The application
    static let applicationHeading = t("申請", "Application")
    static let formVersion = t("様式の版", "form version")
    static let channel = t("申請経路", "Channel")
    static func channel(_ raw: String) -> LocalizedText {
        switch raw {
        case "web": t("オンライン（窓口サイト）", "Online (portal)")
        case "counter": t("窓口", "Counter")
        case "api": t("API", "API")
        case "portal": t("マイナポータル", "Mynaportal")
        default: t(raw, raw)
        }
    }
    static let printView = t("印刷用の表示", "Print view")
    static let attachments = t("添付ファイル（開くと記録されます）", "Attachments (opening one is recorded)")
    static let revealButton = t("個人番号を表示する（記録されます）", "Show the individual numbers (recorded)")
    static let revealedIntro = t(
        "個人番号を表示しています。この表示は監査ログに記録されました。", "The individual numbers are shown; this was recorded in the audit log.")
    static let answers = t("申請内容", "Answers")
    static let changesHeading = t("補正による変更", "Changed by the correction")
    static let changesIntro = t(
        "申請者が補正で変えた項目です（前の内容も保存されています）。",
        "What the applicant changed in the correction (the earlier answers are kept).")
    static let before = t("補正前", "Before")
    static let after = t("補正後", "After")
    static let history = t("経過", "History")
    static let resident = t("申請者", "Applicant")
    static let correctionsHeading = t("補正依頼", "Correction requests")
    static let awaitingResident = t("（申請者の補正待ち）", "(waiting for the applicant)")
    static let corrected = t("（補正済み）", "(corrected)")
    static let notesHeading = t("内部メモ", "Internal notes")
    static let noNotes = t("メモはありません。", "No notes.")
    static let addNote = t("メモを追加", "Add a note")
    static let noteHint = t("職員だけが読めます。申請者には表示されません。", "Only staff read these; the applicant never sees them.")
    static let addNoteButton = t("メモを追加する", "Add note")
    static let assignHeading = t("担当者の割当て", "Assignment")
    static let unassigned = t("（割当てなし）", "(nobody)")
    static let assignButton = t("割り当てる", "Assign")
    static let actionsHeading = t("処理", "Actions")
    static let noActions = t(
        "この申請に対して、今あなたが行える処理はありません。", "There is nothing you can do to this application now.")
    static let correctionFields = t("補正してもらう項目", "Fields to correct")
    static let correctionMessage = t("申請者へのお知らせ（何をどう直すか）", "Message to the applicant (what to correct)")
    static let reason = t("理由", "Reason")
    static let decidedOn = t("基幹システムでの決定日", "Date of the core system's decision")
    static let reference = t("決定番号・参照番号", "Decision reference")
    static let coreDecision = t("基幹システムでの決定", "Decided in the core system")
    static let done = t("処理しました。", "Done.")
    static let noteAdded = t("メモを追加しました。", "The note was added.")
    static let assigned = t("担当者を割り当てました。", "The assignee was saved.")
    static let noteEmpty = t("メモの内容を入力してください（2000文字以内）。", "Please write the note (up to 2000 characters).")
    static let correctionFieldsMissing = t(
        "補正してもらう項目を1つ以上選んでください。", "Please choose at least one field to correct.")
    static let badDate = t(
        "決定日は 2026-04-01 や 令和8年4月1日 の形で入力してください。", "Enter the decision date such as 2026-04-01.")
    static let unknownAction = t("この処理はありません。", "There is no such action.")
    static let unknownAssignee = t(
        "この課の職員を選んでください。", "Please choose a member of this department.")
    static func changedMeanwhile(by name: String, to status: LocalizedText?) -> LocalizedText {
        if let status {
            return t(
                "この画面を開いた後に、\(name)さんがこの申請を「\(status.ja)」にしました。最新の内容を確認してから、もう一度操作してください。",
                "\(name) changed this application to \(status.en.lowercased()) after you opened this page. Please check it and try again."
            )
        }
        return t(
            "この画面を開いた後に、\(name)さんがこの申請を変更しました（担当者の割当て）。最新の内容を確認してから、もう一度操作してください。",
            "\(name) changed this application (its assignee) after you opened this page. Please check it and try again."
        )
    }
}
