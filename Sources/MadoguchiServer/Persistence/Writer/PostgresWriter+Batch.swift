import Foundation
import MadoguchiDomain
import NIOConcurrencyHelpers
import NIOCore
import SQLKit

/// One batch's transaction through SQLKit (PostgreSQL), pipelined on the writer's connection.
///
/// A connection runs statements in the order they are sent (one PostgreSQL connection answers in
/// order), so a batch sends everything it can before it needs an answer:
///
/// 1. `start` sends BEGIN, the idempotency lookups and the numbering;
/// 2. `sendRest` waits for them, sends the INSERTs, waits for those and sends the COMMIT;
/// 3. `results` waits for the COMMIT.
///
/// Any failure up to the COMMIT sends ROLLBACK, and nothing else is queued on the connection then.
/// The writer starts the next batch only once the COMMIT is sent, so the next BEGIN runs right
/// behind it; if that COMMIT failed and left the transaction open, the next BEGIN fails and that
/// batch rolls it back. Either way a failed batch commits nothing, not even its reserved numbers.
/// What is written is decided by `BatchPlan`.
enum BatchWrite {
    /// Sends `query` now, behind everything sent before it on this connection.
    static func send(_ query: SQLQueryString, on sql: any SQLDatabase) -> EventLoopFuture<[any SQLRow]> {
        let rows = NIOLockedValueBox<[any SQLRow]>([])
        return sql.execute(sql: query) { row in rows.withLockedValue { $0.append(row) } }
            .map { rows.withLockedValue { $0 } }
    }

    /// Phase 1 sent, not yet answered.
    struct Started: Sendable {
        fileprivate let plan: BatchPlan
        fileprivate let sql: any SQLDatabase
        fileprivate let begin: EventLoopFuture<[any SQLRow]>
        fileprivate let lookups: [(tenant: String, rows: EventLoopFuture<[any SQLRow]>)]
        fileprivate let reservations: [EventLoopFuture<[any SQLRow]>]
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
        let plan = BatchPlan(batch)
        let begin = send(sql.dialect.name == "sqlite" ? "BEGIN IMMEDIATE" : "BEGIN", on: sql)
        let lookups = plan.lookups.map { tenant, keys in
            (tenant, send(KeyedApplication.lookup(tenant: tenant, keys: keys), on: sql))
        }
        let reservations = plan.counters.map { counter, indices in
            send(ReceiptCounter.reserve(indices.count, tenant: counter.tenant, year: counter.year), on: sql)
        }
        return Started(plan: plan, sql: sql, begin: begin, lookups: lookups, reservations: reservations)
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
                    existing[BatchPlan.keyed(tenant, key)] = found
                }
            }
            var firstSequences: [Int] = []
            for (reservation, (counter, indices)) in zip(reservations, plan.counters) {
                firstSequences.append(
                    try ReceiptCounter.first(of: indices.count, reservedIn: try await reservation.get(), in: counter))
            }
            let resolution = plan.resolve(existing: existing, firstSequences: firstSequences)
            var statements = resolution.releases.map { counter, count in
                ReceiptCounter.release(count, tenant: counter.tenant, year: counter.year)
            }
            if !resolution.rows.isEmpty {
                statements += ApplicationRows.insertStatements(resolution.rows)
            }
            statements += ApplicationRows.draftDeletions(plan.batch)
            for future in statements.map({ BatchWrite.send($0, on: sql) }) {
                _ = try await future.get()
            }
            return BatchWrite.Committing(commit: BatchWrite.send("COMMIT", on: sql), answers: resolution.answers)
        } catch {
            _ = try? await BatchWrite.send("ROLLBACK", on: sql).get()
            throw error
        }
    }
}
