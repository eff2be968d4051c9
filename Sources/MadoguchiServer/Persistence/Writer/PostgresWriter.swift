import Fluent
import Foundation
import Logging
import MadoguchiDomain
import SQLKit

/// The PostgreSQL writer. It runs on one event loop (`EventLoopExecutor`), the loop its database
/// connection answers on, and keeps one connection while there is work. Batches overlap on it: the
/// next batch's BEGIN and lookups are sent right behind the current batch's COMMIT, so the
/// connection never waits for the writer between batches (`BatchWrite` explains the order that
/// makes this safe).
actor PostgresWriter: DatabaseWriter {
    private let database: any Database
    private let logger: Logger
    private let executor: EventLoopExecutor
    private var queue: WriteQueue
    private var writing = false

    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// `database` must be bound to `executor`'s event loop (`app.databases.database(on:)`).
    init(database: any Database, executor: EventLoopExecutor, logger: Logger, maxBatch: Int = 256) {
        self.database = database
        self.executor = executor
        self.logger = logger
        self.queue = WriteQueue(maxBatch: maxBatch)
    }

    func prepare(on database: any SQLDatabase) async throws {}

    /// PostgreSQL locks rows, not the database: the pool's writes need not wait for the writer.
    nonisolated func inTurn<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await body()
    }

    /// No commit delay here: a PostgreSQL commit is a round trip that overlaps the next batch's
    /// start (`BatchWrite`), not an fsync the writer waits for on its own.
    nonisolated func submit(
        preparing prepare: () throws -> PendingApplication?, answer: @escaping WriterAnswer
    ) throws
        -> Bool
    {
        guard let application = try prepare() else { return false }
        Task(executorPreference: executor) { await self.enqueue(application, answer) }
        return true
    }

    private func enqueue(_ application: PendingApplication, _ answer: @escaping WriterAnswer) {
        queue.append(application, answer)
        if !writing {
            writing = true
            Task(executorPreference: executor) { await self.drain() }
        }
    }

    /// Writes until nothing is waiting, on one connection.
    private func drain() async {
        while !queue.isEmpty {
            do {
                try await database.withConnection { connection in
                    connection.eventLoop.makeFutureWithTask(on: self.executor) {
                        guard let sql = connection as? any SQLDatabase else { throw WriterError.notSQL }
                        await self.writeAll(on: sql)
                    }
                }.get()
            } catch {
                // No connection (the database is unreachable): every caller waiting gets the error.
                logger.error("intake writer got no database connection: \(String(reflecting: type(of: error)))")
                queue.failAll(error)
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
            queue.retry(WriteQueue.answer(current.entries, outcome, logger: logger))
            if next == nil { next = startBatch(on: sql) }
        }
    }

    /// Takes the next batch off the queue and sends its first statements.
    private func startBatch(on sql: any SQLDatabase) -> (entries: [WriteQueue.Entry], write: BatchWrite.Started)? {
        guard let entries = queue.next() else { return nil }
        return (entries, BatchWrite.start(entries.map(\.application), on: sql))
    }
}
