import Fluent
import Foundation
import Logging
import MadoguchiDomain
import SQLKit

/// The database's single writer: every write goes through it.
///
/// - Applications come in through `submit`, with group commit: submissions that arrive while a
///   transaction is being written wait and are written together in the next one. Each caller is
///   answered only after the transaction holding its application has committed, so an
///   acknowledged application survives a crash, while the commit (fsync) cost is shared by the
///   whole batch.
/// - Every other write (status changes, audit entries, outbox rows, staff sessions, upload counts)
///   runs through `transaction(on:_:)`, in its turn between the batches.
///
/// Two writers: `SQLiteWriter` (the embedded database, through SQLite's C API on a thread of
/// its own) and `PostgresWriter` (PostgreSQL, through SQLKit). `BatchPlan` decides what both write.
protocol DatabaseWriter: Sendable {
    /// Gets ready to write, after the database is migrated.
    func prepare(on database: any SQLDatabase) async throws
    /// Stores the application that `prepare` makes (on the caller's thread: validation, encoding)
    /// and calls `answer` once it is committed, or could not be; answers false, storing nothing,
    /// when `prepare` answers nil. While `prepare` runs, the writer counts the submission as on its
    /// way, so that a batch may wait a moment for it (`CommitDelay`). `answer` runs on the writer's
    /// own thread and must be quick (resume a task, complete a promise).
    func submit(preparing prepare: () throws -> PendingApplication?, answer: @escaping WriterAnswer) throws -> Bool
    /// Runs `body`, which writes through the request pool, in its turn: when the writer is between
    /// batches. On SQLite, where one connection writes at a time, this takes turns fairly with the
    /// intake batches; otherwise the writer's batches, taking the write lock one right after the
    /// other, would keep the pool's writes waiting. `body` must not submit through this writer: the
    /// writer waits for it. Use `transaction(on:_:)` unless `body` makes its own transaction.
    func inTurn<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T
}

/// What becomes of a submission the writer took: stored (once committed), or the error.
typealias WriterAnswer = @Sendable (Result<StoredApplication, any Error>) -> Void

extension DatabaseWriter {
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

    /// Runs `body` in one transaction on `database` (the request pool), in its turn (`inTurn`):
    /// what it writes commits together or not at all.
    ///
    /// On SQLite another process (a `madoguchi` command beside the server) may commit between this
    /// transaction's first read and its first write; SQLite then refuses the write at once
    /// (SQLITE_BUSY_SNAPSHOT: no wait helps) and the transaction is rolled back. It is run again,
    /// a few times, after a short pause: nothing of the failed attempt was kept.
    func transaction<T: Sendable>(
        on database: any Database, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await inTurn { try await database.transaction { try await body($0) } }
            } catch  where attempt < 4 && Self.isSQLiteBusy(error) {
                attempt += 1
                try await Task.sleep(for: .milliseconds(25 * attempt))
            }
        }
    }

    /// SQLite's "database is locked" (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT), as SQLiteNIO describes it.
    static func isSQLiteBusy(_ error: any Error) -> Bool {
        let text = String(describing: error)
        return text.contains("busyInSnapshot") || text.contains("database is locked")
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

enum WriterError: Error {
    case notSQL
    /// The writer is not started yet, or has stopped.
    case notRunning
    case noCounterRow
    /// Every 受付番号 of the year is used in this municipality (`ReceiptNumber.sequences`):
    /// answered as `AppError.receiptNumbersExhausted`, and logged for the operators.
    case receiptNumbersExhausted(tenant: String, year: Int)
}
