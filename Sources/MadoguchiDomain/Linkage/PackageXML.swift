import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An XML element of a package's form data: its name, attributes, text and children, in order.
public struct PackageXMLElement: Sendable, Hashable {
    public var name: String
    public var attributes: [String: String]
    public var text: String
    public var children: [PackageXMLElement]

    public init(
        name: String, attributes: [String: String] = [:], text: String = "", children: [PackageXMLElement] = []
    ) {
        self.name = name
        self.attributes = attributes
        self.text = text
        self.children = children
    }

    /// The first child called `name`.
    public func child(_ name: String) -> PackageXMLElement? { children.first { $0.name == name } }

    /// The trimmed text of the first child called `name`, if it has any.
    public func value(_ name: String) -> String? {
        child(name).map { TextNormalization.trim($0.text) }.flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// Reads form data: UTF-8, well-formed, no DTD (so no entity can expand or reach outside), at most
/// `maxDepth` levels and `maxElements` elements.
public enum PackageXML {
    public static let maxDepth = 32
    public static let maxElements = 20_000

    public static func parse(_ bytes: [UInt8]) throws(PackageRejection) -> PackageXMLElement {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw PackageRejection(.badFormData, "the form data is not UTF-8")
        }
        // A DTD is never needed by form data and is how entity expansion and external entities come in.
        if bytes.firstRange(of: Array("<!DOCTYPE".utf8)) != nil || bytes.firstRange(of: Array("<!ENTITY".utf8)) != nil {
            throw PackageRejection(.badFormData, "the form data declares a DTD or entities")
        }
        let delegate = TreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = delegate
        let parsed = parser.parse()
        if let failure = delegate.failure { throw failure }
        guard parsed, let root = delegate.root else {
            let line = parser.lineNumber
            throw PackageRejection(.badFormData, "the form data is not well-formed XML (line \(line))")
        }
        return root
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [PackageXMLElement] = []
        var root: PackageXMLElement?
        var count = 0
        var failure: PackageRejection?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            count += 1
            guard stack.count < PackageXML.maxDepth, count <= PackageXML.maxElements else {
                failure = PackageRejection(.tooLarge, "the form data is nested too deep or has too many elements")
                parser.abortParsing()
                return
            }
            stack.append(PackageXMLElement(name: elementName, attributes: attributes))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            guard !stack.isEmpty, let text = String(data: block, encoding: .utf8) else { return }
            stack[stack.count - 1].text += text
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            guard let element = stack.popLast() else { return }
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }

        func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
            failure = PackageRejection(.badFormData, "the form data refers to an external entity")
            parser.abortParsing()
            return nil
        }
    }
}
