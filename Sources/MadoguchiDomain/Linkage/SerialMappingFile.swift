/// A serial-number mapping file (シリアル番号 ⇔ 宛名番号) as read.
///
/// Columns: 宛名番号, シリアル番号, 有効開始日時, 有効終了日時 (optional), 失効日時 (optional),
/// and 区分 in an incremental file (English aliases in `LinkageColumn.headerNames`). A 削除 row
/// needs only its serial number; it withdraws an entry sent in error. A revocation is a 変更 that
/// sets 失効日時, never a 削除: the history is what later matching reads.
///
/// A full file only adds and updates: entries it leaves out are kept, as history.
public struct SerialMappingFile: Sendable, Hashable {
    public var kind: ImportKind
    public var rows: [SerialMappingRow]
    public var errors: [LinkageRowError]

    public init(kind: ImportKind, rows: [SerialMappingRow], errors: [LinkageRowError]) {
        self.kind = kind
        self.rows = rows
        self.errors = errors
    }

    /// The serial numbers of the rows taken: the entries a server loads to plan the file.
    public var serials: Set<CertificateSerial> { Set(rows.map(\.serial)) }

    static let columns: [LinkageColumn] = [.atenaNumber, .serialNumber, .validFrom, .validUntil, .revokedAt]
    static let required: [LinkageColumn] = [.atenaNumber, .serialNumber, .validFrom]
}

/// One row of a mapping file that was taken.
public struct SerialMappingRow: Sendable, Hashable {
    public var line: Int
    public var change: ChangeKind
    public var serial: CertificateSerial
    /// The 宛名番号 the row names (a 削除 row may leave it empty).
    public var atenaNumber: AtenaNumber?
    /// The entry as the row gives it; nil for a 削除 row.
    public var mapping: SerialMapping?

    public init(
        line: Int, change: ChangeKind, serial: CertificateSerial, atenaNumber: AtenaNumber?, mapping: SerialMapping?
    ) {
        self.line = line
        self.change = change
        self.serial = serial
        self.atenaNumber = atenaNumber
        self.mapping = mapping
    }
}
