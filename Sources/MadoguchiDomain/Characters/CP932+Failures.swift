extension CP932 {
    /// The characters of a text that CP932 cannot write, each with its place.
    public struct EncodingFailure: Error, Sendable, Hashable {
        public struct Character: Sendable, Hashable {
            /// Where the character stands: its index among the text's Unicode scalars.
            public var scalarOffset: Int
            public var scalar: Unicode.Scalar
        }

        public var characters: [Character]

        public var message: LocalizedText {
            let list = characters.map { "\(String($0.scalar)) (\($0.scalar.codePoint))" }.joined(separator: ", ")
            return LocalizedText(
                ja: "Shift_JIS（CP932）で表せない文字があります: \(list)",
                en: "Some characters cannot be written in Shift_JIS (CP932): \(list)")
        }
    }

    /// Where a byte sequence stops being CP932.
    public struct DecodingFailure: Error, Sendable, Hashable {
        public enum Reason: Sendable, Hashable {
            /// The last byte leads a two-byte sequence that never comes.
            case truncated
            /// The two bytes are no character: an unassigned code, or a lead byte before a byte that
            /// cannot follow one.
            case undefined
        }

        /// The offset of the sequence's first byte.
        public var offset: Int
        public var bytes: [UInt8]
        public var reason: Reason

        public var message: LocalizedText {
            let shown = bytes.map { "0x" + hex($0, digits: 2) }.joined(separator: " ")
            return switch reason {
            case .truncated:
                LocalizedText(
                    ja: "Shift_JIS（CP932）のデータが途中で終わっています（オフセット \(offset) の \(shown)）。",
                    en: "The Shift_JIS (CP932) data ends in the middle of a character (\(shown) at offset \(offset)).")
            case .undefined:
                LocalizedText(
                    ja: "Shift_JIS（CP932）の文字ではないバイト列があります（オフセット \(offset) の \(shown)）。",
                    en: "The bytes \(shown) at offset \(offset) are not a Shift_JIS (CP932) character.")
            }
        }
    }
}

extension Unicode.Scalar {
    /// The code point as Unicode writes it: U+9AD9, U+20BB7.
    var codePoint: String { "U+" + hex(value, digits: 4) }
}

/// Upper-case hex, zero-padded to `digits`.
private func hex(_ value: some BinaryInteger, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
}
