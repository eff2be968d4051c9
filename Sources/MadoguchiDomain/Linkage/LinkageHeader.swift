/// Where each known column stands in a file's header.
struct LinkageHeader {
    private var indices: [LinkageColumn: Int] = [:]

    /// Finds `columns` in `header`; throws when a required one is missing or a column is named
    /// twice. Header names that are none of `columns` are ignored (exports carry more).
    init(_ header: [String], columns: [LinkageColumn], required: [LinkageColumn]) throws(LinkageFileError) {
        width = header.count
        for (index, name) in header.enumerated() {
            let folded = LinkageColumn.fold(name)
            guard let column = columns.first(where: { $0.headerNames.contains(folded) }) else { continue }
            if indices[column] != nil { throw .duplicateColumn(column) }
            indices[column] = index
        }
        let missing = required.filter { indices[$0] == nil }
        if !missing.isEmpty { throw .missingColumns(missing) }
    }

    /// The header's number of fields.
    let width: Int

    func has(_ column: LinkageColumn) -> Bool { indices[column] != nil }

    /// The field of `column` in `record`, trimmed; nil when the file has no such column or the
    /// record is too short to reach it.
    func value(_ column: LinkageColumn, in record: CSVRecord) -> String? {
        guard let index = indices[column], index < record.fields.count else { return nil }
        return TextNormalization.trim(record.fields[index])
    }
}
