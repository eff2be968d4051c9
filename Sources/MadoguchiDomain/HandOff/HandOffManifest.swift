import Foundation

/// What a reader checks a hand-off file against (`<name>.manifest.json`, written after the file:
/// a file without its manifest is not finished). Its SHA-256 and row count are the file's as
/// written; the cursor range names the hand-off queue positions it holds.
public struct HandOffManifest: Codable, Sendable, Hashable {
    public var manifestVersion = 1
    /// The data file's name, in the same folder.
    public var file: String
    public var municipality: String
    public var procedure: String
    /// The consumer whose cursor the file advanced.
    public var target: String
    public var layout: String
    public var format: String
    public var encoding: String
    public var recordTerminator: String
    /// Data records: one per application.
    public var rows: Int
    /// Every record of the file: the CSV line of item names, header, data and trailer.
    public var records: Int
    public var bytes: Int
    /// Lower-case hex SHA-256 of the data file's bytes.
    public var sha256: String
    public var cursor: CursorRange
    /// The file's number among the exports to its target (1, 2, …).
    public var exportNumber: Int
    /// Whether these rows were sent before (`--again`, `--from`).
    public var resend: Bool
    /// ISO 8601, Japan time.
    public var createdAt: String
    /// CP932 targets: the report of every character replaced.
    public var substitutionReport: Report?
    public var columns: Columns

    public init(
        file: String, municipality: String, procedure: String, target: String, layout: String, format: String,
        encoding: String, recordTerminator: String, rows: Int, records: Int, bytes: Int, sha256: String,
        cursor: CursorRange, exportNumber: Int, resend: Bool, createdAt: String, substitutionReport: Report?,
        columns: Columns
    ) {
        self.file = file
        self.municipality = municipality
        self.procedure = procedure
        self.target = target
        self.layout = layout
        self.format = format
        self.encoding = encoding
        self.recordTerminator = recordTerminator
        self.rows = rows
        self.records = records
        self.bytes = bytes
        self.sha256 = sha256
        self.cursor = cursor
        self.exportNumber = exportNumber
        self.resend = resend
        self.createdAt = createdAt
        self.substitutionReport = substitutionReport
        self.columns = columns
    }

    public struct CursorRange: Codable, Sendable, Hashable {
        /// The first and last hand-off queue position in the file.
        public var first: Int64
        public var last: Int64

        public init(first: Int64, last: Int64) {
            self.first = first
            self.last = last
        }
    }

    public struct Report: Codable, Sendable, Hashable {
        public var file: String
        public var sha256: String
        public var substitutions: Int

        public init(file: String, sha256: String, substitutions: Int) {
            self.file = file
            self.sha256 = sha256
            self.substitutions = substitutions
        }
    }

    /// The columns of each record, in order; `start` (from 1) and `width` in bytes for fixed files.
    public struct Columns: Codable, Sendable, Hashable {
        public var header: [Column]
        public var data: [Column]
        public var trailer: [Column]
    }

    public struct Column: Codable, Sendable, Hashable {
        public var name: String
        /// A field path, an `@meta` value, or `value` for a fixed text.
        public var source: String
        public var start: Int?
        public var width: Int?
    }

    /// The columns a layout writes, as the manifest lists them.
    public static func columns(of layout: HandOffLayout) -> Columns {
        func list(_ columns: [HandOffColumn]) -> [Column] {
            var start = 1
            return columns.map { column in
                defer { start += column.width ?? 0 }
                let fixed = layout.format == .fixed
                return Column(
                    name: column.name, source: column.sourceText, start: fixed ? start : nil,
                    width: fixed ? column.width : nil)
            }
        }
        return Columns(header: list(layout.header), data: list(layout.data), trailer: list(layout.trailer))
    }

    /// The manifest as written: JSON with snake_case keys in a stable order, ending in a newline.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    public static func decode(_ data: Data) throws -> HandOffManifest {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(HandOffManifest.self, from: data)
    }

    /// `date` as ISO 8601 in Japan time (2026-11-23T10:00:00+09:00).
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = JapanCalendar.timeZone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// The report of the characters an export replaced (`<name>.substitutions.csv`): UTF-8 CSV, one
/// line per replacement, so that staff can see what the core system received instead of what the
/// resident wrote.
public enum SubstitutionReport {
    public static let columns = ["受付番号", "項目名", "項目", "置換前", "置換前の符号位置", "置換後", "置換後の符号位置", "縮退区分"]

    public static func csv(_ substitutions: [HandOffSubstitution]) -> [UInt8] {
        var text = CSV.record(columns)
        for item in substitutions {
            text += CSV.record([
                item.receiptNumber, item.item, item.path, item.from, codePoints(item.from), item.to,
                codePoints(item.to),
                item.category.japaneseName,
            ])
        }
        return Array(text.utf8)
    }

    static func codePoints(_ text: String) -> String {
        text.unicodeScalars.map(\.codePoint).joined(separator: " ")
    }
}
