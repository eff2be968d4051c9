/// What importing a 住民記録 extract does to the register, worked out before anything is written:
/// a server loads the records the file concerns, asks for the plan, shows or logs it, and applies
/// it in one transaction. Planning is pure, and a plan applied leaves nothing for the same file to
/// do: importing a file twice changes the register once.
public struct ResidentImportPlan: Sendable, Hashable {
    public var kind: ImportKind
    /// The day the file speaks for: persons a full file leaves out are ended on it, and so are
    /// persons a 削除 row names.
    public var asOf: CivilDate
    /// Insertions, updates and endings, in file order; endings for absence last, by 宛名番号.
    public var changes: [ResidentChange]
    /// Rows that match the register already.
    public var unchanged: Int
    /// Lines of 削除 rows for persons the register does not hold (deleted already): nothing to do.
    public var alreadyAbsent: [Int]
    /// The file's rows not taken.
    public var errors: [LinkageRowError]
    /// True when a full file had rows not taken, so no one was ended for being absent: a person
    /// on a bad row would look absent. Fix the rows and import again to end them. Also true for
    /// a full file without a single row, more likely a failed export than an empty register.
    public var endingsWithheld: Bool

    public init(
        kind: ImportKind, asOf: CivilDate, changes: [ResidentChange] = [], unchanged: Int = 0,
        alreadyAbsent: [Int] = [], errors: [LinkageRowError] = [], endingsWithheld: Bool = false
    ) {
        self.kind = kind
        self.asOf = asOf
        self.changes = changes
        self.unchanged = unchanged
        self.alreadyAbsent = alreadyAbsent
        self.errors = errors
        self.endingsWithheld = endingsWithheld
    }

    /// Whether applying the plan would change nothing.
    public var isEmpty: Bool { changes.isEmpty }
}

/// One change a `ResidentImportPlan` makes to the register.
public enum ResidentChange: Sendable, Hashable {
    /// A person the register does not hold. `line` is the row.
    case insert(ResidentRecord, line: Int, reason: InsertReason)
    /// New values for a person it holds; `fields` says which differ.
    case update(from: ResidentRecord, to: ResidentRecord, line: Int, fields: [ResidentField])
    /// A person to end (keep as history, no longer current) on the plan's `asOf` day.
    case end(ResidentRecord, reason: EndReason)

    public enum InsertReason: Sendable, Hashable {
        /// A 追加 row (every row of a full file).
        case added
        /// A 変更 row for a person the register does not hold: taken as an addition, and worth
        /// a look (an earlier file may be missing).
        case changeOfUnknown
    }

    public enum EndReason: Sendable, Hashable {
        /// A 削除 row on this line.
        case deleted(line: Int)
        /// A full file without this person.
        case absentFromFullFile
    }

    public var atenaNumber: AtenaNumber {
        switch self {
        case .insert(let record, _, _), .update(_, let record, _, _), .end(let record, _): record.atenaNumber
        }
    }
}
