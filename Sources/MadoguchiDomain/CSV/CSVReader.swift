/// One CSV record and the 1-based physical line it starts on.
public struct CSVRecord: Sendable, Hashable {
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// Reads CSV as RFC 4180 writes it, and the usual files that bend it:
///
/// - fields separated by `,`; a field in `"` may hold commas, line breaks and `""` for a quote;
/// - records end in CRLF, LF or a lone CR (old spreadsheet exports); the last may have no line end;
/// - a leading byte order mark (U+FEFF) is skipped;
/// - blank lines are skipped wherever they stand: a record of one empty field is written `""`;
/// - field text is kept as it is, spaces included; nothing is trimmed or normalised.
///
/// A `"` inside an unquoted field, text after a closing quote and a quote never closed are
/// errors, not guesses: such a file was not written by a CSV writer, and reading on could shift
/// every later value into the wrong column. Limits bound the memory a file can take.
///
/// The input is a `String`: the caller decodes the bytes (UTF-8, CP932) first.
public struct CSVReader: Sendable {
    public var limits: CSVLimits

    public init(limits: CSVLimits = CSVLimits()) {
        self.limits = limits
    }

    /// Every record of `text`, in order.
    public func records(in text: String) throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        try forEachRecord(in: text) { records.append($0) }
        return records
    }

    /// Calls `body` with each record of `text` in turn, holding one record at a time.
    public func forEachRecord(in text: String, _ body: (CSVRecord) -> Void) throws(CSVError) {
        var text = text
        let failure = text.withUTF8 { bytes -> CSVError? in
            var parser = CSVParser(bytes: bytes, limits: limits)
            do throws(CSVError) {
                while let record = try parser.next() { body(record) }
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }
}
