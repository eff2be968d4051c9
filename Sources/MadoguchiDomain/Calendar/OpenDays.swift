/// 開庁日: the days a municipality's offices are open. By 地方自治法 第4条の2 the offices close on
/// Sundays and Saturdays, on 国民の祝日 (and 振替休日・国民の休日), and on the year-end and New Year
/// days their 条例 names — 12月29日 to 1月3日 almost everywhere, which is the default here. A
/// municipality may also open on a day the rule closes (休日開庁: Saturdays and Sundays of the moving
/// season in March and April) or close on one it opens (臨時閉庁); those dates it lists itself.
public struct OpenDays: Sendable, Hashable {
    /// Closed days besides weekends and holidays, as (month, day) (default: 12/29–1/3).
    public var yearEndClosures: Set<MonthDay>
    /// 休日開庁日: open although the rule says closed.
    public var extraOpenDays: Set<CivilDate>
    /// 臨時閉庁日: closed although the rule says open.
    public var extraClosedDays: Set<CivilDate>

    public struct MonthDay: Sendable, Hashable {
        public var month: Int
        public var day: Int

        public init(_ month: Int, _ day: Int) {
            self.month = month
            self.day = day
        }
    }

    public static let standard = OpenDays(
        yearEndClosures: [.init(12, 29), .init(12, 30), .init(12, 31), .init(1, 1), .init(1, 2), .init(1, 3)])

    public init(
        yearEndClosures: Set<MonthDay>, extraOpenDays: Set<CivilDate> = [], extraClosedDays: Set<CivilDate> = []
    ) {
        self.yearEndClosures = yearEndClosures
        self.extraOpenDays = extraOpenDays
        self.extraClosedDays = extraClosedDays
    }

    /// The standard days with a municipality's own openings and closures.
    public func with(extraOpenDays: Set<CivilDate>, extraClosedDays: Set<CivilDate>) -> OpenDays {
        OpenDays(yearEndClosures: yearEndClosures, extraOpenDays: extraOpenDays, extraClosedDays: extraClosedDays)
    }

    public func isOpen(_ date: CivilDate) -> Bool {
        if extraOpenDays.contains(date) { return true }
        if extraClosedDays.contains(date) { return false }
        return (1...5).contains(date.weekday) && !JapaneseHolidays.isHoliday(date)
            && !yearEndClosures.contains(MonthDay(date.month, date.day))
    }

    /// The `count`th open day after `date` (翌開庁日 for 1); `date` itself never counts.
    public func openDay(_ count: Int, after date: CivilDate) -> CivilDate {
        var day = date
        var remaining = max(count, 0)
        while remaining > 0 {
            day = day.adding(days: 1)
            if isOpen(day) { remaining -= 1 }
        }
        return day
    }
}
