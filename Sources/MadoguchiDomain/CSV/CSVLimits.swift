/// Bounds on what `CSVReader` accepts, so that a damaged or hostile file ends in a clear error
/// rather than in unbounded memory: a quoted field whose closing quote is missing would otherwise
/// take the rest of the file as one value.
public struct CSVLimits: Sendable, Hashable {
    /// The most UTF-8 bytes one field may hold (quotes and doubled quotes counted once).
    public var maxFieldBytes: Int
    /// The most fields one record may have.
    public var maxColumns: Int
    /// The most records a text may have, header included; nil for no bound (the text is in memory
    /// already, and `CSVReader.forEachRecord` keeps one record at a time).
    public var maxRecords: Int?

    /// 64 KiB per field and 256 columns: far above any 住民記録 or 紐付 row, far below harm.
    public init(maxFieldBytes: Int = 65_536, maxColumns: Int = 256, maxRecords: Int? = nil) {
        precondition(maxFieldBytes > 0 && maxColumns > 0 && (maxRecords ?? 1) > 0)
        self.maxFieldBytes = maxFieldBytes
        self.maxColumns = maxColumns
        self.maxRecords = maxRecords
    }
}
