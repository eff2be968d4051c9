/// Writes the records of a layout in an encoding: CSV or fixed-length, UTF-8 or CP932. In CP932
/// every value CP932 cannot write goes through `CharacterSubstitution` with the layout's categories;
/// each replacement is logged, and whatever has no single answer is a problem, as is any value that
/// does not fit. The caller writes nothing when a problem was logged.
public struct HandOffFormatter: Sendable {
    public let layout: HandOffLayout
    public let encoding: HandOffLayout.Encoding
    /// Group id → how many of its items the data record has columns for.
    let slots: [String: Int]

    /// What writing the records found, collected over a whole file.
    public struct Log: Sendable {
        public var substitutions: [HandOffSubstitution] = []
        public var problems: [HandOffProblem] = []
        /// Problems beyond this many are counted but not kept.
        public var problemLimit = 1000
        public var problemCount = 0

        public init() {}

        mutating func add(_ problem: HandOffProblem) {
            problemCount += 1
            if problems.count < problemLimit { problems.append(problem) }
        }
    }

    public init(layout: HandOffLayout, encoding: HandOffLayout.Encoding) {
        self.layout = layout
        self.encoding = encoding
        var slots: [String: Int] = [:]
        for column in layout.data {
            if case .field(let path) = column.source, let index = path.index {
                slots[path.field] = Swift.max(slots[path.field] ?? 0, index + 1)
            }
        }
        self.slots = slots
    }

    /// CSV: the line of item names, when the layout has one.
    public func headerRow(log: inout Log) -> [UInt8]? {
        guard layout.format == .csv, layout.headerRow else { return nil }
        let fields = layout.data.map { column in
            encoded(column.name, column: column, receipt: nil, log: &log)
        }
        return joined(fields)
    }

    /// The header or trailer record (nil when the layout has none).
    public func fileRecord(_ role: HandOffColumn.Record, facts: HandOffFileFacts, log: inout Log) -> [UInt8]? {
        let columns = role == .header ? layout.header : layout.trailer
        guard !columns.isEmpty else { return nil }
        return record(columns, row: nil, facts: facts, log: &log)
    }

    /// The data record of one application.
    public func dataRecord(_ row: HandOffRow, facts: HandOffFileFacts, log: inout Log) -> [UInt8] {
        for (group, count) in slots {
            if case .items(let items) = row.data[group], items.count > count {
                log.add(
                    HandOffProblem(
                        receiptNumber: row.receiptNumber, item: group, path: group,
                        kind: .tooManyItems(count: items.count, slots: count)))
            }
        }
        return record(layout.data, row: row, facts: facts, log: &log)
    }

    func record(
        _ columns: [HandOffColumn], row: HandOffRow?, facts: HandOffFileFacts, log: inout Log
    ) -> [UInt8] {
        var fields: [[UInt8]] = []
        fields.reserveCapacity(columns.count)
        for column in columns {
            let value: HandOffValue
            switch self.value(of: column, row: row, facts: facts) {
            case .success(let found): value = found
            case .failure(let kind):
                log.add(
                    HandOffProblem(
                        receiptNumber: row?.receiptNumber, item: column.name, path: column.sourceText, kind: kind))
                value = HandOffValue(text: "", numeric: false)
            }
            switch layout.format {
            case .csv: fields.append(encoded(value.text, column: column, receipt: row?.receiptNumber, log: &log))
            case .fixed: fields.append(fixed(value, column: column, receipt: row?.receiptNumber, log: &log))
            }
        }
        return joined(fields)
    }

    func joined(_ fields: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(fields.reduce(2) { $0 + $1.count + 1 })
        for (index, field) in fields.enumerated() {
            if index > 0, layout.format == .csv { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: field)
        }
        out.append(contentsOf: layout.terminator.text.utf8)
        return out
    }

    /// A CSV field in the encoding (substituted first in CP932).
    func encoded(_ text: String, column: HandOffColumn, receipt: String?, log: inout Log) -> [UInt8] {
        guard encoding == .cp932 else { return Array(CSV.field(text).utf8) }
        if let bytes = try? CP932.encode(CSV.field(text)) { return bytes }
        guard let substituted = substitute(text, column: column, receipt: receipt, log: &log) else { return [] }
        return (try? CP932.encode(CSV.field(substituted))) ?? []
    }

    /// A fixed-length field: CP932, its width exactly.
    func fixed(_ value: HandOffValue, column: HandOffColumn, receipt: String?, log: inout Log) -> [UInt8] {
        let width = column.width ?? 0
        let alignment = column.alignment ?? (value.numeric ? .right : .left)
        let padding = column.padding ?? (value.numeric ? .zero : .space)
        func write(_ text: String) throws(FixedWidth.Failure) -> [UInt8] {
            try FixedWidth.field(text, width: width, alignment: alignment, padding: padding, overflow: column.overflow)
        }
        func fail(_ kind: HandOffProblem.Kind) -> [UInt8] {
            log.add(HandOffProblem(receiptNumber: receipt, item: column.name, path: column.sourceText, kind: kind))
            return [UInt8](repeating: 0x20, count: width)
        }
        var text = value.text
        for attempt in 0..<2 {
            do {
                return try write(text)
            } catch .unencodable where attempt == 0 {
                guard let substituted = substitute(text, column: column, receipt: receipt, log: &log) else {
                    return [UInt8](repeating: 0x20, count: width)
                }
                text = substituted
            } catch .tooLong(let byteCount, let width) {
                return fail(.tooLong(byteCount: byteCount, width: width))
            } catch .cannotPad(_, let width) {
                return fail(.cannotPad(width: width))
            } catch {
                break
            }
        }
        return fail(.unmapped([]))
    }

    /// `text` with what CP932 cannot write replaced (each replacement logged), or nil (logged).
    func substitute(_ text: String, column: HandOffColumn, receipt: String?, log: inout Log) -> String? {
        do {
            let converted = try CharacterSubstitution.forCP932(text, allowing: layout.substitution)
            for substitution in converted.substitutions {
                log.substitutions.append(
                    HandOffSubstitution(
                        receiptNumber: receipt ?? "", item: column.name, path: column.sourceText,
                        from: substitution.from, to: substitution.to, category: substitution.category))
            }
            return converted.text
        } catch {
            log.add(
                HandOffProblem(
                    receiptNumber: receipt, item: column.name, path: column.sourceText,
                    kind: .unmapped(error.characters)))
            return nil
        }
    }
}

extension HandOffColumn {
    /// Where the value comes from, as the layout file writes it.
    public var sourceText: String {
        switch source {
        case .field(let path): path.description
        case .meta(let meta): "@" + meta.rawValue
        case .literal: "value"
        }
    }
}
