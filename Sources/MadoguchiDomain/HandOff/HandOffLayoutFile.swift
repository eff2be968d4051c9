import Foundation

/// One procedure's hand-off file (`Catalog/handoff/<procedure>.yaml`): the names the core side
/// gives its items, and the layouts of the files it reads.
public struct HandOffLayoutFile: Sendable, Hashable {
    public var procedureID: String
    /// Where the item names come from (a 基本データリスト, the official form), for the reader.
    public var itemsSource: String?
    /// Item name by field path or pattern (`claimant_name.family`, `children[].child_name`) or by
    /// `@meta` (`@receipt_number`).
    public var items: [String: String]
    public var layouts: [HandOffLayout]
    public var file: String
    /// The line each item was declared on, for lint messages.
    var itemLines: [String: Int] = [:]

    public init(
        procedureID: String, itemsSource: String? = nil, items: [String: String] = [:], layouts: [HandOffLayout],
        file: String = ""
    ) {
        self.procedureID = procedureID
        self.itemsSource = itemsSource
        self.items = items
        self.layouts = layouts
        self.file = file
    }

    /// The item name of a column's source: the file's name for it, else the catalog id (the path as
    /// written); a group item's name takes its number (1 for the first) where the name has `{n}`,
    /// else after an underscore.
    static func name(of source: HandOffColumn.Source, items: [String: String]) -> String {
        switch source {
        case .literal: return ""
        case .meta(let meta): return items["@" + meta.rawValue] ?? meta.defaultName
        case .field(let path):
            guard let named = items[path.pattern.description] else { return path.description }
            guard let index = path.index else { return named }
            let number = String(index + 1)
            return named.contains("{n}") ? named.replacingOccurrences(of: "{n}", with: number) : "\(named)_\(number)"
        }
    }
}
