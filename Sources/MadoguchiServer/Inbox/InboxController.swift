import Foundation
import MadoguchiDomain
import Vapor

/// GET /staff: the inbox of the member's 課. A search is recorded in the audit log (what kind of
/// search, not what was typed: that may be a name).
enum InboxController {
    static func inbox(_ req: Request) async throws -> Response {
        let staff = try req.staff
        let member = staff.member
        let services = req.madoguchi
        var (offered, query, search, problems) = try requested(req, by: member)
        let today = JapanCalendar.civilDate(of: services.clock.now())
        let sql = req.db.sql
        let page: InboxList.Page =
            problems.isEmpty && (query.search.isEmpty || search != nil)
            ? try await InboxList.page(query, search: search, for: member, today: today, on: sql)
            : InboxList.Page(items: [], next: nil)
        let now = services.clock.now()
        try await services.audit.record(
            search == nil ? .inboxListed : .inboxSearched, actor: member.id.uuidString,
            detail: search.map { "kind=\(Self.kind(of: $0));results=\(page.items.count)" }
                ?? "results=\(page.items.count)",
            tenant: member.tenant, at: now)
        query.after = nil
        let model = InboxPages.Model(
            member: member, query: query, problems: problems, counts: try await InboxList.counts(for: member, on: sql),
            page: page, procedures: offered,
            staffNames: try await StaffDirectory.names(
                of: Set(page.items.compactMap(\.assignee)), tenant: member.tenant, on: req.db),
            today: today)
        return Layout.response(
            InboxPages.render(try PageContext.staff(req), model), status: problems.isEmpty ? .ok : .badRequest)
    }

    /// What a request asks of the inbox (the page and its CSV alike): the member's procedures, the
    /// query, its search interpreted, and what could not be read.
    static func requested(
        _ req: Request, by member: StaffMember
    ) throws
        -> (offered: [Procedure], query: InboxQuery, search: InboxSearch?, problems: [LocalizedText])
    {
        let offered = try req.offeredCatalog.procedures.filter { member.visibleDepartments.contains($0.department) }
        var values: [String: String] = [:]
        for key in ["procedure", "status", "from", "to", "mine", "overdue", "order", "q", "kind", "after"] {
            if let value = req.query[String.self, at: key] { values[key] = value }
        }
        var (query, problems) = InboxQuery.read(values, procedures: Set(offered.map(\.id)))
        var search: InboxSearch?
        if !query.search.isEmpty {
            switch InboxSearch.interpret(query.search, as: query.searchKind) {
            case .success(let found): search = found
            case .failure(let failure): problems.append(failure.message)
            }
        }
        return (offered, query, search, problems)
    }

    static func kind(of search: InboxSearch) -> String {
        switch search {
        case .receipt: "receipt"
        case .name: "name"
        case .kana: "kana"
        case .phone: "phone"
        case .birth: "birth"
        }
    }
}
