import MadoguchiDomain

/// Renders the controls of one form step, accessibly: visible labels, ※必須/※任意 markers, hints and
/// errors linked by `aria-describedby`, `aria-invalid` on rejected boxes, fieldsets for groups of boxes.
struct FormFields {
    let context: PageContext
    let procedure: Procedure
    let state: FormState
    /// Fields of the step being rendered (for deciding which conditions can change on this page).
    let stepFieldIDs: Set<String>
    /// The file behind an attachment box's token, while the token is accepted.
    let attachment: (String) -> AttachmentReference?
    var t: (LocalizedText) -> String { context.text }

    static func domID(_ path: String) -> String { "f-" + path.replacingOccurrences(of: ".", with: "-") }

    /// The input paths rendered as controls for these fields (everything else travels hidden).
    func renderedPaths(_ fields: [FieldDefinition]) -> [String] {
        fields.filter { isShown($0, scope: procedure.fieldsByID, itemPrefix: nil) }.map(\.id)
    }

    /// A field is omitted when its condition depends on another step's answer and is not met. When
    /// the condition depends on this page, it is shown with a note (the page works without JavaScript).
    /// `scope`: the fields a condition inside this item names first, by id.
    func isShown(_ field: FieldDefinition, scope: [String: FieldDefinition], itemPrefix: String?) -> Bool {
        guard let condition = field.visibleWhen else { return true }
        let local = itemPrefix != nil && scope[condition.field] != nil
        if local || stepFieldIDs.contains(condition.field) { return true }
        return FormValidator.isVisible(
            field, input: state.input, scope: scope, topLevel: procedure.fieldsByID, itemPrefix: itemPrefix)
    }

    func render(
        _ fields: [FieldDefinition], scope: [String: FieldDefinition], itemPrefix: String?, labelPrefix: String = ""
    )
        -> [Node]
    {
        fields.filter { isShown($0, scope: scope, itemPrefix: itemPrefix) }.map { field in
            let path = itemPrefix.map { "\($0).\(field.id)" } ?? field.id
            return render(field, path: path, scope: scope)
        }
    }

    func render(_ field: FieldDefinition, path: String, scope: [String: FieldDefinition]) -> Node {
        let control: Node =
            switch field.type {
            case .group: group(field, path: path)
            case .name, .kanaName, .bankAccount: composite(field, path: path, scope: scope)
            case .radio, .checkbox: choices(field, path: path, scope: scope)
            case .boolean: boolean(field, path: path, scope: scope)
            default: single(field, path: path, scope: scope)
            }
        guard let condition = field.visibleWhen else { return control }
        // The condition depends on this page: say which box controls it, so the small script can
        // show and hide it as the resident answers (without the script, it is always shown).
        let itemPrefix =
            path.split(separator: ".").count > 1 ? path.split(separator: ".").dropLast().joined(separator: ".") : nil
        let local = itemPrefix != nil && scope[condition.field] != nil
        guard local || stepFieldIDs.contains(condition.field) else { return control }
        let controller = local ? "\(itemPrefix!).\(condition.field)" : condition.field
        return el(
            "div", .class("conditional"), Attribute("data-when-field", controller),
            Attribute("data-when-values", condition.values.joined(separator: " "))
        ) { control }
    }

    /// A label's text and its ※必須/※任意 marker, as every label and legend shows them.
    static func labelText(_ label: LocalizedText, required: Bool, in context: PageContext) -> [Node] {
        [
            .text(context.text(label)), .text(" "),
            el("span", .class(required ? "marker marker--required" : "marker")) {
                context.text(required ? UIText.required : UIText.optional)
            },
        ]
    }

    func labelText(_ field: FieldDefinition) -> [Node] {
        Self.labelText(field.label, required: field.required, in: context)
    }

    func conditionNote(_ field: FieldDefinition, scope: [String: FieldDefinition], id: String) -> Node? {
        guard let condition = field.visibleWhen,
            let controller = scope[condition.field] ?? procedure.field(condition.field)
        else { return nil }
        let values = condition.values.map { value -> String in
            if controller.type == .boolean { return t(value == "true" ? UIText.yes : UIText.no) }
            return controller.option(value).map { t($0.label) } ?? value
        }
        let text =
            context.language == .ja
            ? "「\(controller.label.ja)」で「\(values.joined(separator: "」または「"))」の場合に入力してください。"
            : "Answer this if “\(controller.label.en)” is “\(values.joined(separator: "” or “"))”."
        return el("p", .class("field__condition"), .id(id)) { text }
    }

    /// A field of several boxes: a fieldset whose legend is the label with its marker, then the
    /// condition, hint and error paragraphs (described to the fieldset), then the boxes.
    func labelledFieldset(
        _ field: FieldDefinition, path: String, scope: [String: FieldDefinition],
        @NodeBuilder boxes: (FieldIssue?) -> [Node]
    ) -> Node {
        let (described, ids, issue) = descriptions(field, path: path, scope: scope)
        return el(
            "fieldset", .class(issue == nil ? "field fieldset" : "field fieldset field--error"),
            ids.isEmpty ? nil : Attribute("aria-describedby", ids.joined(separator: " "))
        ) {
            el("legend", .class("field__label")) {
                labelText(field)
            }
            described
            boxes(issue)
        }
    }

    /// 「児童（2件目）」/ "Child (Entry 2)": how one item of a repeating group is headed.
    static func itemLegend(_ field: FieldDefinition, number: Int, language: Language) -> String {
        language == .ja
            ? "\(field.label.ja)（\(number)\(UIText.itemNumber.ja)）"
            : "\(field.label.en) (\(UIText.itemNumber.en)\(number))"
    }

    /// Hint and error paragraphs, and the ids to reference from aria-describedby.
    func descriptions(
        _ field: FieldDefinition, path: String, scope: [String: FieldDefinition], extraHints: [LocalizedText] = []
    )
        -> (nodes: [Node], ids: [String], issue: FieldIssue?)
    {
        let id = Self.domID(path)
        var nodes: [Node] = []
        var ids: [String] = []
        if let note = conditionNote(field, scope: scope, id: "\(id)-condition") {
            nodes.append(note)
            ids.append("\(id)-condition")
        }
        let hints = ([field.help].compactMap { $0 } + extraHints).map(t)
        if !hints.isEmpty {
            nodes.append(el("p", .class("field__hint"), .id("\(id)-hint")) { hints.joined(separator: " ") })
            ids.append("\(id)-hint")
        }
        let issue = state.issues.first { $0.path == path || $0.path.hasPrefix(path + ".") }
        if let issue {
            nodes.append(el("p", .class("field__error"), .id("\(id)-error")) { t(issue.error.message) })
            ids.append("\(id)-error")
        }
        return (nodes, ids, issue)
    }

    func single(_ field: FieldDefinition, path: String, scope: [String: FieldDefinition]) -> Node {
        let id = Self.domID(path)
        let hints: [LocalizedText] =
            switch field.type {
            case .date: [dateRange(field), UIText.dateHint].compactMap { $0 }
            case .postalCode: [UIText.postalHint]
            case .phone: [UIText.phoneHint]
            case .individualNumber: [UIText.individualNumberHint]
            case .attachment: [UIText.attachmentHint(kinds: field.acceptedKinds, maxMB: field.maxAttachmentMB)]
            default: []
            }
        let (described, ids, issue) = descriptions(field, path: path, scope: scope, extraHints: hints)
        let value = state.input[path] ?? ""
        var attributes: [Attribute?] = [
            .id(id), Attribute("name", path),
            ids.isEmpty ? nil : Attribute("aria-describedby", ids.joined(separator: " ")),
            issue != nil ? Attribute("aria-invalid", "true") : nil,
            field.required ? Attribute("aria-required", "true") : nil,
        ]
        let control: Node
        switch field.type {
        case .textarea:
            control = el("textarea", attributes: attributes + [Attribute("rows", "5")]) { value }
        case .select:
            control = el("select", attributes: attributes) {
                el("option", Attribute("value", "")) { t(UIText.choose) }
                for option in field.options {
                    el("option", Attribute("value", option.value), .flag("selected", option.value == value)) {
                        t(option.label)
                    }
                }
            }
        case .attachment:
            // A file chosen before travels on as its token, and is named. A token no longer accepted
            // (a week old) travels on too, so that the box is refused until a file is chosen again,
            // instead of the file silently going missing; the resident is told at once.
            control = .fragment([
                value.isEmpty
                    ? .fragment([])
                    : el("p", .class("field__stored")) {
                        if let file = attachment(value) {
                            t(UIText.attachmentStored)
                            el("span", .class("field__filename")) { file.filename }
                            t(UIText.fileSize(bytes: file.size))
                        } else {
                            t(UIText.attachmentLapsed)
                        }
                        el("input", Attribute("type", "hidden"), Attribute("name", path), Attribute("value", value))
                    },
                el(
                    "input",
                    attributes: attributes + [Attribute("type", "file"), Attribute("accept", ".pdf,.jpg,.jpeg,.png")]),
            ])
        default:
            attributes += inputAttributes(field, path: path, value: value)
            control = el("input", attributes: attributes)
        }
        return el("div", .class(issue == nil ? "field" : "field field--error")) {
            el("label", Attribute("for", id), .class("field__label")) {
                labelText(field)
            }
            described
            control
            if let unit = field.unit { el("span", .class("field__unit")) { unit } }
            if field.type == .yen { el("span", .class("field__unit")) { "円" } }
        }
    }

    /// The dates a date field accepts today, said before the resident picks one: when it has a
    /// lower bound (翌開庁日以降, from 30 days ago…) or an upper bound in the future. ("Not in the
    /// future" alone goes without saying.)
    func dateRange(_ field: FieldDefinition) -> LocalizedText? {
        guard let today = context.today else { return nil }
        switch FormValidator.dateBounds(field, today: today, openDays: context.openDays) {
        case (let earliest?, let latest?): return UIText.dateBetween(earliest, latest)
        case (let earliest?, nil): return UIText.dateFrom(earliest)
        case (nil, let latest?) where latest > today: return UIText.dateUntil(latest)
        default: return nil
        }
    }

    /// Browser autofill describes the person filling the form, so only the first top-level field of
    /// each kind (the applicant's own) asks for it — never a spouse's or a child's.
    func ownsAutocomplete(_ field: FieldDefinition, path: String) -> Bool {
        !path.contains(".") && procedure.fields.first { $0.type == field.type }?.id == field.id
    }

    func autocomplete(_ token: String, _ field: FieldDefinition, path: String) -> Attribute? {
        ownsAutocomplete(field, path: path) ? Attribute("autocomplete", token) : nil
    }

    func inputAttributes(_ field: FieldDefinition, path: String, value: String) -> [Attribute?] {
        var attributes: [Attribute?] = [Attribute("value", value)]
        switch field.type {
        case .email: attributes += [Attribute("type", "email"), autocomplete("email", field, path: path)]
        case .phone: attributes += [Attribute("type", "tel"), autocomplete("tel", field, path: path)]
        case .postalCode:
            attributes += [
                Attribute("type", "text"), autocomplete("postal-code", field, path: path),
                Attribute("inputmode", "numeric"), .class("input--short"),
            ]
        case .individualNumber:
            attributes += [
                Attribute("type", "text"), Attribute("inputmode", "numeric"), Attribute("autocomplete", "off"),
                .class("input--medium"),
            ]
        case .integer, .yen:
            attributes += [Attribute("type", "text"), Attribute("inputmode", "numeric"), .class("input--short")]
        case .date: attributes += [Attribute("type", "text"), .class("input--medium")]
        case .address: attributes += [Attribute("type", "text"), .class("input--long")]
        default: attributes += [Attribute("type", "text")]
        }
        return attributes
    }
}
