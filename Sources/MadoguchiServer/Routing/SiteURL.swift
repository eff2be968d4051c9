import Foundation
import MadoguchiDomain

/// A link target, made from `Route`. The form step page is reached by POST to `.apply` (values travel in the body, never the URL).
enum SiteURL: Sendable, Equatable {
    case home
    case search(query: String)
    case category(ProcedureCategory)
    case procedure(String)
    case apply(String)
    case submit(String)
    case receipt
    case status
    case statusCorrection
    case statusWithdraw
    case resume
    case language(Language, next: String)
    case stylesheet
    case script

    var path: String {
        switch self {
        case .home: Route.home.path()
        case .search(let query): Route.search.path() + "?q=" + Self.escape(query)
        case .category(let category): Route.category.path(category.rawValue)
        case .procedure(let id): Route.procedure.path(id)
        case .apply(let id): Route.apply.path(id)
        case .submit(let id): Route.submit.path(id)
        case .receipt: Route.receipt.path()
        case .status: Route.statusForm.path()
        case .statusCorrection: Route.statusCorrection.path()
        case .statusWithdraw: Route.statusWithdraw.path()
        case .resume: Route.resumeForm.path()
        case .language(let language, let next): Route.language.path(language.rawValue) + "?next=" + Self.escape(next)
        case .stylesheet: Route.stylesheet.path()
        case .script: Route.script.path()
        }
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/")))
            ?? ""
    }
}
