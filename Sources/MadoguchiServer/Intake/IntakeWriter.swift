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
    /// SHA-256 of each file the application refers to: recorded in `attachment_files` in the same
    /// transaction, so that no file an application refers to is ever swept away.
    var attachments: [String] = []
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
/// Two writers: `SQLiteIntakeWriter` (the embedded database, through SQLite's C API on a thread of
/// its own) and `IntakeWriter` (PostgreSQL, through SQLKit). `BatchPlan` decides what both write.
protocol ApplicationWriter: Sendable {
    /// Gets ready to write, after the database is migrated.
    func prepare(on database: any SQLDatabase) async throws
    /// Stores the application that `prepare` makes (on the caller's thread: validation, encoding)
    /// and calls `answer` once it is committed, or could not be; answers false, storing nothing,
    /// when `prepare` answers nil. While `prepare` runs, the writer counts the submission as on its
    /// way, so that a batch may wait a moment for it (`CommitDelay`). `answer` runs on the writer's
    /// own thread and must be quick (resume a task, complete a promise).
    func submit(preparing prepare: () throws -> PendingApplication?, answer: @escaping WriterAnswer) throws -> Bool
    /// Runs `body`, which writes through the request pool, when the writer is between batches. On
    /// SQLite, where one connection writes at a time, this takes turns fairly with the intake batches;
    /// otherwise the writer's batches, taking the write lock one right after the other, would keep
    /// the pool's writes waiting. `body` must not submit through this writer: the writer waits for it.
    func exclusive<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T
}

/// What becomes of a submission the writer took: stored (once committed), or the error.
typealias WriterAnswer = @Sendable (Result<StoredApplication, any Error>) -> Void

extension ApplicationWriter {
    /// Stores the application that `prepare` makes and answers once it is committed; nil, storing
    /// nothing, when `prepare` answers nil.
    func submit(preparing prepare: () throws -> PendingApplication?) async throws -> StoredApplication? {
        try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<StoredApplication?, any Error>) in
            do {
                let taken = try submit(preparing: prepare) { continuation.resume(with: $0.map { $0 }) }
                if !taken { continuation.resume(returning: nil) }
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }

    /// Stores `application`; answers once it is committed.
    func submit(_ application: PendingApplication) async throws -> StoredApplication {
        try await submit(preparing: { application })!
    }
}

/// How long a batch may wait for submissions on their way before it is committed (group commit
/// delay, as MySQL's `binlog_group_commit_sync_delay` and PostgreSQL's `commit_delay`).
///
/// Every commit costs an fsync and writes the pages it changed; the more submissions share one, the
/// less each pays. Under load the next batch is ready the moment the last commit ends and would be
/// small; waiting up to a millisecond lets the submissions being validated right now join it. The
/// wait starts only while submissions arrive together (one is being validated, or the last batch
/// held more than one), so a lone resident does not wait; it ends as soon as `enough` are queued,
/// and never lasts longer than `maximum`. Only the SQLite writer waits.
struct CommitDelay: Sendable, Equatable {
    var maximum: Duration
    var enough: Int

    static let none = CommitDelay(maximum: .zero, enough: 1)
}

/// The submissions waiting for a writer, and what becomes of a written batch.
struct WriteQueue: ~Copyable {
    struct Entry {
        var application: PendingApplication
        var answer: WriterAnswer
        /// Set once it was in a batch that failed: it is then written in a batch of its own.
        var alone = false
    }

    private var pending: [Entry] = []
    let maxBatch: Int

    init(maxBatch: Int) {
        self.maxBatch = maxBatch
    }

    var isEmpty: Bool { pending.isEmpty }
    var count: Int { pending.count }

    mutating func append(_ application: PendingApplication, _ answer: @escaping WriterAnswer) {
        pending.append(Entry(application: application, answer: answer))
    }

    /// The next batch: what is waiting, up to `maxBatch`, or one application alone that failed in a
    /// batch before.
    mutating func next() -> [Entry]? {
        guard let first = pending.first else { return nil }
        let count = first.alone ? 1 : pending.prefix(maxBatch).prefix { !$0.alone }.count
        if count == pending.count {
            // The usual case: everything waiting. Taken whole, not copied entry by entry.
            var entries: [Entry] = []
            swap(&entries, &pending)
            pending.reserveCapacity(entries.count)
            return entries
        }
        let entries = Array(pending.prefix(count))
        pending.removeFirst(count)
        return entries
    }

    /// Answers the callers of a written batch; returns the entries to write again instead. A failed
    /// batch is not failed as a whole: one bad apple (an idempotency key raced in from another
    /// server) must not fail the others, so each is written once more on its own (`retry`), and a
    /// retried duplicate then finds the committed application. Called without the writer's lock:
    /// the answers do a little work (the API makes its response in them).
    static func answer(
        _ entries: [Entry], _ outcome: Result<[StoredApplication], any Error>, logger: Logger
    )
        -> [Entry]
    {
        switch outcome {
        case .success(let stored):
            for (entry, result) in zip(entries, stored) { entry.answer(.success(result)) }
            return []
        case .failure(let error) where entries.allSatisfy(\.alone):
            for entry in entries { entry.answer(.failure(error)) }
            return []
        case .failure(let error):
            logger.warning(
                "batch of \(entries.count) failed; each is written again on its own: \(String(reflecting: type(of: error)))"
            )
            return entries.map { Entry(application: $0.application, answer: $0.answer, alone: true) }
        }
    }

    /// Puts the entries of a failed batch back in front, each to be written on its own.
    mutating func retry(_ entries: [Entry]) {
        pending.insert(contentsOf: entries, at: 0)
    }

    /// Fails every caller waiting.
    mutating func failAll(_ error: any Error) {
        let failed = pending
        pending = []
        for entry in failed { entry.answer(.failure(error)) }
    }
}

/// The PostgreSQL writer. It runs on one event loop (`EventLoopExecutor`), the loop its database
/// connection answers on, and keeps one connection while there is work. Batches overlap on it: the
/// next batch's BEGIN and lookups are sent right behind the current batch's COMMIT, so the
/// connection never waits for the writer between batches (`BatchWrite` explains the order that
/// makes this safe).
actor IntakeWriter: ApplicationWriter {
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
    nonisolated func exclusive<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
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
                        guard let sql = connection as? any SQLDatabase else { throw IntakeWriterError.notSQL }
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

enum IntakeWriterError: Error {
    case notSQL
    /// The writer is not started yet, or has stopped.
    case notRunning
    case noCounterRow
    /// Every 受付番号 of the year is used in this municipality (`ReceiptNumber.sequences`):
    /// answered as `AppError.receiptNumbersExhausted`, and logged for the operators.
    case receiptNumbersExhausted(tenant: String, year: Int)
}
