import MadoguchiDomain

/// 氏名・フリガナ・口座: one fieldset, a labelled box per part.
extension FormFields {
    func composite(_ field: FieldDefinition, path: String, scope: [String: FieldDefinition]) -> Node {
        labelledFieldset(field, path: path, scope: scope) { _ in
            el("div", .class("field__parts")) {
                for part in field.type.parts {
                    compositePart(field, path: path, part: part)
                }
            }
        }
    }

    func compositePart(_ field: FieldDefinition, path: String, part: String) -> Node {
        let partPath = "\(path).\(part)"
        let id = Self.domID(partPath)
        let invalid = state.issue(at: partPath) != nil
        let label: LocalizedText =
            switch (field.type, part) {
            case (.name, "family"): UIText.family
            case (.name, _): UIText.given
            case (.kanaName, "family"): UIText.familyKana
            case (.kanaName, _): UIText.givenKana
            case (_, "bank_code"): UIText.bankCode
            case (_, "branch_code"): UIText.branchCode
            case (_, "type"): UIText.accountType
            case (_, "number"): UIText.accountNumber
            default: UIText.accountHolder
            }
        let value = state.input[partPath] ?? ""
        // An invalid box is described by the field's error message (shown once, above the boxes).
        let common: [Attribute?] = [
            .id(id), Attribute("name", partPath), invalid ? Attribute("aria-invalid", "true") : nil,
            invalid ? Attribute("aria-describedby", "\(Self.domID(path))-error") : nil,
            field.required && part != "given" ? Attribute("aria-required", "true") : nil,
        ]
        let control: Node
        if part == "type" {
            control = el("select", attributes: common) {
                el("option", Attribute("value", "")) { t(UIText.choose) }
                for type in field.allowedAccountTypes {
                    el("option", Attribute("value", type.rawValue), .flag("selected", type.rawValue == value)) {
                        t(type.label)
                    }
                }
            }
        } else {
            let token: String? =
                switch (field.type, part) {
                case (.name, "family"): "family-name"
                case (.name, "given"): "given-name"
                default: nil
                }
            control = el(
                "input",
                attributes: common + [
                    Attribute("type", "text"), Attribute("value", value),
                    token.flatMap { autocomplete($0, field, path: path) },
                    ["bank_code", "branch_code", "number"].contains(part) ? Attribute("inputmode", "numeric") : nil,
                ])
        }
        return el("div", .class("part")) {
            el("label", Attribute("for", id), .class("part__label")) { t(label) }
            control
        }
    }
}
