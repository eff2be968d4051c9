import Foundation

/// The procedures a deployment offers, loaded from the catalog folder.
public struct Catalog: Sendable {
    public let procedures: [Procedure]
    private let byID: [String: Procedure]

    public init(procedures: [Procedure]) {
        self.procedures = procedures.sorted { ($0.category.rawValue, $0.id) < ($1.category.rawValue, $1.id) }
        self.byID = Dictionary(procedures.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func procedure(_ id: String) -> Procedure? { byID[id] }

    public func procedures(in category: ProcedureCategory) -> [Procedure] {
        procedures.filter { $0.category == category }
    }

    /// The largest file any attachment field of the catalog accepts (`max_mb`, in groups too), in MB:
    /// what a file may weigh before it is known which field it is for.
    public var largestAttachmentMB: Int {
        func largest(_ fields: [FieldDefinition]) -> Int {
            fields.map { $0.type == .attachment ? $0.maxAttachmentMB : largest($0.fields) }.max() ?? 0
        }
        return procedures.map { largest($0.fields) }.max() ?? 0
    }

    public struct LoadResult: Sendable {
        public var catalog: Catalog
        public var issues: [CatalogIssue]
    }

    /// Loads and lints every `*.yaml` under `directory`. Paths in issues are relative to `relativeTo`.
    public static func load(directory: URL, relativeTo base: URL? = nil) -> LoadResult {
        let files = yamlFiles(in: directory)
        var procedures: [Procedure] = []
        var issues: [CatalogIssue] = []
        var seen: [String: String] = [:]
        let basePath = (base ?? directory.deletingLastPathComponent()).standardizedFileURL.path
        for file in files {
            var display = file.standardizedFileURL.path
            if display.hasPrefix(basePath + "/") { display.removeFirst(basePath.count + 1) }
            guard let data = FileManager.default.contents(atPath: file.path),
                let text = String(data: data, encoding: .utf8)
            else {
                issues.append(CatalogIssue(file: display, line: 1, message: "cannot read the file as UTF-8"))
                continue
            }
            let parsed = ProcedureParser.parse(yaml: text, file: display)
            issues += parsed.issues
            guard let procedure = parsed.procedure else { continue }
            issues += CatalogLinter.lint(procedure)
            if let other = seen[procedure.id] {
                issues.append(
                    CatalogIssue(file: display, line: 1, message: "id '\(procedure.id)' is also used by \(other)"))
                continue
            }
            seen[procedure.id] = display
            procedures.append(procedure)
        }
        if files.isEmpty {
            issues.append(CatalogIssue(file: directory.path, line: 1, message: "no catalog files (*.yaml) found"))
        }
        return LoadResult(catalog: Catalog(procedures: procedures), issues: issues)
    }

    /// The procedure files: every YAML file under `directory`, except the hand-off layouts in its
    /// `handoff/` folder (`HandOffCatalog`).
    static func yamlFiles(in directory: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        else { return [] }
        let layouts = directory.appendingPathComponent(HandOffCatalog.folderName).standardizedFileURL.path + "/"
        return enumerator.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }
            .filter { !$0.standardizedFileURL.path.hasPrefix(layouts) }
            .sorted { $0.path < $1.path }
    }
}
