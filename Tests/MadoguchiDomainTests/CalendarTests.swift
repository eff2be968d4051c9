import Foundation
import MadoguchiDomain
import Testing

/// The whole 1949–2099 calendar is checked against PyPI `holidays` by the test command
/// (crosscheck/test_holidays.py); these are the cases worth reading.
@Suite struct CalendarTests {
    func date(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    @Test(arguments: [
        ("2026-01-12", "成人の日"),  // 2nd Monday of January
        ("2026-05-06", "振替休日"),  // 5/3 on a Sunday moves past 5/4 and 5/5 (since 2007)
        ("2026-09-22", "国民の休日"),  // between 敬老の日 and 秋分の日
        ("2026-09-23", "秋分の日"),
        ("2019-05-01", "天皇の即位の日"),
        ("2019-04-30", "国民の休日"),
        ("2020-07-24", "スポーツの日"),  // moved for the Olympics
        ("1985-09-16", "振替休日"),  // before 2007: the Monday after a Sunday holiday
        ("2027-03-21", "春分の日"),
    ])
    func holidays(iso: String, name: String) {
        #expect(JapaneseHolidays.name(of: date(iso)) == name)
    }

    @Test func anISODateIsDigitsOnly() {
        #expect(CivilDate(iso: "2025-01-01") == CivilDate(2025, 1, 1))
        for text in ["2025-+1-01", "+025-01-01", "2025-01-+1", "2025-1-01", "2025-02-30", "２０２５-01-01"] {
            #expect(CivilDate(iso: text) == nil, "\(text)")
        }
    }

    @Test func ordinaryDaysAreNoHolidays() {
        for iso in ["2026-11-24", "2026-05-07", "2020-10-12", "1987-05-06"] {
            #expect(JapaneseHolidays.name(of: date(iso)) == nil, "\(iso)")
        }
    }

    @Test func officesOpenOnWeekdaysOutsideHolidaysAndTheYearEnd() {
        let calendar = OpenDays.standard
        #expect(calendar.isOpen(date("2026-11-24")))  // Tuesday
        #expect(!calendar.isOpen(date("2026-11-23")))  // 勤労感謝の日
        #expect(!calendar.isOpen(date("2026-11-28")))  // Saturday
        #expect(!calendar.isOpen(date("2026-12-29")))  // Tuesday, but 年末
        #expect(calendar.isOpen(date("2027-01-04")))  // the first open day of the year
        // the next open day
        #expect(calendar.openDay(1, after: date("2026-12-25")) == date("2026-12-28"))
        #expect(calendar.openDay(1, after: date("2026-12-28")) == date("2027-01-04"))
        #expect(calendar.openDay(1, after: date("2026-05-01")) == date("2026-05-07"))  // Golden Week
        #expect(calendar.openDay(2, after: date("2026-11-20")) == date("2026-11-25"))  // past Sat, Sun, 祝日
        #expect(calendar.openDay(0, after: date("2026-11-21")) == date("2026-11-21"))
    }

    @Test func aMunicipalityOpensAndClosesOnItsOwnDays() {
        // given: open on Saturday 2027-03-27 (休日開庁), closed on Monday 2027-03-29 (臨時閉庁)
        let calendar = OpenDays.standard.with(
            extraOpenDays: [date("2027-03-27")], extraClosedDays: [date("2027-03-29")])
        // then
        #expect(calendar.isOpen(date("2027-03-27")))
        #expect(!calendar.isOpen(date("2027-03-28")))  // Sunday stays closed
        #expect(!calendar.isOpen(date("2027-03-29")))
        #expect(calendar.openDay(1, after: date("2027-03-26")) == date("2027-03-27"))
        #expect(calendar.openDay(1, after: date("2027-03-27")) == date("2027-03-30"))
        #expect(OpenDays.standard.openDay(1, after: date("2027-03-26")) == date("2027-03-29"))
    }
}
