import MadoguchiDomain

/// A small procedure exercising every field type, parsed from YAML as the catalog is.
enum Fixtures {
    static let yaml = """
        id: test-procedure
        version: "2024-10-01"
        name: テスト手続
        name_en: Test procedure
        category: kosodate
        department: こども支援課
        legal_basis: テスト法第1条
        standard_processing_days: 30
        keywords: [テスト]
        summary: テスト用の手続です。
        summary_en: A procedure for tests.
        eligible: 誰でも
        eligible_en: Anyone
        signature: required
        public_funds_account: allowed
        sources:
          - title: テスト様式
            publisher: テスト庁
            url: https://example.jp/form.pdf
            published: "2024-10"
            checked: "2026-11-23"
        steps:
          - id: applicant
            title: 申請者
            title_en: Applicant
            fields:
              - id: applicant_name
                type: name
                label: 氏名
                label_en: Name
                required: true
              - id: applicant_kana
                type: kana_name
                label: フリガナ
                label_en: Name in kana
                required: true
              - id: birth_date
                type: date
                label: 生年月日
                label_en: Date of birth
                required: true
                not_after_days: 0
              - id: postal_code
                type: postal_code
                label: 郵便番号
                label_en: Postal code
              - id: my_number
                type: individual_number
                label: 個人番号
                label_en: Individual Number
              - id: has_spouse
                type: radio
                label: 配偶者の有無
                label_en: Spouse
                required: true
                options:
                  - value: "yes"
                    label: あり
                    label_en: "Yes"
                  - value: "no"
                    label: なし
                    label_en: "No"
              - id: spouse_name
                type: name
                label: 配偶者氏名
                label_en: Spouse's name
                required: true
                visible_when: { field: has_spouse, equals: "yes" }
          - id: children
            title: 児童
            title_en: Children
            fields:
              - id: children
                type: group
                label: 児童
                label_en: Child
                min: 1
                max: 3
                fields:
                  - id: name
                    type: name
                    label: 氏名
                    label_en: Name
                    required: true
                  - id: lives_apart
                    type: boolean
                    label: 別居している
                    label_en: Lives apart
                  - id: address
                    type: address
                    label: 別居先住所
                    label_en: Address
                    required: true
                    visible_when: { field: lives_apart, equals: "true" }
              - id: account
                type: bank_account
                label: 受取口座
                label_en: Account
                required: true
                account_types: [futsu, touza]
              - id: amount
                type: yen
                label: 金額
                label_en: Amount
                max: 100000
              - id: needs
                type: checkbox
                label: 必要なもの
                label_en: Needs
                max: 2
                options:
                  - value: a
                    label: あ
                    label_en: A
                  - value: b
                    label: い
                    label_en: B
                  - value: c
                    label: う
                    label_en: C
              - id: consent
                type: boolean
                label: 同意する
                label_en: I agree
                required: true
        """

    static var procedure: Procedure {
        let result = ProcedureParser.parse(yaml: yaml, file: "Catalog/kosodate/test-procedure.yaml")
        precondition(result.issues.isEmpty, "\(result.issues)")
        return result.procedure!
    }

    /// The fixture procedure reduced to one step holding only `fields`.
    static func procedure(with fields: [FieldDefinition]) -> Procedure {
        var procedure = procedure
        procedure.steps = [FormStep(id: "only", title: LocalizedText(ja: "項目", en: "Fields"), fields: fields)]
        return procedure
    }

    static let today = CivilDate(2026, 11, 23)!

    /// A complete, valid input for `procedure`.
    static var validInput: FormInput {
        FormInput(single: [
            "applicant_name.family": "山田", "applicant_name.given": "太郎",
            "applicant_kana.family": "やまだ", "applicant_kana.given": "たろう",
            "birth_date": "昭和60年1月2日", "postal_code": "〒100-0001", "my_number": "123456789018",
            "has_spouse": "no",
            "children.0.name.family": "山田", "children.0.name.given": "花子",
            "account.bank_code": "0001", "account.branch_code": "001", "account.type": "futsu",
            "account.number": "1234567", "account.holder": "ヤマダ タロウ",
            "amount": "12,000円", "consent": "on",
        ])
    }
}
