/// How the applications of one procedure are written into a file for a core system (CSV or a
/// fixed-length 方式4 file): its records, their columns, the encoding and what 縮退 the target
/// accepts. Layouts are data (`Catalog/handoff/<procedure>.yaml`, `HandOffLayoutParser`), or
/// generated from the catalog where a procedure has none (`HandOffLayout.generated`).
public struct HandOffLayout: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// RFC 4180 comma-separated values.
        case csv
        /// Fixed-length records, each column a fixed number of CP932 bytes.
        case fixed
    }

    public enum Encoding: String, Sendable, Hashable, CaseIterable {
        /// 行政事務標準文字 targets: the text as the resident wrote it, variation sequences kept.
        case utf8 = "utf-8"
        /// Shift_JIS as Windows writes it; what CP932 cannot write goes through `CharacterSubstitution`.
        case cp932
    }

    public enum Terminator: String, Sendable, Hashable, CaseIterable {
        case crlf, lf

        public var text: String { self == .crlf ? "\r\n" : "\n" }
    }

    /// The layout's name, unique within its procedure (`--layout NAME`).
    public var name: String
    public var format: Format
    /// The encoding the target reads unless the export asks for another (a fixed layout is CP932).
    public var encoding: Encoding
    public var terminator: Terminator = .crlf
    /// CSV: a first line of item names.
    public var headerRow: Bool
    /// Fixed: the length every record must have (checked by the linter), when the target names one.
    public var recordLength: Int?
    /// The categories of the MJ縮退マップ the target accepts for what CP932 cannot write.
    public var substitution: Set<MJShrinkCategory> = [.jisAndUCSUnification]
    /// A record before the data (日本年金機構-style ヘッダレコード), or none.
    public var header: [HandOffColumn] = []
    /// One record per application.
    public var data: [HandOffColumn]
    /// A record after the data (トレーラレコード, with 合計件数), or none.
    public var trailer: [HandOffColumn] = []
    /// Where the layout was declared (file:line), empty when generated.
    public var file: String = ""
    public var line: Int = 0

    public init(
        name: String, format: Format, encoding: Encoding, headerRow: Bool, data: [HandOffColumn],
        header: [HandOffColumn] = [], trailer: [HandOffColumn] = []
    ) {
        self.name = name
        self.format = format
        self.encoding = encoding
        self.headerRow = headerRow
        self.data = data
        self.header = header
        self.trailer = trailer
    }

    /// Whether `text` may name a layout or a target: lowercase ASCII letters, digits and '-'.
    public static func isName(_ text: String) -> Bool { CatalogLinter.isProcedureID(text) }

    /// The records in the order they are written, each with its role.
    public var records: [(role: HandOffColumn.Record, columns: [HandOffColumn])] {
        [(.header, header), (.data, data), (.trailer, trailer)].filter { !$0.1.isEmpty }
    }
}

/// One column of a record: where its value comes from and how it is written.
public struct HandOffColumn: Sendable, Hashable {
    public enum Record: String, Sendable, Hashable {
        case header, data, trailer
    }

    public enum Source: Sendable, Hashable {
        /// A field of the form (`claimant_name.family`, `children.0.child_name.family`).
        case field(FieldPath)
        /// What Madoguchi knows of the application or the file (`@receipt_number`, `@record_count`).
        case meta(HandOffMeta)
        /// The same text on every record (a レコード区分, a 予備 filled with spaces).
        case literal(String)
    }

    public var source: Source
    /// The item name the core side expects (a CSV header, the manifest's column list).
    public var name: String
    /// Fixed: the width in CP932 bytes.
    public var width: Int?
    /// Fixed: nil writes numbers (integer and yen answers, `@sequence`, `@record_count`) right-aligned
    /// and zero-filled, and anything else left-aligned and space-filled.
    public var alignment: FixedWidth.Alignment?
    public var padding: FixedWidth.Padding?
    public var overflow: FixedWidth.Overflow = .fail
    public var dateFormat: HandOffDateFormat?
    /// The core system's code for each value (a select's option, `true`/`false`); a value without
    /// one fails the export, so none is ever guessed.
    public var codes: [String: String] = [:]
    /// Katakana written half-width (ﾔﾏﾀﾞ ﾊﾅｺ), as many core systems keep readings.
    public var halfWidthKana = false
    /// Only the ASCII digits of the value (郵便番号 1234567, 電話番号 0312345678).
    public var digitsOnly = false
    public var line: Int = 0

    public init(source: Source, name: String, width: Int? = nil) {
        self.source = source
        self.name = name
        self.width = width
    }
}

/// Values an export knows besides the form's answers. Those marked file-wide are the same on
/// every record: for header and trailer records.
public enum HandOffMeta: String, Sendable, Hashable, CaseIterable {
    /// 受付番号
    case receiptNumber = "receipt_number"
    /// 申請日 (in Japan), a date.
    case submittedAt = "submitted_at"
    /// 連携日: when the application was released to the core system, a date.
    case releasedAt = "released_at"
    /// 連携番号: the application's place in the hand-off queue.
    case sequence
    case procedure
    /// The form revision the application was made with.
    case procedureVersion = "procedure_version"
    /// 団体コード (6 digits). File-wide.
    case municipality
    /// 作成年月日 of the file, a date. File-wide.
    case createdAt = "created_at"
    /// 合計件数: the data records of the file. File-wide.
    case recordCount = "record_count"
    /// The file's number among the exports to its target. File-wide.
    case exportNumber = "export_number"

    /// Whether the value is the same on every record (usable in a header or trailer).
    public var isFileWide: Bool {
        switch self {
        case .procedure, .municipality, .createdAt, .recordCount, .exportNumber: true
        default: false
        }
    }

    public var isDate: Bool { self == .submittedAt || self == .releasedAt || self == .createdAt }
    public var isNumber: Bool { self == .sequence || self == .recordCount || self == .exportNumber }

    /// The item name used unless the layout file names it.
    public var defaultName: String {
        switch self {
        case .receiptNumber: "受付番号"
        case .submittedAt: "申請日"
        case .releasedAt: "連携日"
        case .sequence: "連携番号"
        case .procedure: "手続ID"
        case .procedureVersion: "様式版"
        case .municipality: "団体コード"
        case .createdAt: "作成年月日"
        case .recordCount: "合計件数"
        case .exportNumber: "ファイル通番"
        }
    }
}
