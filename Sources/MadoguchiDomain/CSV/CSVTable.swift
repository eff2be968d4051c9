/// A CSV text whose first record is a header naming the columns.
public struct CSVTable: Sendable, Hashable {
    /// The header's fields as written (spaces and case kept).
    public var header: [String]
    /// The records after the header; their widths may differ from the header's unless
    /// `requireUniformWidth` was asked for.
    public var rows: [CSVRecord]

    public init(header: [String], rows: [CSVRecord]) {
        self.header = header
        self.rows = rows
    }

    /// Reads `text` with `reader`; throws `.empty` when there is not even a header, and
    /// `.raggedRecord` at the first row of another width when `requireUniformWidth`.
    public init(
        parsing text: String, reader: CSVReader = CSVReader(), requireUniformWidth: Bool = false
    ) throws(CSVError) {
        var records = try reader.records(in: text)
        guard !records.isEmpty else { throw CSVError(line: 1, .empty) }
        let header = records.removeFirst()
        if requireUniformWidth, let ragged = records.first(where: { $0.fields.count != header.fields.count }) {
            throw CSVError(
                line: ragged.line, .raggedRecord(expected: header.fields.count, found: ragged.fields.count))
        }
        self.init(header: header.fields, rows: records)
    }
}
