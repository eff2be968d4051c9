import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor

@testable import MadoguchiServer

@Suite struct WriterRetryTests {
    struct Locked: Error, CustomStringConvertible {
        var description: String { "Error: busyInSnapshot: database is locked" }
    }

    @Test func aTransactionRefusedBecauseAnotherProcessWroteIsRunAgain() async throws {
        try await withMadoguchi { app in
            // given: a transaction refused twice as SQLite refuses a stale snapshot's write
            let attempts = NIOLockedValueBox(0)
            // when
            let result = try await app.madoguchi.writer.transaction(on: app.db) { _ in
                let attempt = attempts.withLockedValue { value in
                    value += 1
                    return value
                }
                if attempt < 3 { throw Locked() }
                return attempt
            }
            // then: run again until it went through; other errors are not retried
            #expect(result == 3)
            await #expect(throws: AppError.self) {
                try await app.madoguchi.writer.transaction(on: app.db) { _ -> Int in
                    attempts.withLockedValue { $0 += 1 }
                    throw AppError.applicationNotFound
                }
            }
            #expect(attempts.withLockedValue { $0 } == 4)
        }
    }
}
