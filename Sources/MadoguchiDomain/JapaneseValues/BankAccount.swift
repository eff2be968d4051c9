import Foundation

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

    /// 名義カナ as the 全銀 system carries it (全国銀行協会's character set): large katakana and ヴ —
    /// a small kana is written large (キユウヨ, not キュウヨ), as banks register it —, capital letters,
    /// digits, spaces and the symbols ( ) . - /. The long vowel mark becomes a hyphen (サト-), as
    /// banks ask; the middle dot, commas and other marks are refused. At most `maxHolderWidth`
    /// characters as the half-width form counts them, where a voiced kana (ガ = ｶﾞ) is two.
    public static func normalizeHolder(_ input: String) -> Result<String, FieldError> {
        let text = Kana.hiraganaToKatakana(TextNormalization.trim(TextNormalization.nfkc(input)))
        guard !text.isEmpty else { return .failure(.required) }
        var out = String.UnicodeScalarView()
        var width = 0
        var pendingSpace = false
        for scalar in text.uppercased().unicodeScalars {
            if scalar == " " || scalar == "\u{3000}" {
                pendingSpace = true
                continue
            }
            let kept = largeKana[scalar] ?? (scalar == "ー" ? "-" : scalar)
            let isLatinOrDigit = ("A"..."Z").contains(kept) || ("0"..."9").contains(kept)
            guard holderKana.contains(kept.value) || isLatinOrDigit || holderSymbols.contains(kept) else {
                return .failure(.accountHolder)
            }
            if pendingSpace {
                out.append("\u{3000}")
                width += 1
                pendingSpace = false
            }
            out.append(kept)
            // A voiced kana decomposes into its base and a (semi-)voiced mark: ｶﾞ in half-width.
            width += String(kept).decomposedStringWithCanonicalMapping.unicodeScalars.count
        }
        guard width <= maxHolderWidth else { return .failure(.tooLong(max: maxHolderWidth)) }
        return .success(String(out))
    }

    /// The 受取人名 of a 全銀 transfer record is 30 half-width characters.
    public static let maxHolderWidth = 30

    /// ア–ン and ヴ, without the small kana (`largeKana`) and the obsolete ヰ and ヱ.
    private static let holderKana = Set(0x30A2...0x30F4).subtracting(largeKana.keys.map(\.value))
        .subtracting([0x30F0, 0x30F1])
    private static let largeKana: [Unicode.Scalar: Unicode.Scalar] = [
        "ァ": "ア", "ィ": "イ", "ゥ": "ウ", "ェ": "エ", "ォ": "オ", "ッ": "ツ", "ャ": "ヤ", "ュ": "ユ", "ョ": "ヨ",
        "ヮ": "ワ", "ヵ": "カ", "ヶ": "ケ",
    ]
    private static let holderSymbols: Set<Unicode.Scalar> = ["(", ")", ".", "-", "/"]
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
