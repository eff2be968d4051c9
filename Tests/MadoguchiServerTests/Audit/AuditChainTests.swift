import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import VaporTesting

@testable import MadoguchiServer

/// `madoguchi audit verify` names the first broken link after any edit, deletion or reordering.
@Suite struct AuditChainTests {
    /// Five entries in デモ市's chain (and one in テスト町's, which stays intact).
    static func fiveEntries(_ app: Application) async throws {
        let town = LocalGovernmentCode("990027")!
        for index in 1...5 {
            try await app.madoguchi.writer.transaction(on: app.db) { db in
                try await AuditLog.append(
                    .applicationViewed, actor: "staff-\(index)", target: "application-\(index)", tenant: demoCode,
                    at: testNow.addingTimeInterval(Double(index)), on: db.sql)
            }
        }
        try await app.madoguchi.writer.transaction(on: app.db) { db in
            try await AuditLog.append(.signIn, actor: "someone", tenant: town, at: testNow, on: db.sql)
        }
    }

    /// Runs `tamper` with the database's append-only guard lifted (as someone with the database's
    /// own rights could), then verifies.
    static func verify(after tamper: (any SQLDatabase) async throws -> Void) async throws -> [String] {
        var lines: [String] = []
        try await withMadoguchi { app in
            try await fiveEntries(app)
            let sql = app.db.sql
            try await AuditLogGuard.drop(on: sql)
            try await tamper(sql)
            let (found, intact) = try await StaffCommands.verifyAudit(app: app)
            #expect(!intact)
            lines = found
        }
        return lines
    }

    @Test func anIntactChainVerifies() async throws {
        try await withMadoguchi { app in
            try await Self.fiveEntries(app)
            let (lines, intact) = try await StaffCommands.verifyAudit(app: app)
            #expect(intact)
            #expect(lines.contains("990019: 5 entries, chain intact"))
        }
    }

    @Test func theDatabaseRefusesToChangeOrDeleteAnEntry() async throws {
        try await withMadoguchi { app in
            try await Self.fiveEntries(app)
            await #expect(throws: (any Error).self) {
                try await app.db.sql.raw("UPDATE audit_log SET detail = 'x' WHERE sequence = 2").run()
            }
            await #expect(throws: (any Error).self) {
                try await app.db.sql.raw("DELETE FROM audit_log WHERE sequence = 2").run()
            }
        }
    }

    @Test func anEditedEntryIsNamed() async throws {
        let lines = try await Self.verify { sql in
            try await sql.raw(
                "UPDATE audit_log SET actor = 'someone-else' WHERE tenant_code = '990019' AND sequence = 3"
            )
            .run()
        }
        #expect(lines.contains("990019: BROKEN at entry 3: its content does not match its hash (edited)"))
        #expect(lines.contains("990027: 1 entries, chain intact"))
    }

    @Test func aDeletedEntryIsNamed() async throws {
        let lines = try await Self.verify { sql in
            try await sql.raw("DELETE FROM audit_log WHERE tenant_code = '990019' AND sequence = 2").run()
        }
        #expect(lines.contains("990019: BROKEN at entry 2: missing (the next entry found is 3)"))
    }

    @Test func aDeletedLastEntryIsNamed() async throws {
        let lines = try await Self.verify { sql in
            try await sql.raw("DELETE FROM audit_log WHERE tenant_code = '990019' AND sequence = 5").run()
        }
        #expect(lines.contains("990019: BROKEN at entry 5: missing: the chain's head says 5 entries, 4 found"))
    }

    @Test func reorderedEntriesAreNamed() async throws {
        let lines = try await Self.verify { sql in
            // entries 2 and 4 swap places
            for (from, to) in [(2, 100), (4, 2), (100, 4)] {
                try await sql.raw(
                    "UPDATE audit_log SET sequence = \(bind: to) WHERE tenant_code = '990019' AND sequence = \(bind: from)"
                ).run()
            }
        }
        #expect(lines.contains("990019: BROKEN at entry 2: does not link to entry 1"))
    }
}
