import Foundation

/// Reads and prints the instants of a 紐付 file: validity starts and ends, revocations.
///
/// Accepted: `2026-04-01T09:30:00+09:00` (`Z`, `+0900`, fractions of a second, a space for the
/// `T`, `/` for the `-`), the same without a zone, `20260401093000`, and a date alone
/// (`2026-04-01`, `2026/04/01`, `20260401`). Without a zone the time is Japan's (UTC+9, which
/// has had no daylight saving since 1951).
///
/// A date alone means the day's first second, except where the value ends something (a validity
/// end, `Boundary.end`): then it means the day's last second, since "valid until 2031-05-10" means
/// through that day. X.509 validity is inclusive and has second precision; `SerialMatcher` reads
/// it so.
public enum LinkageTimestamp {
    /// Which second of the day a date alone stands for.
    public enum Boundary: Sendable {
        case start
        case end
    }

    /// Nil when `text` is none of the accepted forms or names no real date and time.
    public static func parse(_ text: String, boundary: Boundary = .start) -> Date? {
        var scanner = TimestampScanner(text)
        guard let date = scanner.date() else { return nil }
        if scanner.atEnd {
            let second = boundary == .start ? 0 : 86_399
            return instant(date, second: second, offset: japanOffset)
        }
        guard let (second, fraction) = scanner.time(), let offset = scanner.offset(), scanner.atEnd else { return nil }
        return instant(date, second: second, offset: offset).addingTimeInterval(fraction)
    }

    /// `2026-04-01 09:30:00` in Japan time, for messages staff read.
    public static func japanTime(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + japanOffset
        let day = CivilDate(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
        let second = seconds - day.dayNumber * 86_400
        return
            "\(day.iso) \((second / 3600).zeroPadded(2)):\((second / 60 % 60).zeroPadded(2)):\((second % 60).zeroPadded(2))"
    }

    static let japanOffset = 9 * 3600

    private static func instant(_ date: CivilDate, second: Int, offset: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86_400 + second - offset))
    }
}
