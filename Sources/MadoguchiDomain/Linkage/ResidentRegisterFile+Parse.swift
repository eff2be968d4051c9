extension ResidentRegisterFile {
    /// Reads an extract. `kind` is what staff declared; nil lets the file say (a 区分 column makes
    /// it incremental). A file whose rows are all 追加 is full only when declared so: taking an
    /// incremental file of additions for a full one would end everyone else.
    ///
    /// Throws only for what spoils the whole file (CSV syntax, a missing column); a bad row is
    /// listed in `errors` and the other rows are still read.
    public static func parse(
        _ text: String, kind: ImportKind? = nil, reader: CSVReader = CSVReader()
    ) throws(LinkageFileError) -> ResidentRegisterFile {
        let sheet = try LinkageSheet(text, declared: kind, columns: columns, required: required, reader: reader)
        let keys = sheet.records.map { ($0.line, sheet.header.value(.atenaNumber, in: $0).flatMap(AtenaNumber.init)) }
        let duplicates = LinkageSheet.duplicates(keys)
        var file = ResidentRegisterFile(kind: sheet.kind, rows: [], errors: [])
        for record in sheet.records {
            var problems: [LinkageProblem] = []
            let row = Self.row(record, sheet: sheet, duplicates: duplicates, problems: &problems)
            if let row, problems.isEmpty {
                file.rows.append(row)
            } else {
                file.errors += problems.map { LinkageRowError(line: record.line, $0) }
            }
        }
        return file
    }

    private static func row(
        _ record: CSVRecord, sheet: LinkageSheet, duplicates: [AtenaNumber: [Int]], problems: inout [LinkageProblem]
    ) -> ResidentRow? {
        if let problem = sheet.widthProblem(record) {
            problems.append(problem)
            return nil
        }
        let value = { (column: LinkageColumn) in sheet.header.value(column, in: record) ?? "" }
        let change = sheet.change(of: record, problems: &problems)
        let atena = LinkageValues.number(value(.atenaNumber), column: .atenaNumber, required: true, &problems)
            .flatMap(AtenaNumber.init)
        if let atena, let lines = duplicates[atena] { problems.append(.duplicateKey(lines: lines)) }
        guard let change, let atena else { return nil }
        guard change != .delete else {
            return ResidentRow(line: record.line, change: change, atenaNumber: atena, record: nil)
        }

        let name = LinkageValues.text(value(.name), column: .name, required: true, &problems)
        let furigana = LinkageValues.text(value(.furigana), column: .furigana, required: false, &problems)
        let address = LinkageValues.text(value(.address), column: .address, required: false, &problems)
        let household = LinkageValues.number(
            value(.householdNumber), column: .householdNumber, required: false, &problems)
        let birthDate = LinkageValues.birthDate(value(.birthDate), &problems)
        let sex = LinkageValues.sex(value(.sex), &problems)
        guard let name, let furigana, let address, let birthDate, let sex, problems.isEmpty else { return nil }
        let person = ResidentRecord(
            atenaNumber: atena, name: name, furigana: furigana, birthDate: birthDate, sex: sex, address: address,
            householdNumber: household)
        return ResidentRow(line: record.line, change: change, atenaNumber: atena, record: person)
    }
}
