extension SerialMappingFile {
    /// Reads a mapping file. `kind` as in `ResidentRegisterFile.parse`; throws only for what
    /// spoils the whole file, and lists bad rows in `errors`.
    public static func parse(
        _ text: String, kind: ImportKind? = nil, reader: CSVReader = CSVReader()
    ) throws(LinkageFileError) -> SerialMappingFile {
        let sheet = try LinkageSheet(text, declared: kind, columns: columns, required: required, reader: reader)
        let keys = sheet.records.map {
            ($0.line, sheet.header.value(.serialNumber, in: $0).flatMap { CertificateSerial($0) })
        }
        let duplicates = LinkageSheet.duplicates(keys)
        var file = SerialMappingFile(kind: sheet.kind, rows: [], errors: [])
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
        _ record: CSVRecord, sheet: LinkageSheet, duplicates: [CertificateSerial: [Int]],
        problems: inout [LinkageProblem]
    ) -> SerialMappingRow? {
        if let problem = sheet.widthProblem(record) {
            problems.append(problem)
            return nil
        }
        let value = { (column: LinkageColumn) in sheet.header.value(column, in: record) ?? "" }
        let change = sheet.change(of: record, problems: &problems)
        let serial = Self.serial(value(.serialNumber), &problems)
        if let serial, let lines = duplicates[serial] { problems.append(.duplicateKey(lines: lines)) }
        let atena = LinkageValues.number(
            value(.atenaNumber), column: .atenaNumber, required: change != .delete, &problems
        )
        .flatMap(AtenaNumber.init)
        guard let change, let serial else { return nil }
        guard change != .delete else {
            return SerialMappingRow(line: record.line, change: change, serial: serial, atenaNumber: atena, mapping: nil)
        }
        let from = LinkageValues.timestamp(
            value(.validFrom), column: .validFrom, boundary: .start, required: true, &problems)
        let until = LinkageValues.timestamp(
            value(.validUntil), column: .validUntil, boundary: .end, required: false, &problems)
        let revoked = LinkageValues.timestamp(
            value(.revokedAt), column: .revokedAt, boundary: .start, required: false, &problems)
        guard let atena, let from, problems.isEmpty else { return nil }
        if let until, until < from { problems.append(.validityEndsBeforeStart) }
        if let revoked, revoked < from { problems.append(.revokedBeforeValidity) }
        guard problems.isEmpty else { return nil }
        let mapping = SerialMapping(
            serial: serial, atenaNumber: atena, validFrom: from, validUntil: until, revokedAt: revoked)
        return SerialMappingRow(line: record.line, change: change, serial: serial, atenaNumber: atena, mapping: mapping)
    }

    private static func serial(_ text: String, _ problems: inout [LinkageProblem]) -> CertificateSerial? {
        if text.isEmpty {
            problems.append(.missingValue(.serialNumber))
            return nil
        }
        guard let serial = CertificateSerial(text) else {
            problems.append(.serialNumber)
            return nil
        }
        return serial
    }
}
