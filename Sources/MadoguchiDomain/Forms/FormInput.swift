/// What a resident (or an API client) sent, before validation: values by input path.
///
/// Paths: `field` for a simple field, `field.part` for the parts of 氏名 (`family`, `given`) and
/// 口座 (`bank_code`, `branch_code`, `type`, `number`, `holder`), `group.N.field…` for the N-th item
/// of a repeating group. A checkbox field may carry several values.
///
/// The input is held as a tree (`Node`), one level per path segment, so that validation walks it
/// beside the catalog's fields instead of building and hashing a path for every value; the web form
/// sends flat paths (`values`), the API's JSON arrives as a tree already.
public struct FormInput: Sendable, Hashable {
    /// The values at one path and the paths under it, by their next segment.
    public struct Node: Sendable, Hashable {
        /// The first value here, if any: most paths hold one value, which then needs no list.
        public private(set) var first: String?
        /// The values after the first (a checkbox's other choices).
        private var rest: [String] = []
        public var children: [String: Node] = [:]

        public init(values: [String] = [], children: [String: Node] = [:]) {
            self.values = values
            self.children = children
        }

        /// More than one value is here (a checkbox's choices; for any other box, a mistake).
        public var holdsSeveralValues: Bool { !rest.isEmpty }

        public var values: [String] {
            get { first.map { [$0] + rest } ?? [] }
            set {
                first = newValue.first
                rest = Array(newValue.dropFirst())
            }
        }

        mutating func append(_ value: String) {
            if first == nil { first = value } else { rest.append(value) }
        }

        public subscript(_ segment: String) -> Node? { children[segment] }

        /// Whether anything under this node (itself included) holds a value that is not blank.
        public var holdsSomething: Bool {
            guard let first else { return children.values.contains(where: \.holdsSomething) }
            return !TextNormalization.trim(first).isEmpty || rest.contains { !TextNormalization.trim($0).isEmpty }
                || children.values.contains(where: \.holdsSomething)
        }

        var isEmpty: Bool { first == nil && children.isEmpty }
    }

    public var root: Node

    public init(root: Node) { self.root = root }

    public init(_ values: [String: [String]] = [:]) {
        root = Node()
        root.children.reserveCapacity(values.count)
        for (path, list) in values { self[all: path] = list }
    }

    public init(single: [String: String]) {
        self.init(single.mapValues { [$0] })
    }

    /// Every value by its flat path, as the web form names its boxes.
    public var values: [String: [String]] {
        get {
            var flat: [String: [String]] = [:]
            func collect(_ node: Node, _ path: String?) {
                if let path, !node.values.isEmpty { flat[path] = node.values }
                for (segment, child) in node.children { collect(child, path.map { "\($0).\(segment)" } ?? segment) }
            }
            collect(root, nil)
            return flat
        }
        set { self = FormInput(newValue) }
    }

    public subscript(_ path: String) -> String? {
        get { node(at: path)?.first }
        set { self[all: path] = newValue.map { [$0] } ?? [] }
    }

    public func all(_ path: String) -> [String] { node(at: path)?.values ?? [] }

    /// The values at `path`; setting an empty list removes them, and the nodes left holding nothing.
    /// A path no form has (`isAcceptable`) is not stored: the tree stays shallow, whatever is posted.
    public subscript(all path: String) -> [String] {
        get { all(path) }
        set {
            guard Self.isAcceptable(path) else { return }
            if newValue.isEmpty {
                func remove(_ node: inout Node, _ segments: ArraySlice<String>) {
                    guard let segment = segments.first else {
                        node.values = []
                        return
                    }
                    guard var child = node.children.removeValue(forKey: segment) else { return }
                    remove(&child, segments.dropFirst())
                    if !child.isEmpty { node.children[segment] = child }
                }
                remove(&root, Self.segments(of: path)[...])
            } else {
                // In place, through the dictionary's own accessor: no node is copied on the way down,
                // and the path's bytes are read segment by segment, without a list of segments.
                var path = path
                path.withUTF8 { bytes in
                    func set(_ node: inout Node, from start: Int) {
                        var end = start
                        while end < bytes.count && bytes[end] != UInt8(ascii: ".") { end += 1 }
                        let segment = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                        if end == bytes.count {
                            node.children[segment, default: Node()].values = newValue
                        } else {
                            set(&node.children[segment, default: Node()], from: end + 1)
                        }
                    }
                    set(&root, from: 0)
                }
            }
        }
    }

    /// The node at a flat path, if anything is there.
    public func node(at path: String) -> Node? {
        var node = root
        for segment in Self.segments(of: path) {
            guard let child = node.children[segment] else { return nil }
            node = child
        }
        return node
    }

    /// A flat path's segments, split at every "." (empty ones kept), read as bytes: paths are
    /// compared byte for byte, and splitting by Character would apply grapheme rules to each.
    static func segments(of path: String) -> [String] {
        var segments: [String] = []
        let bytes = path.utf8
        var start = bytes.startIndex
        while let dot = bytes[start...].firstIndex(of: UInt8(ascii: ".")) {
            segments.append(String(path[start..<dot]))
            start = bytes.index(after: dot)
        }
        segments.append(String(path[start...]))
        return segments
    }

    /// The items of a repeating group that hold something (a value not blank), in ascending order of
    /// index; an item left empty is skipped, as if it had been removed.
    public func filledItems(of group: String) -> [Int] {
        node(at: group).map { Self.filledItemNodes($0).map(\.index) } ?? []
    }

    /// The item indices present for a repeating group, in ascending order.
    public func itemIndices(of group: String) -> [Int] {
        guard let node = node(at: group) else { return [] }
        return node.children.keys.compactMap(Self.itemIndex).sorted()
    }

    /// The items under a group's node that hold something, in ascending order of index, with their
    /// nodes (what validation walks).
    static func filledItemNodes(_ group: Node) -> [(index: Int, node: Node)] {
        var found: [(index: Int, node: Node)] = []
        for (segment, item) in group.children {
            guard let index = itemIndex(segment), item.holdsSomething else { continue }
            found.append((index, item))
        }
        found.sort { $0.index < $1.index }
        return found
    }

    /// The item index a path segment names ("12" → 12): digits only, below `maxItems`, and written
    /// one way only ("0", never "00" or "01", which would name the same item twice).
    static func itemIndex(_ segment: String) -> Int? {
        var number = 0
        var digits = 0
        for byte in segment.utf8 {
            guard byte >= 0x30 && byte <= 0x39, digits < 6, digits == 0 || number > 0 else { return nil }
            number = number * 10 + Int(byte - 0x30)
            digits += 1
        }
        return digits > 0 && number < FormInput.maxItems ? number : nil
    }

    /// No group can have more items than this, whatever the catalog says (protects the server).
    public static let maxItems = 100

    /// The deepest path a form has is a group's item's composite part (`group.N.field.part`); a
    /// group in a group would add two levels. Deeper or longer names are no form's: they are refused,
    /// so that a name of thousands of segments cannot build a tree that deep (walking and freeing it
    /// recurses once per level).
    public static let maxDepth = 8
    public static let maxPathBytes = 256

    /// Whether `path` is one a form could have: at most `maxDepth` segments and `maxPathBytes` bytes.
    public static func isAcceptable(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            bytes.count <= maxPathBytes && bytes.lazy.filter { $0 == UInt8(ascii: ".") }.count < maxDepth
        }
    }
}
