import Foundation

/// How validated form data is stored: compact JSON with sorted keys — the same text JSONEncoder
/// (`.sortedKeys`, `.withoutEscapingSlashes`) gives, written byte by byte because this runs for
/// every submission.
public enum FormDataCoding {
    public static func encode(_ data: FormData) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        writeObject(data, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: String) throws -> FormData {
        try JSONDecoder().decode(FormData.self, from: Data(text.utf8))
    }

    private static func write(_ value: FormValue, into out: inout [UInt8]) {
        switch value {
        case .string(let text): writeJSONString(text, into: &out)
        case .integer(let number): out.append(contentsOf: String(number).utf8)
        case .bool(let flag): out.append(contentsOf: flag ? "true".utf8 : "false".utf8)
        case .list(let items): writeArray(items, into: &out) { writeJSONString($0, into: &$1) }
        case .object(let members): writeObject(members, into: &out)
        case .items(let items): writeArray(items, into: &out) { writeObject($0, into: &$1) }
        }
    }

    private static func writeArray<Element>(
        _ items: [Element], into out: inout [UInt8], _ element: (Element, inout [UInt8]) -> Void
    ) {
        out.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            element(item, &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func writeObject(_ members: [String: FormValue], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        // Field names are ASCII, whose String order is their byte order, the order JSONEncoder sorts in.
        var sorted = Array(members)
        sorted.sort { $0.key < $1.key }
        for (index, (key, value)) in sorted.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            writeJSONString(key, into: &out)
            out.append(UInt8(ascii: ":"))
            write(value, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// `text` as a JSON string literal, escaped as JSONEncoder escapes it.
    public static func writeJSONString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                out.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
                case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
                case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
                case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
                case 0..<0x20:
                    out.append(contentsOf: #"\u00"#.utf8)
                    out.append(SHA256Hex.digits[Int(byte >> 4)])
                    out.append(SHA256Hex.digits[Int(byte & 0xF)])
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension FormDataCoding {
    /// Stored form data read with `JSONReader` instead of `JSONDecoder`: the same `FormData` as
    /// `decode` gives (a boolean, a whole number, a string, a list of strings, an object, a list
    /// of objects; an empty list is a list of strings), at a fraction of the cost, for readers of
    /// many applications at once (the hand-off exports). Nil when the text is not form data.
    public static func read(_ text: String) -> FormData? {
        guard case .object(let members)? = try? JSONReader.parse(text.utf8) else { return nil }
        var data: FormData = [:]
        data.reserveCapacity(members.count)
        for (key, member) in members {
            guard let value = formValue(member) else { return nil }
            data[key] = value
        }
        return data
    }

    static func formValue(_ json: JSONValue) -> FormValue? {
        switch json {
        case .bool(let flag): return .bool(flag)
        case .number(let number):
            guard number.rounded() == number, let whole = Int(exactly: number) else { return nil }
            return .integer(whole)
        case .string(let text): return .string(text)
        case .null: return nil
        case .object(let members):
            var object: [String: FormValue] = [:]
            for (key, member) in members {
                guard let value = formValue(member) else { return nil }
                object[key] = value
            }
            return .object(object)
        case .array(let elements):
            var strings: [String] = []
            for element in elements {
                guard case .string(let text) = element else { break }
                strings.append(text)
            }
            if strings.count == elements.count { return .list(strings) }
            var items: [[String: FormValue]] = []
            for element in elements {
                guard case .object = element, case .object(let item)? = formValue(element) else { return nil }
                items.append(item)
            }
            return .items(items)
        }
    }
}
