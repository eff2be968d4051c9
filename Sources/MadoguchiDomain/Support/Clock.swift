import Foundation

/// The source of "now", injected so that tests are deterministic.
public protocol WallClock: Sendable {
    func now() -> Date
}

public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

public struct FixedClock: WallClock {
    public let date: Date
    public init(_ date: Date) { self.date = date }
    public func now() -> Date { date }
}

/// The calendar in which municipal dates are reckoned: Gregorian, Asia/Tokyo.
public enum JapanCalendar {
    public static let timeZone = TimeZone(identifier: "Asia/Tokyo")!

    public static let gregorian: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "ja_JP")
        return calendar
    }()

    /// The civil date of `date` in Japan: UTC+9, which Japan has kept without daylight saving since
    /// September 1951 (instants before 1952 go through the time-zone database).
    public static func civilDate(of date: Date) -> CivilDate {
        let seconds = date.timeIntervalSince1970
        guard seconds >= lastDaylightSavingEnd else {
            let parts = gregorian.dateComponents([.year, .month, .day], from: date)
            return CivilDate(unchecked: parts.year!, parts.month!, parts.day!)
        }
        return CivilDate(dayNumber: Int(((seconds + 9 * 3600) / 86400).rounded(.down)))
    }

    /// 1952-01-01 00:00 JST (Unix seconds), after the last daylight saving time in Japan (1951-09).
    static let lastDaylightSavingEnd: TimeInterval = -568_112_400
}
