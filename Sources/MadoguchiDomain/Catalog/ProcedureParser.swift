import Yams

/// Turns one catalog YAML file into a `Procedure`, collecting every problem with its line.
public enum ProcedureParser {
    public struct Result: Sendable {
        public var procedure: Procedure?
        public var issues: [CatalogIssue]
    }

    static let procedureKeys: Set<String> = [
        "id", "version", "name", "name_en", "category", "department", "legal_basis",
        "standard_processing_days", "keywords", "summary", "summary_en", "eligible", "eligible_en",
        "signature", "public_funds_account", "attachments", "sources", "steps", "portal",
    ]
    static let portalKeys: Set<String> = ["codes", "fields"]
    static let stepKeys: Set<String> = ["id", "title", "title_en", "fields"]
    static let fieldKeys: Set<String> = [
        "id", "type", "label", "label_en", "help", "help_en", "required", "visible_when", "max_length", "min",
        "max", "unit", "options", "account_types", "not_before_days", "not_after_days",
        "not_before_open_days", "relative_to", "accept", "max_mb",
        "fields",
    ]
    static let attachmentKeys: Set<String> = ["id", "name", "name_en", "required", "note", "note_en"]
    static let sourceKeys: Set<String> = ["title", "publisher", "url", "published", "checked"]

    public static func parse(yaml: String, file: String) -> Result {
        var reader = YAMLReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            return Result(procedure: nil, issues: [yamlSyntaxIssue(error, file: file)])
        }
        guard let map = reader.mapping(root, allowed: procedureKeys, context: "procedure") else {
            reader.report(line: 1, "the file must be a mapping of procedure keys")
            return Result(procedure: nil, issues: reader.issues)
        }
        let id = reader.string(map, "id")
        let version = reader.string(map, "version")
        let name = reader.localized(map, "name")
        let categoryText = reader.string(map, "category")
        let category = categoryText.flatMap(ProcedureCategory.init(rawValue:))
        if let categoryText, category == nil {
            reader.report(
                map["category"],
                "procedure: unknown category '\(categoryText)' (one of \(ProcedureCategory.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        let department = reader.string(map, "department")
        let legalBasis = reader.string(map, "legal_basis")
        let days = reader.int(map, "standard_processing_days", required: true)
        let keywords = reader.strings(map, "keywords")
        let summary = reader.localized(map, "summary")
        let eligible = reader.localized(map, "eligible")
        let signatureText = reader.string(map, "signature") ?? "none"
        let signature = SignatureRequirement(rawValue: signatureText)
        if signature == nil {
            reader.report(map["signature"], "procedure: signature must be required, optional or none")
        }
        let fundsText = reader.string(map, "public_funds_account", required: false) ?? "none"
        if fundsText != "allowed" && fundsText != "none" {
            reader.report(map["public_funds_account"], "procedure: public_funds_account must be allowed or none")
        }
        let attachments = reader.sequence(map, "attachments").compactMap { parseAttachment($0, &reader) }
        let sources = reader.sequence(map, "sources", required: true).compactMap { parseSource($0, &reader) }
        let steps = reader.sequence(map, "steps", required: true).compactMap { parseStep($0, &reader) }

        guard let id, let version, let name, let category, let department, let legalBasis, let days, let summary,
            let eligible, let signature
        else { return Result(procedure: nil, issues: reader.issues) }
        var procedure = Procedure(
            id: id, version: version, name: name, category: category, department: department,
            legalBasis: legalBasis, standardProcessingDays: days, keywords: keywords, summary: summary,
            eligible: eligible, signature: signature, publicFundsAccountAllowed: fundsText == "allowed",
            attachments: attachments, sources: sources, steps: steps, file: file)
        if let portal = map["portal"] { procedure.portal = parsePortal(portal, &reader) }
        return Result(procedure: procedure.addingDocumentStep(), issues: reader.issues)
    }

    static func yamlSyntaxIssue(_ error: any Error, file: String) -> CatalogIssue {
        let text = "\(error)"
        // Yams describes errors as "line:column: problem …".
        let line = text.split(separator: ":").first.flatMap { Int($0) } ?? 1
        return CatalogIssue(file: file, line: line, message: "YAML syntax: \(text.split(separator: "\n").first ?? "")")
    }

    static func parseAttachment(_ node: Node, _ reader: inout YAMLReader) -> AttachmentRequirement? {
        guard let map = reader.mapping(node, allowed: attachmentKeys, context: "attachment") else { return nil }
        guard let id = reader.string(map, "id"), let name = reader.localized(map, "name") else { return nil }
        let required = reader.bool(map, "required") ?? false
        let note = reader.localized(map, "note", required: false)
        return AttachmentRequirement(id: id, name: name, required: required, note: note)
    }

    static func parsePortal(_ node: Node, _ reader: inout YAMLReader) -> PortalMapping {
        guard let map = reader.mapping(node, allowed: portalKeys, context: "portal") else { return PortalMapping() }
        var fields: [String: String] = [:]
        if let entries = map["fields"] {
            guard let pairs = entries.mapping else {
                reader.report(entries, "portal: fields must map element paths to input paths")
                return PortalMapping(codes: reader.strings(map, "codes"))
            }
            for (key, value) in pairs {
                guard let path = key.string, let target = value.string, !path.isEmpty, !target.isEmpty,
                    path.components(separatedBy: "[]").count == target.components(separatedBy: "[]").count
                else {
                    reader.report(key, "portal: each field maps an element path to an input path with as many []")
                    continue
                }
                fields[path] = target
            }
        }
        return PortalMapping(codes: reader.strings(map, "codes"), fields: fields)
    }

    static func parseSource(_ node: Node, _ reader: inout YAMLReader) -> SourceCitation? {
        guard let map = reader.mapping(node, allowed: sourceKeys, context: "source") else { return nil }
        guard let title = reader.string(map, "title"), let publisher = reader.string(map, "publisher"),
            let url = reader.string(map, "url"), let published = reader.string(map, "published"),
            let checked = reader.string(map, "checked")
        else { return nil }
        return SourceCitation(title: title, publisher: publisher, url: url, published: published, checked: checked)
    }

    static func parseStep(_ node: Node, _ reader: inout YAMLReader) -> FormStep? {
        guard let map = reader.mapping(node, allowed: stepKeys, context: "step") else { return nil }
        let fields = reader.sequence(map, "fields", required: true).compactMap { parseField($0, &reader) }
        guard let id = reader.string(map, "id"), let title = reader.localized(map, "title") else { return nil }
        return FormStep(id: id, title: title, fields: fields)
    }

    static func parseField(_ node: Node, _ reader: inout YAMLReader) -> FieldDefinition? {
        guard let map = reader.mapping(node, allowed: fieldKeys, context: "field") else { return nil }
        let id = reader.string(map, "id")
        let context = "field '\(id ?? "?")'"
        let typeText = reader.string(map, "type")
        let type = typeText.flatMap(FieldType.init(rawValue:))
        if let typeText, type == nil {
            reader.report(map["type"], "\(context): unknown type '\(typeText)'")
        }
        let label = reader.localized(map, "label")
        let help = reader.localized(map, "help", required: false)
        let required = reader.bool(map, "required") ?? false
        let options = reader.sequence(map, "options").compactMap { parseOption($0, &reader) }
        let accountTypes = reader.strings(map, "account_types").compactMap { text in
            let type = BankAccount.AccountType(rawValue: text)
            if type == nil { reader.report(map["account_types"], "\(context): unknown account type '\(text)'") }
            return type
        }
        let fields = reader.sequence(map, "fields").compactMap { parseField($0, &reader) }
        let visibleWhen = parseCondition(map["visible_when"], context: context, &reader)
        let relativeTo = parseRelation(map["relative_to"], context: context, &reader)
        guard let id, let type, let label else { return nil }
        return FieldDefinition(
            id: id, type: type, label: label, help: help, required: required, visibleWhen: visibleWhen,
            maxLength: reader.int(map, "max_length"), min: reader.int(map, "min"), max: reader.int(map, "max"),
            unit: reader.string(map, "unit", required: false), options: options, accountTypes: accountTypes,
            notBeforeDays: reader.int(map, "not_before_days"), notAfterDays: reader.int(map, "not_after_days"),
            notBeforeOpenDays: reader.int(map, "not_before_open_days"), relativeTo: relativeTo,
            accept: reader.strings(map, "accept"), maxMB: reader.int(map, "max_mb"), fields: fields,
            line: map.line)
    }

    static func parseOption(_ node: Node, _ reader: inout YAMLReader) -> FieldOption? {
        guard let map = reader.mapping(node, allowed: ["value", "label", "label_en"], context: "option") else {
            return nil
        }
        guard let value = reader.string(map, "value"), let label = reader.localized(map, "label") else { return nil }
        return FieldOption(value: value, label: label)
    }

    static func parseRelation(_ node: Node?, context: String, _ reader: inout YAMLReader) -> DateRelation? {
        guard let node else { return nil }
        guard
            let map = reader.mapping(
                node, allowed: ["field", "not_before_days", "not_after_days"], context: "\(context) relative_to")
        else { return nil }
        guard let field = reader.string(map, "field") else { return nil }
        let relation = DateRelation(
            field: field, notBeforeDays: reader.int(map, "not_before_days"),
            notAfterDays: reader.int(map, "not_after_days"))
        if relation.notBeforeDays == nil && relation.notAfterDays == nil {
            reader.report(node, "\(context) relative_to: give not_before_days or not_after_days")
            return nil
        }
        return relation
    }

    static func parseCondition(_ node: Node?, context: String, _ reader: inout YAMLReader) -> VisibilityCondition? {
        guard let node else { return nil }
        guard let map = reader.mapping(node, allowed: ["field", "equals", "in"], context: "\(context) visible_when")
        else { return nil }
        guard let field = reader.string(map, "field") else { return nil }
        var values: [String] = []
        if let equals = reader.string(map, "equals", required: false) { values.append(equals) }
        values += reader.strings(map, "in")
        if values.isEmpty {
            reader.report(node, "\(context) visible_when: give 'equals' or 'in'")
            return nil
        }
        return VisibilityCondition(field: field, values: values)
    }
}
