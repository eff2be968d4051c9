extension CharacterSubstitution {
    /// The text as the target receives it, and every replacement made in it.
    public struct Converted: Sendable, Hashable {
        public var text: String
        public var substitutions: [Substitution]
    }

    /// One replacement, for the report an export keeps (with its application and field).
    public struct Substitution: Sendable, Hashable {
        /// Where the character starts: its index among the input's Unicode scalars.
        public var scalarOffset: Int
        /// The character as written, its variation selector included.
        public var from: String
        public var to: String
        /// The category that gave the answer.
        public var category: MJShrinkCategory
    }

    /// A character that could not be replaced.
    public struct Unmapped: Sendable, Hashable {
        /// Where the character starts: its index among the input's Unicode scalars.
        public var scalarOffset: Int
        /// The character as written, its variation selector included.
        public var character: String
        /// The answers of the deciding category when it gave several; empty when no allowed category
        /// gave any.
        public var candidates: [String]
    }

    /// The characters of a text that could not be replaced, in order: the export stops.
    public struct Failure: Error, Sendable, Hashable {
        public var characters: [Unmapped]

        public var message: LocalizedText {
            let list = characters.map { unmapped in
                let code = unmapped.character.unicodeScalars.map(\.codePoint).joined(separator: " ")
                let choices = unmapped.candidates.isEmpty ? "" : " → " + unmapped.candidates.joined(separator: "/")
                return "\(unmapped.character) (\(code))\(choices)"
            }.joined(separator: ", ")
            return LocalizedText(
                ja: "Shift_JIS（CP932）で表せず、置き換える文字も一つに決まらない文字があります: \(list)",
                en: "Some characters cannot be written in Shift_JIS (CP932) and have no single replacement: \(list)")
        }
    }
}
