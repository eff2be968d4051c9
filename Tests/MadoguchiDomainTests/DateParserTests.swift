import Foundation
import MadoguchiDomain
import Testing

@Suite struct DateParserTests {
    @Test(arguments: [
        ("令和7年4月1日", "2025-04-01"),
        ("令和７年４月１日", "2025-04-01"),
        ("R7.4.1", "2025-04-01"),
        ("r07/04/01", "2025-04-01"),
        ("Ｒ７．４．１", "2025-04-01"),
        ("平成31年4月30日", "2019-04-30"),
        ("令和元年5月1日", "2019-05-01"),
        ("H1.1.8", "1989-01-08"),
        ("昭和64年1月7日", "1989-01-07"),
        ("昭和 50年 3月 3日", "1975-03-03"),
        ("2025-04-01", "2025-04-01"),
        ("2025/4/1", "2025-04-01"),
        ("2025年4月1日", "2025-04-01"),
        ("20250401", "2025-04-01"),
        ("２０２４－０２－２９", "2024-02-29"),
    ])
    func acceptsWesternAndJapaneseDates(input: String, iso: String) throws {
        // when
        let date = try DateParser.parse(input).get()
        // then
        #expect(date.iso == iso)
    }

    @Test func rejectsYearsPastTheEraEnd() {
        #expect(DateParser.parse("平成32年4月1日") == .failure(.afterEra(.heisei)))
        #expect(DateParser.parse("平成31年5月1日") == .failure(.afterEra(.heisei)))
        #expect(DateParser.parse("昭和64年1月8日") == .failure(.afterEra(.showa)))
    }

    @Test func rejectsDaysBeforeTheEraBegan() {
        #expect(DateParser.parse("令和元年4月30日") == .failure(.beforeEra(.reiwa)))
        #expect(DateParser.parse("平成元年1月7日") == .failure(.beforeEra(.heisei)))
    }

    @Test func rejectsImpossibleAndUnknownInput() {
        #expect(DateParser.parse("2023-02-29") == .failure(.impossible))
        #expect(DateParser.parse("令和7年13月1日") == .failure(.impossible))
        #expect(DateParser.parse("令和0年1月1日") == .failure(.impossible))
        #expect(DateParser.parse("きのう") == .failure(.unrecognised))
        #expect(DateParser.parse("") == .failure(.unrecognised))
        #expect(DateParser.parse("X7.4.1") == .failure(.unrecognised))
    }

    @Test func rendersWareki() {
        #expect(CivilDate(2019, 5, 1)!.wareki == "令和元年5月1日")
        #expect(CivilDate(2025, 4, 1)!.wareki == "令和7年4月1日")
        #expect(CivilDate(1989, 1, 7)!.wareki == "昭和64年1月7日")
    }

    @Test func dayNumbersRoundTripAndKnowTheWeekday() {
        let date = CivilDate(2026, 11, 23)!
        #expect(CivilDate(dayNumber: date.dayNumber) == date)
        #expect(date.weekday == 1)  // Monday
        #expect(CivilDate(2024, 2, 28)!.adding(days: 1) == CivilDate(2024, 2, 29)!)
        #expect(CivilDate(1970, 1, 1)!.dayNumber == 0)
    }
}

@Suite struct JapanCalendarTests {
    @Test func theCivilDateInJapanIsWhatTheTimeZoneDatabaseSays() {
        // given: instants from 1900 to 2100, every few days at a varying hour, and each side of
        // midnight in Japan
        var instants: [Date] = []
        var seconds: TimeInterval = -2_208_988_800  // 1900-01-01T00:00Z
        while seconds < 4_102_444_800 {  // 2100-01-01T00:00Z
            instants.append(Date(timeIntervalSince1970: seconds))
            seconds += 3 * 86_400 + 3_607
        }
        let midnight = Date(timeIntervalSince1970: 1_795_446_000)  // 2026-11-24T00:00+09:00
        instants += [midnight, midnight.addingTimeInterval(-1), midnight.addingTimeInterval(-0.001)]
        // then: the arithmetic agrees with Foundation's Asia/Tokyo calendar on every one
        for instant in instants {
            let parts = JapanCalendar.gregorian.dateComponents([.year, .month, .day], from: instant)
            let expected = CivilDate(parts.year!, parts.month!, parts.day!)
            #expect(JapanCalendar.civilDate(of: instant) == expected, "\(instant)")
        }
        #expect(JapanCalendar.civilDate(of: midnight).iso == "2026-11-24")
        #expect(JapanCalendar.civilDate(of: midnight.addingTimeInterval(-1)).iso == "2026-11-23")
    }
}
