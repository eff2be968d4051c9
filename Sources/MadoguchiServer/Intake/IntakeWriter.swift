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

    /// Writes a batch in one transaction and returns, in order, what each application became.
    static func write(
        _ batch: [PendingApplication], on database: any Database, executor: EventLoopExecutor
    ) async throws -> [StoredApplication] {
        try await database.transaction { tx in
            tx.eventLoop.makeFutureWithTask(on: executor) {
                guard let sql = tx as? any SQLDatabase else { throw IntakeWriterError.notSQL }
                return try await writeInTransaction(batch, on: sql)
            }
        }.get()
    }

    private static func writeInTransaction(
        _ batch: [PendingApplication], on tx: any SQLDatabase
    ) async throws -> [StoredApplication] {
        var results = [StoredApplication?](repeating: nil, count: batch.count)
        // 1. Idempotency: a key seen before (or earlier in this batch) returns that application.
        var firstIndexByKey: [String: Int] = [:]
        let keyed = batch.enumerated().compactMap { index, item in
            item.idempotencyKey.map { (index, item.tenant.value, $0) }
        }
        if !keyed.isEmpty {
            var existing: [String: KeyedApplication] = [:]
            for (tenant, entries) in Dictionary(grouping: keyed, by: \.1) {
                for found in try await KeyedApplication.find(tenant: tenant, keys: entries.map(\.2), on: tx) {
                    existing["\(tenant)|\(found.key)"] = found
                }
            }
            for (index, tenant, key) in keyed {
                if let match = existing["\(tenant)|\(key)"] {
                    results[index] = StoredApplication(
                        id: match.id, receiptNumber: match.receiptNumber, submittedAt: match.submittedAt,
                        created: false, conflict: match.requestDigest.map { $0 != batch[index].requestDigest } ?? false)
                } else if firstIndexByKey["\(tenant)|\(key)"] == nil {
                    firstIndexByKey["\(tenant)|\(key)"] = index
                }
            }
        }
        let duplicatesInBatch = keyed.compactMap { index, tenant, key -> (Int, Int)? in
            guard results[index] == nil, let first = firstIndexByKey["\(tenant)|\(key)"], first != index else {
                return nil
            }
            return (index, first)
        }
        let duplicateIndices = Set(duplicatesInBatch.map(\.0))
        // 2. Number the new ones per municipality and year.
        let fresh = batch.indices.filter { results[$0] == nil && !duplicateIndices.contains($0) }
        let groups = Dictionary(grouping: fresh) { "\(batch[$0].tenant.value)|\(batch[$0].receiptYear)" }
        var rows: [NewApplicationRow] = []
        for key in groups.keys.sorted() {
            let indices = groups[key]!
            let sample = batch[indices[0]]
            var sequence = try await ReceiptCounter.reserve(
                indices.count, tenant: sample.tenant.value, year: sample.receiptYear, on: tx)
            for index in indices {
                let item = batch[index]
                let number = ReceiptNumber(year: item.receiptYear, sequence: sequence)
                sequence += 1
                let row = NewApplicationRow(
                    id: .timeOrdered(at: item.submittedAt), receiptNumber: number, application: item)
                rows.append(row)
                results[index] = StoredApplication(
                    id: row.id, receiptNumber: number, submittedAt: item.submittedAt, created: true)
            }
        }
        if !rows.isEmpty {
            try await insert(rows, on: tx)
        }
        for (index, first) in duplicatesInBatch {
            results[index] = results[first].map {
                StoredApplication(
                    id: $0.id, receiptNumber: $0.receiptNumber, submittedAt: $0.submittedAt, created: false,
                    conflict: batch[index].requestDigest != batch[first].requestDigest)
            }
        }
        return results.map { $0! }
    }
}

enum IntakeWriterError: Error {
    case notSQL
}
