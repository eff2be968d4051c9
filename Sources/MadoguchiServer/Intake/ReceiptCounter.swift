import Fluent
import SQLKit

/// Allocates 受付番号 sequences per municipality and year, atomically, in the caller's transaction.
/// One upsert that runs on SQLite (3.35+) and PostgreSQL alike; on PostgreSQL the row lock it takes
/// serialises allocation across server processes.
enum ReceiptCounter {
    static let table = "receipt_counters"

    /// Reserves `count` numbers and returns the first, in one statement (one round trip).
    static func reserve(_ count: Int, tenant: String, year: Int, on sql: any SQLDatabase) async throws -> Int {
        guard
            let row = try await sql.raw(
                """
                INSERT INTO receipt_counters (tenant_code, year, last_sequence) VALUES (\(bind: tenant), \(bind: year), \(bind: count))
                ON CONFLICT (tenant_code, year) DO UPDATE SET last_sequence = receipt_counters.last_sequence + excluded.last_sequence
                RETURNING last_sequence
                """
            ).first()
        else { throw ReceiptCounterError.noRow }
        let last = try row.decode(column: "last_sequence", as: Int.self)
        guard last <= 999_999 else { throw ReceiptCounterError.exhausted }
        return last - count + 1
    }

    enum ReceiptCounterError: Error {
        case noRow, exhausted
    }
}
