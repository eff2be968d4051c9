import Foundation

/// A small, strict JSON reader (RFC 8259) for request bodies. It exists because the generic
/// Codable path costs more than the whole rest of a submission; it builds `JSONValue`s directly from
/// the UTF-8 bytes, limits nesting, and reports failure without throwing per value.
public enum JSONReader {
    public struct Failure: Error, Sendable, Equatable {
        public var offset: Int
    }

    public static let maxDepth = 32

    /// The bytes as a string if they are UTF-8, else nil: a body that is not is invalid (RFC 8259
    /// §8.1), not repaired. Decoding replaces what is not UTF-8 with U+FFFD, so a decoded string
    /// whose bytes differ from the input's was not; this costs about what decoding does, where
    /// `String(validating:)` costs three times as much.
    static func utf8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var text = String(decoding: bytes, as: UTF8.self)
        let same = text.withUTF8 { decoded in
            decoded.count == bytes.count
                && (bytes.isEmpty || memcmp(decoded.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
        return same ? text : nil
    }

    /// Reads one JSON value. An object naming a member twice is refused (RFC 7493): which of the
    /// two was meant cannot be known.
    public static func parse(_ bytes: some Collection<UInt8>) throws(Failure) -> JSONValue {
        try read(bytes) { reader throws(Failure) in try reader.value(depth: 0) }
    }

    /// Reads a JSON object whose member `formMember` holds form data: that member straight into
    /// `FormInput`'s tree, without building a `JSONValue` for it, every other member as a `JSONValue`. The form
    /// is nil when the member is absent; anything but an object there is refused.
    ///
    /// Paths are those a web form uses: objects become `a.b`, arrays of objects (repeating groups)
    /// `a.0.b`, arrays of anything else repeated values of one path; true and false are "true" and
    /// "false", an integer as written, any other whole number without a fraction ("1e3" is "1000"),
    /// null is no value.
    public static func parse(
        _ bytes: some Collection<UInt8>, formMember: String
    ) throws(Failure) -> (members: [String: JSONValue], form: FormInput?) {
        try read(bytes) { reader throws(Failure) in
            guard reader.index < reader.bytes.count, reader.bytes[reader.index] == UInt8(ascii: "{") else {
                throw reader.failure
            }
            var members: [String: JSONValue] = [:]
            var form: FormInput?
            try reader.members { reader, key throws(Failure) in
                if key == formMember {
                    guard form == nil, reader.index < reader.bytes.count,
                        reader.bytes[reader.index] == UInt8(ascii: "{")
                    else { throw reader.failure }
                    var root = FormInput.Node()
                    try reader.read(into: &root, isForm: true, depth: 1)
                    form = FormInput(root: root)
                } else {
                    let value = try reader.value(depth: 1)
                    guard members.updateValue(value, forKey: key) == nil else { throw reader.failure }
                }
            }
            return (members, form)
        }
    }

    private static func read<Value>(
        _ bytes: some Collection<UInt8>, _ body: (inout Reader) throws(Failure) -> Value
    ) throws(Failure) -> Value {
        let buffer = Array(bytes)
        return try buffer.withUnsafeBufferPointer { pointer throws(Failure) -> Value in
            var reader = Reader(bytes: pointer)
            reader.skipSpace()
            let value = try body(&reader)
            reader.skipSpace()
            guard reader.index == pointer.count else { throw Failure(offset: reader.index) }
            return value
        }
    }

    /// How a JSON number reads as form input: whole numbers without a fraction ("3", not "3.0").
    static func formText(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var failure: Failure { Failure(offset: index) }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func expect(_ literal: StaticString) throws(Failure) {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw failure }
            for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { throw failure }
            index += count
        }

        mutating func value(depth: Int) throws(Failure) -> JSONValue {
            guard depth < JSONReader.maxDepth, index < bytes.count else { throw failure }
            switch bytes[index] {
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "t"):
                try expect("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try expect("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try expect("null")
                return .null
            default: return .number(try number().value)
            }
        }

        mutating func object(depth: Int) throws(Failure) -> JSONValue {
            var members: [String: JSONValue] = [:]
            try self.members { reader, key throws(Failure) in
                let value = try reader.value(depth: depth + 1)
                guard members.updateValue(value, forKey: key) == nil else { throw reader.failure }
            }
            return .object(members)
        }

        /// Reads the members of the object at `index`, handing each name to `member` with the reader
        /// at its value, which `member` must consume.
        mutating func members(_ member: (inout Reader, String) throws(Failure) -> Void) throws(Failure) {
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return
            }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure }
                let key = try string()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure }
                index += 1
                skipSpace()
                try member(&self, key)
                skipSpace()
                guard index < bytes.count else { throw failure }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                } else if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return
                } else {
                    throw failure
                }
            }
        }

        /// Reads the value at `index` into `node`, the form input node of its path (`isForm`: the
        /// form object itself, which must be an object).
        mutating func read(into node: inout FormInput.Node, isForm: Bool, depth: Int) throws(Failure) {
            guard depth < JSONReader.maxDepth, index < bytes.count else { throw failure }
            func add(_ text: String) throws(Failure) {
                guard !isForm else { throw failure }
                node.append(text)
            }
            switch bytes[index] {
            case UInt8(ascii: "\""): try add(try string())
            case UInt8(ascii: "t"):
                try expect("true")
                try add("true")
            case UInt8(ascii: "f"):
                try expect("false")
                try add("false")
            case UInt8(ascii: "n"):
                try expect("null")
                guard !isForm else { throw failure }
            case UInt8(ascii: "{"):
                if isForm { node.children.reserveCapacity(64) }
                var nulls = false
                try members { reader, key throws(Failure) in
                    var child = FormInput.Node()
                    try reader.read(into: &child, isForm: false, depth: depth + 1)
                    guard node.children.updateValue(child, forKey: key) == nil else { throw reader.failure }
                    nulls = nulls || child.isEmpty
                }
                // A member that is null (or an empty list) holds no value: kept until the object is
                // read, so that it still counts as named twice, then dropped.
                if nulls { node.children = node.children.filter { !$0.value.isEmpty } }
            case UInt8(ascii: "["):
                guard !isForm else { throw failure }
                var position = 0
                try elements { reader throws(Failure) in
                    if reader.index < reader.bytes.count && reader.bytes[reader.index] == UInt8(ascii: "{") {
                        // An item of a repeating group: its members go under the item's index.
                        let segment = String(position)
                        var item = node.children.removeValue(forKey: segment) ?? FormInput.Node()
                        try reader.read(into: &item, isForm: false, depth: depth + 1)
                        node.children[segment] = item
                    } else {
                        try reader.read(into: &node, isForm: false, depth: depth + 1)
                    }
                    position += 1
                }
            default:
                // An integer is taken as written, however long: a Double would round it.
                let (value, literal) = try number()
                try add(literal ?? JSONReader.formText(value))
            }
        }

        mutating func array(depth: Int) throws(Failure) -> JSONValue {
            var items: [JSONValue] = []
            try elements { reader throws(Failure) in items.append(try reader.value(depth: depth + 1)) }
            return .array(items)
        }

        /// Reads the elements of the array at `index`, calling `element` with the reader at each,
        /// which `element` must consume.
        mutating func elements(_ element: (inout Reader) throws(Failure) -> Void) throws(Failure) {
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return
            }
            while true {
                skipSpace()
                try element(&self)
                skipSpace()
                guard index < bytes.count else { throw failure }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                } else if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return
                } else {
                    throw failure
                }
            }
        }

        mutating func string() throws(Failure) -> String {
            index += 1
            let start = index
            // Fast path: no escapes — the bytes are the string.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    guard let text = JSONReader.utf8(UnsafeBufferPointer(rebasing: bytes[start..<index])) else {
                        throw failure
                    }
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                guard byte >= 0x20 else { throw failure }
                index += 1
            }
            var scalars = String.UnicodeScalarView()
            guard let head = JSONReader.utf8(UnsafeBufferPointer(rebasing: bytes[start..<index])) else { throw failure }
            scalars.append(contentsOf: head.unicodeScalars)
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(scalars)
                }
                guard byte >= 0x20 else { throw failure }
                if byte != UInt8(ascii: "\\") {
                    // copy one UTF-8 sequence
                    let runStart = index
                    index += 1
                    while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
                    guard let run = JSONReader.utf8(UnsafeBufferPointer(rebasing: bytes[runStart..<index])) else {
                        throw failure
                    }
                    scalars.append(contentsOf: run.unicodeScalars)
                    continue
                }
                index += 1
                guard index < bytes.count else { throw failure }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                            bytes[index + 1] == UInt8(ascii: "u")
                        else { throw failure }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw failure }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw failure }
                    scalars.append(scalar)
                default: throw failure
                }
            }
            throw failure
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard index + 4 <= bytes.count else { throw failure }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw failure
                }
                value = value * 16 + digit
                index += 1
            }
            return value
        }

        /// A number (RFC 8259 §6: no leading zeros, no "+", digits on both sides of the point), and
        /// its text when it is an integer (no fraction, no exponent).
        mutating func number() throws(Failure) -> (value: Double, integer: String?) {
            let start = index
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            let firstDigit = index
            var digits = 0
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                index += 1
                digits += 1
            }
            guard digits > 0, digits == 1 || bytes[firstDigit] != UInt8(ascii: "0") else { throw failure }
            var integer = true
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                integer = false
                index += 1
                var fraction = 0
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                    index += 1
                    fraction += 1
                }
                guard fraction > 0 else { throw failure }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                integer = false
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    index += 1
                }
                var exponent = 0
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                    index += 1
                    exponent += 1
                }
                guard exponent > 0 else { throw failure }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let value = Double(text) else { throw failure }
            return (value, integer ? text : nil)
        }
    }
}
