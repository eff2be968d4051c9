import Foundation
import MadoguchiDomain
import SQLKit

/// Reads the inbox: always one municipality and the member's 課, whatever the query asks. A query
/// without 課 (an auditor's, an administrator's) finds nothing.
enum InboxList {
    struct Item: Sendable {
        var id: UUID
        var procedureID: String
        var status: ApplicationStatus
        var receiptNumber: String
        var channel: String
        var applicantName: String?
        var birthDate: String?
        var receivedMicroseconds: Int64
        var dueDate: String
        var assignee: UUID?
        var department: String

        var cursor: InboxQuery.Cursor {
            InboxQuery.Cursor(received: receivedMicroseconds, due: dueDate, id: id)
        }

        var receivedAt: Date { Date(timeIntervalSince1970: Double(receivedMicroseconds) / 1_000_000) }
    }

    struct Page: Sendable {
        var items: [Item]
        /// The cursor of the next page, when there is one.
        var next: InboxQuery.Cursor?
    }

    static func page(
        _ query: InboxQuery, search: InboxSearch?, for member: StaffMember, today: CivilDate,
        limit: Int = InboxQuery.pageSize,
        on sql: any SQLDatabase
    ) async throws -> Page {
        let departments = member.visibleDepartments.sorted()
        guard !departments.isEmpty else { return Page(items: [], next: nil) }
        var statement: SQLQueryString = """
            SELECT application_id, procedure_id, status, receipt_number, channel, applicant_name, birth_date, \
            received_us, due_date, assignee_id, department FROM inbox
            WHERE tenant_code = \(bind: member.tenant.value) AND department IN (\(binds: departments))
            """
        if let procedure = query.procedure { statement += " AND procedure_id = \(bind: procedure)" }
        if let status = query.status { statement += " AND status = \(bind: status.rawValue)" }
        if let from = query.receivedFrom {
            statement += " AND received_us >= \(bind: JapanCalendar.start(of: from).microseconds)"
        }
        if let to = query.receivedTo {
            statement += " AND received_us < \(bind: JapanCalendar.start(of: to.adding(days: 1)).microseconds)"
        }
        if query.mine { statement += " AND assignee_id = \(bind: member.id)" }
        if query.overdue {
            let open = ApplicationStatus.allCases.filter { !$0.isFinal && $0 != .approved }.map(\.rawValue)
            statement += " AND status IN (\(binds: open)) AND due_date < \(bind: today.iso)"
        }
        if let search { statement += " AND " + search.condition }
        if let after = query.after {
            switch query.order {
            case .newest:
                statement += " AND (received_us, application_id) < (\(bind: after.received), \(bind: after.id))"
            case .oldest:
                statement += " AND (received_us, application_id) > (\(bind: after.received), \(bind: after.id))"
            case .due: statement += " AND (due_date, application_id) > (\(bind: after.due), \(bind: after.id))"
            }
        }
        // A search finds few rows through its own index and sorts them; without the unary plus the
        // planner may walk the 課's whole list in order instead, testing each row (SQLite did, with
        // a 受付番号 or a birth date: 12 ms at 20,000 rows, 250 ms at 400,000).
        let sortKey: SQLQueryString = search == nil ? "" : "+"
        switch query.order {
        case .newest: statement += " ORDER BY \(sortKey)received_us DESC, application_id DESC"
        case .oldest: statement += " ORDER BY \(sortKey)received_us, application_id"
        case .due: statement += " ORDER BY \(sortKey)due_date, application_id"
        }
        statement += " LIMIT \(literal: limit + 1)"
        let rows = try await sql.raw(statement).all()
        var items: [Item] = []
        items.reserveCapacity(rows.count)
        for row in rows {
            items.append(
                Item(
                    id: try row.decode(column: "application_id", as: UUID.self),
                    procedureID: try row.decode(column: "procedure_id", as: String.self),
                    status: ApplicationStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .received,
                    receiptNumber: try row.decode(column: "receipt_number", as: String.self),
                    channel: try row.decode(column: "channel", as: String.self),
                    applicantName: try row.decode(column: "applicant_name", as: String?.self),
                    birthDate: try row.decode(column: "birth_date", as: String?.self),
                    receivedMicroseconds: try row.decode(column: "received_us", as: Int64.self),
                    dueDate: try row.decode(column: "due_date", as: String.self),
                    assignee: try row.decode(column: "assignee_id", as: UUID?.self),
                    department: try row.decode(column: "department", as: String.self)))
        }
        guard items.count > limit else { return Page(items: items, next: nil) }
        items.removeLast()
        return Page(items: items, next: items.last?.cursor)
    }

    /// How many applications each status has, in the member's 課 (`inbox_counts`).
    static func counts(for member: StaffMember, on sql: any SQLDatabase) async throws -> [ApplicationStatus: Int] {
        let departments = member.visibleDepartments.sorted()
        guard !departments.isEmpty else { return [:] }
        let rows = try await sql.raw(
            """
            SELECT status, CAST(SUM(count) AS BIGINT) AS total FROM inbox_counts
            WHERE tenant_code = \(bind: member.tenant.value) AND department IN (\(binds: departments)) GROUP BY status
            """
        ).all()
        var counts: [ApplicationStatus: Int] = [:]
        for row in rows {
            if let status = ApplicationStatus(rawValue: try row.decode(column: "status", as: String.self)) {
                counts[status] = try row.decode(column: "total", as: Int.self)
            }
        }
        return counts
    }
}

extension Date {
    /// Microseconds since 1970 (how the inbox keeps times, exactly).
    var microseconds: Int64 { Int64((timeIntervalSince1970 * 1_000_000).rounded()) }
}

extension JapanCalendar {
    /// Midnight at the start of `date` in Japan.
    static func start(of date: CivilDate) -> Date {
        Date(timeIntervalSince1970: Double(date.dayNumber) * 86400 - 9 * 3600)
    }
}
