/// 異体字 fold for search keys: each character to the representative of its class, so that 髙橋 and
/// 高橋, or 﨑, 嵜 and 崎, give the same key. The classes come from IPA's MJ縮退マップ through
/// `scripts/make-variant-fold` (its header states which links it follows and why); the table is
/// `VariantFold+Table.swift`, generated, CC BY-SA 2.1 JP.
enum VariantFold {
    /// The representative of `scalar`'s class, or `scalar` itself when it has none.
    static func representative(of scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard scalar.value >= table.lowest else { return scalar }
        return table.representatives[scalar] ?? scalar
    }

    /// The classes, read into a dictionary once, on first use: one string literal costs the compiler
    /// nothing, where a dictionary literal of 13,000 entries would have to be type-checked entry by entry.
    private static let table = Table(classes)

    private struct Table: Sendable {
        var representatives: [Unicode.Scalar: Unicode.Scalar] = [:]
        /// No character below this one is folded: the cheap test in front of the lookup.
        var lowest = UInt32.max

        init(_ classes: String) {
            representatives.reserveCapacity(16_384)
            for line in classes.split(separator: "\n") {
                var scalars = line.unicodeScalars.makeIterator()
                guard let representative = scalars.next() else { continue }
                while let member = scalars.next() {
                    representatives[member] = representative
                    lowest = min(lowest, member.value)
                }
            }
        }
    }
}
