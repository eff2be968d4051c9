import Foundation
import MadoguchiDomain
import Testing

@Suite struct SerialMatcherTests {
    typealias F = LinkageFixtures

    /// A resident's first certificate, revoked when they moved; and the one issued then.
    let old = SerialMapping(
        serial: F.serial("AA01"), atenaNumber: F.atena("100"), validFrom: F.time("2021-01-01T10:00:00"),
        validUntil: F.time("2026-01-01T23:59:59"), revokedAt: F.time("2024-06-10T09:00:00"))
    let new = SerialMapping(
        serial: F.serial("BB02"), atenaNumber: F.atena("100"), validFrom: F.time("2024-06-10T09:05:00"),
        validUntil: F.time("2029-01-01T23:59:59"))

    func match(_ serial: String, at time: String) -> SerialMatch {
        SerialMatcher.match(serial: F.serial(serial), signedAt: F.time(time), history: [old, new])
    }

    @Test func matchesBySerialAsOfTheSigningTime() {
        // then
        #expect(match("AA01", at: "2023-05-05T12:00:00") == .matched(F.atena("100")))
        #expect(match("BB02", at: "2024-06-10T09:05:00") == .matched(F.atena("100")))
        #expect(match("BB02", at: "2029-01-01T23:59:59.9") == .matched(F.atena("100")))
    }

    @Test func sendsTheRestToStaffWithTheReason() {
        // then
        #expect(match("CC03", at: "2024-01-01T00:00:00") == .unmatched(.unknownSerial))
        #expect(
            match("AA01", at: "2024-06-10T09:00:00")
                == .unmatched(.revokedBeforeSigning(at: F.time("2024-06-10T09:00:00"))))
        #expect(
            match("BB02", at: "2029-01-02T00:00:00")
                == .unmatched(.expiredBeforeSigning(at: F.time("2029-01-01T23:59:59"))))
        #expect(
            match("BB02", at: "2024-06-10T09:04:59")
                == .unmatched(.notYetValidAtSigning(from: F.time("2024-06-10T09:05:00"))))
    }

    @Test func whenRevokedAndExpiredTheEarlierIsTheReason() {
        // given: the old certificate expired in 2026 and was revoked in 2024
        // when
        let result = match("AA01", at: "2027-01-01T00:00:00")
        // then
        #expect(result == .unmatched(.revokedBeforeSigning(at: F.time("2024-06-10T09:00:00"))))
    }

    @Test func everyReasonHasAMessageInBothLanguages() {
        // given
        let reasons: [UnmatchedReason] = [
            .unknownSerial, .revokedBeforeSigning(at: F.time("2024-06-10T09:00:00")),
            .expiredBeforeSigning(at: F.time("2029-01-01T23:59:59")), .notYetValidAtSigning(from: F.time("2024-06-10")),
        ]
        // then
        for reason in reasons {
            // then
            #expect(!reason.message.ja.isEmpty && !reason.message.en.isEmpty)
        }
        #expect(reasons[1].message.ja.contains("2024-06-10 09:00:00"))
        #expect(reasons[2].message.en.contains("2029-01-01 23:59:59 JST"))
    }

    @Test func aLaterMappingFileMatchesWhatWaits() throws {
        // given: two applications wait, one signed with a certificate no file has named yet
        var stored = [old.serial: old]
        let waiting = [
            WaitingApplication(id: "2026-000001-5", serial: F.serial("BB02"), signedAt: F.time("2025-03-03T10:00:00")),
            WaitingApplication(id: "2026-000002-3", serial: F.serial("AA01"), signedAt: F.time("2025-03-03T10:00:00")),
        ]
        #expect(SerialMatcher.rematch(waiting, in: stored) == [:])
        let file = "\(F.mappingHeader)\n100,BB02,2024-06-10T09:05:00,2029-01-01,\n"
        // when
        let plan = SerialMappingPlan.make(file: try SerialMappingFile.parse(file), current: stored)
        plan.apply(to: &stored)
        let matched = SerialMatcher.rematch(waiting.filter { plan.affectedSerials.contains($0.serial) }, in: stored)
        // then: the revoked one still waits
        #expect(matched == ["2026-000001-5": F.atena("100")])
    }
}
