/// 手続: one procedure a resident can apply for, at one revision of its form.
public struct Procedure: Sendable, Hashable, Identifiable {
    public var id: String
    /// The revision of the official form this definition follows (YYYY-MM-DD).
    public var version: String
    /// 名称
    public var name: LocalizedText
    public var category: ProcedureCategory
    /// 担当課 (default; a municipality may override it)
    public var department: String
    /// 根拠法令
    public var legalBasis: String
    /// 標準処理期間 (calendar days)
    public var standardProcessingDays: Int
    public var keywords: [String]
    public var summary: LocalizedText
    /// Who may apply.
    public var eligible: LocalizedText
    /// マイナンバーカードによる電子署名
    public var signature: SignatureRequirement
    /// 公金受取口座 may be chosen instead of an account.
    public var publicFundsAccountAllowed: Bool
    /// 添付書類
    public var attachments: [AttachmentRequirement]
    public var sources: [SourceCitation]
    /// How the procedure's applications arrive from マイナポータル (`PortalMapping`).
    public var portal = PortalMapping()
    public var steps: [FormStep] {
        didSet { indexFields() }
    }
    /// Every top-level field, in form order (kept in step with `steps`).
    public private(set) var fields: [FieldDefinition] = []
    /// The top-level fields by id (kept in step with `steps`).
    public private(set) var fieldsByID: [String: FieldDefinition] = [:]
    /// Where the definition came from (catalog file path), for lint messages.
    public var file: String

    public init(
        id: String, version: String, name: LocalizedText, category: ProcedureCategory, department: String,
        legalBasis: String, standardProcessingDays: Int, keywords: [String] = [], summary: LocalizedText,
        eligible: LocalizedText, signature: SignatureRequirement = .none, publicFundsAccountAllowed: Bool = false,
        attachments: [AttachmentRequirement] = [], sources: [SourceCitation] = [], steps: [FormStep],
        file: String = ""
    ) {
        self.id = id
        self.version = version
        self.name = name
        self.category = category
        self.department = department
        self.legalBasis = legalBasis
        self.standardProcessingDays = standardProcessingDays
        self.keywords = keywords
        self.summary = summary
        self.eligible = eligible
        self.signature = signature
        self.publicFundsAccountAllowed = publicFundsAccountAllowed
        self.attachments = attachments
        self.sources = sources
        self.steps = steps
        self.file = file
        indexFields()
    }

    private mutating func indexFields() {
        fields = steps.flatMap(\.fields)
        fieldsByID = FieldDefinition.index(fields)
    }

    public func step(_ id: String) -> FormStep? { steps.first { $0.id == id } }

    /// The top-level field with that id.
    public func field(_ id: String) -> FieldDefinition? { fieldsByID[id] }
}

public struct FormStep: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: LocalizedText
    public var fields: [FieldDefinition]

    public init(id: String, title: LocalizedText, fields: [FieldDefinition]) {
        self.id = id
        self.title = title
        self.fields = fields
    }
}

public enum ProcedureCategory: String, Sendable, Hashable, CaseIterable {
    case kosodate, kaigo, bousai, juminkiroku

    public var label: LocalizedText {
        switch self {
        case .kosodate: LocalizedText(ja: "子育て", en: "Child-rearing")
        case .kaigo: LocalizedText(ja: "介護", en: "Long-term care")
        case .bousai: LocalizedText(ja: "防災・罹災", en: "Disasters")
        case .juminkiroku: LocalizedText(ja: "住民記録・引越し", en: "Residence and moving")
        }
    }
}

public enum SignatureRequirement: String, Sendable, Hashable {
    case required, optional, none
}

public struct AttachmentRequirement: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    public var required: Bool
    public var note: LocalizedText?

    public init(id: String, name: LocalizedText, required: Bool, note: LocalizedText? = nil) {
        self.id = id
        self.name = name
        self.required = required
        self.note = note
    }
}

public struct SourceCitation: Sendable, Hashable {
    public var title: String
    public var publisher: String
    public var url: String
    public var published: String
    public var checked: String

    public init(title: String, publisher: String, url: String, published: String, checked: String) {
        self.title = title
        self.publisher = publisher
        self.url = url
        self.published = published
        self.checked = checked
    }
}
