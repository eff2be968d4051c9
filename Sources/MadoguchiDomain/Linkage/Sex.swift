/// 性別, coded as JIS X 0303 (ISO/IEC 5218) codes, which core systems use: 1 男, 2 女, 0 不明,
/// 9 適用不能.
public enum Sex: Int, Sendable, Hashable, Codable, CaseIterable {
    case notKnown = 0
    case male = 1
    case female = 2
    case notApplicable = 9

    /// Reads the code or a word: `1`/`男`/`男性`/`M`/`male`, `2`/`女`/`女性`/`F`/`female`,
    /// `0`/`不明`, `9`/`適用不能` (ASCII letters in either case).
    public init?(code: String) {
        let words: [(Sex, [String])] = [
            (.male, ["1", "男", "男性", "m", "male"]), (.female, ["2", "女", "女性", "f", "female"]),
            (.notKnown, ["0", "不明", "unknown"]), (.notApplicable, ["9", "適用不能", "not applicable"]),
        ]
        guard let (sex, _) = words.first(where: { TextNormalization.equalsIgnoringASCIICase(code, oneOf: $0.1) })
        else { return nil }
        self = sex
    }

    public var label: LocalizedText {
        switch self {
        case .notKnown: LocalizedText(ja: "不明", en: "Not known")
        case .male: LocalizedText(ja: "男", en: "Male")
        case .female: LocalizedText(ja: "女", en: "Female")
        case .notApplicable: LocalizedText(ja: "適用不能", en: "Not applicable")
        }
    }
}
