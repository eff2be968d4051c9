import Foundation
import Testing

@testable import MadoguchiDomain

@Suite struct HandOffLayoutTests {
    static let layoutYAML = """
        procedure: test-procedure
        items:
          "@receipt_number": 受付番号
          applicant_name.family: 氏
          children[].name: 児童{n}氏名
        layouts:
          - name: core
            format: fixed
            record_length: 40
            substitution: [jis_ucs_unification, koseki_notices]
            header:
              - { value: "1", width: 1 }
              - { source: "@record_count", width: 5 }
              - { value: "", width: 34 }
            data:
              - { value: "2", width: 1 }
              - { source: applicant_name.family, width: 8 }
              - { source: applicant_kana, kana: half, width: 12 }
              - { source: birth_date, date: gyymmdd, width: 7 }
              - { source: has_spouse, width: 1, codes: { "yes": "1", "no": "0" } }
              - { source: amount, width: 6 }
              - { source: children.0.name, width: 5, overflow: truncate }
            trailer:
              - { value: "9", width: 1 }
              - { source: "@record_count", width: 9 }
              - { value: "", width: 30 }
        """

    static func parsed(_ yaml: String = layoutYAML) -> HandOffLayoutParser.Result {
        HandOffLayoutParser.parse(yaml: yaml, file: "Catalog/handoff/test-procedure.yaml")
    }

    @Test func readsAFileAndNamesItsColumns() throws {
        // when
        let result = Self.parsed()
        // then
        #expect(result.issues.isEmpty)
        let file = try #require(result.file)
        #expect(HandOffLayoutLinter.lint(file, procedure: Fixtures.procedure).map(\.description) == [])
        let layout = try #require(file.layouts.first)
        #expect(layout.encoding == .cp932)
        #expect(layout.substitution == [.jisAndUCSUnification, .kosekiNotices])
        // the file's names where it has them ({n} numbered from 1), the catalog id where not
        #expect(layout.data.map(\.name) == ["", "氏", "applicant_kana", "birth_date", "has_spouse", "amount", "児童1氏名"])
        #expect(layout.trailer[1].name == "合計件数")
    }

    @Test func everyMistakeIsReportedWithItsLine() throws {
        // given a file with a misspelt key, an unknown path, a group without an item, a date too
        // wide, a code for a value the field does not have, and widths that do not add up
        let yaml = """
            procedure: test-procedure
            items:
              applicant_nam: 氏名
            layouts:
              - name: core
                format: fixed
                record_length: 20
                data:
                  - { source: applicant_name.family, widht: 8 }
                  - { source: children.name, width: 4 }
                  - { source: birth_date, width: 6 }
                  - { source: has_spouse, width: 1, codes: { "yes": "1", "maybe": "2" } }
                  - { source: "@record_count", width: 3 }
            """
        // when
        let result = Self.parsed(yaml)
        let issues = result.issues + HandOffLayoutLinter.lint(try #require(result.file), procedure: Fixtures.procedure)
        // then
        let file = "Catalog/handoff/test-procedure.yaml"
        #expect(
            Set(issues.map(\.description)) == [
                "\(file):9: layout 'core' data: unknown key 'widht'",
                "\(file):3: items: 'applicant_nam': the procedure has no field 'applicant_nam'",
                "\(file):9: layout 'core' data 'applicant_name.family': a fixed layout needs a width of at least 1 byte",
                "\(file):10: layout 'core' data 'children.name': 'children' is a repeating group: name an item and its field (children.0.…)",
                "\(file):11: layout 'core' data 'birth_date': a yyyymmdd date takes 8 bytes, the width is 6",
                "\(file):12: layout 'core' data 'has_spouse': codes: 'maybe' is not one of its values (yes, no)",
                "\(file):12: layout 'core' data 'has_spouse': codes: no code for 'no'",
                "\(file):9: layout 'core' data: the widths add up to 14 bytes, record_length is 20",
            ])
    }

    @Test func pathsNameFieldsPartsAndItems() {
        #expect(
            FieldPath("children.2.name.family")
                == FieldPath(field: "children", index: 2, member: "name", part: "family"))
        #expect(FieldPath("children[].name")?.pattern.description == "children[].name")
        #expect(FieldPath("children.2.name")?.pattern.description == "children[].name")
        #expect(FieldPath("account.holder")?.part == "holder")
        for bad in ["", "Name", "a..b", "children.0", "a.b.c", "children[].x.y.z", "x.-1.y"] {
            #expect(FieldPath(bad) == nil, "\(bad)")
        }
        let procedure = Fixtures.procedure
        #expect((try? procedure.resolve(FieldPath("children.3.name")!).get()) == nil)  // max 3: 0…2
        #expect((try? procedure.resolve(FieldPath("account")!).get()) == nil)  // an account needs a part
        #expect((try? procedure.resolve(FieldPath("children.2.address")!).get())?.field.id == "address")
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func theShippedLayoutsLintCleanAndCoverTheExplicitProcedures() {
        // given the shipped catalog and its hand-off folder
        let catalog = Catalog.load(directory: Self.root.appendingPathComponent("Catalog"), relativeTo: Self.root)
        // when
        let loaded = HandOffCatalog.load(
            directory: Self.root.appendingPathComponent("Catalog/handoff"), catalog: catalog.catalog,
            relativeTo: Self.root)
        // then
        #expect(loaded.issues.map(\.description) == [])
        #expect(Set(loaded.layouts.files.keys) == ["jidou-teate-nintei", "youkaigo-nintei"])
        #expect(catalog.catalog.procedures.count == 28)  // the layouts are not read as procedures
    }

    @Test func everyProcedureHasGeneratedLayoutsThatLintClean() {
        let catalog = Catalog.load(directory: Self.root.appendingPathComponent("Catalog"), relativeTo: Self.root)
        for procedure in catalog.catalog.procedures {
            // when its layouts are generated from the catalog
            let layouts = HandOffLayout.Format.allCases.map { HandOffLayout.generated($0, for: procedure) }
            let file = HandOffLayoutFile(procedureID: procedure.id, layouts: layouts)
            // then they lint clean, and every record of the fixed one is as long as its data record
            #expect(HandOffLayoutLinter.lint(file, procedure: procedure).map(\.description) == [], "\(procedure.id)")
            let fixed = layouts[1]
            #expect(fixed.header.map { $0.width ?? 0 }.reduce(0, +) == fixed.recordLength)
            #expect(fixed.trailer.map { $0.width ?? 0 }.reduce(0, +) == fixed.recordLength)
        }
    }

    @Test func aLayoutIsChosenByNameElseByFormat() throws {
        let file = try #require(Self.parsed().file)
        let layouts = HandOffCatalog(files: [file])
        let procedure = Fixtures.procedure
        #expect(try layouts.layout(named: nil, format: .fixed, for: procedure).get().name == "core")
        #expect(try layouts.layout(named: nil, format: nil, for: procedure).get().name == "csv")
        #expect(try layouts.layout(named: "fixed", format: nil, for: procedure).get().recordLength != nil)
        #expect(throws: HandOffCatalog.Choice.self) {
            try layouts.layout(named: "core", format: .csv, for: procedure).get()
        }
        #expect(throws: HandOffCatalog.Choice.self) {
            try layouts.layout(named: "nope", format: nil, for: procedure).get()
        }
    }
}
