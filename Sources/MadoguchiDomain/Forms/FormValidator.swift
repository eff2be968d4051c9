/// The one validation every channel goes through (resident form, counter, API, import):
/// normalises each visible field and reports each problem with a specific message.
public enum FormValidator {
    /// Validates the fields of `steps` (all steps when nil).
    public static func validate(
        _ procedure: Procedure, input: FormInput, context: ValidationContext, steps: [FormStep]? = nil
    ) -> ValidationOutcome {
        let topLevel = procedure.fieldsByID
        var run = Run(input: input, context: context, topLevel: topLevel)
        run.data.reserveCapacity(topLevel.count)
        for step in steps ?? procedure.steps {
            for field in step.fields {
                if let value = run.validate(
                    field, node: input.root[field.id], at: Location(itemPrefix: nil, id: field.id), scope: topLevel,
                    item: nil, label: LabelPath(field: field))
                {
                    run.data[field.id] = value
                }
            }
        }
        return ValidationOutcome(data: run.data, issues: run.issues)
    }

    /// The paths in `input` that no field of `procedure` has — a misspelt id, a part no name or
    /// account has, a group item that is not numbered, parts under a box that has none — sorted.
    /// Validation reads only the fields the catalog has, so these would otherwise be dropped unsaid.
    public static func unknownPaths(_ procedure: Procedure, input: FormInput) -> [String] {
        var unknown: [String] = []
        // Most input has none: find that out first, building no path.
        findUnknown(in: input.root, fields: procedure.fieldsByID, prefix: "", naming: false, into: &unknown)
        guard !unknown.isEmpty else { return [] }
        unknown = []
        findUnknown(in: input.root, fields: procedure.fieldsByID, prefix: "", naming: true, into: &unknown)
        return unknown.sorted()
    }

    /// Appends the paths under `node` (at `prefix`) that no field of `fields` has. Without `naming`,
    /// stops at the first and appends an empty path: no path is built.
    private static func findUnknown(
        in node: FormInput.Node, fields: [String: FieldDefinition], prefix: String, naming: Bool,
        into unknown: inout [String]
    ) {
        /// Whether to stop, having found `path`.
        func found(_ path: @autoclosure () -> String) -> Bool {
            unknown.append(naming ? path() : "")
            return !naming
        }
        for (key, child) in node.children {
            func path() -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }
            guard let field = fields[key] else {
                if found(path()) { return }
                continue
            }
            switch field.type {
            case .group:
                if child.first != nil, found(path()) { return }
                for (index, item) in child.children {
                    if FormInput.itemIndex(index) == nil {
                        if found("\(path()).\(index)") { return }
                        continue
                    }
                    findUnknown(
                        in: item, fields: field.fieldsByID, prefix: naming ? "\(path()).\(index)" : "", naming: naming,
                        into: &unknown)
                    if !naming && !unknown.isEmpty { return }
                }
            default:
                guard !child.children.isEmpty else { continue }
                let parts = field.type.parts
                for part in child.children.keys where !parts.contains(part) {
                    if found("\(path()).\(part)") { return }
                }
            }
        }
    }

    /// Whether `field` is shown given the current input (`itemPrefix` is "group.N" inside a group
    /// item). `scope` and `topLevel` are fields by id (`fieldsByID`).
    public static func isVisible(
        _ field: FieldDefinition, input: FormInput, scope: [String: FieldDefinition],
        topLevel: [String: FieldDefinition], itemPrefix: String?
    ) -> Bool {
        isVisible(
            field, root: input.root, scope: scope, topLevel: topLevel,
            item: itemPrefix.map { input.node(at: $0) ?? FormInput.Node() })
    }

    /// Whether `field` is shown, inside the group item `item` (nil: at the top level). A condition
    /// names a field of the same item first, else a top-level field.
    static func isVisible(
        _ field: FieldDefinition, root: FormInput.Node, scope: [String: FieldDefinition],
        topLevel: [String: FieldDefinition], item: FormInput.Node?, depth: Int = 0
    ) -> Bool {
        guard let condition = field.visibleWhen else { return true }
        guard depth < 8 else { return false }
        let (target, node, targetScope, targetItem):
            (FieldDefinition?, FormInput.Node?, [String: FieldDefinition], FormInput.Node?)
        if let item, let local = scope[condition.field] {
            (target, node, targetScope, targetItem) = (local, item[local.id], scope, item)
        } else {
            (target, node, targetScope, targetItem) = (topLevel[condition.field], root[condition.field], topLevel, nil)
        }
        guard let target,
            isVisible(target, root: root, scope: targetScope, topLevel: topLevel, item: targetItem, depth: depth + 1)
        else { return false }
        switch target.type {
        case .boolean:
            return condition.values.contains(isTicked(node?.first) ? "true" : "false")
        case .checkbox:
            return (node?.values ?? []).contains { condition.values.contains(TextNormalization.trim($0)) }
        default:
            return node?.first.map { condition.values.contains(TextNormalization.trim($0)) } ?? false
        }
    }

    /// Where a field's input sits: its flat path (`group.N.field`) is made only when a message
    /// needs it.
    struct Location {
        /// "group.N" inside a group item.
        var itemPrefix: String?
        var id: String

        var path: String { itemPrefix.map { "\($0).\(id)" } ?? id }
    }

    /// The earliest and latest day a date field accepts on `today` — the tightest of its bounds:
    /// relative to today, the nth open day after today, and relative to `other`, the date it is
    /// bound to (when known).
    ///
    /// A period counted from `other` is a statutory period (the 転入届's 14 days, 住基法第22条):
    /// when its last day is a closed day, it ends on the next open day (地方自治法第4条の2第4項).
    /// Without that, a resident who moved ten days ago and files before a run of closed days (Golden
    /// Week, the year end) would find no day both after the 翌開庁日 and within the period.
    public static func dateBounds(
        _ field: FieldDefinition, today: CivilDate, openDays: OpenDays = .standard, relatedTo other: CivilDate? = nil
    ) -> (earliest: CivilDate?, latest: CivilDate?) {
        var earliest = field.notBeforeDays.map { today.adding(days: $0) }
        var latest = field.notAfterDays.map { today.adding(days: $0) }
        func raise(_ bound: CivilDate?) { if let bound { earliest = max(earliest ?? bound, bound) } }
        func lower(_ bound: CivilDate?) { if let bound { latest = min(latest ?? bound, bound) } }
        raise(field.notBeforeOpenDays.map { openDays.openDay($0, after: today) })
        if let relation = field.relativeTo, let other {
            raise(relation.notBeforeDays.map { other.adding(days: $0) })
            lower(
                relation.notAfterDays.map { days in
                    let last = other.adding(days: days)
                    return openDays.isOpen(last) ? last : openDays.openDay(1, after: last)
                })
        }
        return (earliest, latest)
    }

    /// How a ticked box arrives: "true", "on", "1" or "yes" (any case, spaces ignored).
    public static func isTicked(_ raw: String?) -> Bool {
        guard let raw else { return false }
        return TextNormalization.equalsIgnoringASCIICase(
            TextNormalization.trim(raw), oneOf: ["true", "on", "1", "yes"])
    }

    struct Run {
        let input: FormInput
        let context: ValidationContext
        let topLevel: [String: FieldDefinition]
        var data: FormData = [:]
        var issues: [FieldIssue] = []

        init(input: FormInput, context: ValidationContext, topLevel: [String: FieldDefinition]) {
            self.input = input
            self.context = context
            self.topLevel = topLevel
        }

        mutating func fail(
            _ path: String, _ label: LabelPath, _ error: FieldError, part: String? = nil, kana: Bool = false
        )
            -> FormValue?
        {
            issues.append(FieldIssue(path: path, label: label.resolved(part: part, kana: kana), error: error))
            return nil
        }

        /// Validates one field, whose input is `node`; returns its value, or nil when absent or invalid.
        mutating func validate(
            _ field: FieldDefinition, node: FormInput.Node?, at location: Location, scope: [String: FieldDefinition],
            item: FormInput.Node?, label: LabelPath
        ) -> FormValue? {
            guard
                FormValidator.isVisible(field, root: input.root, scope: scope, topLevel: topLevel, item: item)
            else { return nil }
            switch field.type {
            case .group: return validateGroup(field, node: node, path: location.path, label: label)
            case .name, .kanaName, .bankAccount:
                return validateComposite(field, node: node, at: location, label: label)
            case .checkbox: return validateCheckbox(field, node: node, at: location, label: label)
            case _ where node?.holdsSeveralValues == true:
                return fail(location.path, label, .oneValueOnly)
            case .boolean:
                let ticked = FormValidator.isTicked(node?.first)
                if field.required && !ticked { return fail(location.path, label, .mustBeTicked) }
                return .bool(ticked)
            default:
                let raw = node?.first ?? ""
                if TextNormalization.trim(raw).isEmpty {
                    let choice = field.type == .select || field.type == .radio
                    return field.required ? fail(location.path, label, choice ? .notChosen : .required) : nil
                }
                switch normalizeSingle(field, raw) {
                case .success(let value): return value
                case .failure(let error): return fail(location.path, label, error)
                }
            }
        }

        /// The date another field holds: as validated already, else as typed (it may be on another
        /// step); nil when it has none, in which case a relative bound is not checked.
        func relatedDate(_ id: String) -> CivilDate? {
            if case .string(let iso) = data[id] { return CivilDate(iso: iso) }
            return input.root[id]?.first.flatMap { try? DateParser.parse($0).get() }
        }

        func normalizeSingle(_ field: FieldDefinition, _ raw: String) -> Result<FormValue, FieldError> {
            switch field.type {
            case .text, .address:
                return FreeText.normalize(raw, maxLength: field.maxLength ?? 200, multiline: false).map(
                    FormValue.string)
            case .textarea:
                return FreeText.normalize(raw, maxLength: field.maxLength ?? 2000, multiline: true).map(
                    FormValue.string)
            case .kana:
                return Kana.normalize(raw, maxLength: field.maxLength ?? 100).map(FormValue.string)
            case .date:
                return DateParser.parse(raw).mapError(FieldError.date).flatMap { date in
                    // Every bound at once, so that one message names the day that satisfies them all.
                    let (earliest, latest) = FormValidator.dateBounds(
                        field, today: context.today, openDays: context.openDays,
                        relatedTo: field.relativeTo.flatMap { relatedDate($0.field) })
                    if let earliest, date < earliest { return .failure(.dateTooEarly(earliest: earliest)) }
                    if let latest, date > latest { return .failure(.dateTooLate(latest: latest)) }
                    return .success(.string(date.iso))
                }
            case .postalCode: return PostalCode.normalize(raw).map(FormValue.string)
            case .phone: return PhoneNumber.normalize(raw).map(FormValue.string)
            case .email: return EmailAddress.normalize(raw).map(FormValue.string)
            case .individualNumber: return IndividualNumber.normalize(raw).map { .string($0.digits) }
            case .integer, .yen:
                let min = field.min ?? (field.type == .yen ? 0 : nil)
                return Amount.parse(raw, yen: field.type == .yen).mapError { error in
                    // Too many digits for any amount: name the field's own bound where it has one.
                    switch error {
                    case .aboveMaximum: field.max.map(FieldError.aboveMaximum) ?? error
                    case .belowMinimum: min.map(FieldError.belowMinimum) ?? error
                    default: error
                    }
                }.flatMap { number in
                    if let min, number < min { return .failure(.belowMinimum(min)) }
                    if let max = field.max, number > max { return .failure(.aboveMaximum(max)) }
                    return .success(.integer(number))
                }
            case .select, .radio:
                let value = TextNormalization.trim(raw)
                return field.option(value) != nil ? .success(.string(value)) : .failure(.notAnOption)
            case .attachment:
                guard let reference = context.resolveAttachment(TextNormalization.trim(raw)) else {
                    return .failure(.attachmentReference)
                }
                guard field.acceptedKinds.contains(reference.kind) else {
                    return .failure(.attachmentType(accepted: field.acceptedKinds.map { $0.uppercased() }))
                }
                guard reference.size <= field.maxAttachmentMB * 1_048_576 else {
                    return .failure(.attachmentTooLarge(maxMB: field.maxAttachmentMB))
                }
                return .success(reference.formValue)
            case .name, .kanaName, .bankAccount, .checkbox, .boolean, .group:
                preconditionFailure("composite types are validated elsewhere")
            }
        }

        mutating func validateCheckbox(
            _ field: FieldDefinition, node: FormInput.Node?, at location: Location, label: LabelPath
        ) -> FormValue? {
            let chosen = (node?.values ?? []).map(TextNormalization.trim).filter { !$0.isEmpty }
            if chosen.isEmpty && field.required { return fail(location.path, label, .notChosen) }
            guard chosen.allSatisfy({ field.option($0) != nil }) else {
                return fail(location.path, label, .notAnOption)
            }
            let unique = field.options.map(\.value).filter(chosen.contains)
            if let min = field.min, !unique.isEmpty || field.required, unique.count < min {
                return fail(location.path, label, .tooFewChoices(min))
            }
            if let max = field.max, unique.count > max { return fail(location.path, label, .tooManyChoices(max)) }
            return .list(unique)
        }

        mutating func validateComposite(
            _ field: FieldDefinition, node: FormInput.Node?, at location: Location, label: LabelPath
        ) -> FormValue? {
            let parts = field.type.parts
            if let part = parts.first(where: { node?[$0]?.holdsSeveralValues == true }) {
                return fail("\(location.path).\(part)", label, .oneValueOnly)
            }
            let raws = parts.map { node?[$0]?.first ?? "" }
            if raws.allSatisfy({ TextNormalization.trim($0).isEmpty }) {
                return field.required ? fail("\(location.path).\(parts[0])", label, .required) : nil
            }
            var object: [String: FormValue] = [:]
            object.reserveCapacity(parts.count)
            var failed = false
            for (part, raw) in zip(parts, raws) {
                let kana = field.type == .kanaName
                let optionalPart = part == "given"  // some residents have no given name
                if TextNormalization.trim(raw).isEmpty {
                    if !optionalPart {
                        _ = fail("\(location.path).\(part)", label, .required, part: part, kana: kana)
                        failed = true
                    }
                    continue
                }
                switch normalizePart(field, part: part, raw: raw) {
                case .success(let text): object[part] = .string(text)
                case .failure(let error):
                    _ = fail("\(location.path).\(part)", label, error, part: part, kana: kana)
                    failed = true
                }
            }
            return failed ? nil : .object(object)
        }

        func normalizePart(_ field: FieldDefinition, part: String, raw: String) -> Result<String, FieldError> {
            switch (field.type, part) {
            case (.name, _): return PersonName.normalizePart(raw)
            case (.kanaName, _):
                return Kana.normalize(raw, maxLength: field.maxLength ?? 50)  // each of 姓 and 名
            case (_, "bank_code"): return BankAccount.normalizeBankCode(raw)
            case (_, "branch_code"): return BankAccount.normalizeBranchCode(raw)
            case (_, "number"): return BankAccount.normalizeAccountNumber(raw)
            case (_, "holder"): return BankAccount.normalizeHolder(raw)
            case (_, "type"):
                let value = TextNormalization.trim(raw)
                guard let type = BankAccount.AccountType(rawValue: value), field.allowedAccountTypes.contains(type)
                else { return .failure(.accountType) }
                return .success(type.rawValue)
            default: return .failure(.unexpectedCharacters)
            }
        }

        mutating func validateGroup(
            _ field: FieldDefinition, node: FormInput.Node?, path: String, label: LabelPath
        )
            -> FormValue?
        {
            var items: [[String: FormValue]] = []
            for (index, itemNode) in FormInput.filledItemNodes(node ?? FormInput.Node()) {
                let itemPrefix = "\(path).\(index)"
                var item: [String: FormValue] = [:]
                item.reserveCapacity(field.fields.count)
                for child in field.fields {
                    let childLabel = LabelPath(group: (field, items.count + 1), field: child)
                    if let value = validate(
                        child, node: itemNode[child.id], at: Location(itemPrefix: itemPrefix, id: child.id),
                        scope: field.fieldsByID, item: itemNode, label: childLabel)
                    {
                        item[child.id] = value
                    }
                }
                items.append(item)
            }
            let minimum = field.minimumItems
            if items.count < minimum {
                return fail(path, label, minimum == 1 && items.isEmpty ? .required : .tooFewItems(minimum))
            }
            if let max = field.max, items.count > max { return fail(path, label, .tooManyItems(max)) }
            return items.isEmpty ? nil : .items(items)
        }
    }
}
