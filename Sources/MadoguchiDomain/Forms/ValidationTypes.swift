/// What validation needs from outside: today's date and a way to resolve attachment references.
public struct ValidationContext: Sendable {
    public var today: CivilDate
    /// The municipality's 開庁日 (a date "from the next open day" counts them).
    public var openDays: OpenDays
    /// Resolves the token an attachment input carries to the stored file, or nil if it is unknown.
    public var resolveAttachment: @Sendable (String) -> AttachmentReference?

    public init(
        today: CivilDate, openDays: OpenDays = .standard,
        resolveAttachment: @escaping @Sendable (String) -> AttachmentReference? = { _ in nil }
    ) {
        self.today = today
        self.openDays = openDays
        self.resolveAttachment = resolveAttachment
    }
}

/// One rejected box: where it is (its input path), what it is called, and why.
public struct FieldIssue: Sendable, Hashable {
    public var path: String
    public var label: LocalizedText
    public var error: FieldError

    public init(path: String, label: LocalizedText, error: FieldError) {
        self.path = path
        self.label = label
        self.error = error
    }
}

public struct ValidationOutcome: Sendable {
    public var data: FormData
    /// In form order, so the error summary reads top to bottom.
    public var issues: [FieldIssue]
    public var isValid: Bool { issues.isEmpty }
}

/// How a box is named in the error summary, built only when a box is rejected:
/// 「児童（2）生年月日」, 「請求者氏名（姓）」.
struct LabelPath {
    /// The repeating group and the item's number (from 1), inside a group item.
    var group: (field: FieldDefinition, number: Int)?
    var field: FieldDefinition

    init(group: (field: FieldDefinition, number: Int)? = nil, field: FieldDefinition) {
        self.group = group
        self.field = field
    }

    func resolved(part: String? = nil, kana: Bool = false) -> LocalizedText {
        var ja = field.label.ja
        var en = field.label.en
        if let group {
            ja = "\(group.field.label.ja)（\(group.number)）\(ja)"
            en = "\(group.field.label.en) \(group.number): \(en)"
        }
        if let part {
            let partLabel = kana ? FieldPart.kanaLabel(part) : FieldPart.label(part)
            ja += "（\(partLabel.ja)）"
            en += " (\(partLabel.en))"
        }
        return LocalizedText(ja: ja, en: en)
    }
}
