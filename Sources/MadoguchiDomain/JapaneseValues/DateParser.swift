/// Reads dates as residents write them: 西暦 (2025-04-01, 2025/4/1, 2025年4月1日, 20250401)
/// and 和暦 (令和7年4月1日, 令和元年5月1日, R7.4.1, H31/4/30), with full-width digits.
public enum DateParser {
    public enum Failure: Error, Sendable, Hashable {
        /// Not a date format we know.
        case unrecognised
        /// No such day (2月30日, 13月).
        case impossible
        /// The day lies before the era began (令和元年4月30日).
        case beforeEra(JapaneseEra)
        /// The day lies after the era ended (平成32年).
        case afterEra(JapaneseEra)
    }

    public static func parse(_ input: String) -> Result<CivilDate, Failure> {
        // Read as scalars, not Characters: grapheme breaking cost more than the rest of a date field.
        let normalized = TextNormalization.removingSpaces(TextNormalization.asciiDashes(TextNormalization.nfkc(input)))
        var text = Array(normalized.unicodeScalars)[...]
        let era = takeEra(&text)
        if text.last == "日" { text = text.dropLast() }
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: isSeparator)
        let numbers: [ArraySlice<Unicode.Scalar>]
        if parts.count == 3 {
            numbers = parts
        } else if parts.count == 1, era == nil, text.count == 8, number(text) != nil {
            numbers = [text.prefix(4), text.dropFirst(4).prefix(2), text.suffix(2)]
        } else {
            return .failure(.unrecognised)
        }
        guard numbers[1].count <= 2, numbers[2].count <= 2, let month = number(numbers[1]), let day = number(numbers[2])
        else { return .failure(.unrecognised) }
        guard let era else {
            guard numbers[0].count == 4, let year = number(numbers[0]) else { return .failure(.unrecognised) }
            return CivilDate(year, month, day).map { .success($0) } ?? .failure(.impossible)
        }
        let eraYear: Int
        if numbers[0].elementsEqual(["元"]) {
            eraYear = 1
        } else if numbers[0].count <= 2, let value = number(numbers[0]) {
            eraYear = value
        } else {
            return .failure(.unrecognised)
        }
        guard eraYear >= 1, let date = CivilDate(era.gregorianYear(eraYear), month, day) else {
            return .failure(.impossible)
        }
        if date < era.firstDay { return .failure(.beforeEra(era)) }
        if let last = era.lastDay, date > last { return .failure(.afterEra(era)) }
        return .success(date)
    }

    /// The separators between year, month and day: 年, 月, '.', '-', '/'.
    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "年", "月", ".", "-", "/": true
        default: false
        }
    }

    /// The value of one or more ASCII digits (at most 8, so it cannot overflow); nil for anything else.
    private static func number(_ digits: ArraySlice<Unicode.Scalar>) -> Int? {
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value = 0
        for scalar in digits {
            guard scalar.value >= 0x30 && scalar.value <= 0x39 else { return nil }
            value = value * 10 + Int(scalar.value - 0x30)
        }
        return value
    }

    /// Removes a leading era (令和, 令, R, r) from `text` and returns it.
    private static func takeEra(_ text: inout ArraySlice<Unicode.Scalar>) -> JapaneseEra? {
        for era in JapaneseEra.allCases where text.starts(with: era.kanji.unicodeScalars) {
            text = text.dropFirst(2)
            return era
        }
        guard let first = text.first else { return nil }
        // An ASCII letter in either case: R, r, H, h, …
        let letter = first.isASCII ? Unicode.Scalar(UInt8(first.value) | 0x20) : first
        for era in JapaneseEra.allCases
        where first == era.kanji.unicodeScalars.first! || letter == Unicode.Scalar(UInt8(era.latin.utf8.first!) | 0x20)
        {
            text = text.dropFirst()
            return era
        }
        return nil
    }
}
