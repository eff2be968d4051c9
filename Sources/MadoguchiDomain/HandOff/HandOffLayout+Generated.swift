extension HandOffLayout {
    /// The layout of a procedure that has none of this format: 受付番号, 申請日, then every field in
    /// catalog order (姓/名 and an account's parts as columns of their own, a group's fields once
    /// for each item it may have), each named by the file's `items` or else by its catalog id.
    ///
    /// CSV: UTF-8, a line of item names. Fixed: CP932, a header record (レコード区分 1, 団体コード,
    /// 作成年月日), the data records (レコード区分 2) and a trailer (レコード区分 3, 合計件数),
    /// all as long as the data record; widths from the field types (`generatedWidth`).
    public static func generated(_ format: Format, for procedure: Procedure, items: [String: String] = [:]) -> Self {
        var columns: [HandOffColumn] = [
            .init(meta: .receiptNumber, items: items), .init(meta: .submittedAt, items: items),
        ]
        for field in procedure.fields {
            if field.type == .group {
                for index in 0..<(field.max ?? 10) {
                    for member in field.fields {
                        columns += expanded(
                            member, path: FieldPath(field: field.id, index: index, member: member.id), items)
                    }
                }
            } else {
                columns += expanded(field, path: FieldPath(field: field.id), items)
            }
        }
        switch format {
        case .csv:
            return HandOffLayout(name: "csv", format: .csv, encoding: .utf8, headerRow: true, data: columns)
        case .fixed:
            for index in columns.indices {
                columns[index].width = generatedWidth(of: columns[index], in: procedure)
            }
            let kind = { (code: String) in HandOffColumn(literal: code, name: "レコード区分", width: 1) }
            let data = [kind("2")] + columns
            let length = data.reduce(0) { $0 + ($1.width ?? 0) }
            var header = [kind("1"), .init(meta: .municipality, items: items), .init(meta: .createdAt, items: items)]
            header[1].width = 6
            header[2].width = 8
            var trailer = [kind("3"), .init(meta: .recordCount, items: items)]
            trailer[1].width = 9
            header.append(HandOffColumn(literal: "", name: "予備", width: max(0, length - 15)))
            trailer.append(HandOffColumn(literal: "", name: "予備", width: max(0, length - 10)))
            var layout = HandOffLayout(
                name: "fixed", format: .fixed, encoding: .cp932, headerRow: false, data: data,
                header: header.filter { ($0.width ?? 0) > 0 }, trailer: trailer.filter { ($0.width ?? 0) > 0 })
            layout.recordLength = length
            return layout
        }
    }

    static func expanded(_ field: FieldDefinition, path: FieldPath, _ items: [String: String]) -> [HandOffColumn] {
        let parts: [String?] =
            switch field.type {
            case .name, .kanaName, .bankAccount: field.type.parts
            default: [nil]
            }
        return parts.map { part in
            var path = path
            path.part = part
            let source = HandOffColumn.Source.field(path)
            return HandOffColumn(source: source, name: HandOffLayoutFile.name(of: source, items: items))
        }
    }

    /// Bytes enough for what validation lets through: two a character for text (its `max_length`,
    /// or a default), fixed sizes for the structured types, the longest option value for choices.
    static func generatedWidth(of column: HandOffColumn, in procedure: Procedure) -> Int {
        switch column.source {
        case .literal(let text): return max(1, text.utf8.count)
        case .meta(let meta):
            switch meta {
            case .receiptNumber: return 16
            case .submittedAt, .releasedAt, .createdAt: return 8
            case .sequence, .recordCount, .exportNumber: return 9
            case .procedure: return 40
            case .procedureVersion: return 10
            case .municipality: return 6
            }
        case .field(let path):
            guard case .success(let resolved) = procedure.resolve(path) else { return 1 }
            let field = resolved.field
            switch (field.type, resolved.part) {
            case (.name, _), (.kanaName, _): return 40
            case (.bankAccount, "bank_code"): return 4
            case (.bankAccount, "branch_code"): return 3
            case (.bankAccount, "type"): return 8
            case (.bankAccount, "number"): return 7
            case (.bankAccount, _): return 60
            case (.text, _), (.kana, _): return (field.maxLength ?? 50) * 2
            case (.textarea, _): return (field.maxLength ?? 200) * 2
            case (.address, _): return (field.maxLength ?? 80) * 2
            case (.date, _): return 8
            case (.postalCode, _): return 8
            case (.phone, _): return 15
            case (.email, _): return 254
            case (.individualNumber, _): return 12
            case (.integer, _), (.yen, _): return 12
            case (.select, _), (.radio, _): return field.options.map(\.value.utf8.count).max() ?? 1
            case (.checkbox, _): return max(1, field.options.reduce(0) { $0 + $1.value.utf8.count + 1 } - 1)
            case (.boolean, _): return 1
            case (.attachment, _): return 64
            case (.group, _): return 1
            }
        }
    }
}

extension HandOffColumn {
    init(meta: HandOffMeta, items: [String: String]) {
        self.init(source: .meta(meta), name: HandOffLayoutFile.name(of: .meta(meta), items: items))
    }

    init(literal: String, name: String, width: Int) {
        self.init(source: .literal(literal), name: name, width: width)
    }
}
