import MadoguchiDomain
import Vapor

/// Finding a procedure: home, search, category and procedure pages; language switch; health; CSS.
enum PortalController {
    static func home(_ req: Request) async throws -> Response {
        Layout.response(PortalPages.home(try .from(req), catalog: try req.offeredCatalog))
    }

    static func search(_ req: Request) async throws -> Response {
        let query = String((req.query[String.self, at: "q"] ?? "").prefix(100))
        let results = try req.offeredCatalog.search(query)
        return Layout.response(PortalPages.search(try .from(req), query: query, results: results))
    }

    static func category(_ req: Request) async throws -> Response {
        guard let category = req.parameters.get("category").flatMap(ProcedureCategory.init(rawValue:)) else {
            throw AppError.notFound
        }
        let procedures = try req.offeredCatalog.procedures(in: category)
        return Layout.response(PortalPages.category(try .from(req), category: category, procedures: procedures))
    }

    static func procedure(_ req: Request) async throws -> Response {
        Layout.response(PortalPages.procedure(try .from(req), try procedure(of: req)))
    }

    /// The procedure named in the path, if this municipality offers it.
    static func procedure(of req: Request) throws -> Procedure {
        guard let id = req.parameters.get("procedure"), let procedure = try req.offeredCatalog.procedure(id) else {
            throw AppError.procedureNotFound
        }
        return procedure
    }

    /// Sets the language cookie and goes back (only to a path on this site).
    static func language(_ req: Request) async throws -> Response {
        let language = Language(code: req.parameters.get("language"))
        let next = safeLocalPath(req.query[String.self, at: "next"]) ?? "/"
        let response = req.redirect(to: next, redirectType: .normal)
        setLanguageCookie(language, on: response, secure: req.madoguchi.config.mode == .production)
        return response
    }

    /// A path on this site, or nil: starts with one "/", no scheme or host, only visible ASCII
    /// (browsers drop tabs and newlines from a Location, which would turn "/\t/x" into "//x").
    static func safeLocalPath(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), text.count <= 512,
            text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" })
        else { return nil }
        return text
    }

    static func setLanguageCookie(_ language: Language, on response: Response, secure: Bool) {
        response.cookies[Request.languageCookie] = HTTPCookies.Value(
            string: language.rawValue, maxAge: 60 * 60 * 24 * 365, path: "/", isSecure: secure, isHTTPOnly: true,
            sameSite: .lax)
    }

    static func health(_ req: Request) async throws -> Response {
        Response(status: .ok, headers: ["Content-Type": "text/plain; charset=utf-8"], body: .init(string: "ok"))
    }

    static func stylesheet(_ req: Request) async throws -> Response {
        asset(Stylesheet.css, type: HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"]))
    }

    static func script(_ req: Request) async throws -> Response {
        asset(Script.js, type: HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"]))
    }

    static func asset(_ text: String, type: HTTPMediaType) -> Response {
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.contentType = type
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }
}
