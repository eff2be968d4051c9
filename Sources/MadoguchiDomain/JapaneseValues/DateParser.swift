/// Reads dates as residents write them: 西暦 (2025-04-01, 2025/4/1, 2025年4月1日, 20250401)
/// and 和暦 (令和7年4月1日, 令和元年5月1日, R7.4.1, H31/4/30), with full-width digits.
public enum DateParser {
    public enum Failure: Error, Sendable, Hashable {
        /// Not a date format we know.
        case unrecognised
        /// No such day (2月30日, 13月).
        case impossible
        /// The day lies before the era began (令和元年4月30日).
        case beforeEra(JapaneseEra)
        /// The day lies after the era ended (平成32年).
        case afterEra(JapaneseEra)
    }

    public static func parse(_ input: String) -> Result<CivilDate, Failure> {
        let text = TextNormalization.removingSpaces(
            TextNormalization.asciiDashes(TextNormalization.nfkc(input)))
        if let match = text.wholeMatch(of: eraPattern) {
            guard let era = JapaneseEra(token: String(match.1)) else { return .failure(.unrecognised) }
            let eraYearText = String(match.2)
            guard let eraYear = eraYearText == "元" ? 1 : Int(eraYearText), eraYear >= 1,
                let month = Int(match.3), let day = Int(match.4)
            else { return .failure(.impossible) }
            guard let date = CivilDate(era.gregorianYear(eraYear), month, day) else {
                return .failure(.impossible)
            }
            if date < era.firstDay { return .failure(.beforeEra(era)) }
            if let last = era.lastDay, date > last { return .failure(.afterEra(era)) }
            return .success(date)
        }
        if let match = text.wholeMatch(of: gregorianPattern) {
            guard let year = Int(match.1), let month = Int(match.2), let day = Int(match.3),
                let date = CivilDate(year, month, day)
            else { return .failure(.impossible) }
            return .success(date)
        }
        if let match = text.wholeMatch(of: compactPattern) {
            guard let year = Int(match.1), let month = Int(match.2), let day = Int(match.3),
                let date = CivilDate(year, month, day)
            else { return .failure(.impossible) }
            return .success(date)
        }
        return .failure(.unrecognised)
    }

    nonisolated(unsafe) private static let eraPattern =
        #/(明治|大正|昭和|平成|令和|明|大|昭|平|令|[MTSHRmtshr])(元|[0-9]{1,2})[年.\-/]([0-9]{1,2})[月.\-/]([0-9]{1,2})日?/#
    nonisolated(unsafe) private static let gregorianPattern =
        #/([0-9]{4})[年.\-/]([0-9]{1,2})[月.\-/]([0-9]{1,2})日?/#
    nonisolated(unsafe) private static let compactPattern = #/([0-9]{4})([0-9]{2})([0-9]{2})/#
}
