/// Checks a hand-off file against its procedure: every path names a field, every width, code and
/// date format fits, every record is as long as the layout says. Messages are `file:line`.
public enum HandOffLayoutLinter {
    public static func lint(_ file: HandOffLayoutFile, procedure: Procedure?) -> [CatalogIssue] {
        var issues: [CatalogIssue] = []
        func report(_ line: Int, _ message: String) {
            issues.append(CatalogIssue(file: file.file, line: line, message: message))
        }
        let fileName = file.file.split(separator: "/").last.map(String.init) ?? ""
        if !file.file.isEmpty && fileName != "\(file.procedureID).yaml" {
            report(1, "file name must be '\(file.procedureID).yaml'")
        }
        guard let procedure else {
            report(1, "procedure '\(file.procedureID)' is not in the catalog")
            return issues
        }
        for (key, _) in file.items.sorted(by: { $0.key < $1.key }) {
            let line = file.itemLines[key] ?? 1
            if key.hasPrefix("@") {
                if HandOffMeta(rawValue: String(key.dropFirst())) == nil { report(line, "items: unknown '\(key)'") }
            } else if let path = FieldPath(key) {
                if case .failure(let problem) = procedure.resolve(path) { report(line, "items: '\(key)': \(problem)") }
            } else {
                report(line, "items: '\(key)' is not a field path")
            }
        }
        var names = Set<String>()
        for layout in file.layouts {
            if !names.insert(layout.name).inserted { report(layout.line, "layout '\(layout.name)' is declared twice") }
            lint(layout, procedure: procedure, report)
        }
        return issues
    }

    static func lint(_ layout: HandOffLayout, procedure: Procedure, _ report: (Int, String) -> Void) {
        let context = "layout '\(layout.name)'"
        if !CatalogLinter.isProcedureID(layout.name) {
            report(layout.line, "\(context): the name must be lowercase ASCII letters, digits and '-'")
        }
        if layout.format == .fixed {
            if layout.encoding != .cp932 { report(layout.line, "\(context): a fixed layout is written in cp932") }
            if layout.headerRow {
                report(layout.line, "\(context): header_row is for csv; a fixed layout has header records")
            }
        } else if layout.recordLength != nil {
            report(layout.line, "\(context): record_length is for fixed layouts")
        }
        if layout.data.isEmpty { report(layout.line, "\(context): data needs at least one column") }
        for (role, columns) in layout.records {
            for column in columns {
                lint(column, in: role, of: layout, procedure: procedure, "\(context) \(role.rawValue)", report)
            }
            if let length = layout.recordLength, layout.format == .fixed {
                let total = columns.reduce(0) { $0 + ($1.width ?? 0) }
                if total != length {
                    report(
                        columns.first?.line ?? layout.line,
                        "\(context) \(role.rawValue): the widths add up to \(total) bytes, record_length is \(length)")
                }
            }
        }
    }

    static func lint(
        _ column: HandOffColumn, in role: HandOffColumn.Record, of layout: HandOffLayout, procedure: Procedure,
        _ context: String, _ report: (Int, String) -> Void
    ) {
        let line = column.line
        let context = "\(context) '\(column.sourceText)'"
        if layout.format == .csv {
            if column.width != nil || column.alignment != nil || column.padding != nil || column.overflow != .fail {
                report(line, "\(context): width, align, pad and overflow are for fixed layouts")
            }
        } else if let width = column.width, width > 0 {
            if column.padding == .fullWidthSpace, width % 2 == 1 {
                report(line, "\(context): full-width spaces cannot fill an odd width (\(width))")
            }
        } else {
            report(line, "\(context): a fixed layout needs a width of at least 1 byte")
        }
        var isDate = false
        var options: [String]?
        switch column.source {
        case .literal(let text):
            checkFits(text, column, layout, context: context, line: line, report)
        case .meta(let meta):
            if role != .data && !meta.isFileWide {
                report(
                    line, "\(context): a \(role.rawValue) record takes only file-wide values (the same on every record)"
                )
            }
            isDate = meta.isDate
        case .field(let path):
            if role != .data { report(line, "\(context): a \(role.rawValue) record takes no answers") }
            switch procedure.resolve(path) {
            case .failure(let problem): report(line, "\(context): \(problem)")
            case .success(let resolved):
                isDate = resolved.field.type == .date && resolved.part == nil
                options = optionValues(resolved)
            }
        }
        if let format = column.dateFormat {
            if !isDate { report(line, "\(context): date is only for dates") }
            if let width = format.width, let columnWidth = column.width, layout.format == .fixed, width > columnWidth {
                report(line, "\(context): \(format.rawValue) takes \(width) bytes, the width is \(columnWidth)")
            }
        } else if isDate, layout.format == .fixed, let width = column.width, width < 8 {
            report(line, "\(context): a yyyymmdd date takes 8 bytes, the width is \(width)")
        }
        guard !column.codes.isEmpty else { return }
        if let options {
            for value in column.codes.keys.sorted() where !options.contains(value) {
                report(
                    line, "\(context): codes: '\(value)' is not one of its values (\(options.joined(separator: ", ")))")
            }
            for value in options where column.codes[value] == nil {
                report(line, "\(context): codes: no code for '\(value)'")
            }
        }
        for code in column.codes.values.sorted() {
            checkFits(code, column, layout, context: context, line: line, report)
        }
    }

    /// The values a coded field can hold: its options, true/false, an account's types.
    static func optionValues(_ resolved: ResolvedField) -> [String]? {
        switch (resolved.field.type, resolved.part) {
        case (.select, _), (.radio, _), (.checkbox, _): resolved.field.options.map(\.value)
        case (.boolean, _): ["true", "false"]
        case (.bankAccount, "type"): resolved.field.allowedAccountTypes.map(\.rawValue)
        default: nil
        }
    }

    static func checkFits(
        _ text: String, _ column: HandOffColumn, _ layout: HandOffLayout, context: String, line: Int,
        _ report: (Int, String) -> Void
    ) {
        guard layout.format == .fixed, let width = column.width, width > 0 else { return }
        guard let bytes = try? CP932.encode(text) else {
            report(line, "\(context): '\(text)' cannot be written in CP932")
            return
        }
        if bytes.count > width {
            report(line, "\(context): '\(text)' takes \(bytes.count) bytes, the width is \(width)")
        }
    }
}
