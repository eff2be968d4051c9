/// Why a whole 紐付 file is refused before any row is looked at.
public enum LinkageFileError: Error, Sendable, Hashable {
    /// The text is not CSV the reader accepts.
    case csv(CSVError)
    /// The header lacks columns the file kind needs.
    case missingColumns([LinkageColumn])
    /// Two header fields name the same column (`宛名番号` and `atena_number`).
    case duplicateColumn(LinkageColumn)

    public var message: LocalizedText {
        switch self {
        case .csv(let error):
            error.message
        case .missingColumns(let columns):
            LocalizedText(
                ja: "見出し行に次の列がありません: \(columns.map(\.label.ja).joined(separator: "、"))",
                en: "The header lacks these columns: \(columns.map(\.label.en).joined(separator: ", "))")
        case .duplicateColumn(let column):
            LocalizedText(
                ja: "見出し行に「\(column.label.ja)」の列が二つあります。",
                en: "The header names the \(column.label.en) column twice.")
        }
    }
}
