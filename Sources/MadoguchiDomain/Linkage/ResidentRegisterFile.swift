/// A 住民記録 extract (resident register file) as read, before it is compared with the register.
///
/// Columns (Japanese or English header names, see `LinkageColumn.headerNames`; order free, other
/// columns ignored): 宛名番号, 氏名, フリガナ, 生年月日, 性別, 住所, 世帯番号, and 区分 in an
/// incremental file. A 削除 row needs only its 宛名番号.
public struct ResidentRegisterFile: Sendable, Hashable {
    public var kind: ImportKind
    /// The rows taken, in file order.
    public var rows: [ResidentRow]
    /// The rows not taken, in file order.
    public var errors: [LinkageRowError]

    public init(kind: ImportKind, rows: [ResidentRow], errors: [LinkageRowError]) {
        self.kind = kind
        self.rows = rows
        self.errors = errors
    }

    /// The 宛名番号 of the rows taken: the records a server loads to plan an incremental file.
    public var atenaNumbers: Set<AtenaNumber> { Set(rows.map(\.atenaNumber)) }

    static let columns: [LinkageColumn] = [
        .atenaNumber, .name, .furigana, .birthDate, .sex, .address, .householdNumber,
    ]
    static let required: [LinkageColumn] = [.atenaNumber, .name, .birthDate, .sex]
}

/// One row of a 住民記録 extract that was taken.
public struct ResidentRow: Sendable, Hashable {
    public var line: Int
    public var change: ChangeKind
    public var atenaNumber: AtenaNumber
    /// The person as the row gives them; nil for a 削除 row.
    public var record: ResidentRecord?

    public init(line: Int, change: ChangeKind, atenaNumber: AtenaNumber, record: ResidentRecord?) {
        self.line = line
        self.change = change
        self.atenaNumber = atenaNumber
        self.record = record
    }
}
