/// Writes CSV that `CSVReader`, spreadsheets and RFC 4180 readers read back to the same values.
///
/// - A field is quoted only when it must be: when it holds a comma, a quote, CR or LF (quotes
///   inside are doubled), and when it is the only field of its record and empty (an empty line
///   would read as no record at all). Leading and trailing spaces are kept and need no quotes.
/// - Every record ends in CRLF, the last one too.
/// - Values are written as they are. A value starting with `=`, `+`, `-` or `@` is written
///   unchanged, so a spreadsheet that opens the file may take it for a formula (CSV injection):
///   prefixing it would alter data that a core system reads back. Files meant for people to open
///   in a spreadsheet should be checked by whoever produces their values.
public struct CSVWriter: Sendable {
    /// The text written so far.
    public private(set) var text: String

    /// `byteOrderMark` starts the text with U+FEFF, which spreadsheet programs take as "UTF-8".
    public init(byteOrderMark: Bool = false) {
        text = byteOrderMark ? "\u{FEFF}" : ""
    }

    /// Appends one record; it must have at least one field.
    public mutating func append(_ fields: [String]) {
        text += Self.record(fields)
    }

    /// One record with its CRLF.
    public static func record(_ fields: [String]) -> String {
        precondition(!fields.isEmpty, "a CSV record has at least one field")
        if fields.count == 1, fields[0].isEmpty { return "\"\"\r\n" }
        return fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// Every record, each with its CRLF.
    public static func document(_ records: [[String]], byteOrderMark: Bool = false) -> String {
        var writer = CSVWriter(byteOrderMark: byteOrderMark)
        for record in records { writer.append(record) }
        return writer.text
    }

    /// One field, quoted if it holds a comma, quote or line break. Worked on bytes, not
    /// Characters: a quote followed by a combining mark is one Character, and still a quote.
    public static func field(_ value: String) -> String {
        let quote = UInt8(ascii: "\"")
        let needsQuotes = value.utf8.contains { byte in
            byte == quote || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
        }
        guard needsQuotes else { return value }
        var bytes: [UInt8] = [quote]
        bytes.reserveCapacity(value.utf8.count + 4)
        for byte in value.utf8 {
            bytes.append(byte)
            if byte == quote { bytes.append(quote) }
        }
        bytes.append(quote)
        return String(decoding: bytes, as: UTF8.self)
    }
}
