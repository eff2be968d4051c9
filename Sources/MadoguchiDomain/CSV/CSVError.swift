/// Why a text is not CSV `CSVReader` accepts. `line` is the 1-based physical line of the problem
/// (what a text editor shows), which differs from the record number once a quoted field holds a
/// line break.
public struct CSVError: Error, Sendable, Hashable {
    public var line: Int
    public var kind: Kind

    public init(line: Int, _ kind: Kind) {
        self.line = line
        self.kind = kind
    }

    public enum Kind: Sendable, Hashable {
        /// A quoted field opened on `line` has no closing quote before the end of the text.
        case unterminatedQuote(column: Int)
        /// A `"` inside a field that does not start with one (`ab"c`): quote the whole field and
        /// double the quote (`"ab""c"`).
        case quoteInUnquotedField(column: Int)
        /// Something other than a comma or line break follows a closing quote (`"ab"c`).
        case textAfterClosingQuote(column: Int)
        case fieldTooLarge(column: Int, limit: Int)
        case tooManyColumns(limit: Int)
        case tooManyRecords(limit: Int)
        /// A record has another number of fields than the header (only where uniform width is asked).
        case raggedRecord(expected: Int, found: Int)
        /// The text has no record at all, so no header.
        case empty
    }
}

extension CSVError {
    /// What staff read: where, and what to change in the file.
    public var message: LocalizedText {
        let text = kind.message
        return LocalizedText(ja: "\(line)行目: \(text.ja)", en: "Line \(line): \(text.en)")
    }
}

extension CSVError.Kind {
    public var message: LocalizedText {
        switch self {
        case .unterminatedQuote(let column):
            LocalizedText(
                ja: "\(column)列目の「\"」で始まる項目が、ファイルの終わりまで閉じられていません。",
                en: "The quoted field in column \(column) is never closed before the end of the file.")
        case .quoteInUnquotedField(let column):
            LocalizedText(
                ja: "\(column)列目の項目の途中に「\"」があります。項目全体を「\"」で囲み、中の「\"」は「\"\"」と二つ重ねてください。",
                en: "Column \(column) has a quote inside an unquoted field. Quote the whole field and double the quote."
            )
        case .textAfterClosingQuote(let column):
            LocalizedText(
                ja: "\(column)列目の閉じる「\"」の後に、区切りのカンマか改行以外の文字があります。",
                en: "Column \(column) has text after its closing quote, where a comma or line break should be.")
        case .fieldTooLarge(let column, let limit):
            LocalizedText(
                ja: "\(column)列目の項目が長すぎます（上限\(limit)バイト）。",
                en: "The field in column \(column) is too long (at most \(limit) bytes).")
        case .tooManyColumns(let limit):
            LocalizedText(ja: "項目が多すぎます（上限\(limit)列）。", en: "Too many fields (at most \(limit)).")
        case .tooManyRecords(let limit):
            LocalizedText(ja: "行が多すぎます（上限\(limit)行）。", en: "Too many records (at most \(limit)).")
        case .raggedRecord(let expected, let found):
            LocalizedText(
                ja: "項目の数が\(found)個です。見出し行と同じ\(expected)個にしてください。",
                en: "This record has \(found) fields; the header has \(expected).")
        case .empty:
            LocalizedText(ja: "ファイルが空です。", en: "The file is empty.")
        }
    }
}
