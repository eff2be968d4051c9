/// What both 紐付 files share: the CSV read, the header found, the file kind settled, and the
/// parts of each row read the same way in both (width, 区分, the key and its duplicates).
struct LinkageSheet {
    let header: LinkageHeader
    let kind: ImportKind
    let records: [CSVRecord]

    /// Without a declared kind, a file with a 区分 column is incremental and one without is full.
    init(
        _ text: String, declared: ImportKind?, columns: [LinkageColumn], required: [LinkageColumn], reader: CSVReader
    ) throws(LinkageFileError) {
        let table: CSVTable
        do {
            table = try CSVTable(parsing: text, reader: reader)
        } catch {
            throw .csv(error)
        }
        header = try LinkageHeader(table.header, columns: columns + [.change], required: required)
        kind = declared ?? (header.has(.change) ? .incremental : .full)
        records = table.rows
    }

    /// The problem of a row whose width is not the header's.
    func widthProblem(_ record: CSVRecord) -> LinkageProblem? {
        record.fields.count == header.width
            ? nil : .wrongFieldCount(expected: header.width, found: record.fields.count)
    }

    /// The row's 区分: 追加 when the file has no such column or the field is empty; nil (with the
    /// problem noted) when it cannot be read or a full file would change or delete.
    func change(of record: CSVRecord, problems: inout [LinkageProblem]) -> ChangeKind? {
        guard let text = header.value(.change, in: record), !text.isEmpty else { return .add }
        guard let change = ChangeKind(code: text) else {
            problems.append(.changeKind)
            return nil
        }
        if kind == .full && change != .add {
            problems.append(.changeInFullFile)
            return nil
        }
        return change
    }

    /// For each key found on more than one row, every line it is on (ascending).
    static func duplicates<Key: Hashable>(_ keys: [(Int, Key?)]) -> [Key: [Int]] {
        var lines: [Key: [Int]] = [:]
        for (line, key) in keys { if let key { lines[key, default: []].append(line) } }
        return lines.filter { $0.value.count > 1 }
    }
}
