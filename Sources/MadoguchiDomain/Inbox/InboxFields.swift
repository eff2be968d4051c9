/// What staff search and sort an application by, taken from its answers when it comes in (and
/// again after a 補正): the projection stored beside the record, never reconstructed by scanning
/// the JSON. The answers stay the record.
///
/// The applicant is the person the application is about, as the catalog's forms put them first:
/// the first top-level 氏名, フリガナ and 電話番号 fields, and the first top-level date field whose
/// id ends in `birth_date` (申請者, 請求者, 被保険者, 保護者 — whoever the form asks about first).
public struct InboxFields: Sendable, Hashable {
    /// 担当課 when the application came in (a municipality may later move the procedure).
    public var department: String
    /// The name as typed, for display ("山田 太郎").
    public var applicantName: String?
    /// `SearchKey.name` of the name; `SearchKey.kana` of the フリガナ.
    public var nameKey: String?
    public var kanaKey: String?
    /// ISO 8601 (YYYY-MM-DD).
    public var birthDate: String?
    /// Digits only.
    public var phone: String?
    /// The applicant's e-mail address, if the form has one: notifications go there.
    public var email: String?
    /// The day the 標準処理期間 ends: that many 開庁日 after the day of receipt (ISO 8601).
    public var dueDate: String

    public init(
        department: String, applicantName: String?, nameKey: String?, kanaKey: String?, birthDate: String?,
        phone: String?, dueDate: String, email: String? = nil
    ) {
        self.department = department
        self.applicantName = applicantName
        self.nameKey = nameKey
        self.kanaKey = kanaKey
        self.birthDate = birthDate
        self.phone = phone
        self.dueDate = dueDate
        self.email = email
    }

    /// The fields of `data`, an application of `procedure` (as the municipality offers it) received
    /// on `received`.
    public static func make(
        procedure: Procedure, data: FormData, received: CivilDate, openDays: OpenDays
    ) -> InboxFields {
        let fields = procedure.fields
        func first(_ type: FieldType) -> FormValue? {
            fields.first { $0.type == type && data[$0.id] != nil }.flatMap { data[$0.id] }
        }
        let name = first(.name).flatMap(Self.fullName)
        let kana = first(.kanaName).flatMap(Self.fullName)
        let birth = fields.first { $0.type == .date && $0.id.hasSuffix("birth_date") }.flatMap { data[$0.id]?.string }
        let phone = first(.phone)?.string.flatMap(SearchKey.phone)
        let due =
            procedure.standardProcessingDays > 0
            ? openDays.openDay(procedure.standardProcessingDays, after: received) : received
        return InboxFields(
            department: procedure.department, applicantName: name, nameKey: name.map(SearchKey.name),
            kanaKey: kana.map(SearchKey.kana), birthDate: birth, phone: phone, dueDate: due.iso,
            email: email(procedure: procedure, data: data))
    }

    /// "family given" from a name field's parts.
    static func fullName(_ value: FormValue) -> String? {
        guard let parts = value.object else { return value.string }
        let text = [parts["family"]?.string, parts["given"]?.string].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: " ")
        return text.isEmpty ? nil : text
    }

    /// The applicant's e-mail address, if the form has one (notifications go there).
    public static func email(procedure: Procedure, data: FormData) -> String? {
        procedure.fields.first { $0.type == .email && data[$0.id]?.string?.isEmpty == false }
            .flatMap { data[$0.id]?.string }
    }
}
