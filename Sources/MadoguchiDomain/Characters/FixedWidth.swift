/// Fields of fixed-length CP932 records (方式4 files: a header, data records and a trailer, each field
/// a fixed number of bytes). A field's width is counted in CP932 bytes, a two-byte character counting
/// two, and a character is never cut in half: text that does not fit is refused, or cut before the
/// first character that does not fit, and the rest of the field padded.
public enum FixedWidth {
    public enum Alignment: Sendable, Hashable {
        /// Text first, padding after: names, addresses.
        case left
        /// Padding first: amounts and counts.
        case right
    }

    public enum Padding: Sendable, Hashable {
        /// A space, 0x20.
        case space
        /// 全角スペース 　 U+3000, 0x8140: two bytes, so it fills only an even number of them.
        case fullWidthSpace
        /// 0 (0x30), for numbers.
        case zero

        var bytes: [UInt8] {
            switch self {
            case .space: [0x20]
            case .fullWidthSpace: [0x81, 0x40]
            case .zero: [0x30]
            }
        }
    }

    public enum Overflow: Sendable, Hashable {
        /// Text longer than the field is an error.
        case fail
        /// Text longer than the field keeps its leading characters that fit whole.
        case truncate
    }

    /// `text` in CP932, aligned and padded to exactly `width` bytes.
    public static func field(
        _ text: String, width: Int, alignment: Alignment = .left, padding: Padding = .space,
        overflow: Overflow = .fail
    ) throws(Failure) -> [UInt8] {
        precondition(width >= 0, "a field's width is never negative")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(width)
        var byteCount = 0
        var unencodable: [CP932.EncodingFailure.Character] = []
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            guard let code = CP932.code(of: scalar) else {
                unencodable.append(.init(scalarOffset: offset, scalar: scalar))
                continue
            }
            let size = code < 0x100 ? 1 : 2
            if byteCount == bytes.count, byteCount + size <= width { CP932.append(code, to: &bytes) }
            byteCount += size
        }
        guard unencodable.isEmpty else { throw .unencodable(CP932.EncodingFailure(characters: unencodable)) }
        if byteCount > width, overflow == .fail { throw .tooLong(byteCount: byteCount, width: width) }

        let gap = width - bytes.count
        let pad = padding.bytes
        guard gap % pad.count == 0 else { throw .cannotPad(byteCount: bytes.count, width: width) }
        let fill = Array([[UInt8]](repeating: pad, count: gap / pad.count).joined())
        return alignment == .left ? bytes + fill : fill + bytes
    }

    public enum Failure: Error, Sendable, Hashable {
        /// Characters CP932 cannot write (substitute them first: `CharacterSubstitution`).
        case unencodable(CP932.EncodingFailure)
        /// The text takes `byteCount` bytes, more than the field's `width`.
        case tooLong(byteCount: Int, width: Int)
        /// Full-width spaces cannot fill an odd number of bytes.
        case cannotPad(byteCount: Int, width: Int)

        public var message: LocalizedText {
            switch self {
            case .unencodable(let failure):
                failure.message
            case .tooLong(let byteCount, let width):
                LocalizedText(
                    ja: "\(width)バイトの欄に\(byteCount)バイトの値は入りません。",
                    en: "A value of \(byteCount) bytes does not fit a field of \(width) bytes.")
            case .cannotPad(let byteCount, let width):
                LocalizedText(
                    ja: "\(width)バイトの欄の残り\(width - byteCount)バイトは全角スペースで埋められません。",
                    en:
                        "The \(width - byteCount) bytes left in a field of \(width) cannot be filled with full-width spaces."
                )
            }
        }
    }
}
