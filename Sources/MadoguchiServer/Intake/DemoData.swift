import Foundation
import MadoguchiDomain
import Vapor

/// `madoguchi demo-data`: fills a municipality with sample applications (every procedure in turn),
/// made through the same intake as real ones, so a demo or a load test starts from realistic data.
public enum DemoData {
    /// What was created: how many, and the first and last 受付番号 in the order they were numbered.
    public struct Summary: Sendable {
        public var created = 0
        public var first: ReceiptNumber?
        public var last: ReceiptNumber?
    }

    /// How many submissions are on their way at once: enough for the writer's group commit to fill
    /// its batches (one fsync for many), as it does under real load.
    static let inFlight = 64

    /// Creates `count` applications; `progress` is called with the number made so far, every
    /// `progressEvery` applications.
    public static func create(
        count: Int, app: Application, progressEvery: Int = 10_000, progress: @Sendable (Int) -> Void = { _ in }
    ) async throws -> Summary {
        let services = app.madoguchi
        guard let code = services.municipalities.defaultCode ?? services.municipalities.municipalities.first?.code,
            let municipality = services.municipalities.municipality(code: code)
        else { return Summary() }
        let procedures = municipality.offered(from: services.catalog).procedures
        guard !procedures.isEmpty else { return Summary() }
        let pdf = Array("%PDF-1.4\n% Madoguchi demo attachment\n%%EOF\n".utf8)
        let now = services.clock.now()
        let token = services.attachments.token(
            for: try services.attachments.store(pdf, filename: "demo.pdf", now: now), issuedAt: now, tenant: code)
        let today = JapanCalendar.civilDate(of: now)
        // One sample per procedure, made once; each application then gets an applicant of its own
        // (name, kana, birth date, phone), so that the inbox's searches find realistic numbers of
        // rows. Each submission still goes through validation.
        let inputs = procedures.map { SampleInput.make(for: $0, today: today, attachmentToken: token) }
        let intake = services.intake
        let channels = IntakeChannel.allCases
        var summary = Summary()
        try await withThrowingTaskGroup(of: ReceiptNumber?.self) { group in
            func record(_ number: ReceiptNumber?) {
                guard let number else { return }
                summary.created += 1
                if summary.first.map({ (number.year, number.sequence) < ($0.year, $0.sequence) }) ?? true {
                    summary.first = number
                }
                if summary.last.map({ (number.year, number.sequence) > ($0.year, $0.sequence) }) ?? true {
                    summary.last = number
                }
                if summary.created % progressEvery == 0 { progress(summary.created) }
            }
            for index in 0..<count {
                if index >= inFlight { record(try await group.next() ?? nil) }
                let procedure = procedures[index % procedures.count]
                let input = DemoPeople.applicant(
                    index, in: inputs[index % procedures.count], of: procedure, today: today)
                let channel = channels[index % channels.count]
                group.addTask {
                    let outcome = try await intake.submit(
                        procedure, input: input, municipality: municipality, channel: channel, idempotencyKey: nil)
                    if case .stored(let receipt) = outcome { return receipt.receiptNumber }
                    return nil
                }
            }
            while let number = try await group.next() { record(number) }
        }
        return summary
    }

    /// Spreads the applications over every status (about one in eight each, by the last digits of
    /// their 受付番号 sequence), as a busy
    /// municipality's inbox has them, keeping the inbox rows and counts in step with the records.
    /// For demos and the benchmark only: the history keeps just their receipt.
    public static func spreadStatuses(app: Application) async throws {
        let sql = app.db.sql
        let statuses = ApplicationStatus.allCases
        try await app.madoguchi.writer.transaction(on: app.db) { db in
            let sql = db.sql
            for (index, status) in statuses.enumerated() where status != .received {
                try await sql.raw(
                    """
                    UPDATE inbox SET status = \(bind: status.rawValue)
                    WHERE CAST(substr(receipt_number, length(receipt_number) - 4, 3) AS INTEGER) % \(literal: statuses.count) = \(literal: index)
                    """
                ).run()
            }
            try await sql.raw(
                "UPDATE applications SET status = (SELECT status FROM inbox WHERE inbox.application_id = applications.id)"
            ).run()
            try await sql.raw("DELETE FROM inbox_counts").run()
            try await sql.raw(
                """
                INSERT INTO inbox_counts (tenant_code, department, status, count)
                SELECT tenant_code, department, status, COUNT(*) FROM inbox GROUP BY tenant_code, department, status
                """
            ).run()
        }
        // The planner's statistics, after a bulk load (both databases gather them with ANALYZE).
        // Only these tables: on PostgreSQL a bare ANALYZE walks the whole database, every other
        // schema's tables included, and can meet another process dropping them.
        try await app.madoguchi.writer.inTurn {
            for table in ["applications", "inbox", "inbox_counts"] {
                try await sql.raw("ANALYZE \(ident: table)").run()
            }
        }
    }
}
