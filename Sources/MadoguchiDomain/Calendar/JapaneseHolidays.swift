/// 国民の祝日 (国民の祝日に関する法律, in force since 1948-07-20; dates from 1949 on), with
/// 振替休日 (since 1973-04-12) and 国民の休日 (since 1985-12-27), and the days made holidays by
/// their own laws (皇室の慶弔, 2019 の即位, the Olympic moves of 2020 and 2021).
///
/// Cross-checked in the test command against PyPI `holidays` (its Japan calendar) for 1949–2099.
/// 春分の日 and 秋分の日 are officially fixed only a year ahead, each February (国立天文台 暦要項);
/// the dates here come from the usual approximation of the equinox, so a far-future year is a
/// forecast that an official announcement could still change.
public enum JapaneseHolidays {
    /// The holiday's name, or nil when `date` is not a public holiday.
    public static func name(of date: CivilDate) -> String? {
        if let name = statutory(date) { return name }
        if isSubstitute(date) { return "振替休日" }
        if date >= CivilDate(unchecked: 1985, 12, 27), date.weekday != 0,
            statutory(date.adding(days: -1)) != nil, statutory(date.adding(days: 1)) != nil
        {
            return "国民の休日"
        }
        return nil
    }

    public static func isHoliday(_ date: CivilDate) -> Bool { name(of: date) != nil }

    /// 振替休日: a 祝日 on a Sunday moves to the next day that is not one (before 2007: the Monday).
    private static func isSubstitute(_ date: CivilDate) -> Bool {
        guard date >= CivilDate(unchecked: 1973, 4, 12) else { return false }
        if date < CivilDate(unchecked: 2007, 1, 1) {
            let sunday = date.adding(days: -1)
            return sunday.weekday == 0 && statutory(sunday) != nil
        }
        var day = date.adding(days: -1)
        while statutory(day) != nil {
            if day.weekday == 0 { return true }
            day = day.adding(days: -1)
        }
        return false
    }

    /// The 祝日 the law names for the day (without 振替休日 and 国民の休日).
    static func statutory(_ date: CivilDate) -> String? {
        let (y, m, d) = (date.year, date.month, date.day)
        guard y >= 1949 else { return nil }
        if let special = specialDays[date] { return special }
        switch (m, d) {
        case (1, 1): return "元日"
        case (1, 15) where y <= 1999: return "成人の日"
        case (1, _) where y >= 2000 && date == nthMonday(2, of: 1, in: y): return "成人の日"
        case (2, 11) where y >= 1967: return "建国記念の日"
        case (2, 23) where y >= 2020: return "天皇誕生日"
        case (3, _) where d == vernalEquinoxDay(y): return "春分の日"
        case (4, 29):
            return y <= 1988 ? "天皇誕生日" : y <= 2006 ? "みどりの日" : "昭和の日"
        case (5, 3): return "憲法記念日"
        case (5, 4) where y >= 2007: return "みどりの日"
        case (5, 5): return "こどもの日"
        case (7, 20) where (1996...2002).contains(y): return "海の日"
        case (7, _) where y >= 2003 && y != 2020 && y != 2021 && date == nthMonday(3, of: 7, in: y): return "海の日"
        case (8, 11) where y >= 2016 && y != 2020 && y != 2021: return "山の日"
        case (9, 15) where (1966...2002).contains(y): return "敬老の日"
        case (9, _) where y >= 2003 && date == nthMonday(3, of: 9, in: y): return "敬老の日"
        case (9, _) where d == autumnalEquinoxDay(y): return "秋分の日"
        case (10, 10) where (1966...1999).contains(y): return "体育の日"
        case (10, _) where (2000...2019).contains(y) && date == nthMonday(2, of: 10, in: y): return "体育の日"
        case (10, _) where y >= 2022 && date == nthMonday(2, of: 10, in: y): return "スポーツの日"
        case (11, 3): return "文化の日"
        case (11, 23): return "勤労感謝の日"
        case (12, 23) where (1989...2018).contains(y): return "天皇誕生日"
        default: return nil
        }
    }

    /// Days made holidays by their own laws, and the moves of 2020 and 2021 (東京オリンピック・
    /// パラリンピック特措法).
    private static let specialDays: [CivilDate: String] = [
        CivilDate(unchecked: 1959, 4, 10): "皇太子明仁親王の結婚の儀",
        CivilDate(unchecked: 1989, 2, 24): "昭和天皇の大喪の礼",
        CivilDate(unchecked: 1990, 11, 12): "即位礼正殿の儀",
        CivilDate(unchecked: 1993, 6, 9): "皇太子徳仁親王の結婚の儀",
        CivilDate(unchecked: 2019, 5, 1): "天皇の即位の日",
        CivilDate(unchecked: 2019, 10, 22): "即位礼正殿の儀",
        CivilDate(unchecked: 2020, 7, 23): "海の日",
        CivilDate(unchecked: 2020, 7, 24): "スポーツの日",
        CivilDate(unchecked: 2020, 8, 10): "山の日",
        CivilDate(unchecked: 2021, 7, 22): "海の日",
        CivilDate(unchecked: 2021, 7, 23): "スポーツの日",
        CivilDate(unchecked: 2021, 8, 8): "山の日",
    ]

    /// The `n`th Monday of `month` (ハッピーマンデー).
    static func nthMonday(_ n: Int, of month: Int, in year: Int) -> CivilDate {
        let first = CivilDate(unchecked: year, month, 1)
        let toMonday = (8 - first.weekday) % 7
        return first.adding(days: toMonday + 7 * (n - 1))
    }

    /// The day of March of 春分 (the usual approximation; years 1900–2099).
    static func vernalEquinoxDay(_ year: Int) -> Int {
        equinoxDay(year, base: year < 1980 ? 20.8357 : 20.8431, leapBase: year < 1980 ? 1983 : 1980)
    }

    /// The day of September of 秋分 (the usual approximation; years 1900–2099).
    static func autumnalEquinoxDay(_ year: Int) -> Int {
        equinoxDay(year, base: year < 1980 ? 23.2588 : 23.2488, leapBase: year < 1980 ? 1983 : 1980)
    }

    /// int(base + 0.242194 × (year − 1980) − int((year − leapBase) / 4)), int truncating toward zero.
    private static func equinoxDay(_ year: Int, base: Double, leapBase: Int) -> Int {
        Int(base + 0.242194 * Double(year - 1980) - Double((year - leapBase) / 4))
    }
}
