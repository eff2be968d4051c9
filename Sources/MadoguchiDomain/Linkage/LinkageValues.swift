import Foundation

/// Reads the single values of a 紐付 row (already trimmed), noting each problem.
enum LinkageValues {
    /// Text kept as given; nil with a problem when required and empty or when it holds a
    /// control character.
    static func text(
        _ text: String, column: LinkageColumn, required: Bool, _ problems: inout [LinkageProblem]
    ) -> String? {
        if text.isEmpty && required {
            problems.append(.missingValue(column))
            return nil
        }
        if text.unicodeScalars.contains(where: TextNormalization.isControl) {
            problems.append(.controlCharacter(column))
            return nil
        }
        return text
    }

    /// A 宛名番号 or 世帯番号: 1–15 ASCII digits; nil when empty (with a problem if required) or
    /// not digits.
    static func number(
        _ text: String, column: LinkageColumn, required: Bool, _ problems: inout [LinkageProblem]
    ) -> String? {
        if text.isEmpty {
            if required { problems.append(.missingValue(column)) }
            return nil
        }
        guard AtenaNumber(text) != nil else {
            problems.append(.notANumber(column, maxDigits: AtenaNumber.maxDigits))
            return nil
        }
        return text
    }

    /// 生年月日: `YYYY-MM-DD`, `YYYYMMDD`, and the other forms `DateParser` reads (和暦 included).
    static func birthDate(_ text: String, _ problems: inout [LinkageProblem]) -> CivilDate? {
        if text.isEmpty {
            problems.append(.missingValue(.birthDate))
            return nil
        }
        switch DateParser.parse(text) {
        case .success(let date):
            return date
        case .failure(let failure):
            problems.append(.birthDate(failure))
            return nil
        }
    }

    static func sex(_ text: String, _ problems: inout [LinkageProblem]) -> Sex? {
        if text.isEmpty {
            problems.append(.missingValue(.sex))
            return nil
        }
        guard let sex = Sex(code: text) else {
            problems.append(.sex)
            return nil
        }
        return sex
    }

    /// An instant (`LinkageTimestamp`); nil when empty (with a problem if required) or unreadable.
    static func timestamp(
        _ text: String, column: LinkageColumn, boundary: LinkageTimestamp.Boundary, required: Bool,
        _ problems: inout [LinkageProblem]
    ) -> Date? {
        if text.isEmpty {
            if required { problems.append(.missingValue(column)) }
            return nil
        }
        guard let date = LinkageTimestamp.parse(text, boundary: boundary) else {
            problems.append(.timestamp(column))
            return nil
        }
        return date
    }
}
