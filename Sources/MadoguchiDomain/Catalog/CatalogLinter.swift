/// Checks what the YAML parser cannot: identifiers, references between fields, options, bounds.
public enum CatalogLinter {
    public static func lint(_ procedure: Procedure) -> [CatalogIssue] {
        var issues: [CatalogIssue] = []
        func report(_ line: Int, _ message: String) {
            issues.append(CatalogIssue(file: procedure.file, line: line, message: message))
        }
        if !isProcedureID(procedure.id) {
            report(1, "id '\(procedure.id)' must be lowercase ASCII letters, digits and '-'")
        }
        let fileName = procedure.file.split(separator: "/").last.map(String.init) ?? ""
        if !procedure.file.isEmpty && fileName != "\(procedure.id).yaml" {
            report(1, "file name must be '\(procedure.id).yaml'")
        }
        if CivilDate(iso: procedure.version) == nil {
            report(1, "version '\(procedure.version)' must be a date YYYY-MM-DD (the form's revision)")
        }
        if procedure.standardProcessingDays <= 0 {
            report(1, "standard_processing_days must be positive")
        }
        if procedure.sources.isEmpty { report(1, "cite at least one source for the form") }
        for source in procedure.sources where !(source.url.hasPrefix("https://") || source.url.hasPrefix("http://")) {
            report(1, "source '\(source.title)': url must start with https://")
        }
        if procedure.steps.isEmpty { report(1, "a procedure needs at least one step") }
        var stepIDs = Set<String>()
        for step in procedure.steps {
            if !stepIDs.insert(step.id).inserted { report(1, "duplicate step id '\(step.id)'") }
            if step.fields.isEmpty { report(1, "step '\(step.id)' has no fields") }
        }
        lintFields(procedure.fields, scope: procedure.fields, topLevel: procedure.fields, inGroup: false, report)
        return issues
    }

    static func lintFields(
        _ fields: [FieldDefinition], scope: [FieldDefinition], topLevel: [FieldDefinition], inGroup: Bool,
        _ report: (Int, String) -> Void
    ) {
        var ids = Set<String>()
        for field in fields {
            let context = "field '\(field.id)'"
            if !isSnakeCase(field.id) { report(field.line, "\(context): id must be snake_case ASCII") }
            if !ids.insert(field.id).inserted { report(field.line, "duplicate field id '\(field.id)'") }
            if field.type.hasOptions {
                if field.options.isEmpty { report(field.line, "\(context): a \(field.type.rawValue) needs options") }
                var values = Set<String>()
                for option in field.options {
                    if !isSnakeCase(option.value) {
                        report(field.line, "\(context): option value '\(option.value)' must be snake_case ASCII")
                    }
                    if !values.insert(option.value).inserted {
                        report(field.line, "\(context): duplicate option '\(option.value)'")
                    }
                }
            } else if !field.options.isEmpty {
                report(field.line, "\(context): only select, radio and checkbox take options")
            }
            if field.type == .group {
                if inGroup { report(field.line, "\(context): groups cannot be nested") }
                if field.fields.isEmpty { report(field.line, "\(context): a group needs fields") }
                lintFields(field.fields, scope: field.fields, topLevel: topLevel, inGroup: true, report)
            } else if !field.fields.isEmpty {
                report(field.line, "\(context): only a group takes fields")
            }
            if let min = field.min, let max = field.max, min > max {
                report(field.line, "\(context): min is greater than max")
            }
            if let earliest = field.notBeforeDays, let latest = field.notAfterDays, earliest > latest {
                report(field.line, "\(context): not_before_days is after not_after_days")
            }
            if field.type != .date
                && (field.notBeforeDays != nil || field.notAfterDays != nil || field.notBeforeOpenDays != nil
                    || field.relativeTo != nil)
            {
                report(
                    field.line,
                    "\(context): only a date takes not_before_days/not_after_days/not_before_open_days/relative_to")
            }
            if let days = field.notBeforeOpenDays, days < 0 {
                report(field.line, "\(context): not_before_open_days cannot be negative")
            }
            if let relation = field.relativeTo {
                lintRelation(relation, of: field, inGroup: inGroup, topLevel: topLevel, report)
            }
            if field.type != .bankAccount && !field.accountTypes.isEmpty {
                report(field.line, "\(context): only a bank_account takes account_types")
            }
            if field.type != .attachment && (!field.accept.isEmpty || field.maxMB != nil) {
                report(field.line, "\(context): only an attachment takes accept/max_mb")
            }
            for kind in field.accept where !["pdf", "jpeg", "png"].contains(kind) {
                report(field.line, "\(context): accept '\(kind)' is not one of pdf, jpeg, png")
            }
            if let condition = field.visibleWhen {
                lintCondition(condition, of: field, scope: scope, topLevel: topLevel, report)
            }
        }
    }

    static func lintRelation(
        _ relation: DateRelation, of field: FieldDefinition, inGroup: Bool, topLevel: [FieldDefinition],
        _ report: (Int, String) -> Void
    ) {
        let context = "field '\(field.id)' relative_to"
        if inGroup { report(field.line, "\(context): only a top-level date can be relative to another") }
        if relation.field == field.id { report(field.line, "\(context): a date cannot be relative to itself") }
        guard let other = topLevel.first(where: { $0.id == relation.field }) else {
            report(field.line, "\(context): no top-level field '\(relation.field)'")
            return
        }
        if other.type != .date { report(field.line, "\(context): '\(relation.field)' is not a date") }
        if let earliest = relation.notBeforeDays, let latest = relation.notAfterDays, earliest > latest {
            report(field.line, "\(context): not_before_days is after not_after_days")
        }
    }

    static func lintCondition(
        _ condition: VisibilityCondition, of field: FieldDefinition, scope: [FieldDefinition],
        topLevel: [FieldDefinition], _ report: (Int, String) -> Void
    ) {
        let context = "field '\(field.id)' visible_when"
        guard condition.field != field.id else {
            report(field.line, "\(context): a field cannot depend on itself")
            return
        }
        guard
            let target = scope.first(where: { $0.id == condition.field })
                ?? topLevel.first(where: { $0.id == condition.field })
        else {
            report(field.line, "\(context): no field '\(condition.field)' in this group or at the top level")
            return
        }
        switch target.type {
        case .boolean:
            for value in condition.values where value != "true" && value != "false" {
                report(field.line, "\(context): '\(condition.field)' is a boolean; use true or false, not '\(value)'")
            }
        case .select, .radio, .checkbox:
            for value in condition.values where target.option(value) == nil {
                report(field.line, "\(context): '\(condition.field)' has no option '\(value)'")
            }
        default:
            report(field.line, "\(context): depend on a select, radio, checkbox or boolean field")
        }
    }

    static func isSnakeCase(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    static func isProcedureID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first), !text.hasSuffix("-"),
            !text.contains("--")
        else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
