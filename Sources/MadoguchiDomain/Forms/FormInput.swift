/// What a resident (or an API client) sent, before validation: values by input path.
///
/// Paths: `field` for a simple field, `field.part` for the parts of 氏名 (`family`, `given`) and
/// 口座 (`bank_code`, `branch_code`, `type`, `number`, `holder`), `group.N.field…` for the N-th item
/// of a repeating group. A checkbox field may carry several values.
public struct FormInput: Sendable, Hashable {
    public var values: [String: [String]]

    public init(_ values: [String: [String]] = [:]) { self.values = values }

    public init(single: [String: String]) {
        values = single.mapValues { [$0] }
    }

    public subscript(_ path: String) -> String? {
        get { values[path]?.first }
        set { values[path] = newValue.map { [$0] } }
    }

    public func all(_ path: String) -> [String] { values[path] ?? [] }

    /// The items of a repeating group that hold something (a value not blank), in ascending order of
    /// index; an item left empty is skipped, as if it had been removed.
    public func filledItems(of group: String) -> [Int] {
        items(of: group) { key in values[key]!.contains { !TextNormalization.trim($0).isEmpty } }
    }

    /// The item indices present for a repeating group, in ascending order.
    public func itemIndices(of group: String) -> [Int] {
        items(of: group) { _ in true }
    }

    /// The item indices of `group` with a key under them for which `holds` is true, ascending.
    private func items(of group: String, where holds: (String) -> Bool) -> [Int] {
        let dotted = group + "."
        var found: [Int] = []
        for key in values.keys where Self.hasPrefix(key, dotted) {
            guard let index = Self.itemIndex(in: key, after: dotted.utf8.count), !found.contains(index), holds(key)
            else { continue }
            found.append(index)
        }
        return found.sorted()
    }

    /// Whether `key` begins with the bytes of `prefix` (compared as bytes: no Unicode rules apply to paths).
    private static func hasPrefix(_ key: String, _ prefix: String) -> Bool {
        let prefixBytes = prefix.utf8
        let keyBytes = key.utf8
        guard keyBytes.count > prefixBytes.count, keyBytes.first == prefixBytes.first else { return false }
        return keyBytes.starts(with: prefixBytes)
    }

    /// The item index in `key` after a group's "group." prefix of `offset` bytes ("group.12.x" → 12).
    private static func itemIndex(in key: String, after offset: Int) -> Int? {
        var number = 0
        var digits = 0
        for byte in key.utf8.dropFirst(offset) {
            if byte == UInt8(ascii: ".") { break }
            guard byte >= 0x30 && byte <= 0x39, digits < 6 else { return nil }
            number = number * 10 + Int(byte - 0x30)
            digits += 1
        }
        return digits > 0 && number < FormInput.maxItems ? number : nil
    }

    /// No group can have more items than this, whatever the catalog says (protects the server).
    public static let maxItems = 100
}
