import MadoguchiDomain
import Vapor

/// What the hand-off API's routes refuse, each with a status, a code and a message in Japanese and
/// English (the core system's operators read them), answered as JSON by `ErrorMiddleware`.
enum HandOffAPIError: Error, Sendable, Equatable {
    /// A query parameter that is not what the document says (its name).
    case invalidParameter(String)
    case procedureNotFound
    /// No such application, or another 課's or municipality's: answered alike.
    case applicationNotFound
    case invalidDecision
    case invalidDate
    case invalidReference
    case reasonTooLong
    /// The workflow does not allow it now (`WorkflowPolicy`).
    case refused(WorkflowRefusal)

    var status: HTTPResponseStatus {
        switch self {
        case .invalidParameter: .badRequest
        case .procedureNotFound, .applicationNotFound: .notFound
        case .invalidDecision, .invalidDate, .invalidReference, .reasonTooLong: .unprocessableEntity
        case .refused(let refusal):
            switch refusal {
            case .notFromStatus: .conflict
            case .reasonRequired, .coreDecisionRequired: .unprocessableEntity
            case .notVisible: .notFound
            default: .forbidden
            }
        }
    }

    var code: String {
        switch self {
        case .invalidParameter: "invalid_parameter"
        case .procedureNotFound: "procedure_not_found"
        case .applicationNotFound: "application_not_found"
        case .invalidDecision: "invalid_decision"
        case .invalidDate: "invalid_date"
        case .invalidReference: "invalid_reference"
        case .reasonTooLong: "reason_too_long"
        case .refused(let refusal):
            switch refusal {
            case .notFromStatus: "not_from_status"
            case .reasonRequired: "reason_required"
            case .coreDecisionRequired: "decision_required"
            case .notVisible: "application_not_found"
            default: "not_allowed"
            }
        }
    }

    var message: LocalizedText {
        switch self {
        case .invalidParameter(let name):
            LocalizedText(
                ja: "パラメータ \(name) の値が正しくありません（API文書をご確認ください）。",
                en: "The parameter \(name) is not valid (see the API document).")
        case .procedureNotFound:
            LocalizedText(ja: "この手続は見つかりません。", en: "There is no such procedure.")
        case .applicationNotFound:
            LocalizedText(
                ja: "この申請は見つかりません（存在しないか、この業務システムが扱う課の申請ではありません）。",
                en: "There is no such application, or it is not one of this system's departments.")
        case .invalidDecision:
            LocalizedText(
                ja: "decision には approved（承認）か rejected（却下）を指定してください。",
                en: "decision must be approved or rejected.")
        case .invalidDate:
            LocalizedText(
                ja: "date には決定日を YYYY-MM-DD の形で指定してください。", en: "date must be the decision's date as YYYY-MM-DD.")
        case .invalidReference:
            LocalizedText(
                ja: "reference（決定番号）は100文字以内で指定してください。", en: "reference may be at most 100 characters.")
        case .reasonTooLong:
            LocalizedText(ja: "reason（理由）は2000文字以内で指定してください。", en: "reason may be at most 2000 characters.")
        case .refused(let refusal): refusal.message
        }
    }
}
