import Foundation

extension Kana {
    /// Full-width katakana written half-width (JIS X 0201, one CP932 byte each), as many core systems
    /// keep readings: ヤマダ　ハナコ → ﾔﾏﾀﾞ ﾊﾅｺ. A voiced kana becomes its base and ﾞ or ﾟ (ガ → ｶﾞ,
    /// ヴ → ｳﾞ); the ideographic space becomes a space. Katakana with no half-width form (ヮ, ヰ, ヱ,
    /// ヵ, ヶ) and everything else stay as they are.
    public static func halfWidth(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\u{3000}" {
                out.append(" ")
                continue
            }
            if let half = halfWidthTable[scalar] {
                out.append(half)
                continue
            }
            let parts = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
            if parts.count == 2, let base = halfWidthTable[parts.first!],
                let mark = halfWidthTable[parts[parts.index(after: parts.startIndex)]]
            {
                out.append(base)
                out.append(mark)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static let halfWidthTable: [Unicode.Scalar: Unicode.Scalar] = {
        let full = "ァアィイゥウェエォオカキクケコサシスセソタチッツテトナニヌネノハヒフヘホマミムメモャヤュユョヨラリルレロワヲンー・「」。、"
        let half = "ｧｱｨｲｩｳｪｴｫｵｶｷｸｹｺｻｼｽｾｿﾀﾁｯﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓｬﾔｭﾕｮﾖﾗﾘﾙﾚﾛﾜｦﾝｰ･｢｣｡､"
        var table = Dictionary(uniqueKeysWithValues: zip(full.unicodeScalars, half.unicodeScalars))
        table["\u{3099}"] = "ﾞ"  // combining voiced sound mark
        table["\u{309A}"] = "ﾟ"  // combining semi-voiced sound mark
        table["゛"] = "ﾞ"
        table["゜"] = "ﾟ"
        return table
    }()
}
