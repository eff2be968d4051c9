import Foundation

/// Makes a complete, valid input for any procedure from its field definitions: for demo data,
/// for the benchmark's request bodies, and for tests that every shipped form can be completed.
/// Attachment fields are filled with `attachmentToken` when given, else left empty.
public enum SampleInput {
    public static func make(for procedure: Procedure, today: CivilDate, attachmentToken: String? = nil) -> FormInput {
        var input = FormInput()
        for field in procedure.fields {
            fill(field, path: field.id, today: today, attachmentToken: attachmentToken, into: &input)
        }
        // Dates bound to another date, once every date is filled in.
        for field in procedure.fields {
            guard let relation = field.relativeTo, let other = input[relation.field].flatMap(CivilDate.init(iso:))
            else { continue }
            input[field.id] = date(field, today: today, relatedTo: other).iso
        }
        return input
    }

    static func fill(
        _ field: FieldDefinition, path: String, today: CivilDate, attachmentToken: String?, into input: inout FormInput
    ) {
        switch field.type {
        case .group:
            let count = max(field.min ?? 1, 1)
            for index in 0..<min(count, field.max ?? count) {
                for child in field.fields {
                    fill(
                        child, path: "\(path).\(index).\(child.id)", today: today, attachmentToken: attachmentToken,
                        into: &input)
                }
            }
        case .name:
            input["\(path).family"] = "山田"
            input["\(path).given"] = "花子"
        case .kanaName:
            input["\(path).family"] = "やまだ"
            input["\(path).given"] = "はなこ"
        case .bankAccount:
            input["\(path).bank_code"] = "0001"
            input["\(path).branch_code"] = "001"
            input["\(path).type"] = field.allowedAccountTypes[0].rawValue
            input["\(path).number"] = "1234567"
            input["\(path).holder"] = "ヤマダ ハナコ"
        case .checkbox:
            input.values[path] = Array(field.options.prefix(max(field.min ?? 1, 1)).map(\.value))
        case .attachment:
            if let attachmentToken { input[path] = attachmentToken }
        default:
            input[path] = value(field, today: today)
        }
    }

    static func value(_ field: FieldDefinition, today: CivilDate) -> String {
        switch field.type {
        case .text, .textarea: String("テスト入力".prefix(field.maxLength ?? 100))
        case .kana: "テスト"
        case .address: "東京都千代田区千代田1-1"
        case .postalCode: "100-0001"
        case .phone: "03-1234-5678"
        case .email: "hanako@example.jp"
        case .individualNumber: "123456789018"
        case .date: date(field, today: today).iso
        case .integer: String(min(max(field.min ?? 1, 1), field.max ?? Int.max))
        case .yen: String(min(max(field.min ?? 10_000, 0), field.max ?? Int.max))
        case .select, .radio: field.options.first?.value ?? ""
        case .boolean: "true"
        default: ""
        }
    }
}

extension SampleInput {
    /// The middle of the span a date allows — after the date it is bound to (`other`), else around
    /// today — and not before the first open day allowed.
    static func date(_ field: FieldDefinition, today: CivilDate, relatedTo other: CivilDate? = nil) -> CivilDate {
        let middle: CivilDate
        if let relation = field.relativeTo, let other {
            let low = relation.notBeforeDays ?? (relation.notAfterDays ?? 0) - 30
            let high = relation.notAfterDays ?? low + 30
            middle = other.adding(days: (low + high) / 2)
        } else {
            let low = field.notBeforeDays ?? (field.notAfterDays.map { $0 - 3650 } ?? -3650)
            let high = field.notAfterDays ?? (low + 3650)
            middle = today.adding(days: (low + high) / 2)
        }
        guard let days = field.notBeforeOpenDays else { return middle }
        return max(middle, OpenDays.standard.openDay(days, after: today))
    }

    /// `a=b&c=d`, as a browser posts the form.
    public static func urlEncoded(_ input: FormInput) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return input.values.sorted { $0.key < $1.key }.flatMap { key, values in
            values.map { "\(encode(key))=\(encode($0))" }
        }.joined(separator: "&")
    }

    /// The API body: `{"procedure_id": …, "data": {…}}` with paths nested back into objects and arrays.
    public static func json(procedureID: String, input: FormInput) -> String {
        var root: [String: Any] = [:]
        for (path, values) in input.values {
            root = insert(
                root, path.split(separator: ".").map(String.init)[...], values.count == 1 ? values[0] : values)
        }
        let body: [String: Any] = ["procedure_id": procedureID, "data": root]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    private static func insert(_ object: [String: Any], _ parts: ArraySlice<String>, _ value: Any) -> [String: Any] {
        var object = object
        let head = parts.first!
        let rest = parts.dropFirst()
        if rest.isEmpty {
            object[head] = value
        } else if let index = Int(rest.first!) {
            var list = object[head] as? [[String: Any]] ?? []
            while list.count <= index { list.append([:]) }
            list[index] = insert(list[index], rest.dropFirst(), value)
            object[head] = list
        } else {
            object[head] = insert(object[head] as? [String: Any] ?? [:], rest, value)
        }
        return object
    }
}
