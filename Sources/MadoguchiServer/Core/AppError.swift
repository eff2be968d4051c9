import MadoguchiDomain
import Vapor

/// Errors a resident or client can meet, each with a status and a safe message in both languages.
enum AppError: Error, Sendable {
    case notFound
    case procedureNotFound
    case unknownMunicipality
    case payloadTooLarge
    case csrf
    case idempotencyConflict
    case formExpired
    case badRequest
    case invalidJSON
    /// An API client's Idempotency-Key that cannot be one (8–128 printable ASCII characters): it
    /// is refused rather than ignored, which would leave a repeated request to store twice.
    case invalidIdempotencyKey
    case applicationNotFound
    case draftNotFound
    case unsupportedMediaType
    /// The attachment store's volume is nearly full: files are refused before the database's disk is.
    case storageFull
    /// This client has uploaded as much as one municipality takes from it in an hour.
    case uploadLimit
    /// The path exists, but not for this method (the answer's `Allow` header names those it takes).
    case methodNotAllowed
    /// Every 受付番号 of this year is used in this municipality (`ReceiptNumber.sequences`): nothing
    /// more can be stored there until the year ends. Operators are told in the log.
    case receiptNumbersExhausted
    /// A staff page reached without a signed-in session.
    case staffSignInRequired
    /// A staff member without the role a page needs.
    case staffForbidden

    var status: HTTPResponseStatus {
        switch self {
        case .notFound, .procedureNotFound, .unknownMunicipality, .applicationNotFound, .draftNotFound: .notFound
        case .payloadTooLarge: .payloadTooLarge
        case .csrf: .forbidden
        case .idempotencyConflict: .conflict
        case .formExpired: .badRequest
        case .badRequest, .invalidJSON, .invalidIdempotencyKey: .badRequest
        case .unsupportedMediaType: .unsupportedMediaType
        case .storageFull: .insufficientStorage
        case .uploadLimit: .tooManyRequests
        case .methodNotAllowed: .methodNotAllowed
        case .receiptNumbersExhausted: .serviceUnavailable
        case .staffSignInRequired: .unauthorized
        case .staffForbidden: .forbidden
        }
    }

    var code: String {
        switch self {
        case .notFound: "not_found"
        case .procedureNotFound: "procedure_not_found"
        case .unknownMunicipality: "unknown_municipality"
        case .payloadTooLarge: "payload_too_large"
        case .csrf: "csrf"
        case .idempotencyConflict: "idempotency_conflict"
        case .formExpired: "form_expired"
        case .badRequest: "bad_request"
        case .invalidJSON: "invalid_json"
        case .invalidIdempotencyKey: "invalid_idempotency_key"
        case .applicationNotFound: "application_not_found"
        case .draftNotFound: "draft_not_found"
        case .unsupportedMediaType: "unsupported_media_type"
        case .storageFull: "storage_full"
        case .uploadLimit: "upload_limit"
        case .methodNotAllowed: "method_not_allowed"
        case .receiptNumbersExhausted: "receipt_numbers_exhausted"
        case .staffSignInRequired: "sign_in_required"
        case .staffForbidden: "forbidden"
        }
    }

    var message: LocalizedText {
        switch self {
        case .notFound:
            LocalizedText(ja: "お探しのページは見つかりませんでした。", en: "The page you were looking for was not found.")
        case .procedureNotFound:
            LocalizedText(
                ja: "お探しの手続は見つかりませんでした。手続の一覧から探してください。",
                en: "That procedure was not found. Please look for it in the list of procedures.")
        case .unknownMunicipality:
            LocalizedText(
                ja: "このアドレスで受け付けている自治体はありません。", en: "No municipality is served at this address.")
        case .payloadTooLarge:
            LocalizedText(
                ja: "送信された内容が大きすぎます。添付ファイルは、書類ごとに示された大きさまでです。大きいときは、解像度を下げるなどして小さくしてください。",
                en:
                    "What you sent is too large. Each attachment may be as large as its document states; make a larger file smaller (for example, scan it at a lower resolution)."
            )
        case .csrf:
            LocalizedText(
                ja: "画面の有効期限が切れたか、不正な送信です。お手数ですが、もう一度最初からお試しください。",
                en: "This page has expired or the request was not valid. Please start again.")
        case .idempotencyConflict:
            LocalizedText(
                ja: "この申請は既に送信されています。内容を変えて申請する場合は、手続のページから新しく始めてください。",
                en:
                    "This application was already sent. To apply with different answers, start again from the procedure page."
            )
        case .formExpired:
            LocalizedText(
                ja: "入力内容の有効期限が切れたため、続けられません。お手数ですが、最初から入力してください。",
                en: "What you entered has expired and cannot be continued. Please start again.")
        case .badRequest:
            LocalizedText(ja: "送信された内容を読み取れませんでした。", en: "We could not read what was sent.")
        case .invalidJSON:
            LocalizedText(
                ja: "JSONの形式が正しくありません（同じ名前の項目を二度書くこともできません）。",
                en: "The request body is not valid JSON of the expected shape (no member may be named twice).")
        case .invalidIdempotencyKey:
            LocalizedText(
                ja: "Idempotency-Key は、空白を含まない8〜128文字の英数字・記号で指定してください。",
                en: "The Idempotency-Key must be 8 to 128 printable ASCII characters without spaces.")
        case .applicationNotFound:
            LocalizedText(
                ja: "受付番号または照会キーが正しくありません。控えをご確認のうえ、もう一度入力してください。",
                en: "The receipt number or inquiry key is not correct. Please check your receipt and try again.")
        case .draftNotFound:
            LocalizedText(
                ja: "再開コードが正しくないか、保存期間（30日）が過ぎています。",
                en: "The resume code is not correct, or the draft has expired (drafts are kept for 30 days).")
        case .unsupportedMediaType:
            LocalizedText(
                ja: "この形式の送信には対応していません。", en: "This content type is not supported.")
        case .storageFull:
            LocalizedText(
                ja: "ただいま添付ファイルを受け付けられません。しばらくしてから、もう一度お試しください。",
                en: "Files cannot be accepted just now. Please try again a little later.")
        case .uploadLimit:
            LocalizedText(
                ja: "1時間に送れる添付ファイルの量を超えました。1時間ほどしてから、もう一度お試しください。",
                en: "You have sent as many files as can be accepted in one hour. Please try again in an hour.")
        case .methodNotAllowed:
            LocalizedText(ja: "この操作はできません。", en: "This method is not allowed.")
        case .receiptNumbersExhausted:
            LocalizedText(
                ja: "今年この自治体で発行できる受付番号の上限に達したため、申請を受け付けられませんでした。入力内容は保存されていません。お手数ですが、担当課にお問い合わせください。",
                en:
                    "This municipality has issued every receipt number it can this year, so the application could not be accepted. Nothing was stored. Please contact the municipal office."
            )
        case .staffSignInRequired:
            LocalizedText(ja: "サインインしてください。", en: "Please sign in.")
        case .staffForbidden:
            LocalizedText(
                ja: "この画面を開く権限がありません。必要な場合は管理者に依頼してください。",
                en: "You do not have permission to open this page. Ask an administrator if you need it.")
        }
    }
}
