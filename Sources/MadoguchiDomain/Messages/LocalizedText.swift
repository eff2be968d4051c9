/// A text residents or staff read, Japanese first and English second.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var ja: String
    public var en: String

    public init(ja: String, en: String) {
        self.ja = ja
        self.en = en
    }

    public func text(in language: Language) -> String {
        switch language {
        case .ja: ja
        case .en: en
        }
    }
}

/// The languages of the portal. Japanese is the default; English is the second language.
public enum Language: String, Sendable, CaseIterable, Codable {
    case ja
    case en

    /// Picks the language from a query/cookie value, defaulting to Japanese.
    public init(code: String?) {
        self = code.flatMap { Language(rawValue: $0.lowercased()) } ?? .ja
    }
}
