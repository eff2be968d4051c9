/// 方式1 and 方式2 of the 標準仕様書's transitional hand-off: staff (or an RPA tool) copy an
/// application's values into the core system's screen, in the core system's order and format.
public struct TranscriptionItem: Sendable, Hashable {
    /// 項番, from 1, in the layout's order.
    public var number: Int
    /// The item name the core side uses.
    public var name: String
    /// The element id the view gives the value: stable for a layout column, documented, so that
    /// an RPA tool can find it (`t-` and the column's source with every other character as `-`).
    public var elementID: String
    public var value: String
    /// Why the value could not be written as the layout says (it is shown empty).
    public var problem: HandOffProblem.Kind?
}

extension HandOffFormatter {
    /// The data columns of `row` as values to copy: formatted as the layout says (dates, codes,
    /// half-width kana), not padded or encoded, characters unchanged.
    public func transcription(_ row: HandOffRow, facts: HandOffFileFacts) -> [TranscriptionItem] {
        var used: [String: Int] = [:]
        return layout.data.enumerated().map { index, column in
            var id = Self.elementID(for: column)
            used[id, default: 0] += 1
            if let count = used[id], count > 1 { id += "-\(count)" }
            switch value(of: column, row: row, facts: facts) {
            case .success(let value):
                return TranscriptionItem(number: index + 1, name: column.name, elementID: id, value: value.text)
            case .failure(let kind):
                return TranscriptionItem(number: index + 1, name: column.name, elementID: id, value: "", problem: kind)
            }
        }
    }

    /// `t-` and the column's source (`claimant_name.family` → `t-claimant_name-family`,
    /// `children[0].child_name` → `t-children-0-child_name`, `@receipt_number` → `t-receipt_number`).
    static func elementID(for column: HandOffColumn) -> String {
        let source = column.sourceText
        var id = "t"
        var pendingDash = true
        for scalar in source.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" {
                if pendingDash { id += "-" }
                id.unicodeScalars.append(scalar)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return id == "t" ? "t-value" : id
    }
}
