import Foundation
import MadoguchiDomain

/// How validated form data is stored: JSON with sorted keys.
enum FormDataCoding {
    /// Compact JSON with sorted keys — the same text JSONEncoder(.sortedKeys) gives, written
    /// directly because this runs for every submission.
    static func encode(_ data: FormData) throws -> String {
        var out = ""
        out.reserveCapacity(4096)
        write(.object(data), into: &out)
        return out
    }

    private static func write(_ value: FormValue, into out: inout String) {
        switch value {
        case .string(let text): writeJSONString(text, into: &out)
        case .integer(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .list(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                writeJSONString(item, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            // Byte order, which for the ASCII field names is the order JSONEncoder sorts them in.
            for (index, key) in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if index > 0 { out += "," }
                writeJSONString(key, into: &out)
                out += ":"
                write(members[key]!, into: &out)
            }
            out += "}"
        case .items(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                write(.object(item), into: &out)
            }
            out += "]"
        }
    }

    /// `text` as a JSON string literal, escaped as JSONEncoder escapes it.
    static func writeJSONString(_ text: String, into out: inout String) {
        out += "\""
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    static func decode(_ text: String) throws -> FormData {
        try JSONDecoder().decode(FormData.self, from: Data(text.utf8))
    }
}
