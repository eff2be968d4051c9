import Fluent
import Foundation
import Logging
import MadoguchiDomain
import SQLKit

/// An application ready to be stored: validated, with everything but its 受付番号.
struct PendingApplication: Sendable {
    var tenant: LocalGovernmentCode
    var procedureID: String
    var procedureVersion: String
    var channel: IntakeChannel
    /// The validated data as stored (FormDataCoding), encoded once by the caller.
    var encodedData: String
    var idempotencyKey: String?
    /// SHA-256 of procedure, version and data: a repeated key must come with the same request.
    var requestDigest: String
    var submittedAt: Date
    /// The year (JST) the 受付番号 is counted in.
    var receiptYear: Int
}

/// What the store answers once the application is durable.
struct StoredApplication: Sendable, Equatable {
    var id: UUID
    var receiptNumber: ReceiptNumber
    var submittedAt: Date
    /// False when an earlier submission with the same idempotency key was returned instead.
    var created: Bool
    /// True when the idempotency key was used before for a different request (nothing stored).
    var conflict: Bool = false
}

/// Group commit: submissions that arrive while a transaction is being written wait and are written
/// together in the next one. Each caller is answered only after the transaction holding its
/// application has committed, so an acknowledged application survives a crash, while the commit
/// (fsync) cost is shared by the whole batch.
///
/// The writer runs on one event loop (`EventLoopExecutor`), the loop its database connection answers
/// on, so the round trips of a batch never wait behind request work on the shared pool.
actor IntakeWriter {
    private let database: any Database
    private let logger: Logger
    private let maxBatch: Int
    private let executor: EventLoopExecutor
    private var pending:
        [(application: PendingApplication, continuation: CheckedContinuation<StoredApplication, any Error>)] = []
    private var writing = false

    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// `database` must be bound to `executor`'s event loop (`app.databases.database(on:)`).
    init(database: any Database, executor: EventLoopExecutor, logger: Logger, maxBatch: Int = 256) {
        self.database = database
        self.executor = executor
        self.logger = logger
        self.maxBatch = maxBatch
    }

    /// Settings for the writer's own SQLite connection (its pool holds exactly one): the statement
    /// journal that a multi-row INSERT inside a transaction keeps goes to memory, not to a temp file
    /// written page by page on every batch.
    func prepare() async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA temp_store = MEMORY").run()
    }

    func submit(_ application: PendingApplication) async throws -> StoredApplication {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((application, continuation))
            if !writing {
                writing = true
                Task(executorPreference: executor) { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            do {
                let stored = try await Self.write(batch.map(\.application), on: database, executor: executor)
                for (entry, result) in zip(batch, stored) { entry.continuation.resume(returning: result) }
            } catch {
                // One bad apple (an idempotency key raced in from another process, a busy SQLite
                // snapshot) must not fail the others: write each once more on its own. A retried
                // duplicate then finds the committed application and returns it.
                logger.warning(
                    "batch of \(batch.count) failed; retrying one by one: \(String(reflecting: type(of: error)))")
                for entry in batch {
                    do {
                        let stored = try await Self.write([entry.application], on: database, executor: executor)
                        entry.continuation.resume(returning: stored[0])
                    } catch {
                        entry.continuation.resume(throwing: error)
                    }
                }
            }
        }
        writing = false
    }
}

enum IntakeWriterError: Error {
    case notSQL
    case noCounterRow
    case receiptNumbersExhausted
}
