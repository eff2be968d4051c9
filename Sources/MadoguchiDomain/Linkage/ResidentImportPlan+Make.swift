extension ResidentImportPlan {
    /// The plan for `file` against `current`, the register's current records.
    ///
    /// `current` must hold the current record of every 宛名番号 in `file.atenaNumbers` that the
    /// register has; for a full file, every current record (those the file leaves out are ended).
    /// Records it holds for other 宛名番号 do no harm.
    public static func make(
        file: ResidentRegisterFile, current: [AtenaNumber: ResidentRecord], asOf: CivilDate
    ) -> ResidentImportPlan {
        var plan = ResidentImportPlan(kind: file.kind, asOf: asOf, errors: file.errors)
        for row in file.rows {
            let held = current[row.atenaNumber]
            switch (row.record, held) {
            case (nil, nil):
                plan.alreadyAbsent.append(row.line)
            case (nil, let held?):
                plan.changes.append(.end(held, reason: .deleted(line: row.line)))
            case (let record?, nil):
                let reason: ResidentChange.InsertReason = row.change == .change ? .changeOfUnknown : .added
                plan.changes.append(.insert(record, line: row.line, reason: reason))
            case (let record?, let held?):
                let fields = held.differences(to: record)
                if fields.isEmpty {
                    plan.unchanged += 1
                } else {
                    plan.changes.append(.update(from: held, to: record, line: row.line, fields: fields))
                }
            }
        }
        guard file.kind == .full else { return plan }
        if !file.errors.isEmpty || file.rows.isEmpty {
            plan.endingsWithheld = true
            return plan
        }
        let named = file.atenaNumbers
        for (atena, record) in current.sorted(by: { $0.key < $1.key }) where !named.contains(atena) {
            plan.changes.append(.end(record, reason: .absentFromFullFile))
        }
        return plan
    }

    /// The register after the plan: what a server's transaction does, for tests and for callers
    /// that keep the register in memory. Ended records leave the current register.
    public func apply(to register: inout [AtenaNumber: ResidentRecord]) {
        for change in changes {
            switch change {
            case .insert(let record, _, _), .update(_, let record, _, _): register[record.atenaNumber] = record
            case .end(let record, _): register[record.atenaNumber] = nil
            }
        }
    }
}
