import Foundation
import Testing

@testable import MadoguchiServer

@Suite struct ConfigurationTests {
    let base = [
        "MADOGUCHI_SECRET": String(repeating: "s", count: 32), "MADOGUCHI_DATA_DIR": "/tmp/madoguchi-config-test",
    ]

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
