import Foundation

/// The hand-off layouts of a deployment: the files under `Catalog/handoff/`, one per procedure
/// that has its own, and for every procedure the generated `csv` and `fixed` layouts unless its
/// file declares layouts of those names.
public struct HandOffCatalog: Sendable {
    public let files: [String: HandOffLayoutFile]

    public init(files: [HandOffLayoutFile] = []) {
        self.files = Dictionary(files.map { ($0.procedureID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The folder under the catalog that holds the hand-off files (the procedure loader skips it).
    public static let folderName = "handoff"

    public struct LoadResult: Sendable {
        public var layouts: HandOffCatalog
        public var issues: [CatalogIssue]
    }

    /// Loads and lints every `*.yaml` in `directory` (the catalog's `handoff/`) against `catalog`;
    /// no folder, no files. Paths in issues are relative to `base` (the catalog's parent by default).
    public static func load(directory: URL, catalog: Catalog, relativeTo base: URL? = nil) -> LoadResult {
        var files: [HandOffLayoutFile] = []
        var issues: [CatalogIssue] = []
        var seen: [String: String] = [:]
        let basePath =
            (base ?? directory.deletingLastPathComponent().deletingLastPathComponent()).standardizedFileURL.path
        let found =
            ((try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }
            .sorted { $0.path < $1.path }
        for url in found {
            var display = url.standardizedFileURL.path
            if display.hasPrefix(basePath + "/") { display.removeFirst(basePath.count + 1) }
            guard let data = FileManager.default.contents(atPath: url.path),
                let text = String(data: data, encoding: .utf8)
            else {
                issues.append(CatalogIssue(file: display, line: 1, message: "cannot read the file as UTF-8"))
                continue
            }
            let parsed = HandOffLayoutParser.parse(yaml: text, file: display)
            issues += parsed.issues
            guard let file = parsed.file else { continue }
            issues += HandOffLayoutLinter.lint(file, procedure: catalog.procedure(file.procedureID))
            if let other = seen[file.procedureID] {
                issues.append(
                    CatalogIssue(file: display, line: 1, message: "procedure '\(file.procedureID)' is also in \(other)")
                )
                continue
            }
            seen[file.procedureID] = display
            files.append(file)
        }
        return LoadResult(layouts: HandOffCatalog(files: files), issues: issues)
    }

    /// Every layout of `procedure`: its file's, then the generated ones its file does not replace.
    public func layouts(for procedure: Procedure) -> [HandOffLayout] {
        let file = files[procedure.id]
        let declared = file?.layouts ?? []
        let generated = HandOffLayout.Format.allCases.filter { format in
            !declared.contains { $0.name == format.rawValue }
        }.map { HandOffLayout.generated($0, for: procedure, items: file?.items ?? [:]) }
        return declared + generated
    }

    /// The layout an export asked for: by name, else the first of the format (default csv) its
    /// file declares, else the generated one.
    public func layout(
        named name: String?, format: HandOffLayout.Format?, for procedure: Procedure
    ) -> Result<HandOffLayout, Choice> {
        let all = layouts(for: procedure)
        if let name {
            guard let layout = all.first(where: { $0.name == name }) else {
                return .failure(.noLayout(name, available: all.map(\.name)))
            }
            if let format, layout.format != format { return .failure(.otherFormat(name, layout.format)) }
            return .success(layout)
        }
        let wanted = format ?? .csv
        return .success(all.first { $0.format == wanted }!)
    }

    public enum Choice: Error, Sendable, CustomStringConvertible {
        case noLayout(String, available: [String])
        case otherFormat(String, HandOffLayout.Format)

        public var description: String {
            switch self {
            case .noLayout(let name, let available):
                "no layout '\(name)' (this procedure has \(available.joined(separator: ", ")))"
            case .otherFormat(let name, let format): "layout '\(name)' is \(format.rawValue)"
            }
        }
    }
}
