import Fluent
import SQLKit

/// Allocates 受付番号 sequences per municipality and year, atomically, in the caller's transaction.
/// One statement pair that runs on SQLite (3.35+) and PostgreSQL alike; on PostgreSQL the row lock
/// taken by UPDATE serialises allocation across server processes.
enum ReceiptCounter {
    static let table = "receipt_counters"

    /// Reserves `count` numbers and returns the first.
    static func reserve(_ count: Int, tenant: String, year: Int, on database: any Database) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { throw ReceiptCounterError.notSQL }
        try await sql.raw(
            """
            INSERT INTO receipt_counters (tenant_code, year, last_sequence) VALUES (\(bind: tenant), \(bind: year), 0)
            ON CONFLICT (tenant_code, year) DO NOTHING
            """
        ).run()
        guard
            let row = try await sql.raw(
                """
                UPDATE receipt_counters SET last_sequence = last_sequence + \(bind: count)
                WHERE tenant_code = \(bind: tenant) AND year = \(bind: year) RETURNING last_sequence
                """
            ).first()
        else { throw ReceiptCounterError.noRow }
        let last = try row.decode(column: "last_sequence", as: Int.self)
        guard last <= 999_999 else { throw ReceiptCounterError.exhausted }
        return last - count + 1
    }

    enum ReceiptCounterError: Error {
        case notSQL, noRow, exhausted
    }
}
