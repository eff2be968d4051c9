extension SearchKey {
    /// One pass over the scalars; see `name` and `kana` for what it does.
    static func fold(_ text: String, variants: Bool) -> String {
        var key = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isDropped(scalar) { continue }
            if let mark = soundMark(scalar) {
                if let last = key.last, let voiced = compose(last, mark) {
                    key.removeLast()
                    key.append(voiced)
                } else {
                    key.append(mark == .voiced ? "\u{309B}" : "\u{309C}")
                }
                continue
            }
            var folded = Kana.katakana(widthFolded(scalar))
            if isLongVowelVariant(folded), let last = key.last, isKanaBeforeLongVowel(last) {
                folded = "ー"
            }
            if variants && !folded.isASCII {
                folded = VariantFold.representative(of: folded)
            }
            key.append(folded)
        }
        return String(key)
    }

    /// White space (any kind), zero-width characters, variation selectors (standard and ideographic:
    /// the key is the base character's), and the separators between parts of a name (・ ･ · ゠ ＝ =).
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3D, 0xB7, 0x200B...0x200D, 0x2060, 0x30A0, 0x30FB, 0xFE00...0xFE0F, 0xFEFF, 0xFF1D, 0xFF65,
            0xE0100...0xE01EF:
            true
        default: TextNormalization.isWhitespace(scalar)
        }
    }

    /// Full-width ASCII to ASCII (letters upper case), half-width katakana and punctuation to full width.
    static func widthFolded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        switch value {
        case 0x61...0x7A: return Unicode.Scalar(value - 0x20)!
        case 0xFF01...0xFF5E:
            let ascii = value - 0xFEE0
            return Unicode.Scalar((0x61...0x7A).contains(ascii) ? ascii - 0x20 : ascii)!
        case 0xFF61...0xFF9D: return halfWidthKatakana[Int(value - 0xFF61)]
        default: return scalar
        }
    }

    /// U+FF61 ｡ to U+FF9D ﾝ in order, at full width (ﾞ and ﾟ are sound marks, composed separately).
    private static let halfWidthKatakana = Array(
        "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン".unicodeScalars)

    enum SoundMark { case voiced, semiVoiced }

    /// 濁点 and 半濁点 in their three forms: combining (U+3099), spacing (゛) and half-width (ﾞ).
    static func soundMark(_ scalar: Unicode.Scalar) -> SoundMark? {
        switch scalar.value {
        case 0x3099, 0x309B, 0xFF9E: .voiced
        case 0x309A, 0x309C, 0xFF9F: .semiVoiced
        default: nil
        }
    }

    /// The katakana with the mark (カ + ゛ → ガ, ハ + ゜ → パ, ウ + ゛ → ヴ), or nil if it takes none.
    static func compose(_ kana: Unicode.Scalar, _ mark: SoundMark) -> Unicode.Scalar? {
        let value = kana.value
        switch mark {
        case .voiced:
            // カ…ト and ハ…ホ are each followed by their voiced form, ワヰヱヲ by ヷヸヹヺ.
            if voicable.contains(kana) { return Unicode.Scalar(value + 1) }
            switch value {
            case 0x30A6: return "ヴ"
            case 0x30EF...0x30F2: return Unicode.Scalar(value + 8)
            case 0x30FD: return "ヾ"
            default: return nil
            }
        case .semiVoiced:
            return (0x30CF...0x30DB).contains(value) && (value - 0x30CF) % 3 == 0 ? Unicode.Scalar(value + 2) : nil
        }
    }

    private static let voicable = Set("カキクケコサシスセソタチツテトハヒフヘホ".unicodeScalars)

    /// Marks residents type for a long vowel: ー ｰ, hyphens and dashes (- ‐ ‑ ‒ – — ― − ﹣ －), 〜 ～ ~.
    static func isLongVowelVariant(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x7E, 0x2010...0x2015, 0x2053, 0x2212, 0x301C, 0x30FC, 0xFE63, 0xFF70: true
        default: false
        }
    }

    /// Katakana (after folding, hiragana is katakana) and ー itself: what a long-vowel mark can follow.
    static func isKanaBeforeLongVowel(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30A1...0x30FA, 0x30FC, 0x31F0...0x31FF: true
        default: false
        }
    }
}
