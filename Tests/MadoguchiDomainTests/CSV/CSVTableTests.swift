import MadoguchiDomain
import Testing

@Suite struct CSVTableTests {
    @Test func theFirstRecordIsTheHeader() throws {
        // when
        let table = try CSVTable(parsing: "宛名番号,氏名\r\n1,山田\r\n")
        // then
        #expect(table.header == ["宛名番号", "氏名"])
        #expect(table.rows == [CSVRecord(line: 2, fields: ["1", "山田"])])
    }

    @Test func raggedRowsAreKeptOrRefusedAsAsked() throws {
        // given
        let text = "a,b\n1,2\n3\n4,5,6\n"
        // when
        let table = try CSVTable(parsing: text)
        // then
        #expect(table.rows.map(\.fields.count) == [2, 1, 3])
        #expect(throws: CSVError(line: 3, .raggedRecord(expected: 2, found: 1))) {
            try CSVTable(parsing: text, requireUniformWidth: true)
        }
    }

    @Test func aTextWithoutRecordsHasNoHeader() {
        // then
        #expect(throws: CSVError(line: 1, .empty)) { try CSVTable(parsing: "\r\n") }
    }
}
