/// Any JSON value, for reading API request bodies whose shape follows the procedure's fields
/// (`JSONReader` makes them).
public indirect enum JSONValue: Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])
}

extension FormInput {
    /// Flattens an API body's `data` object into the same input paths a web form uses:
    /// objects become `a.b`, lists of objects (groups) `a.0.b`, lists of texts repeated values.
    public init(json object: [String: JSONValue]) {
        var values: [String: [String]] = [:]
        func add(_ path: String, _ value: JSONValue) {
            switch value {
            case .string(let text): values[path, default: []].append(text)
            case .bool(let flag): values[path, default: []].append(flag ? "true" : "false")
            case .number(let number):
                values[path, default: []].append(
                    number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number))
            case .null: break
            case .object(let members):
                for (key, member) in members { add("\(path).\(key)", member) }
            case .array(let items):
                for (index, item) in items.enumerated() {
                    if case .object = item { add("\(path).\(index)", item) } else { add(path, item) }
                }
            }
        }
        for (key, value) in object { add(key, value) }
        self.init(values)
    }
}
