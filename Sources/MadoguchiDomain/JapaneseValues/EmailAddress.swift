/// メールアドレス: a practical check (one @, a dotted domain, no spaces), domain lower-cased.
public enum EmailAddress {
    public static func normalize(_ input: String) -> Result<String, FieldError> {
        let text = TextNormalization.freeText(input)
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.count <= 254, parts.count == 2 else { return .failure(.email) }
        let local = parts[0]
        let domain = parts[1].lowercased()
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        let domainAllowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-")
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard !local.isEmpty, local.count <= 64, local.allSatisfy(localAllowed.contains),
            labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
            domain.allSatisfy(domainAllowed.contains)
        else { return .failure(.email) }
        return .success("\(local)@\(domain)")
    }
}
