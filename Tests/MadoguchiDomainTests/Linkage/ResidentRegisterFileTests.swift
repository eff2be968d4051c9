import MadoguchiDomain
import Testing

@Suite struct ResidentRegisterFileTests {
    typealias F = LinkageFixtures

    @Test func readsAFullFileAndKeepsNamesExactlyAsGiven() throws {
        // given: 﨑 (U+FA11), 神 (U+FA19), an IVS on 葛, surrounding ideographic spaces, 和暦 and compact dates
        let text = """
            \(F.header)\r
            0000012345,\u{3000}髙\u{FA11}\u{FA19} 葛\u{E0100}子\u{3000},タカサキ カツコ,19800102,2,東京都千代田区1-1,900001\r
            12346,山田 太郎,ヤマダ タロウ,昭和55年1月2日,男,東京都千代田区1-2,\r

            """
        // when
        let file = try F.residents(text)
        // then
        #expect(file.kind == .full)
        #expect(file.errors == [])
        let first = try #require(file.rows.first?.record)
        #expect(first.atenaNumber.digits == "0000012345")
        #expect(first.name.unicodeScalars.elementsEqual("髙\u{FA11}\u{FA19} 葛\u{E0100}子".unicodeScalars))
        #expect(first.birthDate == F.day("1980-01-02"))
        #expect(first.sex == .female)
        #expect(file.rows[1].record?.birthDate == F.day("1980-01-02"))
        #expect(file.rows[1].record?.householdNumber == nil)
        #expect(file.rows.map(\.line) == [2, 3])
    }

    @Test func acceptsEnglishHeadersInAnyOrderAndIgnoresOtherColumns() throws {
        // given
        let text = "Sex,atena_number,Name,Birth Date,note,Address\r\nF,42,Jane,1990-12-31,x,Osaka\r\n"
        // when
        let file = try F.residents(text)
        // then
        #expect(file.errors == [])
        #expect(file.rows.first?.record?.name == "Jane")
        #expect(file.rows.first?.record?.furigana == "")
    }

    @Test func aChangeColumnMakesTheFileIncremental() throws {
        // given
        let text = "\(F.incrementalHeader)\r\n1,甲,コウ,2000-01-01,1,住所,,A\r\n2,乙,オツ,2000-01-01,2,住所,,変更\r\n3,,,,,,,D\r\n"
        // when
        let file = try F.residents(text)
        // then
        #expect(file.kind == .incremental)
        #expect(file.errors == [])
        #expect(file.rows.map(\.change) == [.add, .change, .delete])
        #expect(file.rows[2].record == nil)
    }

    @Test func aFileOfAdditionsIsFullOnlyWhenDeclaredSo() throws {
        // given
        let text = "\(F.incrementalHeader)\r\n1,甲,コウ,2000-01-01,1,住所,,追加\r\n"
        // then
        #expect(try F.residents(text).kind == .incremental)
        #expect(try F.residents(text, kind: .full).kind == .full)
    }

    @Test func aDeclaredFullFileRefusesChangeAndDeleteRows() throws {
        // given
        let text = "\(F.incrementalHeader)\r\n1,甲,コウ,2000-01-01,1,住所,,追加\r\n2,,,,,,,削除\r\n"
        // when
        let file = try F.residents(text, kind: .full)
        // then
        #expect(file.errors == [LinkageRowError(line: 3, .changeInFullFile)])
    }

    @Test func eachBadRowIsListedWithItsLineAndTheOthersAreTaken() throws {
        // given
        let text = """
            \(F.incrementalHeader)
            12a,甲,コウ,2000-01-01,1,住所,,
            1234567890123456,甲,コウ,2000-01-01,1,住所,,
            3,,コウ,2000-02-30,X,住所,,
            4,"改行
            入り",コウ,2000-01-01,1,住所,,
            6,甲,コウ,2000-01-01,1,住所,,Z
            7,甲,コウ,2000-01-01,1,住所,12-3,
            8,甲,コウ,2000-01-01
            9,甲,コウ,2000-01-01,1,住所,,
            """
        // when
        let file = try F.residents(text)
        // then
        #expect(file.rows.map(\.atenaNumber) == [F.atena("9")])
        #expect(
            file.errors == [
                LinkageRowError(line: 2, .notANumber(.atenaNumber, maxDigits: 15)),
                LinkageRowError(line: 3, .notANumber(.atenaNumber, maxDigits: 15)),
                LinkageRowError(line: 4, .missingValue(.name)),
                LinkageRowError(line: 4, .birthDate(.impossible)),
                LinkageRowError(line: 4, .sex),
                LinkageRowError(line: 5, .controlCharacter(.name)),
                LinkageRowError(line: 7, .changeKind),
                LinkageRowError(line: 8, .notANumber(.householdNumber, maxDigits: 15)),
                LinkageRowError(line: 9, .wrongFieldCount(expected: 8, found: 4)),
            ])
        #expect(file.errors[3].message.ja.hasPrefix("4行目: 生年月日を読めません。"))
    }

    @Test func aDuplicatedAtenaNumberTakesNoneOfItsRows() throws {
        // given
        let text = "\(F.header)\n5,甲,コウ,2000-01-01,1,住所,\n6,乙,オツ,2000-01-01,2,住所,\n5,丙,ヘイ,2000-01-01,1,住所,\n"
        // when
        let file = try F.residents(text)
        // then
        #expect(file.rows.map(\.atenaNumber) == [F.atena("6")])
        #expect(
            file.errors == [
                LinkageRowError(line: 2, .duplicateKey(lines: [2, 4])),
                LinkageRowError(line: 4, .duplicateKey(lines: [2, 4])),
            ])
    }

    @Test func aMissingColumnOrBrokenCSVRefusesTheWholeFile() {
        // then
        #expect(throws: LinkageFileError.missingColumns([.birthDate, .sex])) {
            try F.residents("宛名番号,氏名\n1,甲\n")
        }
        #expect(throws: LinkageFileError.duplicateColumn(.atenaNumber)) {
            try F.residents("宛名番号,atena_number,氏名,生年月日,性別\n")
        }
        #expect(throws: LinkageFileError.csv(CSVError(line: 2, .unterminatedQuote(column: 2)))) {
            try F.residents("\(F.header)\n1,\"甲,コウ\n")
        }
        #expect(throws: LinkageFileError.csv(CSVError(line: 1, .empty))) { try F.residents("") }
    }
}
