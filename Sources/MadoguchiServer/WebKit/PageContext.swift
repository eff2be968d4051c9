import MadoguchiDomain
import Vapor

/// What every page needs besides its own model: language, municipality, CSRF token, where it is.
struct PageContext: Sendable {
    var language: Language
    var municipalityName: LocalizedText
    var csrfToken: String
    /// The path to come back to after switching language (GET pages only).
    var currentPath: String
    /// On a form page, the id of the form whose values the language switch must carry.
    var languageSwitchForm: String?
    /// On a form page, the action Enter in a text box performs (the form's default button).
    var defaultAction: (value: String, label: LocalizedText)?
    /// Today in Japan, for what depends on it (the dates a date field accepts).
    var today: CivilDate? = nil
    /// The municipality's 開庁日 (a date field may accept only days from the next open day).
    var openDays: OpenDays = .standard

    func text(_ text: LocalizedText) -> String { text.text(in: language) }

    static func from(_ req: Request, languageSwitchForm: String? = nil) throws -> PageContext {
        let municipality = try req.municipality
        return PageContext(
            language: req.language, municipalityName: municipality.name, csrfToken: try req.csrfToken,
            currentPath: req.url.path + (req.url.query.map { "?" + $0 } ?? ""), languageSwitchForm: languageSwitchForm,
            defaultAction: nil, today: JapanCalendar.civilDate(of: req.madoguchi.clock.now()),
            openDays: municipality.openDays)
    }
}

extension Request {
    static let languageCookie = "madoguchi_lang"

    /// Japanese unless the resident chose English (cookie), or switched on this very request.
    var language: Language {
        if let chosen = storage[LanguageOverrideKey.self] { return chosen }
        return Language(code: cookies[Request.languageCookie]?.string)
    }

    struct LanguageOverrideKey: StorageKey {
        typealias Value = Language
    }
}
