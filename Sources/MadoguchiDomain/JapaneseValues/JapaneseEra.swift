/// 元号: the Japanese eras in which dates on municipal forms are written (和暦).
public enum JapaneseEra: String, Sendable, CaseIterable, Codable {
    case meiji, taisho, showa, heisei, reiwa

    /// The first day of the era in the Gregorian calendar.
    public var firstDay: CivilDate {
        switch self {
        case .meiji: CivilDate(unchecked: 1868, 10, 23)  // 明治元年9月8日 (改元), in the Gregorian calendar
        case .taisho: CivilDate(unchecked: 1912, 7, 30)
        case .showa: CivilDate(unchecked: 1926, 12, 25)
        case .heisei: CivilDate(unchecked: 1989, 1, 8)
        case .reiwa: CivilDate(unchecked: 2019, 5, 1)
        }
    }

    /// The last day of the era, or nil for the current one.
    public var lastDay: CivilDate? {
        switch self {
        case .meiji: JapaneseEra.taisho.firstDay.adding(days: -1)
        case .taisho: JapaneseEra.showa.firstDay.adding(days: -1)
        case .showa: JapaneseEra.heisei.firstDay.adding(days: -1)
        case .heisei: JapaneseEra.reiwa.firstDay.adding(days: -1)
        case .reiwa: nil
        }
    }

    public var kanji: String {
        switch self {
        case .meiji: "明治"
        case .taisho: "大正"
        case .showa: "昭和"
        case .heisei: "平成"
        case .reiwa: "令和"
        }
    }

    public var latin: String {
        switch self {
        case .meiji: "Meiji"
        case .taisho: "Taisho"
        case .showa: "Showa"
        case .heisei: "Heisei"
        case .reiwa: "Reiwa"
        }
    }

    /// Finds an era by how residents write it: 令和, 令, R, r, Ｒ (after NFKC), Reiwa.
    public init?(token: String) {
        let lowered = token.lowercased()
        for era in JapaneseEra.allCases {
            let kanji = era.kanji
            if token == kanji || token == String(kanji.first!) || lowered == era.latin.lowercased()
                || lowered == String(era.latin.lowercased().first!)
            {
                self = era
                return
            }
        }
        return nil
    }

    /// The Gregorian year of this era's year `eraYear` (元年 = 1).
    public func gregorianYear(_ eraYear: Int) -> Int { firstDay.year + eraYear - 1 }

    /// The era a date falls in, or nil before 明治.
    public static func era(of date: CivilDate) -> JapaneseEra? {
        allCases.last { $0.firstDay <= date }
    }
}

extension CivilDate {
    /// 和暦 rendering, e.g. 令和7年4月1日 (元年 for the first year).
    public var wareki: String {
        guard let era = JapaneseEra.era(of: self) else { return "\(year)年\(month)月\(day)日" }
        let eraYear = year - era.firstDay.year + 1
        return "\(era.kanji)\(eraYear == 1 ? "元" : String(eraYear))年\(month)月\(day)日"
    }

    /// Japanese display: 令和7年4月1日（2025年）.
    public var japaneseDisplay: String { "\(wareki)（\(year)年）" }
}
