import MadoguchiDomain
import Vapor

/// The one route table: every route is registered from `Route`, and every link is made from `SiteURL`.
enum Route: String, CaseIterable, Sendable {
    case home, search, category, procedure, apply, applyStep, submit, receipt, statusForm, statusLookup, resumeForm
    case resumeLookup, language, health, stylesheet, script
    case apiProcedures, apiProcedure, apiSubmit, apiApplication, apiAttachment, openAPI

    var method: HTTPMethod {
        switch self {
        case .applyStep, .submit, .statusLookup, .resumeLookup, .apiSubmit, .apiAttachment: .POST
        default: .GET
        }
    }

    var pathComponents: [PathComponent] {
        switch self {
        case .home: []
        case .search: ["search"]
        case .category: ["categories", ":category"]
        case .procedure: ["procedures", ":procedure"]
        case .apply, .applyStep: ["procedures", ":procedure", "apply"]
        case .submit: ["procedures", ":procedure", "submit"]
        case .receipt: ["receipt"]
        case .statusForm, .statusLookup: ["status"]
        case .resumeForm, .resumeLookup: ["resume"]
        case .language: ["lang", ":language"]
        case .health: ["health"]
        case .stylesheet: ["assets", "app.css"]
        case .script: ["assets", "app.js"]
        case .apiProcedures: ["api", "v1", "procedures"]
        case .apiProcedure: ["api", "v1", "procedures", ":procedure"]
        case .apiSubmit: ["api", "v1", "applications"]
        case .apiApplication: ["api", "v1", "applications", ":receipt"]
        case .apiAttachment: ["api", "v1", "attachments"]
        case .openAPI: ["api", "openapi.yaml"]
        }
    }

    /// The methods the routes at `path` answer (its segments split as Vapor's router splits them),
    /// for the `Allow` header of a 405: a request with another method at a path the portal has is
    /// told which it takes, not that the path does not exist. GET routes answer HEAD too (Vapor's
    /// router forwards it). None when no route has the path.
    static func methods(allowedAt path: String) -> [HTTPMethod] {
        let segments = path.split(separator: "/")
        var methods: Set<String> = []
        for route in allCases where route.matches(segments) {
            methods.insert(route.method.rawValue)
            if route.method == .GET { methods.insert(HTTPMethod.HEAD.rawValue) }
        }
        return methods.sorted().map { HTTPMethod(rawValue: $0) }
    }

    private func matches(_ segments: [Substring]) -> Bool {
        let components = pathComponents
        guard components.count == segments.count else { return false }
        return zip(components, segments).allSatisfy { component, segment in
            if case .constant(let constant) = component { return constant == segment }
            return true
        }
    }
}

/// A link target. The form step page is reached by POST to `.apply` (values travel in the body, never the URL).
enum SiteURL: Sendable, Equatable {
    case home
    case search(query: String)
    case category(ProcedureCategory)
    case procedure(String)
    case apply(String)
    case submit(String)
    case receipt
    case status
    case resume
    case language(Language, next: String)
    case stylesheet
    case script

    var path: String {
        switch self {
        case .home: "/"
        case .search(let query): "/search?q=" + Self.escape(query)
        case .category(let category): "/categories/\(category.rawValue)"
        case .procedure(let id): "/procedures/\(Self.escape(id))"
        case .apply(let id): "/procedures/\(Self.escape(id))/apply"
        case .submit(let id): "/procedures/\(Self.escape(id))/submit"
        case .receipt: "/receipt"
        case .status: "/status"
        case .resume: "/resume"
        case .language(let language, let next): "/lang/\(language.rawValue)?next=" + Self.escape(next)
        case .stylesheet: "/assets/app.css"
        case .script: "/assets/app.js"
        }
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/")))
            ?? ""
    }
}
