/// How a procedure's answers arrive from マイナポータル (catalog data, `portal:` in a procedure's file):
/// the codes the portal names the procedure by, and which element of 申請内容 fills which field.
///
/// Default (no `fields` entry for an element): the element names from 申請内容 down, joined by `.`,
/// are the input path, and an element called `item` stands for the next item of a repeating group
/// (`<children><item><name>…` → `children.0.name`). An explicit entry maps a path of element names
/// joined by `/` to an input path; `[]` after an element marks it as repeating, and each `[]` in the
/// target takes that element's position among its like-named siblings, in order:
///
///     portal:
///       codes: ["0000000000123"]
///       fields:
///         申請者/氏名/氏: applicant_name.family
///         児童一覧/児童[]/氏名/氏: children[].name.family
public struct PortalMapping: Sendable, Hashable {
    /// 手続コード the portal may use for this procedure, besides the catalog id.
    public var codes: [String]
    /// Explicit element paths, `/`-joined and with `[]` on repeating elements, to input paths.
    public var fields: [String: String]

    public init(codes: [String] = [], fields: [String: String] = [:]) {
        self.codes = codes
        self.fields = fields
    }

    /// The form input that 申請内容 gives, and the attachment fields' archive paths by input path.
    public struct Mapped: Sendable {
        public var input: FormInput
        /// Input path → the archive entry an attachment field names.
        public var attachments: [String: String]
    }

    public func map(_ form: PackageXMLElement, for procedure: Procedure) -> Mapped {
        var values: [String: [String]] = [:]
        let explicit = Dictionary(
            fields.map { key, target in (key.replacingOccurrences(of: "[]", with: ""), (key, target)) },
            uniquingKeysWith: { first, _ in first })
        func walk(_ element: PackageXMLElement, names: [String], indices: [Int]) {
            var seen: [String: Int] = [:]
            for child in element.children {
                let position = seen[child.name, default: 0]
                seen[child.name] = position + 1
                let childNames = names + [child.name]
                let childIndices = indices + [position]
                if child.children.isEmpty {
                    let path = inputPath(names: childNames, indices: childIndices, explicit: explicit)
                    values[path, default: []].append(TextNormalization.trim(child.text))
                } else {
                    walk(child, names: childNames, indices: childIndices)
                }
            }
        }
        walk(form, names: [], indices: [])
        var attachments: [String: String] = [:]
        for (path, entries) in values where procedure.isAttachmentPath(path) {
            if let entry = entries.first { attachments[path] = entry }
        }
        return Mapped(input: FormInput(values), attachments: attachments)
    }

    private func inputPath(
        names: [String], indices: [Int], explicit: [String: (key: String, target: String)]
    ) -> String {
        if let (key, target) = explicit[names.joined(separator: "/")] {
            // The positions of the elements marked `[]` in the key, in order, fill the target's `[]`.
            let marked = key.split(separator: "/").enumerated().filter { $0.element.hasSuffix("[]") }.map(\.offset)
            var result = target
            for offset in marked {
                guard let range = result.range(of: "[]") else { break }
                result.replaceSubrange(range, with: ".\(indices[offset])")
            }
            return result
        }
        return zip(names, indices).map { name, index in name == "item" ? String(index) : name }
            .joined(separator: ".")
    }
}

extension Procedure {
    /// True if the input path ends at an attachment field (`field`, or `group.N.field` in a group).
    public func isAttachmentPath(_ path: String) -> Bool {
        var segments = path.split(separator: ".").map(String.init)[...]
        var definitions = fieldsByID
        while let id = segments.popFirst(), let field = definitions[id] {
            switch field.type {
            case .attachment: return segments.isEmpty
            case .group:
                guard segments.popFirst().flatMap(Int.init) != nil else { return false }
                definitions = field.fieldsByID
            default: return false
            }
        }
        return false
    }

    /// True if the portal may name this procedure by `code`.
    public func isNamed(byPortalCode code: String) -> Bool { code == id || portal.codes.contains(code) }
}
