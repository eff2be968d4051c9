import Foundation

/// A column's value as text, before it is encoded and fitted.
struct HandOffValue: Sendable {
    var text: String
    /// Numbers are right-aligned and zero-filled in fixed records unless the layout says otherwise.
    var numeric: Bool
}

extension HandOffFormatter {
    /// The text of a column for one application (`row`), or for the file (header and trailer).
    func value(
        of column: HandOffColumn, row: HandOffRow?, facts: HandOffFileFacts
    ) -> Result<HandOffValue, HandOffProblem.Kind> {
        switch column.source {
        case .literal(let text):
            return .success(HandOffValue(text: text, numeric: false))
        case .meta(let meta):
            return metaValue(meta, column: column, row: row, facts: facts)
        case .field(let path):
            guard let row, case .success(let resolved) = row.procedure.resolve(path) else {
                // A field the application's form version does not have: left empty.
                return .success(HandOffValue(text: "", numeric: false))
            }
            let numeric = resolved.field.type == .integer || resolved.field.type == .yen
            return text(of: path, resolved, in: row.data, column: column).map {
                HandOffValue(text: transformed($0, column: column), numeric: numeric)
            }
        }
    }

    func metaValue(
        _ meta: HandOffMeta, column: HandOffColumn, row: HandOffRow?, facts: HandOffFileFacts
    ) -> Result<HandOffValue, HandOffProblem.Kind> {
        let text: String
        switch meta {
        case .receiptNumber: text = row?.receiptNumber ?? ""
        case .submittedAt, .releasedAt, .createdAt:
            let instant =
                meta == .createdAt ? facts.createdAt : meta == .submittedAt ? row?.submittedAt : row?.releasedAt
            guard let instant else { return .success(HandOffValue(text: "", numeric: false)) }
            let date = JapanCalendar.civilDate(of: instant)
            guard let written = dateFormat(column).format(date) else { return .failure(.noWareki(date.iso)) }
            text = written
        case .sequence: text = row.map { String($0.sequence) } ?? ""
        case .procedure: text = facts.procedureID
        case .procedureVersion: text = row?.procedure.version ?? ""
        case .municipality: text = facts.municipality
        case .recordCount: text = String(facts.recordCount)
        case .exportNumber: text = String(facts.exportNumber)
        }
        return coded(text, column: column).map {
            HandOffValue(text: transformed($0, column: column), numeric: meta.isNumber)
        }
    }

    func dateFormat(_ column: HandOffColumn) -> HandOffDateFormat {
        column.dateFormat ?? (layout.format == .fixed ? .yyyymmdd : .iso)
    }

    /// The answer at `path` as text: absent answers are empty; 姓 and 名 together are joined by an
    /// ideographic space; booleans are `1`/`0`; a checkbox's values are joined by `;`.
    func text(
        of path: FieldPath, _ resolved: ResolvedField, in data: FormData, column: HandOffColumn
    ) -> Result<String, HandOffProblem.Kind> {
        var value = data[path.field]
        if resolved.group != nil {
            guard case .items(let items) = value, let index = path.index, index < items.count else {
                return .success("")
            }
            value = path.member.flatMap { items[index][$0] }
        }
        let field = resolved.field
        if case .object(let parts) = value {
            switch (field.type, resolved.part) {
            case (_, let part?): value = parts[part]
            case (.name, nil), (.kanaName, nil):
                let joined = [parts["family"]?.string, parts["given"]?.string].compactMap { $0 }.filter { !$0.isEmpty }
                value = .string(joined.joined(separator: "\u{3000}"))
            case (.attachment, nil): value = parts["sha256"]
            default: value = nil
            }
        }
        switch value {
        case nil: return .success("")
        case .bool(let flag):
            return column.codes.isEmpty ? .success(flag ? "1" : "0") : coded(flag ? "true" : "false", column: column)
        case .integer(let number): return coded(String(number), column: column)
        case .list(let values):
            var written: [String] = []
            for item in values {
                switch coded(item, column: column) {
                case .success(let code): written.append(code)
                case .failure(let kind): return .failure(kind)
                }
            }
            return .success(written.joined(separator: ";"))
        case .string(let text):
            if field.type == .date, resolved.part == nil, let date = CivilDate(iso: text) {
                guard let written = dateFormat(column).format(date) else { return .failure(.noWareki(text)) }
                return .success(written)
            }
            return coded(text, column: column)
        case .object, .items: return .success("")
        }
    }

    /// The code for `value` when the column has codes (an empty answer stays empty unless coded).
    func coded(_ value: String, column: HandOffColumn) -> Result<String, HandOffProblem.Kind> {
        guard !column.codes.isEmpty else { return .success(value) }
        if let code = column.codes[value] { return .success(code) }
        return value.isEmpty ? .success("") : .failure(.noCode(value))
    }

    func transformed(_ text: String, column: HandOffColumn) -> String {
        var text = text
        if column.halfWidthKana { text = Kana.halfWidth(text) }
        if column.digitsOnly {
            text = String(text.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
        }
        return text
    }
}
