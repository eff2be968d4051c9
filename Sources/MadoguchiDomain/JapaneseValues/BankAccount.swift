/// 口座: a domestic bank account as the 全銀 system knows it.
public struct BankAccount: Sendable, Hashable, Codable {
    /// 預金種別
    public enum AccountType: String, Sendable, CaseIterable, Codable {
        case futsu  // 普通
        case touza  // 当座
        case chochiku  // 貯蓄

        public var label: LocalizedText {
            switch self {
            case .futsu: LocalizedText(ja: "普通", en: "Ordinary")
            case .touza: LocalizedText(ja: "当座", en: "Current")
            case .chochiku: LocalizedText(ja: "貯蓄", en: "Savings")
            }
        }
    }

    /// 金融機関コード (4 digits)
    public var bankCode: String
    /// 支店コード (3 digits)
    public var branchCode: String
    public var accountType: AccountType
    /// 口座番号 (7 digits, left-padded with zeros)
    public var accountNumber: String
    /// 口座名義 (カナ)
    public var holderKana: String

    public init(
        bankCode: String, branchCode: String, accountType: AccountType, accountNumber: String, holderKana: String
    ) {
        self.bankCode = bankCode
        self.branchCode = branchCode
        self.accountType = accountType
        self.accountNumber = accountNumber
        self.holderKana = holderKana
    }

    public static func normalizeBankCode(_ input: String) -> Result<String, FieldError> {
        let text = TextNormalization.digitsInput(input)
        return text.count == 4 && TextNormalization.isASCIIDigits(text) ? .success(text) : .failure(.bankCode)
    }

    public static func normalizeBranchCode(_ input: String) -> Result<String, FieldError> {
        let text = TextNormalization.digitsInput(input)
        return text.count == 3 && TextNormalization.isASCIIDigits(text) ? .success(text) : .failure(.branchCode)
    }

    public static func normalizeAccountNumber(_ input: String) -> Result<String, FieldError> {
        let text = TextNormalization.digitsInput(input)
        guard (1...7).contains(text.count), TextNormalization.isASCIIDigits(text) else {
            return .failure(.accountNumber)
        }
        return .success(String(repeating: "0", count: 7 - text.count) + text)
    }

    /// 名義カナ: katakana as in the bank's records; letters and 全銀 symbols (（）．－／) allowed.
    public static func normalizeHolder(_ input: String) -> Result<String, FieldError> {
        let text = Kana.hiraganaToKatakana(TextNormalization.trim(TextNormalization.nfkc(input)))
        guard !text.isEmpty else { return .failure(.required) }
        let symbols: Set<Unicode.Scalar> = ["(", ")", ".", "-", "/", " ", "\u{3000}", ",", "\u{FF0E}"]
        for scalar in text.unicodeScalars {
            let isLatin = ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            guard Kana.isKatakana(scalar) || isLatin || symbols.contains(scalar) else {
                return .failure(.accountHolder)
            }
        }
        return .success(
            String(String.UnicodeScalarView(text.uppercased().unicodeScalars.map { $0 == " " ? "\u{3000}" : $0 })))
    }
}

/// Printed, interpolated, dumped or reflected, it shows the bank and branch but not the account
/// number or the holder's name.
extension BankAccount: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "BankAccount(\(bankCode)-\(branchCode), \(accountType.rawValue), ●●●●●●●)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["bankCode": bankCode, "branchCode": branchCode, "accountType": accountType])
    }
}
