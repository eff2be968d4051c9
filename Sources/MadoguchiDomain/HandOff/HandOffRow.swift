import Foundation

/// One application as an export writes it: its answers (個人番号 opened) with the form version it
/// was made with, and what Madoguchi knows of it.
public struct HandOffRow: Sendable {
    public var receiptNumber: String
    /// Its place in the hand-off queue (連携番号).
    public var sequence: Int64
    public var submittedAt: Date
    public var releasedAt: Date
    public var procedure: Procedure
    public var data: FormData

    public init(
        receiptNumber: String, sequence: Int64, submittedAt: Date, releasedAt: Date, procedure: Procedure,
        data: FormData
    ) {
        self.receiptNumber = receiptNumber
        self.sequence = sequence
        self.submittedAt = submittedAt
        self.releasedAt = releasedAt
        self.procedure = procedure
        self.data = data
    }
}

/// What is the same on every record of one file (header and trailer values).
public struct HandOffFileFacts: Sendable {
    public var municipality: String
    public var procedureID: String
    public var createdAt: Date
    /// The data records the file holds (合計件数).
    public var recordCount: Int
    public var exportNumber: Int

    public init(municipality: String, procedureID: String, createdAt: Date, recordCount: Int, exportNumber: Int) {
        self.municipality = municipality
        self.procedureID = procedureID
        self.createdAt = createdAt
        self.recordCount = recordCount
        self.exportNumber = exportNumber
    }
}

/// A character the export replaced (MJ縮退), for the report next to the file.
public struct HandOffSubstitution: Sendable, Hashable {
    /// The application's 受付番号; empty for a header or trailer value.
    public var receiptNumber: String
    /// The column's item name and where its value came from.
    public var item: String
    public var path: String
    public var from: String
    public var to: String
    public var category: MJShrinkCategory
}

/// Why a value could not be written: the export stops and lists every one.
public struct HandOffProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Error, Sendable, Hashable {
        /// Characters CP932 cannot write that the allowed categories give no single answer for.
        case unmapped([CharacterSubstitution.Unmapped])
        case tooLong(byteCount: Int, width: Int)
        case cannotPad(width: Int)
        /// A value the layout's `codes` do not map.
        case noCode(String)
        /// A group has more items than the layout has columns for.
        case tooManyItems(count: Int, slots: Int)
        /// A date before 明治, which has no 和暦.
        case noWareki(String)
    }

    /// The application's 受付番号; nil for a header or trailer value.
    public var receiptNumber: String?
    public var item: String
    public var path: String
    public var kind: Kind

    public var description: String {
        let place = "\(receiptNumber ?? "(header/trailer)") \(item) [\(path)]"
        switch kind {
        case .unmapped(let characters):
            let list = characters.map { unmapped in
                let code = unmapped.character.unicodeScalars.map {
                    "U+" + String($0.value, radix: 16, uppercase: true)
                }.joined(separator: " ")
                let choices =
                    unmapped.candidates.isEmpty
                    ? "no candidate" : "candidates \(unmapped.candidates.joined(separator: "/"))"
                return "\(unmapped.character) (\(code), \(choices))"
            }.joined(separator: ", ")
            return "\(place): no single CP932 substitute for \(list)"
        case .tooLong(let byteCount, let width): return "\(place): \(byteCount) bytes do not fit \(width)"
        case .cannotPad(let width): return "\(place): full-width spaces cannot fill \(width) bytes"
        case .noCode(let value): return "\(place): no code for '\(value)'"
        case .tooManyItems(let count, let slots): return "\(place): \(count) items, the layout has \(slots)"
        case .noWareki(let date): return "\(place): \(date) is before 明治"
        }
    }
}
