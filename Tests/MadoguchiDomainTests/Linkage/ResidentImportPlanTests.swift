import MadoguchiDomain
import Testing

@Suite struct ResidentImportPlanTests {
    typealias F = LinkageFixtures
    let asOf = F.day("2026-04-01")

    func plan(
        _ text: String, kind: ImportKind? = nil, against register: [AtenaNumber: ResidentRecord]
    )
        throws -> ResidentImportPlan
    {
        ResidentImportPlan.make(file: try F.residents(text, kind: kind), current: register, asOf: asOf)
    }

    func register(_ records: ResidentRecord...) -> [AtenaNumber: ResidentRecord] {
        Dictionary(uniqueKeysWithValues: records.map { ($0.atenaNumber, $0) })
    }

    @Test func aFullFileInsertsUpdatesAndEndsThoseItLeavesOut() throws {
        // given
        let kept = F.resident("1")
        let moved = F.resident("2")
        let gone = F.resident("3")
        var movedNow = moved
        movedNow.address = "東京都千代田区9-9"
        let born = F.resident("4", "山田 花子")
        let text = F.header + "\r\n" + F.row(kept) + F.row(movedNow) + F.row(born)
        // when
        let plan = try plan(text, against: register(kept, moved, gone))
        // then
        #expect(plan.unchanged == 1)
        #expect(
            plan.changes == [
                .update(from: moved, to: movedNow, line: 3, fields: [.address]),
                .insert(born, line: 4, reason: .added),
                .end(gone, reason: .absentFromFullFile),
            ])
        #expect(!plan.endingsWithheld)
    }

    @Test func applyingThePlanLeavesNothingForTheSameFileToDo() throws {
        // given
        var current = register(F.resident("1"), F.resident("3"))
        var renamed = F.resident("1")
        renamed.name = "山田 一郎"
        let text = F.header + "\r\n" + F.row(renamed) + F.row(F.resident("2"))
        // when
        let first = try plan(text, against: current)
        first.apply(to: &current)
        let second = try plan(text, against: current)
        // then
        #expect(first.changes.count == 3)
        #expect(second.isEmpty)
        #expect(second.unchanged == 2)
        #expect(current == register(renamed, F.resident("2")))
    }

    @Test func anIncrementalFileAddsChangesAndDeletesAndLeavesTheRestAlone() throws {
        // given
        let untouched = F.resident("9")
        let changed = F.resident("2")
        let deleted = F.resident("3")
        var changedNow = changed
        changedNow.householdNumber = "900002"
        let added = F.resident("4")
        let text =
            F.incrementalHeader + "\r\n" + F.row(added, change: "追加") + F.row(changedNow, change: "変更")
            + "3,,,,,,,削除\r\n5,,,,,,,削除\r\n"
        var current = register(untouched, changed, deleted)
        // when
        let plan = try plan(text, against: current)
        plan.apply(to: &current)
        // then
        #expect(
            plan.changes == [
                .insert(added, line: 2, reason: .added),
                .update(from: changed, to: changedNow, line: 3, fields: [.householdNumber]),
                .end(deleted, reason: .deleted(line: 4)),
            ])
        #expect(plan.alreadyAbsent == [5])
        #expect(current == register(untouched, changedNow, added))
        #expect(try self.plan(text, against: current).isEmpty)
    }

    @Test func aChangeForSomeoneUnknownIsAnInsertFlaggedForALook() throws {
        // given
        let text = F.incrementalHeader + "\r\n" + F.row(F.resident("7"), change: "U")
        // when
        let plan = try plan(text, against: [:])
        // then
        #expect(plan.changes == [.insert(F.resident("7"), line: 2, reason: .changeOfUnknown)])
    }

    @Test func aFullFileWithBadRowsEndsNoOne() throws {
        // given: line 3 is the person at 2, unreadable; ending them would be wrong
        let text = F.header + "\r\n" + F.row(F.resident("1")) + "2,甲,コウ,not a date,1,住所,\r\n"
        // when
        let plan = try plan(text, against: register(F.resident("1"), F.resident("2"), F.resident("3")))
        // then
        #expect(plan.endingsWithheld)
        #expect(plan.changes == [])
        #expect(plan.errors.map(\.line) == [3])
    }

    @Test func aFullFileWithoutRowsEndsNoOne() throws {
        // given: a header alone, as a failed export leaves it
        // when
        let plan = try plan(F.header + "\r\n", against: register(F.resident("1")))
        // then
        #expect(plan.endingsWithheld)
        #expect(plan.isEmpty)
    }

    @Test func aCompatibilityIdeographChangeIsAChangeThoughSwiftCallsTheStringsEqual() throws {
        // given: 神 (U+795E) in the register, the compatibility ideograph 神 (U+FA19) in the file
        let held = F.resident("1", "\u{795E}田 太郎")
        let now = F.resident("1", "\u{FA19}田 太郎")
        #expect(held.name == now.name)  // canonically equivalent
        // when
        let plan = try plan(F.header + "\r\n" + F.row(now), against: register(held))
        // then
        #expect(plan.changes == [.update(from: held, to: now, line: 2, fields: [.name])])
        #expect(held != now)
    }

    @Test func aBasicFourInformationChangeIsTold() {
        // given
        let before = F.resident("1")
        var after = before
        after.address = "大阪府大阪市北区1-1"
        after.furigana = "ヤマダ タロー"
        // when
        let fields = before.differences(to: after)
        // then
        #expect(fields == [.furigana, .address])
        #expect(fields.filter(\.isBasicFourInformation) == [.address])
    }
}
