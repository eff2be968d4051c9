import Yams

/// Reads a procedure's hand-off file (`Catalog/handoff/<procedure>.yaml`), collecting every problem
/// with its line; `HandOffLayoutLinter` then checks it against the procedure.
public enum HandOffLayoutParser {
    public struct Result: Sendable {
        public var file: HandOffLayoutFile?
        public var issues: [CatalogIssue]
    }

    static let fileKeys: Set<String> = ["procedure", "items_source", "items", "layouts"]
    static let layoutKeys: Set<String> = [
        "name", "format", "encoding", "record_terminator", "header_row", "record_length", "substitution", "header",
        "data", "trailer",
    ]
    static let columnKeys: Set<String> = [
        "source", "value", "name", "width", "align", "pad", "overflow", "date", "codes", "kana", "digits",
    ]

    /// The names of the MJ縮退マップ's categories in a layout file, in the map's order.
    public static let categoryNames: [(name: String, category: MJShrinkCategory)] = [
        ("jis_ucs_unification", .jisAndUCSUnification), ("koseki_notices", .kosekiNotices),
        ("notice_582", .notice582), ("dictionaries", .dictionaries), ("reading_or_shape", .readingOrShape),
    ]

    public static func parse(yaml: String, file: String) -> Result {
        var reader = YAMLReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            return Result(file: nil, issues: [ProcedureParser.yamlSyntaxIssue(error, file: file)])
        }
        guard let map = reader.mapping(root, allowed: fileKeys, context: "hand-off file") else {
            reader.report(line: 1, "the file must be a mapping with procedure, items and layouts")
            return Result(file: nil, issues: reader.issues)
        }
        let procedure = reader.string(map, "procedure")
        var items: [String: String] = [:]
        var itemLines: [String: Int] = [:]
        if let node = map["items"] {
            if let pairs = node.mapping {
                for (key, value) in pairs {
                    guard let path = key.string, let name = value.string, !path.isEmpty, !name.isEmpty else {
                        reader.report(key, "items: each entry maps a field path (or @meta) to an item name")
                        continue
                    }
                    if items[path] != nil { reader.report(key, "items: '\(path)' is named twice") }
                    items[path] = name
                    itemLines[path] = key.mark?.line ?? map.line
                }
            } else {
                reader.report(node, "items must map field paths to item names")
            }
        }
        let layouts = reader.sequence(map, "layouts", required: true).compactMap {
            parseLayout($0, items: items, file: file, &reader)
        }
        guard let procedure else { return Result(file: nil, issues: reader.issues) }
        var parsed = HandOffLayoutFile(
            procedureID: procedure, itemsSource: reader.string(map, "items_source", required: false), items: items,
            layouts: layouts, file: file)
        parsed.itemLines = itemLines
        return Result(file: parsed, issues: reader.issues)
    }

    static func parseLayout(
        _ node: Node, items: [String: String], file: String, _ reader: inout YAMLReader
    ) -> HandOffLayout? {
        guard let map = reader.mapping(node, allowed: layoutKeys, context: "layout") else { return nil }
        let name = reader.string(map, "name")
        let context = "layout '\(name ?? "?")'"
        let format = choice(map, "format", HandOffLayout.Format.self, context: context, &reader)
        let encoding =
            choice(map, "encoding", HandOffLayout.Encoding.self, context: context, required: false, &reader)
            ?? (format == .fixed ? .cp932 : .utf8)
        let terminator =
            choice(map, "record_terminator", HandOffLayout.Terminator.self, context: context, required: false, &reader)
            ?? .crlf
        var categories: Set<MJShrinkCategory> = [.jisAndUCSUnification]
        if map["substitution"] != nil {
            categories = []
            for text in reader.strings(map, "substitution") {
                guard let found = categoryNames.first(where: { $0.name == text }) else {
                    let names = categoryNames.map(\.name).joined(separator: ", ")
                    reader.report(map["substitution"], "\(context): unknown substitution category '\(text)' (\(names))")
                    continue
                }
                categories.insert(found.category)
            }
        }
        func columns(_ key: String) -> [HandOffColumn] {
            reader.sequence(map, key, required: key == "data").compactMap {
                parseColumn($0, items: items, context: "\(context) \(key)", &reader)
            }
        }
        let header = columns("header")
        let data = columns("data")
        let trailer = columns("trailer")
        guard let name, let format else { return nil }
        var layout = HandOffLayout(
            name: name, format: format, encoding: encoding,
            headerRow: reader.bool(map, "header_row") ?? (format == .csv),
            data: data, header: header, trailer: trailer)
        layout.terminator = terminator
        layout.recordLength = reader.int(map, "record_length")
        layout.substitution = categories
        layout.file = file
        layout.line = map.line
        return layout
    }

    static func parseColumn(
        _ node: Node, items: [String: String], context: String, _ reader: inout YAMLReader
    ) -> HandOffColumn? {
        guard let map = reader.mapping(node, allowed: columnKeys, context: context) else { return nil }
        let source: HandOffColumn.Source
        switch (reader.string(map, "source", required: false), map["value"]) {
        case (let text?, nil):
            if text.hasPrefix("@") {
                guard let meta = HandOffMeta(rawValue: String(text.dropFirst())) else {
                    let names = HandOffMeta.allCases.map { "@" + $0.rawValue }.joined(separator: ", ")
                    reader.report(map["source"], "\(context): unknown '\(text)' (\(names))")
                    return nil
                }
                source = .meta(meta)
            } else {
                guard let path = FieldPath(text), !path.anyItem else {
                    reader.report(map["source"], "\(context): '\(text)' is not a field path (children.0.child_name)")
                    return nil
                }
                source = .field(path)
            }
        case (nil, let value?):
            guard let text = value.string else {
                reader.report(value, "\(context): 'value' must be text")
                return nil
            }
            source = .literal(text)
        default:
            reader.report(map.node, "\(context): give either 'source' or 'value'")
            return nil
        }
        var column = HandOffColumn(
            source: source,
            name: reader.string(map, "name", required: false) ?? HandOffLayoutFile.name(of: source, items: items),
            width: reader.int(map, "width"))
        column.line = map.line
        if let align = reader.string(map, "align", required: false) {
            switch align {
            case "left": column.alignment = .left
            case "right": column.alignment = .right
            default: reader.report(map["align"], "\(context): align must be left or right")
            }
        }
        if let pad = reader.string(map, "pad", required: false) {
            switch pad {
            case "space": column.padding = .space
            case "zero": column.padding = .zero
            case "full_width_space": column.padding = .fullWidthSpace
            default: reader.report(map["pad"], "\(context): pad must be space, zero or full_width_space")
            }
        }
        if let overflow = reader.string(map, "overflow", required: false) {
            switch overflow {
            case "fail": column.overflow = .fail
            case "truncate": column.overflow = .truncate
            default: reader.report(map["overflow"], "\(context): overflow must be fail or truncate")
            }
        }
        if let text = reader.string(map, "date", required: false) {
            column.dateFormat = HandOffDateFormat(rawValue: text)
            if column.dateFormat == nil {
                let names = HandOffDateFormat.allCases.map(\.rawValue).joined(separator: ", ")
                reader.report(map["date"], "\(context): unknown date format '\(text)' (\(names))")
            }
        }
        if let kana = reader.string(map, "kana", required: false) {
            if kana == "half" {
                column.halfWidthKana = true
            } else {
                reader.report(map["kana"], "\(context): kana must be half")
            }
        }
        column.digitsOnly = reader.bool(map, "digits") ?? false
        if let node = map["codes"] {
            if let pairs = node.mapping {
                for (key, value) in pairs {
                    guard let from = key.string, let to = value.string else {
                        reader.report(key, "\(context): codes map each value to a code (text)")
                        continue
                    }
                    column.codes[from] = to
                }
            } else {
                reader.report(node, "\(context): codes must map values to codes")
            }
        }
        return column
    }

    static func choice<T: RawRepresentable & CaseIterable>(
        _ map: YAMLReader.Mapping, _ key: String, _ type: T.Type, context: String, required: Bool = true,
        _ reader: inout YAMLReader
    ) -> T? where T.RawValue == String {
        guard let text = reader.string(map, key, required: required) else { return nil }
        guard let value = T(rawValue: text) else {
            let names = T.allCases.map(\.rawValue).joined(separator: ", ")
            reader.report(map[key], "\(context): \(key) must be one of \(names), not '\(text)'")
            return nil
        }
        return value
    }
}
