import Foundation
import MadoguchiDomain
import SQLKit

/// A search typed into the inbox, turned into the key it is matched on: a 受付番号 (whose check
/// digit catches a mistyped one), a name in kanji or kana (matched from its start, after
/// `SearchKey` folding: width, かな/カナ, spaces, 長音, 異体字), a phone number or a birth date
/// (西暦 or 和暦).
enum InboxSearch: Sendable, Equatable {
    case receipt(ReceiptNumber)
    case name(String)
    case kana(String)
    case phone(String)
    case birth(CivilDate)

    enum Failure: Error, Equatable {
        case receiptCheckDigit
        case notA(InboxQuery.SearchKind)

        var message: LocalizedText {
            switch self {
            case .receiptCheckDigit:
                LocalizedText(
                    ja: "受付番号の確認数字（最後の1桁）が合いません。入力し間違いがないか確認してください。",
                    en: "The receipt number's check digit (the last one) does not match: please check it for a typo.")
            case .notA(let kind):
                switch kind {
                case .receipt:
                    LocalizedText(
                        ja: "受付番号は 2026-000123-8 の形で入力してください。", en: "Enter a receipt number such as 2026-000123-8.")
                case .phone: LocalizedText(ja: "電話番号は数字で入力してください。", en: "Enter the phone number in digits.")
                case .birth:
                    LocalizedText(
                        ja: "生年月日は 1990-04-01 や 平成2年4月1日 の形で入力してください。",
                        en: "Enter the birth date such as 1990-04-01.")
                case .name, .kana, .auto:
                    LocalizedText(ja: "検索する文字を入力してください。", en: "Enter something to search for.")
                }
            }
        }
    }

    static func interpret(_ text: String, as kind: InboxQuery.SearchKind) -> Result<InboxSearch, Failure> {
        let digits = TextNormalization.removing("-", from: TextNormalization.digitsInput(text))
        switch kind {
        case .receipt:
            if let number = ReceiptNumber(text) { return .success(.receipt(number)) }
            return .failure(TextNormalization.isASCIIDigits(digits) ? .receiptCheckDigit : .notA(.receipt))
        case .phone:
            return SearchKey.phone(text).map { .success(.phone($0)) } ?? .failure(.notA(.phone))
        case .birth:
            return SearchKey.birthDate(text).map { .success(.birth($0)) } ?? .failure(.notA(.birth))
        case .kana:
            let key = SearchKey.kana(text)
            return key.isEmpty ? .failure(.notA(.kana)) : .success(.kana(key))
        case .name:
            let key = SearchKey.name(text)
            return key.isEmpty ? .failure(.notA(.name)) : .success(.name(key))
        case .auto:
            if TextNormalization.isASCIIDigits(digits) {
                // A phone number starts with 0; a 受付番号 with its year.
                if digits.hasPrefix("0") { return interpret(text, as: .phone) }
                if (11...13).contains(digits.count) { return interpret(text, as: .receipt) }
            }
            if let date = SearchKey.birthDate(text) { return .success(.birth(date)) }
            if Self.isKana(text) { return interpret(text, as: .kana) }
            return interpret(text, as: .name)
        }
    }

    /// Only kana (either script, either width), 長音 and spaces.
    static func isKana(_ text: String) -> Bool {
        var any = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC, 0xFF66...0xFF9F: any = true
            case 0x20, 0x3000, 0x309B, 0x309C, 0x2010...0x2015, 0x2212, 0xFF0D, 0x2D: continue
            default: return false
            }
        }
        return any
    }

    /// The condition on the inbox's columns.
    var condition: SQLQueryString {
        switch self {
        case .receipt(let number): "receipt_number = \(bind: number.description)"
        case .name(let key): "name_key >= \(bind: key) AND name_key < \(bind: key + Self.afterEverything)"
        case .kana(let key): "kana_key >= \(bind: key) AND kana_key < \(bind: key + Self.afterEverything)"
        case .phone(let digits): "phone >= \(bind: digits) AND phone < \(bind: digits + Self.afterEverything)"
        case .birth(let date): "birth_date = \(bind: date.iso)"
        }
    }

    /// Sorts after any text a key can continue with (a prefix match on an index, in both databases:
    /// SQLite compares UTF-8 bytes, PostgreSQL with the "C" collation below).
    static let afterEverything = "\u{10FFFF}"
}
