import MadoguchiDomain
import Testing

@Suite struct FormValidatorTests {
    let procedure = Fixtures.procedure
    let context = ValidationContext(today: Fixtures.today)

    @Test func aCompleteInputIsNormalised() throws {
        // when
        let outcome = FormValidator.validate(procedure, input: Fixtures.validInput, context: context)
        // then
        #expect(outcome.issues == [])
        #expect(outcome.data["birth_date"] == .string("1985-01-02"))
        #expect(outcome.data["applicant_kana"] == .object(["family": .string("ヤマダ"), "given": .string("タロウ")]))
        #expect(outcome.data["postal_code"] == .string("100-0001"))
        #expect(outcome.data["amount"] == .integer(12000))
        #expect(outcome.data["consent"] == .bool(true))
        #expect(outcome.data["spouse_name"] == nil)
        let children = try #require(outcome.data["children"])
        #expect(
            children
                == .items([
                    ["name": .object(["family": .string("山田"), "given": .string("花子")]), "lives_apart": .bool(false)]
                ]))
    }

    @Test func everyProblemIsReportedAtItsBoxInFormOrder() {
        // given
        var input = Fixtures.validInput
        input["applicant_name.family"] = " "
        input["birth_date"] = "平成32年1月1日"
        input["my_number"] = "123456789017"
        input["account.type"] = "chochiku"
        input["consent"] = nil
        // when
        let issues = FormValidator.validate(procedure, input: input, context: context).issues
        // then
        #expect(issues.map(\.path) == ["applicant_name.family", "birth_date", "my_number", "account.type", "consent"])
        #expect(
            issues.map(\.error) == [
                .required, .date(.afterEra(.heisei)), .individualNumberCheckDigit, .accountType, .mustBeTicked,
            ])
        #expect(issues[0].label.ja == "氏名（姓）")
    }

    @Test func aFieldShownByAnotherBecomesRequired() {
        // given
        var input = Fixtures.validInput
        input["has_spouse"] = "yes"
        // when
        let issues = FormValidator.validate(procedure, input: input, context: context).issues
        // then
        #expect(issues.map(\.path) == ["spouse_name.family"])
    }

    @Test func hiddenFieldsAreDropped() {
        // given
        var input = Fixtures.validInput
        input["spouse_name.family"] = "山田"
        // when
        let data = FormValidator.validate(procedure, input: input, context: context).data
        // then
        #expect(data["spouse_name"] == nil)
    }

    @Test func groupItemsAreCountedAndValidatedInTheirScope() {
        // given
        var input = Fixtures.validInput
        input["children.1.name.family"] = "山田"
        input["children.1.lives_apart"] = "true"
        input["children.2.name.family"] = ""  // a blank row added and left empty is ignored
        // when
        let issues = FormValidator.validate(procedure, input: input, context: context).issues
        // then
        #expect(issues.map(\.path) == ["children.1.address"])
        #expect(issues[0].label.ja == "児童（2）別居先住所")
    }

    @Test func groupBoundsAreEnforced() {
        // given
        var none = Fixtures.validInput
        none["children.0.name.family"] = nil
        none["children.0.name.given"] = nil
        var many = Fixtures.validInput
        for index in 1...3 { many["children.\(index).name.family"] = "山田" }
        // then
        #expect(FormValidator.validate(procedure, input: none, context: context).issues.map(\.error) == [.required])
        #expect(
            FormValidator.validate(procedure, input: many, context: context).issues.map(\.error) == [.tooManyItems(3)])
    }

    @Test func datesInTheFutureAreRejectedWhereTheFormSaysSo() {
        var input = Fixtures.validInput
        input["birth_date"] = "2026-11-24"
        let issues = FormValidator.validate(procedure, input: input, context: context).issues
        #expect(issues.map(\.error) == [.dateTooLate(latest: Fixtures.today)])
    }

    @Test func checkboxesAndOptionsOnlyTakeDeclaredValues() {
        var input = Fixtures.validInput
        input.values["needs"] = ["a", "b", "c"]
        input["has_spouse"] = "maybe"
        let issues = FormValidator.validate(procedure, input: input, context: context).issues
        #expect(issues.map(\.error) == [.notAnOption, .tooManyChoices(2)])
    }

    @Test func validationOfOneStepLooksOnlyAtThatStep() {
        let step = procedure.steps[0]
        let outcome = FormValidator.validate(procedure, input: FormInput(), context: context, steps: [step])
        #expect(
            outcome.issues.map(\.path) == [
                "applicant_name.family", "applicant_kana.family", "birth_date", "has_spouse",
            ])
    }

    @Test func storedDataTurnsBackIntoTheSameInput() {
        let data = FormValidator.validate(procedure, input: Fixtures.validInput, context: context).data
        let again = FormValidator.validate(procedure, input: FormValue.input(from: data), context: context)
        #expect(again.issues == [])
        #expect(again.data == data)
    }

    @Test func severalValuesForABoxThatTakesOneAreRefusedNotDropped() {
        // given: a text box and a name, each sent twice (an API client's array, a name posted twice)
        let label = LocalizedText(ja: "項目", en: "Item")
        let procedure = Fixtures.procedure(with: [
            FieldDefinition(id: "note", type: .text, label: label, required: true),
            FieldDefinition(id: "who", type: .name, label: label, required: true),
            FieldDefinition(
                id: "tick", type: .checkbox, label: label,
                options: [FieldOption(value: "a", label: label), FieldOption(value: "b", label: label)]),
        ])
        let input = FormInput([
            "note": ["first", "second"], "who.family": ["山田", "田中"], "who.given": ["太郎"], "tick": ["a", "b"],
        ])
        // when
        let outcome = FormValidator.validate(
            procedure, input: input, context: ValidationContext(today: CivilDate(2026, 11, 20)!))
        // then: each says so, where it is; a checkbox's several choices stay fine
        #expect(outcome.issues.map(\.path) == ["note", "who.family"])
        #expect(outcome.issues.map(\.error) == [.oneValueOnly, .oneValueOnly])
    }

    @Test func aKanaNameKeepsItsFieldsLengthLimit() {
        // given: a フリガナ of at most 5 characters for each of 姓 and 名
        let label = LocalizedText(ja: "フリガナ", en: "Name in kana")
        let procedure = Fixtures.procedure(with: [
            FieldDefinition(id: "kana", type: .kanaName, label: label, required: true, maxLength: 5)
        ])
        // when
        let input = FormInput(["kana.family": ["やまだたろう"], "kana.given": ["はなこ"]])
        let issues = FormValidator.validate(
            procedure, input: input, context: ValidationContext(today: CivilDate(2026, 11, 20)!))
        // then
        #expect(issues.issues.map(\.path) == ["kana.family"])
        #expect(issues.issues.map(\.error) == [.tooLong(max: 5)])
    }

    @Test func everyErrorHasAMessageInBothLanguages() {
        let errors: [FieldError] = [
            .required, .notChosen, .tooLong(max: 3), .notKana, .date(.unrecognised), .date(.impossible),
            .date(.beforeEra(.reiwa)),
            .date(.afterEra(.heisei)), .postalCode, .phone, .email, .individualNumberLength,
            .individualNumberCheckDigit,
            .notInteger, .belowMinimum(1), .aboveMaximum(2), .notAnOption, .tooFewChoices(1), .tooManyChoices(2),
            .mustBeTicked, .bankCode, .branchCode, .accountType, .accountNumber, .accountHolder, .tooFewItems(1),
            .tooManyItems(2), .attachmentType(accepted: ["PDF"]), .attachmentTooLarge(maxMB: 10), .attachmentReference,
            .unexpectedCharacters, .oneValueOnly, .unknownField,
        ]
        for error in errors {
            #expect(!error.message.ja.isEmpty && !error.message.en.isEmpty)
            #expect(error.message.ja != error.message.en)
        }
        #expect(FieldError.date(.afterEra(.heisei)).message.ja == "平成は平成31年4月30日までです。")
    }

    @Test(arguments: [
        ("applicant_nam", "applicant_nam"),  // a misspelt id
        ("applicant_name.middle", "applicant_name.middle"),  // a part no name has
        ("postal_code.extra", "postal_code.extra"),  // a part under a box that has none
        ("children.0.nickname", "children.0.nickname"),  // a field no item has
        ("children.first.name.family", "children.first"),  // an unnumbered item
        ("children.00.name.family", "children.00"),  // an item numbered two ways
        ("children", "children"),  // a value for the group itself
        ("children.3.nickname", "children.3.nickname"),  // in an item that holds nothing else
    ])
    func aPathNoFieldHasIsNamedAlone(_ path: String, named: String) {
        // given: a complete input and one path the procedure does not have
        var input = Fixtures.validInput
        #expect(FormValidator.unknownPaths(procedure, input: input) == [])
        input[path] = "x"
        // when / then
        #expect(FormValidator.unknownPaths(procedure, input: input) == [named])
    }

    @Test func anAmountWithTooManyDigitsIsNamedByTheFieldsOwnBounds() {
        // given: the amount field takes at most 100,000 yen, and no yen amount is below 0
        for (raw, error) in [
            ("12345678901234567", FieldError.aboveMaximum(100_000)), ("-1234567890123", .belowMinimum(0)),
        ] {
            var input = Fixtures.validInput
            input["amount"] = raw
            // when
            let issues = FormValidator.validate(procedure, input: input, context: context).issues
            // then
            #expect(issues.map(\.error) == [error])
        }
    }

}

/// 転出届: the 来庁予定日 from the 翌開庁日, and within 0–14 days after the 転出予定日.
@Suite struct RelativeDateTests {
    let today = CivilDate(2026, 11, 20)!  // a Friday; Monday 11/23 is 勤労感謝の日
    var procedure: Procedure {
        let label = LocalizedText(ja: "日付", en: "Date")
        return Fixtures.procedure(with: [
            FieldDefinition(
                id: "move_date", type: .date, label: label, required: true, notBeforeDays: -10, notAfterDays: 30),
            FieldDefinition(
                id: "visit_date", type: .date, label: label, required: true, notBeforeOpenDays: 1,
                relativeTo: DateRelation(field: "move_date", notBeforeDays: 0, notAfterDays: 14)),
        ])
    }

    func issues(
        move: String, visit: String, steps: [FormStep]? = nil, openDays: OpenDays = .standard, on day: CivilDate? = nil
    ) -> [FieldError] {
        let input = FormInput(["move_date": [move], "visit_date": [visit]])
        return FormValidator.validate(
            procedure, input: input, context: ValidationContext(today: day ?? today, openDays: openDays), steps: steps
        )
        .issues.map(\.error)
    }

    @Test func aVisitWithinTheSpanIsAccepted() {
        #expect(issues(move: "2026-12-01", visit: "2026-12-01") == [])
        #expect(issues(move: "2026-12-01", visit: "令和8年12月15日") == [])
    }

    @Test func aVisitOutsideTheSpanNamesTheBoundInQuestion() {
        #expect(issues(move: "2026-12-01", visit: "2026-11-30") == [.dateTooEarly(earliest: CivilDate(2026, 12, 1)!)])
        #expect(issues(move: "2026-12-01", visit: "2026-12-16") == [.dateTooLate(latest: CivilDate(2026, 12, 15)!)])
    }

    @Test func oneMessageNamesTheDaySatisfyingEveryBound() {
        // the next open day is 11/24, but the move is on 12/1: the message names 12/1, not 11/24
        #expect(issues(move: "2026-12-01", visit: "2026-11-20") == [.dateTooEarly(earliest: CivilDate(2026, 12, 1)!)])
    }

    @Test func aVisitBeforeTheNextOpenDayIsRefused() {
        // the move already happened; the next open day after Friday 11/20 is Tuesday 11/24
        #expect(issues(move: "2026-11-15", visit: "2026-11-23") == [.dateTooEarly(earliest: CivilDate(2026, 11, 24)!)])
        #expect(issues(move: "2026-11-15", visit: "2026-11-24") == [])
    }

    @Test func aPeriodEndingOnAClosedDayRunsToTheNextOpenDay() {
        // given: filed on Friday 2026-05-01 for a move on 04-21; its 14 days end on 05-05 (こどもの日),
        // and 05-02 to 05-06 are all closed (weekend, 憲法記念日 on a Sunday, 振替休日)
        let filed = CivilDate(2026, 5, 1)!
        func issues(_ visit: String) -> [FieldError] { self.issues(move: "2026-04-21", visit: visit, on: filed) }
        // then: the period ends on Thursday 05-07, the first day the counter can be visited at all
        #expect(issues("2026-05-07") == [])
        #expect(issues("2026-05-08") == [.dateTooLate(latest: CivilDate(2026, 5, 7)!)])
        #expect(issues("2026-05-05") == [.dateTooEarly(earliest: CivilDate(2026, 5, 7)!)])
        // and: a period ending on an open day is not lengthened
        #expect(
            self.issues(move: "2026-12-01", visit: "2026-12-16") == [.dateTooLate(latest: CivilDate(2026, 12, 15)!)])
    }

    @Test func theNextOpenDayIsTheMunicipalitysOwn() {
        // given: a town closed on Tuesday 11/24 (臨時閉庁) and open on Saturday 11/21 (休日開庁)
        let closed = OpenDays.standard.with(extraOpenDays: [], extraClosedDays: [CivilDate(2026, 11, 24)!])
        let open = OpenDays.standard.with(extraOpenDays: [CivilDate(2026, 11, 21)!], extraClosedDays: [])
        // then: the next open day after Friday 11/20 is 11/25 in the first, 11/21 in the second
        #expect(
            issues(move: "2026-11-15", visit: "2026-11-24", openDays: closed)
                == [.dateTooEarly(earliest: CivilDate(2026, 11, 25)!)])
        #expect(issues(move: "2026-11-15", visit: "2026-11-21", openDays: open) == [])
    }

    @Test func theOtherDateIsReadEvenWhenItsStepIsNotValidated() {
        let visitStep = FormStep(id: "visit", title: procedure.steps[0].title, fields: [procedure.fields[1]])
        #expect(
            issues(move: "R8.12.1", visit: "2026-12-20", steps: [visitStep])
                == [.dateTooLate(latest: CivilDate(2026, 12, 15)!)])
        // an unreadable other date leaves only the bounds that need no other date
        #expect(issues(move: "いつか", visit: "2026-12-20", steps: [visitStep]) == [])
    }

    @Test func theLinterChecksTheRelation() {
        var procedure = self.procedure
        procedure.steps[0].fields.append(
            FieldDefinition(
                id: "other", type: .text, label: LocalizedText(ja: "x", en: "x"),
                relativeTo: DateRelation(field: "nowhere", notBeforeDays: 1, notAfterDays: 0), line: 7))
        let messages = CatalogLinter.lint(procedure).map(\.description)
        #expect(
            messages.contains {
                $0.hasSuffix(
                    "field 'other': only a date takes not_before_days/not_after_days/not_before_open_days/relative_to")
            })
        #expect(messages.contains { $0.hasSuffix("field 'other' relative_to: no top-level field 'nowhere'") })
    }
}
