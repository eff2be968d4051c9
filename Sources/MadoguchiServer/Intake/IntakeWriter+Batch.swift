import Foundation
import MadoguchiDomain
import NIOConcurrencyHelpers
import NIOCore
import SQLKit

/// One batch's transaction, pipelined on the writer's connection.
///
/// A connection runs statements in the order they are sent (SQLite: the writer's single blocking
/// thread takes them in turn; PostgreSQL: one connection answers in order), so a batch sends
/// everything it can before it needs an answer:
///
/// 1. `start` sends BEGIN, the idempotency lookups and the numbering;
/// 2. `sendRest` waits for them, sends the INSERTs, waits for those and sends the COMMIT;
/// 3. `results` waits for the COMMIT.
///
/// Any failure up to the COMMIT sends ROLLBACK, and nothing else is queued on the connection then.
/// The writer starts the next batch only once the COMMIT is sent, so the next BEGIN runs right
/// behind it; if that COMMIT failed and left the transaction open, the next BEGIN fails and that
/// batch rolls it back. Either way a failed batch commits nothing, not even its reserved numbers.
///
/// Numbers are reserved for every submission not repeating a key earlier in the batch; those that
/// turn out to repeat a stored application give theirs back in the same transaction, so 受付番号
/// stay without gaps.
enum BatchWrite {
    fileprivate struct Counter: Hashable, Comparable {
        var tenant: String
        var year: Int

        static func < (lhs: Self, rhs: Self) -> Bool { (lhs.tenant, lhs.year) < (rhs.tenant, rhs.year) }
    }

    /// An idempotency key with its municipality: keys are unique per municipality only.
    fileprivate static func keyed(_ tenant: String, _ key: String) -> String { "\(tenant)|\(key)" }

    /// Sends `query` now, behind everything sent before it on this connection.
    static func send(_ query: SQLQueryString, on sql: any SQLDatabase) -> EventLoopFuture<[any SQLRow]> {
        let rows = NIOLockedValueBox<[any SQLRow]>([])
        return sql.execute(sql: query) { row in rows.withLockedValue { $0.append(row) } }
            .map { rows.withLockedValue { $0 } }
    }

    /// Phase 1 sent, not yet answered.
    struct Started: Sendable {
        fileprivate let batch: [PendingApplication]
        fileprivate let sql: any SQLDatabase
        fileprivate let repeats: [(index: Int, first: Int)]
        fileprivate let counters: [Counter: [Int]]
        fileprivate let begin: EventLoopFuture<[any SQLRow]>
        fileprivate let lookups: [(tenant: String, rows: EventLoopFuture<[any SQLRow]>)]
        fileprivate let reservations: [(counter: Counter, rows: EventLoopFuture<[any SQLRow]>)]
    }

    /// The COMMIT sent: what each submission becomes once it succeeds.
    struct Committing: Sendable {
        fileprivate let commit: EventLoopFuture<[any SQLRow]>
        fileprivate let answers: [StoredApplication]

        /// Waits for the COMMIT; the answers hold only if it succeeded.
        func results() async throws -> [StoredApplication] {
            _ = try await commit.get()
            return answers
        }
    }

    /// Sends BEGIN (IMMEDIATE on SQLite: the write lock now, so no other connection's commit can
    /// invalidate this transaction's snapshot), the idempotency lookups and the reservations.
    static func start(_ batch: [PendingApplication], on sql: any SQLDatabase) -> Started {
        // A key used earlier in the same batch gets that submission's answer.
        var firstIndexByKey: [String: Int] = [:]
        var repeats: [(index: Int, first: Int)] = []
        for (index, item) in batch.enumerated() {
            guard let key = item.idempotencyKey else { continue }
            let tenantKey = keyed(item.tenant.value, key)
            if let first = firstIndexByKey[tenantKey] {
                repeats.append((index, first))
            } else {
                firstIndexByKey[tenantKey] = index
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
        let begin = send(sql.dialect.name == "sqlite" ? "BEGIN IMMEDIATE" : "BEGIN", on: sql)
        let lookups = keysByTenant.map { tenant, keys in
            (tenant, send(KeyedApplication.lookup(tenant: tenant, keys: keys), on: sql))
        }
        let reservations = counters.keys.sorted().map { counter in
            (
                counter,
                send(
                    ReceiptCounter.reserve(counters[counter]!.count, tenant: counter.tenant, year: counter.year),
                    on: sql)
            )
        }
        return Started(
            batch: batch, sql: sql, repeats: repeats, counters: counters, begin: begin, lookups: lookups,
            reservations: reservations)
    }
}

extension BatchWrite.Started {
    /// Waits for phase 1, numbers the new applications and sends the INSERTs and the COMMIT.
    func sendRest() async throws -> BatchWrite.Committing {
        do {
            _ = try await begin.get()
            var existing: [String: KeyedApplication] = [:]
            for (tenant, lookup) in lookups {
                for (key, found) in try KeyedApplication.decode(try await lookup.get()) {
                    existing[BatchWrite.keyed(tenant, key)] = found
                }
            }
            var answers = [StoredApplication?](repeating: nil, count: batch.count)
            var rows: [NewApplicationRow] = []
            var statements: [SQLQueryString] = []
            for (counter, reservation) in reservations {
                let indices = counters[counter]!
                var sequence = try ReceiptCounter.first(of: indices.count, reservedIn: try await reservation.get())
                var unused = 0
                for index in indices {
                    let item = batch[index]
                    if let key = item.idempotencyKey, let found = existing[BatchWrite.keyed(item.tenant.value, key)] {
                        answers[index] = found.answer(to: item)
                        unused += 1
                        continue
                    }
                    let row = NewApplicationRow(
                        id: .timeOrdered(at: item.submittedAt),
                        receiptNumber: ReceiptNumber(year: item.receiptYear, sequence: sequence), application: item)
                    sequence += 1
                    rows.append(row)
                    answers[index] = StoredApplication(
                        id: row.id, receiptNumber: row.receiptNumber, submittedAt: item.submittedAt, created: true)
                }
                if unused > 0 {
                    statements.append(ReceiptCounter.release(unused, tenant: counter.tenant, year: counter.year))
                }
            }
            for (index, first) in repeats {
                let item = batch[index]
                if let key = item.idempotencyKey, let found = existing[BatchWrite.keyed(item.tenant.value, key)] {
                    answers[index] = found.answer(to: item)
                } else if let answer = answers[first] {
                    answers[index] = StoredApplication(
                        id: answer.id, receiptNumber: answer.receiptNumber, submittedAt: answer.submittedAt,
                        created: false, conflict: item.requestDigest != batch[first].requestDigest)
                }
            }
            if !rows.isEmpty {
                statements += IntakeWriter.insertStatements(rows)
            }
            statements += IntakeWriter.draftDeletions(batch)
            for future in statements.map({ BatchWrite.send($0, on: sql) }) {
                _ = try await future.get()
            }
            return BatchWrite.Committing(commit: BatchWrite.send("COMMIT", on: sql), answers: answers.map { $0! })
        } catch {
            _ = try? await BatchWrite.send("ROLLBACK", on: sql).get()
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
