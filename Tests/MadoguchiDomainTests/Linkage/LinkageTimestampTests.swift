import Foundation
import MadoguchiDomain
import Testing

@Suite struct LinkageTimestampTests {
    /// 2026-04-01 09:30:00 JST as Unix seconds.
    static let morning: TimeInterval = 1_775_003_400

    @Test(arguments: [
        "2026-04-01T09:30:00+09:00", "2026-04-01T00:30:00Z", "2026-04-01 09:30:00", "2026/04/01 09:30:00",
        "20260401093000", "2026-04-01T09:30:00+0900", "2026-03-31T19:30:00-05:00",
    ])
    func readsTheUsualFormsAndJapanTimeWithoutAZone(text: String) {
        // then
        #expect(LinkageTimestamp.parse(text)?.timeIntervalSince1970 == Self.morning)
    }

    @Test func aDateAloneIsTheDaysFirstOrLastSecondInJapan() throws {
        // when
        let start = try #require(LinkageTimestamp.parse("2026-04-01"))
        let end = try #require(LinkageTimestamp.parse("20260401", boundary: .end))
        // then
        #expect(LinkageTimestamp.japanTime(start) == "2026-04-01 00:00:00")
        #expect(LinkageTimestamp.japanTime(end) == "2026-04-01 23:59:59")
    }

    @Test func keepsFractionsOfASecond() {
        // then
        #expect(LinkageTimestamp.parse("2026-04-01T09:30:00.25+09:00")?.timeIntervalSince1970 == Self.morning + 0.25)
    }

    @Test(arguments: [
        "2026-02-30", "2026-04-01T24:00:00", "2026-04-01T09:30", "2026-04-01 09:30:00 JST", "2026-4-1", "R8.4.1",
        "2026-04-01T093000", "", "2026-04-01T09:30:00.",
    ])
    func refusesAnythingElse(text: String) {
        // then
        #expect(LinkageTimestamp.parse(text) == nil)
    }
}
