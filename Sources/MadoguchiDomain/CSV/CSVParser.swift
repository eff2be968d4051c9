/// The byte-level state machine behind `CSVReader`. Delimiters are ASCII, so a field cut at them
/// from valid UTF-8 is valid UTF-8.
struct CSVParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let limits: CSVLimits
    private var position: Int
    private var line = 1
    private var recordCount = 0

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    init(bytes: UnsafeBufferPointer<UInt8>, limits: CSVLimits) {
        self.bytes = bytes
        self.limits = limits
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        position = bytes.starts(with: bom) ? 3 : 0
    }

    /// The next record, or nil at the end of the text.
    mutating func next() throws(CSVError) -> CSVRecord? {
        while position < bytes.count, isLineEnd(bytes[position]) { skipLineEnd() }
        guard position < bytes.count else { return nil }
        recordCount += 1
        if let most = limits.maxRecords, recordCount > most { throw CSVError(line: line, .tooManyRecords(limit: most)) }
        let start = line
        var fields: [String] = []
        while true {
            guard fields.count < limits.maxColumns else {
                throw CSVError(line: line, .tooManyColumns(limit: limits.maxColumns))
            }
            let column = fields.count + 1
            let field =
                position < bytes.count && bytes[position] == Self.quote
                ? try quotedField(column: column) : try unquotedField(column: column)
            fields.append(field)
            guard position < bytes.count else { break }
            if bytes[position] == Self.comma {
                position += 1
                continue
            }
            skipLineEnd()
            break
        }
        return CSVRecord(line: start, fields: fields)
    }

    /// A field up to the next comma or line end, which it leaves unread.
    private mutating func unquotedField(column: Int) throws(CSVError) -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.comma || isLineEnd(byte) { break }
            if byte == Self.quote { throw CSVError(line: line, .quoteInUnquotedField(column: column)) }
            position += 1
        }
        try check(size: position - start, column: column)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    /// A field from its opening quote to its closing one; leaves the delimiter after it unread.
    private mutating func quotedField(column: Int) throws(CSVError) -> String {
        let openedOn = line
        position += 1
        var value: [UInt8] = []
        var segment = position
        while true {
            guard position < bytes.count else { throw CSVError(line: openedOn, .unterminatedQuote(column: column)) }
            let byte = bytes[position]
            if byte == Self.quote {
                value.append(contentsOf: bytes[segment..<position])
                if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                    value.append(Self.quote)
                    position += 2
                    segment = position
                    try check(size: value.count, column: column)
                    continue
                }
                position += 1
                break
            }
            if byte == Self.lf || (byte == Self.cr && !(position + 1 < bytes.count && bytes[position + 1] == Self.lf)) {
                line += 1
            }
            position += 1
            try check(size: value.count + position - segment, column: column)
        }
        try check(size: value.count, column: column)
        if position < bytes.count, bytes[position] != Self.comma, !isLineEnd(bytes[position]) {
            throw CSVError(line: line, .textAfterClosingQuote(column: column))
        }
        return String(decoding: value, as: UTF8.self)
    }

    private func check(size: Int, column: Int) throws(CSVError) {
        if size > limits.maxFieldBytes {
            throw CSVError(line: line, .fieldTooLarge(column: column, limit: limits.maxFieldBytes))
        }
    }

    private func isLineEnd(_ byte: UInt8) -> Bool { byte == Self.lf || byte == Self.cr }

    /// Steps over one CRLF, LF or CR, if one stands here.
    private mutating func skipLineEnd() {
        guard position < bytes.count, isLineEnd(bytes[position]) else { return }
        if bytes[position] == Self.cr, position + 1 < bytes.count, bytes[position + 1] == Self.lf { position += 1 }
        position += 1
        line += 1
    }
}
