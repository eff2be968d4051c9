/// One field of a procedure's form, as the catalog YAML declares it.
///
/// A class with constant properties: a definition is read for every field of every submission,
/// and passing a reference costs one retain where copying the struct it was cost a dozen and a
/// 250-byte copy (~6 % of validation).
public final class FieldDefinition: Sendable, Hashable {
    public let id: String
    public let type: FieldType
    public let label: LocalizedText
    public let help: LocalizedText?
    public let required: Bool
    public let visibleWhen: VisibilityCondition?
    /// text, textarea, kana, address
    public let maxLength: Int?
    /// integer and yen: value bounds; checkbox: number of choices; group: number of items.
    public let min: Int?
    public let max: Int?
    /// integer: the unit shown after the box (人, 月, 枚).
    public let unit: String?
    /// select, radio, checkbox
    public let options: [FieldOption]
    /// bank_account: the 預金種別 allowed (児童手当 excludes 貯蓄).
    public let accountTypes: [BankAccount.AccountType]
    /// date: bounds relative to today, in days (not_after_days: 0 = not in the future).
    public let notBeforeDays: Int?
    public let notAfterDays: Int?
    /// date: not before the `n`th 開庁日 after today (1 = 翌開庁日以降).
    public let notBeforeOpenDays: Int?
    /// date: bounds relative to another date field of the form.
    public let relativeTo: DateRelation?
    /// attachment: accepted kinds (pdf, jpeg, png) and size limit.
    public let accept: [String]
    public let maxMB: Int?
    /// group: the fields of one item.
    public let fields: [FieldDefinition]
    /// group: the fields of one item by id (the first, should the catalog repeat one).
    public let fieldsByID: [String: FieldDefinition]
    /// The YAML line the field was declared on (for lint messages).
    public let line: Int

    public init(
        id: String, type: FieldType, label: LocalizedText, help: LocalizedText? = nil, required: Bool = false,
        visibleWhen: VisibilityCondition? = nil, maxLength: Int? = nil, min: Int? = nil, max: Int? = nil,
        unit: String? = nil, options: [FieldOption] = [], accountTypes: [BankAccount.AccountType] = [],
        notBeforeDays: Int? = nil, notAfterDays: Int? = nil, notBeforeOpenDays: Int? = nil,
        relativeTo: DateRelation? = nil, accept: [String] = [], maxMB: Int? = nil, fields: [FieldDefinition] = [],
        line: Int = 0
    ) {
        self.id = id
        self.type = type
        self.label = label
        self.help = help
        self.required = required
        self.visibleWhen = visibleWhen
        self.maxLength = maxLength
        self.min = min
        self.max = max
        self.unit = unit
        self.options = options
        self.accountTypes = accountTypes
        self.notBeforeDays = notBeforeDays
        self.notAfterDays = notAfterDays
        self.notBeforeOpenDays = notBeforeOpenDays
        self.relativeTo = relativeTo
        self.accept = accept
        self.maxMB = maxMB
        self.fields = fields
        self.fieldsByID = Self.index(fields)
        self.line = line
    }

    /// Fields by id, the first kept where an id repeats (which the linter reports).
    static func index(_ fields: [FieldDefinition]) -> [String: FieldDefinition] {
        Dictionary(fields.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public static func == (lhs: FieldDefinition, rhs: FieldDefinition) -> Bool {
        lhs === rhs
            || (lhs.id == rhs.id && lhs.type == rhs.type && lhs.label == rhs.label && lhs.help == rhs.help
                && lhs.required == rhs.required && lhs.visibleWhen == rhs.visibleWhen
                && lhs.maxLength == rhs.maxLength && lhs.min == rhs.min && lhs.max == rhs.max && lhs.unit == rhs.unit
                && lhs.options == rhs.options && lhs.accountTypes == rhs.accountTypes
                && lhs.notBeforeDays == rhs.notBeforeDays && lhs.notAfterDays == rhs.notAfterDays
                && lhs.notBeforeOpenDays == rhs.notBeforeOpenDays && lhs.relativeTo == rhs.relativeTo
                && lhs.accept == rhs.accept && lhs.maxMB == rhs.maxMB && lhs.fields == rhs.fields
                && lhs.line == rhs.line)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(type)
        hasher.combine(line)
    }

    public func option(_ value: String) -> FieldOption? { options.first { $0.value == value } }

    /// The 預金種別 offered: those declared, else 普通 and 当座.
    public var allowedAccountTypes: [BankAccount.AccountType] {
        accountTypes.isEmpty ? [.futsu, .touza] : accountTypes
    }

    public var acceptedKinds: [String] { accept.isEmpty ? ["pdf", "jpeg", "png"] : accept }

    /// group: the fewest items an application may have (`min`, else 1 when required, else 0).
    public var minimumItems: Int { min ?? (required ? 1 : 0) }
    public var maxAttachmentMB: Int { maxMB ?? 10 }
}

public enum FieldType: String, Sendable, Hashable, CaseIterable {
    case text, textarea, name
    case kanaName = "kana_name"
    case kana, date
    case postalCode = "postal_code"
    case address, phone, email
    case individualNumber = "individual_number"
    case integer, yen, select, radio, checkbox, boolean
    case bankAccount = "bank_account"
    case attachment, group

    /// The sub-inputs of composite types (姓/名, 口座 parts); empty for single-input types.
    public var parts: [String] {
        switch self {
        case .name, .kanaName: ["family", "given"]
        case .bankAccount: ["bank_code", "branch_code", "type", "number", "holder"]
        default: []
        }
    }

    public var hasOptions: Bool { self == .select || self == .radio || self == .checkbox }
}

public struct FieldOption: Sendable, Hashable {
    public var value: String
    public var label: LocalizedText

    public init(value: String, label: LocalizedText) {
        self.value = value
        self.label = label
    }
}

/// Bounds on a date relative to another date field (転出届: the 来庁予定日 within 14 days after the
/// 転出予定日), in days; the other field is a top-level date of the same form.
public struct DateRelation: Sendable, Hashable {
    public var field: String
    public var notBeforeDays: Int?
    public var notAfterDays: Int?

    public init(field: String, notBeforeDays: Int?, notAfterDays: Int?) {
        self.field = field
        self.notBeforeDays = notBeforeDays
        self.notAfterDays = notAfterDays
    }
}

/// Shows a field only when another field has a given value.
public struct VisibilityCondition: Sendable, Hashable {
    public var field: String
    /// The values that make the field visible ("true"/"false" for boolean fields).
    public var values: [String]

    public init(field: String, values: [String]) {
        self.field = field
        self.values = values
    }
}
