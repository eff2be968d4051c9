import MadoguchiDomain
import Testing

@Suite struct SerialMappingTests {
    typealias F = LinkageFixtures

    @Test func readsRowsToCanonicalSerialsAndInstants() throws {
        // given
        let text = """
            \(F.mappingHeader)\r
            0000012345,0a:1b:2c,2026-04-01T09:00:00+09:00,2031-01-02,\r
            0000012345,0x00FF,2021-01-01,2026-01-01,2026-04-01 08:59:59\r

            """
        // when
        let file = try SerialMappingFile.parse(text)
        // then
        #expect(file.errors == [])
        #expect(file.kind == .full)
        #expect(file.serials == [F.serial("A1B2C"), F.serial("FF")])
        let first = try #require(file.rows.first?.mapping)
        #expect(first.validFrom == F.time("2026-04-01T09:00:00"))
        #expect(first.validUntil == F.time("2031-01-02T23:59:59"))
        #expect(first.revokedAt == nil)
        #expect(file.rows[1].mapping?.revokedAt == F.time("2026-04-01T08:59:59"))
    }

    @Test func listsBadRows() throws {
        // given
        let text = """
            宛名番号,serial_number,valid_from,valid_until,revoked_at,区分
            1,XYZ,2026-04-01,,,追加
            1,AB,someday,,,追加
            1,AC,2026-04-01,2026-03-31,,追加
            1,AD,2026-04-01,,2026-03-01,追加
            ,AE,2026-04-01,,,追加
            ,AF,,,,削除
            """
        // when
        let file = try SerialMappingFile.parse(text)
        // then
        #expect(
            file.errors == [
                LinkageRowError(line: 2, .serialNumber),
                LinkageRowError(line: 3, .timestamp(.validFrom)),
                LinkageRowError(line: 4, .validityEndsBeforeStart),
                LinkageRowError(line: 5, .revokedBeforeValidity),
                LinkageRowError(line: 6, .missingValue(.atenaNumber)),
            ])
        #expect(file.rows.map(\.serial) == [F.serial("AF")])
    }

    @Test func aSerialOnTwoRowsIsTakenFromNeither() throws {
        // given: the same serial spelt two ways
        let text = "\(F.mappingHeader)\n1,0A:0B,2026-04-01,,\n2,a0b,2026-04-01,,\n"
        // when
        let file = try SerialMappingFile.parse(text)
        // then
        #expect(file.rows.isEmpty)
        #expect(file.errors.map(\.problem) == [.duplicateKey(lines: [2, 3]), .duplicateKey(lines: [2, 3])])
    }

    @Test func historyAcrossABasicFourInformationChangeIsKeptAndTheSerialStaysWithItsOwner() throws {
        // given: a resident's first certificate; then they move, the old one is revoked and a new one issued
        var stored: [CertificateSerial: SerialMapping] = [:]
        let first = "\(F.mappingHeader)\n100,AA01,2021-01-01T10:00:00,2026-01-01,\n"
        let afterMove =
            "\(F.mappingHeader),区分\n100,AA01,2021-01-01T10:00:00,2026-01-01,2024-06-10T09:00:00,変更\n"
            + "100,BB02,2024-06-10T09:05:00,2029-01-01,,追加\n"
        // when
        SerialMappingPlan.make(file: try SerialMappingFile.parse(first), current: stored).apply(to: &stored)
        let plan = SerialMappingPlan.make(file: try SerialMappingFile.parse(afterMove), current: stored)
        plan.apply(to: &stored)
        // then: both serials stay, the old one revoked
        #expect(plan.changes.count == 2)
        #expect(plan.affectedSerials == [F.serial("AA01"), F.serial("BB02")])
        #expect(stored.count == 2)
        #expect(stored[F.serial("AA01")]?.revokedAt == F.time("2024-06-10T09:00:00"))
        #expect(Set(stored.values.map(\.atenaNumber)) == [F.atena("100")])
        // and: the same file again changes nothing
        #expect(SerialMappingPlan.make(file: try SerialMappingFile.parse(afterMove), current: stored).isEmpty)
    }

    @Test func aSerialCannotMoveToAnotherAtenaNumber() throws {
        // given
        let held = SerialMapping(serial: F.serial("AA01"), atenaNumber: F.atena("100"), validFrom: F.time("2021-01-01"))
        let text = "\(F.mappingHeader)\n200,AA01,2021-01-01,,\n201,CC03,2021-01-01,,\n"
        // when
        let plan = SerialMappingPlan.make(file: try SerialMappingFile.parse(text), current: [held.serial: held])
        // then
        #expect(plan.errors == [LinkageRowError(line: 2, .serialHeldByAnother(F.atena("100")))])
        #expect(plan.changes.map(\.serial) == [F.serial("CC03")])
        #expect(plan.errors[0].message.ja.contains("宛名番号 100"))
    }

    @Test func aFullFileNeverRemovesHistoryAndADeleteRowWithdrawsAnEntry() throws {
        // given
        let old = SerialMapping(serial: F.serial("AA01"), atenaNumber: F.atena("100"), validFrom: F.time("2021-01-01"))
        let wrong = SerialMapping(serial: F.serial("EE"), atenaNumber: F.atena("100"), validFrom: F.time("2024-01-01"))
        var stored = [old.serial: old, wrong.serial: wrong]
        let full = "\(F.mappingHeader)\n100,BB02,2024-06-10,,\n"
        let withdrawal = "\(F.mappingHeader),区分\n,EE,,,,D\n,FF,,,,D\n"
        // when
        let fullPlan = SerialMappingPlan.make(file: try SerialMappingFile.parse(full), current: stored)
        fullPlan.apply(to: &stored)
        let withdrawalPlan = SerialMappingPlan.make(file: try SerialMappingFile.parse(withdrawal), current: stored)
        withdrawalPlan.apply(to: &stored)
        // then
        #expect(fullPlan.changes.map(\.serial) == [F.serial("BB02")])
        #expect(withdrawalPlan.changes == [.remove(wrong, line: 2)])
        #expect(withdrawalPlan.alreadyAbsent == [3])
        #expect(Set(stored.keys) == [F.serial("AA01"), F.serial("BB02")])
    }
}
