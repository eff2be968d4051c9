/// The five categories of IPA's MJ縮退マップ (MJ Shrink Map; 縮退, "shrinking": writing an MJ
/// character with a JIS X 0213 character). A municipality chooses which it accepts for a target
/// that takes only CP932. The raw values follow the order of the map's own schema, which
/// `CharacterSubstitution` also takes as precedence: from "the same character" to "a guess".
public enum MJShrinkCategory: Int, CaseIterable, Sendable, Hashable, Comparable, Codable {
    /// JIS包摂規準・UCS統合規則: glyph differences JIS X 0213 and UCS treat as one character
    /// (𠮷 → 吉), and a variation sequence as its base.
    case jisAndUCSUnification = 1
    /// 法務省戸籍法関連通達・通知: the 戸籍 registry's variant-to-正字 links (𡈽 → 土).
    case kosekiNotices = 2
    /// 法務省告示582号別表第四: a JIS character of similar shape, as printed on the 在留カード.
    case notice582 = 3
    /// 辞書類等による関連字: variants recorded in the dictionaries.
    case dictionaries = 4
    /// 読み・字形による類推: related by reading or by shape.
    case readingOrShape = 5

    /// The category's name as the map writes it.
    public var japaneseName: String {
        switch self {
        case .jisAndUCSUnification: "JIS包摂規準・UCS統合規則"
        case .kosekiNotices: "法務省戸籍法関連通達・通知"
        case .notice582: "法務省告示582号別表第四"
        case .dictionaries: "辞書類等による関連字"
        case .readingOrShape: "読み・字形による類推"
        }
    }

    public static func < (left: Self, right: Self) -> Bool { left.rawValue < right.rawValue }
}
