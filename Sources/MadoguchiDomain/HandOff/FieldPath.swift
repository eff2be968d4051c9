/// A place in an application's answers, written as the API and the web form name inputs:
/// `claimant_name` (姓 and 名 together), `claimant_name.family`, `bank_account.holder`,
/// `children.0.child_name.family` (the first item of a repeating group). In a layout file's `items`
/// a group's items are written `children[].child_name.family`: one name for every item.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// The top-level field.
    public var field: String
    /// The item of a repeating group (0 is the first); nil outside a group, and in a pattern.
    public var index: Int?
    /// Whether this is a pattern for every item (`children[]`).
    public var anyItem: Bool
    /// The field of the group's item.
    public var member: String?
    /// A part of a composite value: `family`/`given` of a name, the parts of an account
    /// (`bank_code`, `branch_code`, `type`, `number`, `holder`), `sha256`/`filename` of a file.
    public var part: String?

    public init(field: String, index: Int? = nil, anyItem: Bool = false, member: String? = nil, part: String? = nil) {
        self.field = field
        self.index = index
        self.anyItem = anyItem
        self.member = member
        self.part = part
    }

    /// Reads a path or (with `[]`) a pattern; nil when it is not one.
    public init?(_ text: String) {
        var segments = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard var first = segments.first, !first.isEmpty else { return nil }
        segments.removeFirst()
        var anyItem = false
        if first.hasSuffix("[]") {
            first.removeLast(2)
            anyItem = true
        }
        var index: Int?
        if !anyItem, let next = segments.first, let number = Int(next), next.allSatisfy(\.isASCII), number >= 0 {
            index = number
            segments.removeFirst()
        }
        let inGroup = anyItem || index != nil
        guard Self.isIdentifier(first), segments.allSatisfy(Self.isIdentifier),
            segments.count <= (inGroup ? 2 : 1), !inGroup || !segments.isEmpty
        else { return nil }
        self.init(
            field: first, index: index, anyItem: anyItem, member: inGroup ? segments.first : nil,
            part: inGroup ? segments.dropFirst().first : segments.first)
    }

    /// Whether this names an item of a group (by number or as a pattern).
    public var inGroup: Bool { index != nil || anyItem }

    /// The pattern this path is an instance of (`children.0.x` → `children[].x`).
    public var pattern: FieldPath {
        guard index != nil else { return self }
        return FieldPath(field: field, anyItem: true, member: member, part: part)
    }

    public var description: String {
        var text = field
        if anyItem { text += "[]" }
        if let index { text += ".\(index)" }
        if let member { text += ".\(member)" }
        if let part { text += ".\(part)" }
        return text
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
