import Foundation
import Testing

@testable import MadoguchiServer

@Suite struct ConfigurationTests {
    let base = [
        "MADOGUCHI_SECRET": String(repeating: "s", count: 32), "MADOGUCHI_DATA_DIR": "/tmp/madoguchi-config-test",
        "MADOGUCHI_NUMBER_KEYS": "k1:" + Data(repeating: 1, count: 32).base64EncodedString(),
    ]

    @Test func productionNeedsAKeyFor個人番号AndTheLastKeySeals() throws {
        // given
        var production = base.merging(["MADOGUCHI_ENV": "production"]) { $1 }
        production["MADOGUCHI_NUMBER_KEYS"] = nil
        // then: refused without one, naming the variables
        let error = #expect(throws: AppConfig.Invalid.self) { try AppConfig.fromEnvironment(production) }
        #expect(error?.description.contains("MADOGUCHI_NUMBER_KEYS") == true)
        // and: a key that is not 32 bytes is refused too
        production["MADOGUCHI_NUMBER_KEYS"] = "k1:c2hvcnQ="
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.fromEnvironment(production) }
        // and: of two keys, the last seals and both open
        let two =
            "old:" + Data(repeating: 1, count: 32).base64EncodedString() + ",new:"
            + Data(repeating: 2, count: 32).base64EncodedString()
        production["MADOGUCHI_NUMBER_KEYS"] = two
        let config = try AppConfig.fromEnvironment(production)
        let vault = NumberVault(keys: config.numberKeys)
        #expect(vault.current.id == "new")
        let old = NumberVault(keys: [config.numberKeys[0]]).seal("123456789018", tenant: "990019")
        #expect(vault.open(old, tenant: "990019") == "123456789018")
        #expect(vault.open(old, tenant: "990027") == nil)
        #expect(!old.contains("12345678"))
        #expect(NumberVault.masked(old) == "●●●● ●●●● 9018")
    }

    @Test func theFreeSpaceKeptForTheDatabaseIsAGigabyteUnlessSet() throws {
        // when
        let standard = try AppConfig.fromEnvironment(base)
        let set = try AppConfig.fromEnvironment(base.merging(["MADOGUCHI_MIN_FREE_MB": "200"]) { $1 })
        // then
        #expect(standard.minimumFreeBytes == 1024 * 1_048_576)
        #expect(set.minimumFreeBytes == 200 * 1_048_576)
    }

    @Test(arguments: ["-1", "1GB", ""])
    func aFreeSpaceThatIsNotAWholeNumberStopsTheServerNamingTheVariable(value: String) {
        // when
        let error = #expect(throws: AppConfig.Invalid.self) {
            try AppConfig.fromEnvironment(base.merging(["MADOGUCHI_MIN_FREE_MB": value]) { $1 })
        }
        // then
        #expect(error?.description.contains("MADOGUCHI_MIN_FREE_MB") == true)
    }

    @Test func productionRefusesTheTraceLogLevel() throws {
        // when: trace logs SQL with its values and whole request heads
        let error = #expect(throws: AppConfig.Invalid.self) {
            try AppConfig.fromEnvironment(base.merging(["MADOGUCHI_ENV": "production", "LOG_LEVEL": "TRACE"]) { $1 })
        }
        // then: production refuses it, naming the variable; development keeps it for debugging
        #expect(error?.description.contains("LOG_LEVEL") == true)
        #expect(throws: Never.self) {
            try AppConfig.fromEnvironment(base.merging(["MADOGUCHI_ENV": "production", "LOG_LEVEL": "debug"]) { $1 })
        }
        #expect(throws: Never.self) { try AppConfig.fromEnvironment(base.merging(["LOG_LEVEL": "trace"]) { $1 }) }
    }

    @Test func theCommitDelayIsAMillisecondOrSixteenWaitingUnlessSet() throws {
        // when
        let standard = try AppConfig.fromEnvironment(base)
        let set = try AppConfig.fromEnvironment(
            base.merging(["MADOGUCHI_COMMIT_DELAY_US": "0", "MADOGUCHI_COMMIT_ENOUGH": "64"]) { $1 })
        // then
        #expect((standard.commitDelayMicroseconds, standard.commitEnough) == (1000, 16))
        #expect((set.commitDelayMicroseconds, set.commitEnough) == (0, 64))
    }

    @Test(arguments: [
        ("MADOGUCHI_COMMIT_DELAY_US", "-1"), ("MADOGUCHI_COMMIT_DELAY_US", "100001"),
        ("MADOGUCHI_COMMIT_DELAY_US", "1ms"),
        ("MADOGUCHI_COMMIT_ENOUGH", "0"), ("MADOGUCHI_COMMIT_ENOUGH", "257"),
    ])
    func aCommitDelayOutOfRangeStopsTheServerNamingTheVariable(name: String, value: String) {
        // when
        let error = #expect(throws: AppConfig.Invalid.self) {
            try AppConfig.fromEnvironment(base.merging([name: value]) { $1 })
        }
        // then
        #expect(error?.description.contains(name) == true)
    }
}
