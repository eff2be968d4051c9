/// A row of a 紐付 file that is not taken, and why. `line` is the 1-based line of the file on
/// which the row starts (the header is line 1).
public struct LinkageRowError: Error, Sendable, Hashable {
    public var line: Int
    public var problem: LinkageProblem

    public init(line: Int, _ problem: LinkageProblem) {
        self.line = line
        self.problem = problem
    }

    /// What staff read: where, and what is wrong.
    public var message: LocalizedText {
        let text = problem.message
        return LocalizedText(ja: "\(line)行目: \(text.ja)", en: "Line \(line): \(text.en)")
    }
}

/// What is wrong with one row of a 紐付 file.
public enum LinkageProblem: Sendable, Hashable {
    /// The row has another number of fields than the header.
    case wrongFieldCount(expected: Int, found: Int)
    /// A value the row needs is empty.
    case missingValue(LinkageColumn)
    /// A 宛名番号 or 世帯番号 that is not 1–15 ASCII digits.
    case notANumber(LinkageColumn, maxDigits: Int)
    case birthDate(DateParser.Failure)
    case sex
    /// A 区分 none of 追加/変更/削除 (A/U/D, 1/2/3).
    case changeKind
    /// A control character (a line break, a tab) inside 氏名, フリガナ or 住所.
    case controlCharacter(LinkageColumn)
    /// A 変更 or 削除 row in a file declared full (全件).
    case changeInFullFile
    /// The same 宛名番号 (resident file) or serial number (mapping file) on several rows: which
    /// one is meant cannot be told, so none is taken.
    case duplicateKey(lines: [Int])
    case serialNumber
    /// An instant none of the accepted forms (`LinkageTimestamp`).
    case timestamp(LinkageColumn)
    /// 有効終了日時 before 有効開始日時.
    case validityEndsBeforeStart
    /// 失効日時 before 有効開始日時.
    case revokedBeforeValidity
    /// The serial number is held for another 宛名番号: a serial belongs to one person for good.
    case serialHeldByAnother(AtenaNumber)
}
