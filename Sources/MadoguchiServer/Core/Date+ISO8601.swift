import Foundation
import MadoguchiDomain

extension Date {
    /// ISO 8601 in UTC to the second ("2026-11-23T01:00:00Z"), as Vapor's JSON encoder writes
    /// dates, without a formatter.
    var iso8601UTC: String {
        let seconds = Int(timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        let date = CivilDate(dayNumber: days)
        return
            "\(date.iso)T\((time / 3600).zeroPadded(2)):\((time / 60 % 60).zeroPadded(2)):\((time % 60).zeroPadded(2))Z"
    }
}
