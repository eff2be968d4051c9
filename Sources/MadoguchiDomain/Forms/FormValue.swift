/// A validated, normalised value, stored as plain JSON with the application.
///
/// Shapes: text-like fields → string; integer/yen → integer; boolean → bool; checkbox → list of
/// strings; 氏名 and 口座 → object of parts; attachment → object; repeating group → list of objects.
public enum FormValue: Sendable, Hashable, Codable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case list([String])
    case object([String: FormValue])
    case items([[String: FormValue]])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([String].self) {
            self = .list(value)
        } else if let value = try? container.decode([String: FormValue].self) {
            self = .object(value)
        } else {
            self = .items(try container.decode([[String: FormValue]].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .list(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .items(let value): try container.encode(value)
        }
    }

    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var object: [String: FormValue]? {
        if case .object(let value) = self { return value }
        return nil
    }
}

/// The validated content of an application: top-level field id → value. Hidden and blank optional
/// fields are absent.
public typealias FormData = [String: FormValue]

extension FormValue {
    /// Turns stored values back into form input (to re-open a draft or edit), the inverse of validation
    /// for the shapes above.
    public static func input(from data: FormData, prefix: String = "") -> FormInput {
        var input = FormInput()
        func add(_ path: String, _ value: FormValue) {
            switch value {
            case .string(let text): input.values[path] = [text]
            case .integer(let number): input.values[path] = [String(number)]
            case .bool(let flag): input.values[path] = [flag ? "true" : "false"]
            case .list(let list): input.values[path] = list
            case .object(let parts):
                for (key, part) in parts { add("\(path).\(key)", part) }
            case .items(let items):
                for (index, item) in items.enumerated() {
                    for (key, part) in item { add("\(path).\(index).\(key)", part) }
                }
            }
        }
        for (key, value) in data { add(prefix.isEmpty ? key : "\(prefix).\(key)", value) }
        return input
    }
}
