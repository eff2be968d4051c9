/// The pieces of a `LinkageTimestamp`, read left to right from ASCII bytes.
struct TimestampScanner {
    private let bytes: [UInt8]
    private var position = 0
    /// Whether the date was written with separators; the time must then be too.
    private var separated = false

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    var atEnd: Bool { position == bytes.count }

    /// `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYYMMDD`.
    mutating func date() -> CivilDate? {
        guard let year = number(4) else { return nil }
        separated = take("-") || take("/")
        let separator = separated ? bytes[position - 1] : nil
        guard let month = number(2) else { return nil }
        if let separator, !take(separator) { return nil }
        guard let day = number(2) else { return nil }
        return CivilDate(year, month, day)
    }

    /// `T09:30:00`, ` 09:30:00`, `093000` (after an unseparated date), with an optional fraction;
    /// answers the second of the day and the fraction.
    mutating func time() -> (Int, Double)? {
        if separated, !(take("T") || take(" ")) { return nil }
        if !separated { _ = take("T") }
        guard let hour = number(2), hour < 24 else { return nil }
        if separated, !take(":") { return nil }
        guard let minute = number(2), minute < 60 else { return nil }
        if separated, !take(":") { return nil }
        guard let second = number(2), second < 60 else { return nil }
        var fraction = 0.0
        if take(".") {
            var scale = 0.1
            let start = position
            while position < bytes.count, let digit = digitValue(bytes[position]) {
                fraction += Double(digit) * scale
                scale /= 10
                position += 1
            }
            guard position > start else { return nil }
        }
        return (hour * 3600 + minute * 60 + second, fraction)
    }

    /// Nothing (Japan), `Z`, `+09:00` or `+0900`: seconds east of UTC.
    mutating func offset() -> Int? {
        if atEnd { return LinkageTimestamp.japanOffset }
        if take("Z") { return 0 }
        let sign: Int
        if take("+") {
            sign = 1
        } else if take("-") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = number(2), hours <= 14 else { return nil }
        _ = take(":")
        guard let minutes = number(2), minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    private mutating func number(_ width: Int) -> Int? {
        guard position + width <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[position..<position + width] {
            guard let digit = digitValue(byte) else { return nil }
            value = value * 10 + digit
        }
        position += width
        return value
    }

    private func digitValue(_ byte: UInt8) -> Int? {
        (0x30...0x39).contains(byte) ? Int(byte - 0x30) : nil
    }

    private mutating func take(_ character: Unicode.Scalar) -> Bool {
        take(UInt8(character.value))
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }
}
