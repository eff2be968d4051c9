/// A small typed HTML tree. Text and attribute values are escaped when rendered; the only way to
/// emit markup unescaped is `Node.trusted`, used for the doctype and fixed strings (grep for it).
public indirect enum Node: Sendable {
    case element(String, [Attribute], [Node])
    case text(String)
    case trusted(String)
    case fragment([Node])

    static let voidElements: Set<String> = ["br", "hr", "img", "input", "link", "meta"]

    public func render(into out: inout String) {
        switch self {
        case .text(let text): out += HTMLEscape.text(text)
        case .trusted(let markup): out += markup
        case .fragment(let nodes): for node in nodes { node.render(into: &out) }
        case .element(let name, let attributes, let children):
            out += "<" + name
            for attribute in attributes {
                out += " " + attribute.name
                if let value = attribute.value { out += "=\"" + HTMLEscape.attribute(value) + "\"" }
            }
            out += ">"
            if Node.voidElements.contains(name) { return }
            for child in children { child.render(into: &out) }
            out += "</" + name + ">"
        }
    }

    public var rendered: String {
        var out = ""
        out.reserveCapacity(16_384)
        render(into: &out)
        return out
    }
}

public struct Attribute: Sendable {
    public var name: String
    /// nil for a boolean attribute (`required`, `checked`).
    public var value: String?

    public init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }

    static func `class`(_ value: String) -> Attribute { Attribute("class", value) }
    static func id(_ value: String) -> Attribute { Attribute("id", value) }
    static func href(_ url: SiteURL) -> Attribute { Attribute("href", url.path) }
    static func flag(_ name: String, _ on: Bool = true) -> Attribute? { on ? Attribute(name, nil) : nil }
}

enum HTMLEscape {
    static func text(_ text: String) -> String { escape(text, quotes: false) }
    static func attribute(_ text: String) -> String { escape(text, quotes: true) }

    private static func escape(_ text: String, quotes: Bool) -> String {
        guard text.contains(where: { $0 == "<" || $0 == ">" || $0 == "&" || (quotes && ($0 == "\"" || $0 == "'")) })
        else { return text }
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

@resultBuilder
enum NodeBuilder {
    static func buildBlock(_ parts: [Node]...) -> [Node] { parts.flatMap { $0 } }
    static func buildExpression(_ node: Node) -> [Node] { [node] }
    static func buildExpression(_ nodes: [Node]) -> [Node] { nodes }
    static func buildExpression(_ text: String) -> [Node] { [.text(text)] }
    static func buildOptional(_ nodes: [Node]?) -> [Node] { nodes ?? [] }
    static func buildEither(first nodes: [Node]) -> [Node] { nodes }
    static func buildEither(second nodes: [Node]) -> [Node] { nodes }
    static func buildArray(_ parts: [[Node]]) -> [Node] { parts.flatMap { $0 } }
}

/// `el("p", .class("lead")) { "text" }`; nil attributes are skipped.
func el(_ name: String, _ attributes: Attribute?..., @NodeBuilder children: () -> [Node] = { [] }) -> Node {
    .element(name, attributes.compactMap { $0 }, children())
}

func el(_ name: String, attributes: [Attribute?], @NodeBuilder children: () -> [Node] = { [] }) -> Node {
    .element(name, attributes.compactMap { $0 }, children())
}
