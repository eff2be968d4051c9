import MadoguchiDomain

/// Radio buttons, check boxes, single tick boxes and repeating groups.
extension FormFields {
    func choices(_ field: FieldDefinition, path: String, scope: [String: FieldDefinition]) -> Node {
        let chosen = Set(state.input.all(path))
        let type = field.type == .radio ? "radio" : "checkbox"
        return labelledFieldset(field, path: path, scope: scope) { issue in
            el("div", .class("choices")) {
                for (index, option) in field.options.enumerated() {
                    let id = index == 0 ? Self.domID(path) : Self.domID(path) + "--option\(index)"
                    el("div", .class("choice")) {
                        el(
                            "input", .id(id), Attribute("type", type), Attribute("name", path),
                            Attribute("value", option.value), .flag("checked", chosen.contains(option.value)),
                            issue != nil ? Attribute("aria-invalid", "true") : nil)
                        el("label", Attribute("for", id)) { t(option.label) }
                    }
                }
            }
        }
    }

    func boolean(_ field: FieldDefinition, path: String, scope: [String: FieldDefinition]) -> Node {
        let id = Self.domID(path)
        let (described, ids, issue) = descriptions(field, path: path, scope: scope)
        let ticked = FormValidator.isTicked(state.input[path])
        return el("div", .class(issue == nil ? "field" : "field field--error")) {
            described
            el("div", .class("choice")) {
                el(
                    "input", .id(id), Attribute("type", "checkbox"), Attribute("name", path),
                    Attribute("value", "true"),
                    .flag("checked", ticked), issue != nil ? Attribute("aria-invalid", "true") : nil,
                    ids.isEmpty ? nil : Attribute("aria-describedby", ids.joined(separator: " ")),
                    field.required ? Attribute("aria-required", "true") : nil)
                el("label", Attribute("for", id)) {
                    labelText(field)
                }
            }
        }
    }

    func group(_ field: FieldDefinition, path: String) -> Node {
        let indices = state.items[path] ?? []
        let issue = state.issue(at: path)
        let id = Self.domID(path)
        return el("fieldset", .class(issue == nil ? "group" : "group field--error"), .id(id)) {
            el("legend", .class("group__legend")) {
                labelText(field)
            }
            if let help = field.help { el("p", .class("field__hint")) { t(help) } }
            if let issue { el("p", .class("field__error"), .id("\(id)-error")) { t(issue.error.message) } }
            for (ordinal, index) in indices.enumerated() {
                el("fieldset", .class("group__item")) {
                    el("legend", .class("group__item-legend")) {
                        Self.itemLegend(field, number: ordinal + 1, language: context.language)
                    }
                    render(field.fields, scope: field.fieldsByID, itemPrefix: "\(path).\(index)")
                    if indices.count > field.minimumItems {
                        el(
                            "button", .class("button button--secondary"), Attribute("type", "submit"),
                            Attribute("name", FormState.actionField), Attribute("value", "remove:\(path).\(index)")
                        ) { "\(t(UIText.removeItem))（\(ordinal + 1)）" }
                    }
                }
            }
            if indices.count < (field.max ?? FormInput.maxItems) {
                el(
                    "button", .class("button button--secondary"), Attribute("type", "submit"),
                    Attribute("name", FormState.actionField), Attribute("value", "add:\(path)")
                ) {
                    context.language == .ja
                        ? "\(field.label.ja)\(UIText.addItem.ja)" : "\(UIText.addItem.en)\(field.label.en)"
                }
            }
        }
    }
}
