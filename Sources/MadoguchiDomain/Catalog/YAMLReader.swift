import Yams

/// Reads typed values out of a composed YAML tree, recording a `CatalogIssue` with the line number
/// for every missing, misspelt or mistyped key instead of stopping at the first.
struct YAMLReader {
    let file: String
    private(set) var issues: [CatalogIssue] = []

    init(file: String) { self.file = file }

    mutating func report(_ node: Node?, _ message: String) {
        issues.append(CatalogIssue(file: file, line: node?.mark?.line ?? 1, message: message))
    }

    mutating func report(line: Int, _ message: String) {
        issues.append(CatalogIssue(file: file, line: line, message: message))
    }

    /// A mapping's entries by key, reporting keys outside `allowed` (typos would otherwise be ignored).
    mutating func mapping(_ node: Node?, allowed: Set<String>, context: String) -> Mapping? {
        guard let node else { return nil }
        guard case .mapping(let mapping) = node else {
            report(node, "\(context) must be a mapping")
            return nil
        }
        var entries: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.string else {
                report(key, "\(context): keys must be strings")
                continue
            }
            if !allowed.contains(name) {
                report(key, "\(context): unknown key '\(name)'")
            } else if entries[name] != nil {
                report(key, "\(context): duplicate key '\(name)'")
            }
            entries[name] = (key, value)
        }
        return Mapping(node: node, entries: entries, context: context)
    }

    struct Mapping {
        let node: Node
        let entries: [String: (key: Node, value: Node)]
        let context: String
        var line: Int { node.mark?.line ?? 1 }
        subscript(_ key: String) -> Node? { entries[key]?.value }
    }

    mutating func string(_ map: Mapping, _ key: String, required: Bool = true) -> String? {
        guard let node = map[key] else {
            if required { report(map.node, "\(map.context): missing '\(key)'") }
            return nil
        }
        guard case .scalar(let scalar) = node else {
            report(node, "\(map.context): '\(key)' must be text")
            return nil
        }
        let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty && required {
            report(node, "\(map.context): '\(key)' is empty")
            return nil
        }
        return value.isEmpty ? nil : value
    }

    mutating func int(_ map: Mapping, _ key: String, required: Bool = false) -> Int? {
        guard let node = map[key] else {
            if required { report(map.node, "\(map.context): missing '\(key)'") }
            return nil
        }
        guard let value = node.int, node.string.map({ Int($0) != nil }) ?? false else {
            report(node, "\(map.context): '\(key)' must be a whole number")
            return nil
        }
        return value
    }

    mutating func bool(_ map: Mapping, _ key: String) -> Bool? {
        guard let node = map[key] else { return nil }
        guard let text = node.string, text == "true" || text == "false" else {
            report(node, "\(map.context): '\(key)' must be true or false")
            return nil
        }
        return text == "true"
    }

    mutating func sequence(_ map: Mapping, _ key: String, required: Bool = false) -> [Node] {
        guard let node = map[key] else {
            if required { report(map.node, "\(map.context): missing '\(key)'") }
            return []
        }
        guard case .sequence(let sequence) = node else {
            report(node, "\(map.context): '\(key)' must be a list")
            return []
        }
        return Array(sequence)
    }

    mutating func strings(_ map: Mapping, _ key: String) -> [String] {
        sequence(map, key).compactMap { node in
            guard case .scalar(let scalar) = node else {
                report(node, "\(map.context): '\(key)' must be a list of texts")
                return nil
            }
            return scalar.string
        }
    }

    /// A Japanese text with its English counterpart under `key` + "_en".
    mutating func localized(_ map: Mapping, _ key: String, required: Bool = true) -> LocalizedText? {
        let ja = string(map, key, required: required)
        let en = string(map, key + "_en", required: ja != nil)
        guard let ja, let en else { return nil }
        return LocalizedText(ja: ja, en: en)
    }
}
