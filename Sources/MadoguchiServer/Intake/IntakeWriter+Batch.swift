import Fluent
import Foundation
import MadoguchiDomain
import NIOConcurrencyHelpers
import NIOCore
import SQLKit

extension IntakeWriter {
    /// Writes a batch in one transaction and returns, in order, what each application became.
    static func write(
        _ batch: [PendingApplication], on database: any Database, executor: EventLoopExecutor
    ) async throws -> [StoredApplication] {
        try await database.withConnection { connection in
            connection.eventLoop.makeFutureWithTask(on: executor) {
                guard let sql = connection as? any SQLDatabase else { throw IntakeWriterError.notSQL }
                return try await BatchWrite(batch: batch, sql: sql).run()
            }
        }.get()
    }
}

/// One batch's transaction, pipelined on one connection.
///
/// A connection runs statements in the order they are sent (SQLite: the writer's single blocking
/// thread takes them in turn; PostgreSQL: one connection answers in order), so the batch sends
/// everything it can before it needs an answer and waits twice: once for BEGIN, the idempotency
/// lookups and the numbering, once for the INSERTs and the COMMIT. Waiting for each of the six
/// statements in turn cost a hop to the blocking thread and back each time.
///
/// Numbers are reserved for every submission not repeating a key earlier in the batch; those that
/// turn out to repeat a stored application give theirs back in the same transaction, so 受付番号
/// stay without gaps.
private struct BatchWrite {
    let batch: [PendingApplication]
    let sql: any SQLDatabase

    private struct Counter: Hashable, Comparable {
        var tenant: String
        var year: Int

        static func < (lhs: Self, rhs: Self) -> Bool { (lhs.tenant, lhs.year) < (rhs.tenant, rhs.year) }
    }

    /// Sends `query` now, behind everything sent before it on this connection.
    private func send(_ query: SQLQueryString) -> EventLoopFuture<[any SQLRow]> {
        let rows = NIOLockedValueBox<[any SQLRow]>([])
        return sql.execute(sql: query) { row in rows.withLockedValue { $0.append(row) } }
            .map { rows.withLockedValue { $0 } }
    }

    func run() async throws -> [StoredApplication] {
        let sqlite = sql.dialect.name == "sqlite"
        // A key used earlier in the same batch gets that submission's answer.
        var firstIndexByKey: [String: Int] = [:]
        var repeats: [(index: Int, first: Int)] = []
        for (index, item) in batch.enumerated() {
            guard let key = item.idempotencyKey else { continue }
            if let first = firstIndexByKey["\(item.tenant.value)|\(key)"] {
                repeats.append((index, first))
            } else {
                firstIndexByKey["\(item.tenant.value)|\(key)"] = index
            }
        }
        let repeated = Set(repeats.map(\.index))
        let candidates = batch.indices.filter { !repeated.contains($0) }
        let counters = Dictionary(grouping: candidates) {
            Counter(tenant: batch[$0].tenant.value, year: batch[$0].receiptYear)
        }
        var keysByTenant: [String: [String]] = [:]
        for index in candidates {
            if let key = batch[index].idempotencyKey {
                keysByTenant[batch[index].tenant.value, default: []].append(key)
            }
        }

        // Wait 1: BEGIN (IMMEDIATE on SQLite: the write lock now, so no other connection's commit
        // can invalidate this transaction's snapshot), the lookups, the reservations.
        let begin = send(sqlite ? "BEGIN IMMEDIATE" : "BEGIN")
        let lookups = keysByTenant.map { tenant, keys in
            (tenant, send(KeyedApplication.lookup(tenant: tenant, keys: keys)))
        }
        let reservations = counters.keys.sorted().map { counter in
            (
                counter,
                send(ReceiptCounter.reserve(counters[counter]!.count, tenant: counter.tenant, year: counter.year))
            )
        }
        do {
            _ = try await begin.get()
            var existing: [String: KeyedApplication] = [:]
            for (tenant, lookup) in lookups {
                for (key, found) in try KeyedApplication.decode(try await lookup.get()) {
                    existing["\(tenant)|\(key)"] = found
                }
            }
            var results = [StoredApplication?](repeating: nil, count: batch.count)
            var rows: [NewApplicationRow] = []
            var statements: [SQLQueryString] = []
            for (counter, reservation) in reservations {
                let indices = counters[counter]!
                var sequence = try ReceiptCounter.first(of: indices.count, reservedIn: try await reservation.get())
                var unused = 0
                for index in indices {
                    let item = batch[index]
                    if let key = item.idempotencyKey, let found = existing["\(item.tenant.value)|\(key)"] {
                        results[index] = found.answer(to: item)
                        unused += 1
                        continue
                    }
                    let row = NewApplicationRow(
                        id: .timeOrdered(at: item.submittedAt),
                        receiptNumber: ReceiptNumber(year: item.receiptYear, sequence: sequence), application: item)
                    sequence += 1
                    rows.append(row)
                    results[index] = StoredApplication(
                        id: row.id, receiptNumber: row.receiptNumber, submittedAt: item.submittedAt, created: true)
                }
                if unused > 0 {
                    statements.append(ReceiptCounter.release(unused, tenant: counter.tenant, year: counter.year))
                }
            }
            for (index, first) in repeats {
                let item = batch[index]
                if let key = item.idempotencyKey, let found = existing["\(item.tenant.value)|\(key)"] {
                    results[index] = found.answer(to: item)
                } else if let answer = results[first] {
                    results[index] = StoredApplication(
                        id: answer.id, receiptNumber: answer.receiptNumber, submittedAt: answer.submittedAt,
                        created: false, conflict: item.requestDigest != batch[first].requestDigest)
                }
            }
            if !rows.isEmpty {
                statements += IntakeWriter.insertStatements(rows, sqlite: sqlite)
            }
            // Wait 2: the INSERTs and the COMMIT.
            let sent = statements.map(send) + [send("COMMIT")]
            for future in sent {
                _ = try await future.get()
            }
            return results.map { $0! }
        } catch {
            _ = try? await send("ROLLBACK").get()
            throw error
        }
    }
}

extension KeyedApplication {
    /// The answer to a submission that repeats this application's idempotency key.
    fileprivate func answer(to item: PendingApplication) -> StoredApplication {
        StoredApplication(
            id: id, receiptNumber: receiptNumber, submittedAt: submittedAt, created: false,
            conflict: requestDigest.map { $0 != item.requestDigest } ?? false)
    }
}
