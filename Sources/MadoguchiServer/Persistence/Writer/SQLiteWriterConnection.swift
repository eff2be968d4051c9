import Foundation
import MadoguchiDomain
import SQLKit
// sqlite-nio's own copy of SQLite, the one SQLiteNIO (and so Fluent) runs on. The writer must use
// that same copy: two copies of SQLite in one process do not see each other's file locks (POSIX
// locks are per process, and each copy keeps its own table of them), so they could corrupt the
// database between them.
import VaporCSQLite

/// The SQLite intake writer's connection, used through SQLite's C API on the writer's thread only:
/// every statement is prepared once and run with its values bound directly, with no thread hop per
/// statement. The statements are SQLKit's own (`ReceiptCounter`, `KeyedApplication`,
/// `PostgresWriter`), serialised once for SQLite, so both writers send the same SQL.
///
/// Used by one thread at a time: opened by `SQLiteWriter.prepare`, then used only by the
/// writer's thread.
final class SQLiteWriterConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    private let begin, commit, rollback: PreparedStatement
    private let lookup, reserve, release: PreparedStatement
    private let insertApplication, insertEvent, insertInbox, countInbox, insertAttachmentUse, insertNotice,
        insertPortalReceipt, deleteDraft: PreparedStatement

    /// Opens the database file (already migrated: `journal_mode` is WAL) with the same settings as
    /// the pool's connections: foreign keys enforced, FULL synchronous (each COMMIT is on disk before
    /// it returns), and a statement journal in memory.
    init(path: String, dialectOf database: any SQLDatabase) throws {
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let status = sqlite_nio_sqlite3_open_v2(path, &opened, flags, nil)
        guard status == SQLITE_OK, let opened else {
            if let opened { sqlite_nio_sqlite3_close_v2(opened) }
            throw SQLiteWriterError(status: status, message: "cannot open the database")
        }
        handle = opened
        do {
            // Other connections (draft saves, migrations) may hold the write lock for a moment.
            sqlite_nio_sqlite3_busy_timeout(opened, 10_000)
            for pragma in ["PRAGMA foreign_keys = ON", "PRAGMA synchronous = FULL", "PRAGMA temp_store = MEMORY"] {
                try PreparedStatement(pragma, on: opened).run()
            }
            func prepare(_ query: SQLQueryString, binds: Int) throws -> PreparedStatement {
                var serializer = SQLSerializer(database: database)
                query.serialize(to: &serializer)
                guard serializer.binds.count == binds else {
                    throw SQLiteWriterError(
                        status: SQLITE_MISUSE, message: "unexpected bind count in \(serializer.sql)")
                }
                return try PreparedStatement(serializer.sql, on: opened)
            }
            let template = Self.templateRow
            begin = try prepare("BEGIN IMMEDIATE", binds: 0)
            commit = try prepare("COMMIT", binds: 0)
            rollback = try prepare("ROLLBACK", binds: 0)
            lookup = try prepare(KeyedApplication.lookup(tenant: "", keys: [""]), binds: 2)
            reserve = try prepare(ReceiptCounter.reserve(1, tenant: "", year: 0), binds: 3)
            release = try prepare(ReceiptCounter.release(1, tenant: "", year: 0), binds: 3)
            let inserts = ApplicationRows.insertStatements([template])
            insertApplication = try prepare(inserts[0], binds: 13)
            insertEvent = try prepare(inserts[1], binds: 8)
            insertInbox = try prepare(inserts[2], binds: 16)
            countInbox = try prepare(inserts[3], binds: 4)
            insertAttachmentUse = try prepare(inserts[4], binds: 3)
            insertNotice = try prepare(inserts[5], binds: 7)
            insertPortalReceipt = try prepare(inserts[6], binds: 16)
            deleteDraft = try prepare(ApplicationRows.draftDeletions([template.application])[0], binds: 2)
        } catch {
            sqlite_nio_sqlite3_close_v2(opened)
            throw error
        }
    }

    deinit {
        // The statements are released after this runs; close_v2 keeps the connection until they
        // are finalized, then closes it.
        sqlite_nio_sqlite3_close_v2(handle)
    }

    /// Writes a batch in one transaction and answers each submission once it is committed. On any
    /// failure the transaction is rolled back: nothing of the batch stays, not even its numbers.
    func write(_ batch: [PendingApplication]) throws -> [StoredApplication] {
        let plan = BatchPlan(batch)
        do {
            try begin.run()
            var existing: [String: KeyedApplication] = [:]
            for (tenant, keys) in plan.lookups {
                for key in keys {
                    lookup.bind(1, tenant)
                    lookup.bind(2, key)
                    try lookup.run { row in
                        guard let id = UUID(uuidString: row.text(1)), let number = ReceiptNumber(row.text(2)) else {
                            return
                        }
                        existing[BatchPlan.keyed(tenant, key)] = KeyedApplication(
                            id: id, receiptNumber: number, submittedAt: row.date(3), requestDigest: row.optionalText(4))
                    }
                }
            }
            var firstSequences: [Int] = []
            for (counter, indices) in plan.counters {
                reserve.bind(1, counter.tenant)
                reserve.bind(2, counter.year)
                reserve.bind(3, indices.count)
                var last: Int?
                try reserve.run { row in last = row.integer(0) }
                guard let last else { throw WriterError.noCounterRow }
                firstSequences.append(try ReceiptCounter.first(of: indices.count, last: last, in: counter))
            }
            let resolution = plan.resolve(existing: existing, firstSequences: firstSequences)
            for (counter, count) in resolution.releases {
                release.bind(1, count)
                release.bind(2, counter.tenant)
                release.bind(3, counter.year)
                try release.run()
            }
            for row in resolution.rows { try insert(row) }
            for item in batch {
                guard let session = item.draftSession else { continue }
                deleteDraft.bind(1, item.tenant.value)
                deleteDraft.bind(2, session)
                try deleteDraft.run()
            }
            try commit.run()
            return resolution.answers
        } catch {
            // A failed COMMIT can leave the transaction open.
            if sqlite_nio_sqlite3_get_autocommit(handle) == 0 { try? rollback.run() }
            throw error
        }
    }

    /// The row, its first event, its inbox projection and count, and the files it refers to, bound in the order of
    /// `ApplicationRows.insertStatements`.
    private func insert(_ row: NewApplicationRow) throws {
        let item = row.application
        let received = ApplicationStatus.received.rawValue
        let statement = insertApplication
        statement.bind(1, row.id)
        statement.bind(2, item.tenant.value)
        statement.bind(3, row.receiptNumber.description)
        statement.bind(4, item.procedureID)
        statement.bind(5, item.procedureVersion)
        statement.bind(6, item.channel.rawValue)
        statement.bind(7, received)
        statement.bind(8, item.encodedData)
        statement.bind(9, item.idempotencyKey)
        statement.bind(10, item.submittedAt)
        statement.bind(11, item.submittedAt)
        statement.bind(12, item.requestDigest)
        statement.bind(13, item.numberKey)
        try statement.run()
        let event = insertEvent
        event.bind(1, UUID.timeOrdered(at: item.submittedAt))
        event.bind(2, item.tenant.value)
        event.bind(3, row.id)
        event.bind(4, String?.none)
        event.bind(5, received)
        event.bind(6, "resident")
        event.bind(7, String?.none)
        event.bind(8, item.submittedAt)
        try event.run()
        let inbox = item.inbox
        let projection = insertInbox
        projection.bind(1, row.id)
        projection.bind(2, item.tenant.value)
        projection.bind(3, inbox.department)
        projection.bind(4, item.procedureID)
        projection.bind(5, received)
        projection.bind(6, row.receiptNumber.description)
        projection.bind(7, item.channel.rawValue)
        projection.bind(8, inbox.applicantName)
        projection.bind(9, inbox.nameKey)
        projection.bind(10, inbox.kanaKey)
        projection.bind(11, inbox.birthDate)
        projection.bind(12, inbox.phone)
        projection.bind(13, inbox.email)
        projection.bind(14, Int(item.submittedAt.microseconds))
        projection.bind(15, inbox.dueDate)
        projection.bind(16, item.submittedAt)
        try projection.run()
        countInbox.bind(1, item.tenant.value)
        countInbox.bind(2, inbox.department)
        countInbox.bind(3, received)
        countInbox.bind(4, 1)
        try countInbox.run()
        if let notice = ApplicationRows.receivedNotice(row) {
            insertNotice.bind(1, notice.id)
            insertNotice.bind(2, notice.tenant)
            insertNotice.bind(3, notice.application)
            insertNotice.bind(4, notice.kind.rawValue)
            insertNotice.bind(5, notice.recipient)
            insertNotice.bind(6, notice.at)
            insertNotice.bind(7, notice.at)
            try insertNotice.run()
        }
        for digest in item.attachments {
            insertAttachmentUse.bind(1, digest)
            insertAttachmentUse.bind(2, item.tenant.value)
            insertAttachmentUse.bind(3, item.submittedAt)
            try insertAttachmentUse.run()
        }
        if let link = item.portal {
            let statement = insertPortalReceipt
            statement.bind(1, row.id)
            statement.bind(2, item.tenant.value)
            statement.bind(3, link.portalNumber)
            statement.bind(4, link.procedureCode)
            statement.bind(5, link.signer.serial)
            statement.bind(6, link.signer.subject)
            statement.bind(7, link.signer.issuer)
            statement.bind(8, link.signer.signedAt)
            statement.bind(9, link.appliedAt)
            statement.bind(10, link.packageSHA256)
            statement.bind(11, link.formSHA256)
            statement.bind(12, link.source)
            statement.bind(13, link.matchState)
            statement.bind(14, link.atenaNumber)
            statement.bind(15, link.atenaNumber == nil ? nil : item.submittedAt)
            statement.bind(16, link.matchedBy)
            try statement.run()
        }
    }

    /// A row to serialise the INSERT statements from: only their shape is used.
    private static let templateRow = NewApplicationRow(
        id: UUID(), receiptNumber: ReceiptNumber(year: 2000, sequence: 1),
        application: PendingApplication(
            tenant: LocalGovernmentCode("990019")!, procedureID: "", procedureVersion: "", channel: .api,
            encodedData: "", idempotencyKey: "", requestDigest: "", submittedAt: Date(), receiptYear: 2000,
            draftSession: "", attachments: [""],
            inbox: InboxFields(
                department: "", applicantName: "", nameKey: "", kanaKey: "", birthDate: "", phone: "", dueDate: "",
                email: ""),
            portal: PortalLink(
                portalNumber: "", procedureCode: "",
                signer: PackageSignature.Signer(
                    serial: "", subject: "", issuer: "", signedAt: Date(), validFrom: Date(), validUntil: Date()),
                appliedAt: nil, packageSHA256: "", formSHA256: "", source: "")))
}

/// A failure reported by SQLite: its (extended) result code and message, which name no values.
struct SQLiteWriterError: Error, CustomStringConvertible {
    var status: Int32
    var message: String

    init(status: Int32, message: String) {
        self.status = status
        self.message = message
    }

    init(_ database: OpaquePointer) {
        self.init(
            status: sqlite_nio_sqlite3_extended_errcode(database),
            message: String(cString: sqlite_nio_sqlite3_errmsg(database)))
    }

    var description: String { "SQLite error \(status): \(message)" }
}

/// One prepared statement, reused: values are bound, it is run, and it is reset for the next use.
final class PreparedStatement {
    private let handle: OpaquePointer
    private let database: OpaquePointer

    init(_ sql: String, on database: OpaquePointer) throws {
        var prepared: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(
            database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard status == SQLITE_OK, let prepared else { throw SQLiteWriterError(database) }
        self.handle = prepared
        self.database = database
    }

    deinit {
        sqlite_nio_sqlite3_finalize(handle)
    }

    /// SQLite copies a bound text or blob at once (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ index: Int32, _ text: String?) {
        guard var text else {
            sqlite_nio_sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                // An empty buffer may have no address, and a null pointer would bind NULL.
                if let start = chars.baseAddress, !chars.isEmpty {
                    _ = sqlite_nio_sqlite3_bind_text(handle, index, start, Int32(chars.count), Self.transient)
                } else {
                    _ = sqlite_nio_sqlite3_bind_text(handle, index, "", 0, Self.transient)
                }
            }
        }
    }

    func bind(_ index: Int32, _ value: Int) {
        sqlite_nio_sqlite3_bind_int64(handle, index, Int64(value))
    }

    /// As SQLiteNIO stores a `Date`: seconds since 1970 as a REAL.
    func bind(_ index: Int32, _ date: Date) {
        sqlite_nio_sqlite3_bind_double(handle, index, date.timeIntervalSince1970)
    }

    func bind(_ index: Int32, _ date: Date?) {
        if let date { bind(index, date) } else { sqlite_nio_sqlite3_bind_null(handle, index) }
    }

    /// As SQLKit stores a `UUID` in SQLite: its upper-case text (`UUID.uuidString`), written here
    /// digit by digit (Foundation formats it with `snprintf`).
    func bind(_ index: Int32, _ id: UUID) {
        withUnsafeBytes(of: id.uuid) { bytes in
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: 36) { text in
                var position = 0
                for (offset, byte) in bytes.enumerated() {
                    if offset == 4 || offset == 6 || offset == 8 || offset == 10 {
                        text[position] = CChar(UInt8(ascii: "-"))
                        position += 1
                    }
                    text[position] = CChar(Self.upperHexDigits[Int(byte >> 4)])
                    text[position + 1] = CChar(Self.upperHexDigits[Int(byte & 0x0F)])
                    position += 2
                }
                _ = sqlite_nio_sqlite3_bind_text(handle, index, text.baseAddress, 36, Self.transient)
            }
        }
    }

    private static let upperHexDigits = Array("0123456789ABCDEF".utf8)

    /// Runs the statement to its end, handing each result row to `row`, and resets it.
    func run(_ row: (ResultRow) throws -> Void = { _ in }) throws {
        defer {
            sqlite_nio_sqlite3_reset(handle)
            sqlite_nio_sqlite3_clear_bindings(handle)
        }
        while true {
            switch sqlite_nio_sqlite3_step(handle) {
            case SQLITE_ROW: try row(ResultRow(handle: handle))
            case SQLITE_DONE: return
            default: throw SQLiteWriterError(database)
            }
        }
    }

    /// The current row of a running statement; columns count from 0.
    struct ResultRow {
        fileprivate let handle: OpaquePointer

        func optionalText(_ column: Int32) -> String? {
            guard let text = sqlite_nio_sqlite3_column_text(handle, column) else { return nil }
            let count = Int(sqlite_nio_sqlite3_column_bytes(handle, column))
            return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
        }

        func text(_ column: Int32) -> String { optionalText(column) ?? "" }

        func integer(_ column: Int32) -> Int { Int(sqlite_nio_sqlite3_column_int64(handle, column)) }

        /// As SQLiteNIO reads a `Date` back: rounded to the microsecond.
        func date(_ column: Int32) -> Date {
            let seconds =
                sqlite_nio_sqlite3_column_double(handle, column) - Date.timeIntervalBetween1970AndReferenceDate
            return Date(timeIntervalSinceReferenceDate: (seconds * 1e6).rounded() / 1e6)
        }
    }
}
