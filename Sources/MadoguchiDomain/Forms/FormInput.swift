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

    /// True when every value at or under `prefix.` is blank.
    public func isBlank(under prefix: String) -> Bool {
        let dotted = prefix + "."
        return values.allSatisfy { key, list in
            !(key == prefix || key.utf8.starts(with: dotted.utf8))
                || list.allSatisfy { TextNormalization.trim($0).isEmpty }
        }
    }

    /// The item indices present for a repeating group, in ascending order.
    public func itemIndices(of group: String) -> [Int] {
        let dotted = group + "."
        var indices = Set<Int>()
        for key in values.keys where key.utf8.starts(with: dotted.utf8) {
            // The digits up to the next "." (or the end): "group.12.field" → 12.
            var number = 0
            var digits = 0
            for byte in key.utf8.dropFirst(dotted.utf8.count) {
                if byte == UInt8(ascii: ".") { break }
                guard byte >= 0x30 && byte <= 0x39, digits < 6 else {
                    digits = 0
                    break
                }
                number = number * 10 + Int(byte - 0x30)
                digits += 1
            }
            if digits > 0, number < FormInput.maxItems { indices.insert(number) }
        }
        return indices.sorted()
    }

    /// No group can have more items than this, whatever the catalog says (protects the server).
    public static let maxItems = 100
}
