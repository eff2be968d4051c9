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

    @Test func everyErrorHasAMessageInBothLanguages() {
        let errors: [FieldError] = [
            .required, .notChosen, .tooLong(max: 3), .notKana, .date(.unrecognised), .date(.impossible),
            .date(.beforeEra(.reiwa)),
            .date(.afterEra(.heisei)), .postalCode, .phone, .email, .individualNumberLength,
            .individualNumberCheckDigit,
            .notInteger, .belowMinimum(1), .aboveMaximum(2), .notAnOption, .tooFewChoices(1), .tooManyChoices(2),
            .mustBeTicked, .bankCode, .branchCode, .accountType, .accountNumber, .accountHolder, .tooFewItems(1),
            .tooManyItems(2), .attachmentType(accepted: ["PDF"]), .attachmentTooLarge(maxMB: 10), .attachmentReference,
            .unexpectedCharacters,
        ]
        for error in errors {
            #expect(!error.message.ja.isEmpty && !error.message.en.isEmpty)
            #expect(error.message.ja != error.message.en)
        }
        #expect(FieldError.date(.afterEra(.heisei)).message.ja == "平成は平成31年4月30日までです。")
    }
}
