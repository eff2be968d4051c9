/// How a date is written for a core system: 西暦 or 和暦 (a letter or a number for the 元号, then
/// the year of the era in two digits).
public enum HandOffDateFormat: String, Sendable, Hashable, CaseIterable {
    /// 20241001
    case yyyymmdd
    /// 2024-10-01
    case iso = "yyyy-mm-dd"
    /// 2024/10/01
    case slashed = "yyyy/mm/dd"
    /// 202410 (年月: 卒業予定年月)
    case yyyymm
    /// R061001: the 元号's letter (M 明治, T 大正, S 昭和, H 平成, R 令和), year, month, day.
    case gyymmdd
    /// 5061001: the 元号's number (1 明治, 2 大正, 3 昭和, 4 平成, 5 令和), year, month, day.
    case eyymmdd
    /// R0610
    case gyymm
    /// 令和6年10月1日 (元年 for the first year).
    case wareki

    /// The date written this way; nil for a date before 明治, which has no 和暦 here.
    public func format(_ date: CivilDate) -> String? {
        let month = date.month.zeroPadded(2)
        let day = date.day.zeroPadded(2)
        switch self {
        case .yyyymmdd: return "\(date.year.zeroPadded(4))\(month)\(day)"
        case .iso: return date.iso
        case .slashed: return "\(date.year.zeroPadded(4))/\(month)/\(day)"
        case .yyyymm: return "\(date.year.zeroPadded(4))\(month)"
        case .wareki:
            return JapaneseEra.era(of: date) == nil ? nil : date.wareki
        case .gyymmdd, .eyymmdd, .gyymm:
            guard let era = JapaneseEra.era(of: date) else { return nil }
            let year = (date.year - era.firstDay.year + 1).zeroPadded(2)
            let mark = self == .eyymmdd ? String(era.code) : era.letter
            return self == .gyymm ? "\(mark)\(year)\(month)" : "\(mark)\(year)\(month)\(day)"
        }
    }

    /// How many bytes the written date takes (ASCII), when it is always the same.
    public var width: Int? {
        switch self {
        case .yyyymmdd: 8
        case .iso, .slashed: 10
        case .yyyymm: 6
        case .gyymmdd, .eyymmdd: 7
        case .gyymm: 5
        case .wareki: nil
        }
    }
}

extension JapaneseEra {
    /// The letter core systems write for the era (M, T, S, H, R).
    public var letter: String { String(latin.first!) }

    /// The number core systems write for the era (1 明治 … 5 令和).
    public var code: Int {
        switch self {
        case .meiji: 1
        case .taisho: 2
        case .showa: 3
        case .heisei: 4
        case .reiwa: 5
        }
    }
}
