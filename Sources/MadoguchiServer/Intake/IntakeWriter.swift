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
    /// SHA-256 of the web form session's idempotency key: the drafts saved from that form are
    /// deleted in the same transaction (they hold personal data no longer needed).
    var draftSession: String? = nil
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
/// on, and keeps one connection while there is work. Batches overlap on it: the next batch's BEGIN
/// and lookups are sent right behind the current batch's COMMIT, so the connection never waits for
/// the writer between batches (`BatchWrite` explains the order that makes this safe).
actor IntakeWriter {
    private struct Entry {
        var application: PendingApplication
        var continuation: CheckedContinuation<StoredApplication, any Error>
        /// Set once it was in a batch that failed: it is then written in a batch of its own.
        var alone = false
    }

    private let database: any Database
    private let logger: Logger
    private let maxBatch: Int
    private let executor: EventLoopExecutor
    private var pending: [Entry] = []
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
            pending.append(Entry(application: application, continuation: continuation))
            if !writing {
                writing = true
                Task(executorPreference: executor) { await self.drain() }
            }
        }
    }

    /// Writes until nothing is waiting, on one connection.
    private func drain() async {
        while !pending.isEmpty {
            do {
                try await database.withConnection { connection in
                    connection.eventLoop.makeFutureWithTask(on: self.executor) {
                        guard let sql = connection as? any SQLDatabase else { throw IntakeWriterError.notSQL }
                        await self.writeAll(on: sql)
                    }
                }.get()
            } catch {
                // No connection (the database is unreachable): every caller waiting gets the error.
                logger.error("intake writer got no database connection: \(String(reflecting: type(of: error)))")
                let failed = pending
                pending = []
                for entry in failed { entry.continuation.resume(throwing: error) }
            }
        }
        writing = false
    }

    private func writeAll(on sql: any SQLDatabase) async {
        var next = startBatch(on: sql)
        while let current = next {
            next = nil
            let outcome: Result<[StoredApplication], any Error>
            do {
                let committing = try await current.write.sendRest()
                next = startBatch(on: sql)  // behind this batch's COMMIT
                outcome = .success(try await committing.results())
            } catch {
                outcome = .failure(error)
                if next == nil {
                    // Nothing queued behind the failed batch: make sure its transaction is over (a
                    // failed COMMIT can leave it open; a batch queued behind it would find it open at
                    // BEGIN and roll it back). A ROLLBACK with no transaction open fails harmlessly.
                    _ = try? await BatchWrite.send("ROLLBACK", on: sql).get()
                }
            }
            settle(current.entries, outcome)
            if next == nil { next = startBatch(on: sql) }
        }
    }

    /// Takes the next batch off the queue and sends its first statements.
    private func startBatch(on sql: any SQLDatabase) -> (entries: [Entry], write: BatchWrite.Started)? {
        guard let first = pending.first else { return nil }
        let count = first.alone ? 1 : pending.prefix(maxBatch).prefix { !$0.alone }.count
        let entries = Array(pending.prefix(count))
        pending.removeFirst(count)
        return (entries, BatchWrite.start(entries.map(\.application), on: sql))
    }

    /// Answers the callers of a written batch. A failed batch is not failed as a whole: one bad
    /// apple (an idempotency key raced in from another server) must not fail the others, so each is
    /// written once more on its own, and a retried duplicate then finds the committed application.
    private func settle(_ entries: [Entry], _ outcome: Result<[StoredApplication], any Error>) {
        switch outcome {
        case .success(let stored):
            for (entry, result) in zip(entries, stored) { entry.continuation.resume(returning: result) }
        case .failure(let error) where entries.allSatisfy(\.alone):
            for entry in entries { entry.continuation.resume(throwing: error) }
        case .failure(let error):
            logger.warning(
                "batch of \(entries.count) failed; each is written again on its own: \(String(reflecting: type(of: error)))"
            )
            pending.insert(
                contentsOf: entries.map {
                    Entry(application: $0.application, continuation: $0.continuation, alone: true)
                }, at: 0)
        }
    }
}

enum IntakeWriterError: Error {
    case notSQL
    case noCounterRow
    case receiptNumbersExhausted
}
