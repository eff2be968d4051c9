/// One person as the 住民記録 (resident register) extract gives them.
///
/// 氏名, フリガナ and 住所 are kept exactly as the core system wrote them: 外字, 異体字 and
/// variation sequences (IVS) included, never NFKC-normalised (that would fold 神 U+FA19 into 神 U+795E). Only
/// white space around a value is dropped, as CSV exports pad fixed-width columns; nothing inside
/// a value is changed. A certificate's name carries JIS level 1/2 substitutes, so no one is ever
/// matched by name.
public struct ResidentRecord: Sendable, Hashable, Codable {
    public var atenaNumber: AtenaNumber
    /// 氏名, never empty.
    public var name: String
    /// フリガナ, as given (may be empty: some registers hold none for some persons).
    public var furigana: String
    /// 生年月日
    public var birthDate: CivilDate
    /// 性別
    public var sex: Sex
    /// 住所, as given (may be empty for a person with no address in the register).
    public var address: String
    /// 世帯番号: 1–15 ASCII digits, or nil when the file gives none.
    public var householdNumber: String?

    public init(
        atenaNumber: AtenaNumber, name: String, furigana: String, birthDate: CivilDate, sex: Sex, address: String,
        householdNumber: String?
    ) {
        self.atenaNumber = atenaNumber
        self.name = name
        self.furigana = furigana
        self.birthDate = birthDate
        self.sex = sex
        self.address = address
        self.householdNumber = householdNumber
    }

    /// The fields in which `other` differs from this record. Text is compared scalar by scalar:
    /// Swift's `==` holds canonically equivalent strings equal, and the compatibility ideograph
    /// 神 (U+FA19) is canonically equivalent to 神 (U+795E), yet a register that changes one into the other has changed a name.
    public func differences(to other: ResidentRecord) -> [ResidentField] {
        ResidentField.allCases.filter { field in
            switch field {
            case .name: !Self.same(name, other.name)
            case .furigana: !Self.same(furigana, other.furigana)
            case .birthDate: birthDate != other.birthDate
            case .sex: sex != other.sex
            case .address: !Self.same(address, other.address)
            case .householdNumber: householdNumber != other.householdNumber
            }
        }
    }

    /// Equal when every field is, text scalar by scalar (see `differences(to:)`).
    public static func == (lhs: ResidentRecord, rhs: ResidentRecord) -> Bool {
        lhs.atenaNumber == rhs.atenaNumber && lhs.differences(to: rhs).isEmpty
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(atenaNumber)
        for text in [name, furigana, address] { hasher.combine(Array(text.utf8)) }
        hasher.combine(birthDate)
        hasher.combine(sex)
        hasher.combine(householdNumber)
    }

    private static func same(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.elementsEqual(rhs.utf8)
    }
}

/// A field of a `ResidentRecord` that an update may change.
public enum ResidentField: String, Sendable, Hashable, CaseIterable, Codable {
    case name
    case furigana
    case birthDate
    case sex
    case address
    case householdNumber

    /// Whether the field is one of the 基本4情報 (氏名, 生年月日, 性別, 住所): a change to one
    /// revokes the resident's 署名用電子証明書, so a new serial number is to be expected.
    public var isBasicFourInformation: Bool {
        switch self {
        case .name, .birthDate, .sex, .address: true
        case .furigana, .householdNumber: false
        }
    }
}
