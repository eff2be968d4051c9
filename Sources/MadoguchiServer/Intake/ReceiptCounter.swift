import MadoguchiDomain
import SQLKit

/// Allocates 受付番号 sequences per municipality and year, atomically, in the writer's transaction.
/// One upsert that runs on SQLite (3.35+) and PostgreSQL alike; on PostgreSQL the row lock it takes
/// serialises allocation across server processes until the transaction ends.
enum ReceiptCounter {
    static let table = "receipt_counters"

    /// Reserves `count` numbers; its one row's `last_sequence` is the last number reserved.
    static func reserve(_ count: Int, tenant: String, year: Int) -> SQLQueryString {
        """
        INSERT INTO receipt_counters (tenant_code, year, last_sequence) VALUES (\(bind: tenant), \(bind: year), \(bind: count))
        ON CONFLICT (tenant_code, year) DO UPDATE SET last_sequence = receipt_counters.last_sequence + excluded.last_sequence
        RETURNING last_sequence
        """
    }

    /// Gives back the `count` highest numbers of a reservation in the same transaction. Nobody can
    /// have reserved after them: the transaction holds the write lock (SQLite) or the row (PostgreSQL).
    static func release(_ count: Int, tenant: String, year: Int) -> SQLQueryString {
        """
        UPDATE receipt_counters SET last_sequence = last_sequence - \(bind: count)
        WHERE tenant_code = \(bind: tenant) AND year = \(bind: year)
        """
    }

    /// The first number of a reservation of `count`, from the rows `reserve` returned.
    static func first(of count: Int, reservedIn rows: [any SQLRow], in counter: BatchPlan.Counter) throws -> Int {
        guard let row = rows.first else { throw WriterError.noCounterRow }
        return try first(of: count, last: try row.decode(column: "last_sequence", as: Int.self), in: counter)
    }

    /// The first number of a reservation of `count` whose last number is `last`. A reservation past
    /// the last sequence a year has fails the transaction, which then reserves nothing.
    static func first(of count: Int, last: Int, in counter: BatchPlan.Counter) throws -> Int {
        guard last <= ReceiptNumber.sequences.upperBound else {
            throw WriterError.receiptNumbersExhausted(tenant: counter.tenant, year: counter.year)
        }
        return last - count + 1
    }
}
