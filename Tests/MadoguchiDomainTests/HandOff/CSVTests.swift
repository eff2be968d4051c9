import MadoguchiDomain
import PropertyBased
import Testing

@Suite struct CSVTests {
    @Test func quotesOnlyWhatRFC4180Requires() {
        // given fields with a comma, a quote, CR, LF, and plain ones
        // when
        let record = CSV.record(["山田", "a,b", "say \"hi\"", "two\r\nlines", "-1", "=SUM(A1)", ""])
        // then: those four quoted (quotes doubled), the others as they are, no formula guard
        #expect(record == "山田,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",-1,=SUM(A1),\r\n")
    }

    @Test func aTargetMayAskForLF() {
        #expect(CSV.record(["a", "b"], terminator: "\n") == "a,b\n")
    }

    /// Characters that matter to CSV, and some that do not (kana, a variation sequence, an emoji).
    static let pieces = Gen.element(of: [",", "\"", "\r", "\n", "a", " ", "髙", "葛\u{E0100}", "😀", "ｶﾞ"])
    static let fields = pieces.array(of: 0...8).map { $0.compactMap { $0 }.joined() }

    @Test func everyRecordReadsBackAsItsFields() async {
        await propertyCheck(input: Self.fields.array(of: 1...6)) { fields in
            // when a record is written and read by an independent RFC 4180 reader
            let text = CSV.record(fields)
            // then the same fields, scalar for scalar
            #expect(
                RFC4180Reader.records(text).map { $0.map { Array($0.unicodeScalars) } } == [
                    fields.map { Array($0.unicodeScalars) }
                ])
        }
    }
}

/// The grammar of RFC 4180 section 2, read character by character (for the round trip only).
enum RFC4180Reader {
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        var quoted = false
        var atFieldStart = true
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" {
                        scalars.removeFirst()
                        field.append("\"")
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where atFieldStart:
                quoted = true
                atFieldStart = false
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
                atFieldStart = true
            case "\r" where scalars.first == "\n":
                scalars.removeFirst()
                fields.append(String(field))
                records.append(fields)
                fields = []
                field = String.UnicodeScalarView()
                atFieldStart = true
            default:
                field.append(scalar)
                atFieldStart = false
            }
        }
        return records
    }
}
