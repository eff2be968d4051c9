import Foundation
import MadoguchiDomain
import SQLKit

/// What the inbox lists: filters, a search, the order and where the page starts. Read from the
/// query string; every value is checked, and one that cannot be used is named (`problems`).
struct InboxQuery: Sendable, Equatable {
    enum Order: String, Sendable, CaseIterable {
        case newest, oldest, due
    }

    /// What a search looks for: typed explicitly, or worked out from the text (`auto`).
    enum SearchKind: String, Sendable, CaseIterable {
        case auto, receipt, name, kana, phone, birth
    }

    var procedure: String?
    var status: ApplicationStatus?
    var receivedFrom: CivilDate?
    var receivedTo: CivilDate?
    var mine = false
    var assignee: UUID?
    var overdue = false
    var order = Order.newest
    var search = ""
    var searchKind = SearchKind.auto
    /// The keyset cursor: the last row of the previous page.
    var after: Cursor?

    /// Where a page ends: the ordering values of its last row.
    struct Cursor: Sendable, Equatable {
        var received: Int64
        var due: String
        var id: UUID

        var text: String { "\(received)_\(due)_\(id.uuidString)" }

        init(received: Int64, due: String, id: UUID) {
            self.received = received
            self.due = due
            self.id = id
        }

        init?(_ text: String) {
            let parts = text.split(separator: "_", omittingEmptySubsequences: false)
            guard parts.count == 3, let received = Int64(parts[0]), CivilDate(iso: String(parts[1])) != nil,
                let id = UUID(uuidString: String(parts[2]))
            else { return nil }
            self.init(received: received, due: String(parts[1]), id: id)
        }
    }

    static let pageSize = 50

    /// Reads the query string's values; what cannot be read is left out and named in `problems`.
    static func read(_ values: [String: String], procedures: Set<String>) -> (InboxQuery, [LocalizedText]) {
        var query = InboxQuery()
        var problems: [LocalizedText] = []
        func value(_ name: String) -> String? {
            guard let text = values[name].map(TextNormalization.trim), !text.isEmpty else { return nil }
            return String(text.prefix(200))
        }
        if let procedure = value("procedure") {
            if procedures.contains(procedure) {
                query.procedure = procedure
            } else {
                problems.append(LocalizedText(ja: "手続の指定が正しくありません。", en: "Unknown procedure."))
            }
        }
        if let status = value("status") {
            if let known = ApplicationStatus(rawValue: status) {
                query.status = known
            } else {
                problems.append(LocalizedText(ja: "状態の指定が正しくありません。", en: "Unknown status."))
            }
        }
        for (name, label) in [("from", ("受付日（から）", "Received from")), ("to", ("受付日（まで）", "Received until"))] {
            guard let text = value(name) else { continue }
            guard case .success(let date) = DateParser.parse(text) else {
                problems.append(
                    LocalizedText(
                        ja: "\(label.0)は、2026-04-01 や 令和8年4月1日 の形で入力してください。",
                        en: "\(label.1): enter a date such as 2026-04-01."))
                continue
            }
            if name == "from" { query.receivedFrom = date } else { query.receivedTo = date }
        }
        query.mine = value("mine") == "1"
        query.overdue = value("overdue") == "1"
        if let order = value("order").flatMap(Order.init(rawValue:)) { query.order = order }
        query.search = value("q") ?? ""
        if let kind = value("kind").flatMap(SearchKind.init(rawValue:)) { query.searchKind = kind }
        if let after = value("after") {
            if let cursor = Cursor(after) {
                query.after = cursor
            } else {
                problems.append(LocalizedText(ja: "ページの指定が正しくありません。", en: "The page marker is not valid."))
            }
        }
        return (query, problems)
    }

    /// The query string of this query (for links: the next page, the CSV of this list).
    func queryString(after cursor: Cursor? = nil) -> String {
        var items: [(String, String)] = []
        if let procedure { items.append(("procedure", procedure)) }
        if let status { items.append(("status", status.rawValue)) }
        if let receivedFrom { items.append(("from", receivedFrom.iso)) }
        if let receivedTo { items.append(("to", receivedTo.iso)) }
        if mine { items.append(("mine", "1")) }
        if overdue { items.append(("overdue", "1")) }
        if order != .newest { items.append(("order", order.rawValue)) }
        if !search.isEmpty { items.append(("q", search)) }
        if searchKind != .auto { items.append(("kind", searchKind.rawValue)) }
        if let cursor { items.append(("after", cursor.text)) }
        return items.map { "\($0.0)=\(SiteURL.escape($0.1))" }.joined(separator: "&")
    }
}
