/// Search keys for the staff inbox: 氏名, フリガナ, phone and birth date as the projection stores them
/// and as a query is read. A query matches a key by prefix, so a key is a plain string built scalar
/// by scalar, and the stored value itself is never changed: only its key is.
public enum SearchKey {
    /// The key of a 氏名 in kanji, kana or both: `SearchKey.kana`'s folding, then each 異体字 to the
    /// representative of its class (髙 → 高; 﨑, 嵜 → 崎; 邉, 邊 → 辺). Width is folded explicitly, never
    /// by NFKC, which rewrites far more than width (① → 1, ㈱ → (株), ⼭ → 山).
    public static func name(_ text: String) -> String {
        fold(text, variants: true)
    }

    /// The key of a reading (フリガナ): white space, variation selectors and the name separators ・ and
    /// ＝ removed; full-width ASCII to ASCII, letters upper case; hiragana and half-width katakana to
    /// full-width katakana, ﾞ and ﾟ composed (ｶﾞ → ガ, ﾊﾟ → パ); a dash, ｰ or 〜 after kana to ー.
    /// Small kana stay as typed (ッ is not ツ).
    public static func kana(_ text: String) -> String {
        fold(text, variants: false)
    }

    /// The digits of a phone number (full-width digits, hyphens, brackets and spaces accepted; +81 read
    /// as the leading 0, as `PhoneNumber` does), or nil when there is no digit. A prefix is a key too.
    public static func phone(_ text: String) -> String? {
        var input = Substring(TextNormalization.digitsInput(text))
        var digits = ""
        if input.hasPrefix("+81") {
            input = input.dropFirst(3).drop { $0 == "-" }
            if input.hasPrefix("(0)") {
                input = input.dropFirst(3)
            } else if input.hasPrefix("0") {
                input = input.dropFirst()
            }
            digits = "0"
        }
        digits.unicodeScalars.append(contentsOf: input.unicodeScalars.filter { ("0"..."9").contains($0) })
        return digits.isEmpty ? nil : digits
    }

    /// A birth date written in 西暦 (2020-01-31, 2020/1/31, 20200131) or 和暦 (令和2年1月31日, R2.1.31,
    /// 平成31年4月30日), full width accepted: `DateParser`'s reading. Nil when it is no date.
    public static func birthDate(_ text: String) -> CivilDate? {
        guard case .success(let date) = DateParser.parse(text) else { return nil }
        return date
    }
}
