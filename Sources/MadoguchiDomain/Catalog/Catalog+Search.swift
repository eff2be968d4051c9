extension Catalog {
    /// Keyword search over procedure names, keywords, summaries and 担当課. Every word of the
    /// query must match; hiragana and katakana, full and half width, and case are not distinguished.
    /// Procedures whose name matches come first.
    public func search(_ query: String) -> [Procedure] {
        let terms = Catalog.searchKey(query).split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map(String.init)
        guard !terms.isEmpty else { return [] }
        var scored: [(score: Int, index: Int, procedure: Procedure)] = []
        for (index, procedure) in procedures.enumerated() {
            let name = Catalog.searchKey(procedure.name.ja + " " + procedure.name.en)
            let keywords = Catalog.searchKey(procedure.keywords.joined(separator: " "))
            let body = Catalog.searchKey(
                [procedure.summary.ja, procedure.summary.en, procedure.department, procedure.category.label.ja]
                    .joined(separator: " "))
            var score = 0
            var allMatch = true
            for term in terms {
                if name.contains(term) {
                    score += 3
                } else if keywords.contains(term) {
                    score += 2
                } else if body.contains(term) {
                    score += 1
                } else {
                    allMatch = false
                    break
                }
            }
            if allMatch { scored.append((score, index, procedure)) }
        }
        return scored.sorted { ($0.score, -$0.index) > ($1.score, -$1.index) }.map(\.procedure)
    }

    /// The form in which texts are compared: NFKC, katakana, lower case.
    static func searchKey(_ text: String) -> String {
        Kana.hiraganaToKatakana(TextNormalization.nfkc(text)).lowercased()
    }
}
