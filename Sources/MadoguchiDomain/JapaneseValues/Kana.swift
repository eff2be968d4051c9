/// カナ: reading fields (フリガナ, 口座名義) are stored in full-width katakana. Residents may type
/// hiragana or half-width katakana; both are converted.
public enum Kana {
    /// Hiragana (ぁ–ゖ, ゝゞ) to the corresponding katakana; other characters unchanged.
    public static func hiraganaToKatakana(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map(katakana)))
    }

    /// The katakana of a hiragana scalar; any other scalar unchanged.
    static func katakana(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x3041...0x3096, 0x309D...0x309E: Unicode.Scalar(scalar.value + 0x60)!
        default: scalar
        }
    }

    /// Full-width katakana, the prolonged sound mark, the middle dot and iteration marks.
    public static func isKatakana(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30A1...0x30FA, 0x30FB, 0x30FC, 0x30FD, 0x30FE: true
        default: false
        }
    }

    /// Normalises a kana reading: NFKC (half-width to full-width), hiragana to katakana, runs of
    /// spaces to one ideographic space, trimmed. Fails if anything but katakana and spaces remains,
    /// or if more than `maxLength` characters do.
    public static func normalize(_ input: String, maxLength: Int) -> Result<String, FieldError> {
        var out = String.UnicodeScalarView()
        var count = 0  // every scalar kept stands alone as a Character, so this counts Characters
        var pendingSpace = false
        for scalar in TextNormalization.nfkc(input).unicodeScalars {
            if scalar == " " || scalar == "\u{3000}" || scalar == "\t" {
                pendingSpace = count > 0
                continue
            }
            let kana = katakana(scalar)
            guard isKatakana(kana) else { return .failure(.notKana) }
            if pendingSpace {
                out.append("\u{3000}")
                count += 1
            }
            pendingSpace = false
            out.append(kana)
            count += 1
        }
        return count > maxLength ? .failure(.tooLong(max: maxLength)) : .success(String(out))
    }
}
