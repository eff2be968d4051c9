import Foundation
import MadoguchiDomain
import Testing

@Suite struct CatalogTests {
    @Test func problemsAreReportedWithTheirLine() {
        // given: a misspelt key on line 3, an unknown type on line 15, an option-less radio on line 18
        let yaml = """
            id: broken
            version: "2024-10-01"
            nmae: 壊れた手続
            category: kosodate
            department: 課
            legal_basis: 法
            standard_processing_days: 10
            summary: s
            summary_en: s
            eligible: e
            eligible_en: e
            signature: none
            sources: []
            steps:
              - id: one
                title: 一
                title_en: One
                fields:
                  - id: a
                    type: texte
                    label: A
                    label_en: A
                  - id: b
                    type: radio
                    label: B
                    label_en: B
                    visible_when: { field: nowhere, equals: x }
            """
        // when
        let parsed = ProcedureParser.parse(yaml: yaml, file: "Catalog/broken.yaml")
        // then
        let messages = parsed.issues.map(\.description)
        #expect(messages.contains("Catalog/broken.yaml:3: procedure: unknown key 'nmae'"))
        #expect(messages.contains("Catalog/broken.yaml:1: procedure: missing 'name'"))
        #expect(messages.contains("Catalog/broken.yaml:20: field 'a': unknown type 'texte'"))
        #expect(parsed.procedure == nil)
    }

    @Test func theLinterChecksReferencesAndOptions() {
        // given
        var procedure = Fixtures.procedure
        procedure.steps[0].fields.append(
            FieldDefinition(
                id: "Bad-ID", type: .radio, label: LocalizedText(ja: "x", en: "x"),
                visibleWhen: VisibilityCondition(field: "has_spouse", values: ["perhaps"]), line: 99))
        // when
        let messages = CatalogLinter.lint(procedure).map(\.description)
        // then
        #expect(
            messages == [
                "Catalog/kosodate/test-procedure.yaml:99: field 'Bad-ID': id must be snake_case ASCII",
                "Catalog/kosodate/test-procedure.yaml:99: field 'Bad-ID': a radio needs options",
                "Catalog/kosodate/test-procedure.yaml:99: field 'Bad-ID' visible_when: 'has_spouse' has no option 'perhaps'",
            ])
    }

    @Test func yamlSyntaxErrorsAreReportedNotThrown() {
        let parsed = ProcedureParser.parse(yaml: "id: [unclosed\nname: x", file: "x.yaml")
        #expect(parsed.procedure == nil)
        #expect(parsed.issues.count == 1)
        #expect(parsed.issues[0].message.hasPrefix("YAML syntax"))
    }

    @Test func searchIgnoresKanaKindWidthAndCase() {
        let catalog = Catalog(procedures: [Fixtures.procedure])
        #expect(catalog.search("てすと").map(\.id) == ["test-procedure"])
        #expect(catalog.search("ﾃｽﾄ").map(\.id) == ["test-procedure"])
        #expect(catalog.search("TEST procedure").map(\.id) == ["test-procedure"])
        #expect(catalog.search("介護").isEmpty)
        #expect(catalog.search("   ").isEmpty)
    }
}

/// The catalog shipped in the repository.
@Suite struct ShippedCatalogTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let loaded = Catalog.load(directory: root.appendingPathComponent("Catalog"), relativeTo: root)

    @Test func everyFileLintsClean() {
        #expect(Self.loaded.issues.map(\.description) == [])
    }

    @Test func allTwentyEightProceduresShip() {
        let ids = Set(Self.loaded.catalog.procedures.map(\.id))
        let expected: Set<String> = [
            "jidou-teate-nintei", "jidou-teate-gakukaitei", "jidou-teate-henkou", "jidou-teate-shoumetsu",
            "jidou-teate-mishiharai", "jidou-teate-kifu", "jidou-teate-kifu-henkou", "jidou-teate-choushu",
            "jidou-teate-choushu-henkou", "jidou-teate-genkyou", "hoiku-nintei", "hoiku-riyou", "hoiku-genkyou",
            "jidou-fuyou-genkyou", "ninshin-todoke", "youkaigo-nintei", "youkaigo-koushin", "youkaigo-kubun-henkou",
            "kyotaku-keikaku", "futan-wariai-saikoufu", "hihokensha-sho-saikoufu", "kougaku-kaigo", "futan-gendogaku",
            "fukushi-yougu", "jutaku-kaishu", "tenkyo-nintei", "risai-shoumei", "tenshutsu",
        ]
        #expect(ids == expected)
        #expect(Self.loaded.catalog.procedures(in: .kosodate).count == 15)
        #expect(Self.loaded.catalog.procedures(in: .kaigo).count == 11)
    }

    @Test func everyProcedureCitesADatedSource() {
        for procedure in Self.loaded.catalog.procedures {
            #expect(!procedure.sources.isEmpty, "\(procedure.id)")
            for source in procedure.sources {
                #expect(source.checked.count >= 7 && source.published.count >= 4, "\(procedure.id)")
            }
        }
    }
}
