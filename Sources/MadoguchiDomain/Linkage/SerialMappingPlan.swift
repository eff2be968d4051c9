/// What importing a mapping file does to the stored mapping, worked out before anything is
/// written (the same shape as `ResidentImportPlan`): pure, and idempotent once applied.
public struct SerialMappingPlan: Sendable, Hashable {
    public var kind: ImportKind
    public var changes: [SerialMappingChange]
    /// Rows that match the stored entries already.
    public var unchanged: Int
    /// Lines of 削除 rows for serial numbers not stored: nothing to do.
    public var alreadyAbsent: [Int]
    /// The file's rows not taken, and rows that would move a serial number to another 宛名番号.
    public var errors: [LinkageRowError]

    public init(
        kind: ImportKind, changes: [SerialMappingChange] = [], unchanged: Int = 0, alreadyAbsent: [Int] = [],
        errors: [LinkageRowError] = []
    ) {
        self.kind = kind
        self.changes = changes
        self.unchanged = unchanged
        self.alreadyAbsent = alreadyAbsent
        self.errors = errors
    }

    public var isEmpty: Bool { changes.isEmpty }

    /// The serial numbers whose entries change: applications waiting in the matching queue with
    /// one of them are matched again (`SerialMatcher.rematch`).
    public var affectedSerials: Set<CertificateSerial> { Set(changes.map(\.serial)) }
}

/// One change a `SerialMappingPlan` makes.
public enum SerialMappingChange: Sendable, Hashable {
    case insert(SerialMapping, line: Int)
    /// New validity or revocation for a stored entry (the 宛名番号 never changes).
    case update(from: SerialMapping, to: SerialMapping, line: Int)
    /// A 削除 row withdraws an entry sent in error.
    case remove(SerialMapping, line: Int)

    public var serial: CertificateSerial {
        switch self {
        case .insert(let mapping, _), .update(_, let mapping, _), .remove(let mapping, _): mapping.serial
        }
    }
}

extension SerialMappingPlan {
    /// The plan for `file` against `current`, the stored entries of (at least) every serial
    /// number in `file.serials`.
    public static func make(file: SerialMappingFile, current: [CertificateSerial: SerialMapping]) -> SerialMappingPlan {
        var plan = SerialMappingPlan(kind: file.kind, errors: file.errors)
        for row in file.rows {
            let held = current[row.serial]
            if let held, let atena = row.atenaNumber, atena != held.atenaNumber {
                plan.errors.append(LinkageRowError(line: row.line, .serialHeldByAnother(held.atenaNumber)))
                continue
            }
            switch (row.mapping, held) {
            case (nil, nil): plan.alreadyAbsent.append(row.line)
            case (nil, let held?): plan.changes.append(.remove(held, line: row.line))
            case (let mapping?, nil): plan.changes.append(.insert(mapping, line: row.line))
            case (let mapping?, let held?) where mapping == held: plan.unchanged += 1
            case (let mapping?, let held?): plan.changes.append(.update(from: held, to: mapping, line: row.line))
            }
        }
        plan.errors.sort { $0.line < $1.line }
        return plan
    }

    /// The stored mapping after the plan (what a server's transaction does).
    public func apply(to mapping: inout [CertificateSerial: SerialMapping]) {
        for change in changes {
            switch change {
            case .insert(let entry, _), .update(_, let entry, _): mapping[entry.serial] = entry
            case .remove(let entry, _): mapping[entry.serial] = nil
            }
        }
    }
}
