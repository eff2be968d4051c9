/// Comma-separated values as RFC 4180 writes them: a field holding a comma, a double quote, CR or LF
/// is enclosed in double quotes, its double quotes doubled; records end with CRLF (or LF where a
/// target asks). Nothing else is changed: a core system reads exactly what the resident wrote (the
/// staff's spreadsheet export guards against formulas instead; a machine reader must not be given an
/// apostrophe it did not ask for).
///
/// Quoting looks only at `,` `"` CR and LF, which are single bytes in UTF-8 and in CP932 alike and
/// never the second byte of a CP932 character, so a record quoted here may be encoded either way.
public enum CSV {
    /// `text` as one field (`CSVWriter.field`).
    public static func field(_ text: String) -> String { CSVWriter.field(text) }

    /// One record: the fields, separated by commas, and the terminator.
    public static func record(_ fields: [String], terminator: String = "\r\n") -> String {
        var out = ""
        for (index, text) in fields.enumerated() {
            if index > 0 { out += "," }
            out += field(text)
        }
        return out + terminator
    }
}
