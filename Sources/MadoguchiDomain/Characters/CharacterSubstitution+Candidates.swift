extension CharacterSubstitution {
    /// Read from the generated table once, on first use: one string literal costs the compiler
    /// nothing, where a dictionary literal of 20,000 entries would be type-checked entry by entry.
    static let table = Table(candidateTable)

    struct Table: Sendable {
        /// Code point → category → candidates, for code points CP932 cannot write.
        var codePoints: [UInt32: [MJShrinkCategory: [Unicode.Scalar]]] = [:]
        /// `key(base, selector)` → category → candidates (possibly none), for the variation sequences
        /// whose MJ glyph answers otherwise than their base.
        var sequences: [UInt64: [MJShrinkCategory: [Unicode.Scalar]]] = [:]

        static func key(_ base: Unicode.Scalar, _ selector: Unicode.Scalar) -> UInt64 {
            UInt64(base.value) << 32 | UInt64(selector.value)
        }

        init(_ text: String) {
            codePoints.reserveCapacity(20_000)
            for line in text.unicodeScalars.split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard let source = fields.first, !source.isEmpty else { continue }
                var candidates: [MJShrinkCategory: [Unicode.Scalar]] = [:]
                for field in fields.dropFirst() {
                    let numbers = field.prefix { ("1"..."5").contains($0) }
                    let targets = Array(field.dropFirst(numbers.count))
                    for number in numbers {
                        candidates[MJShrinkCategory(rawValue: Int(number.value) - 0x30)!] = targets
                    }
                }
                if source.count == 1 {
                    codePoints[source.first!.value] = candidates
                } else {
                    sequences[Self.key(source.first!, source.last!)] = candidates
                }
            }
        }
    }
}
