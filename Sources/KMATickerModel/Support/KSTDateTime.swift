import FoundationEssentials

/// A wall-clock time in Korea Standard Time (UTC+9, no daylight saving since 1988), the zone
/// every page and feed prints without saying so.
///
/// Conversions are plain arithmetic (days from the civil date) rather than `Calendar`, because
/// export formats millions of rows; a property test checks them against Foundation.
public struct KSTDateTime: Sendable, Equatable, Comparable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    /// KST is UTC+9 all year.
    public static let offsetSeconds: Int64 = 9 * 3600

    /// A valid KST date and time, or `nil` (month 13, 2 月 30 日, 24:00, …).
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
    }

    /// The KST wall-clock time of a Unix instant.
    public init(unixSeconds: Int64) {
        let local = unixSeconds + Self.offsetSeconds
        let days = Int(local.floorDivided(by: 86_400))
        let secondsOfDay = Int(local - Int64(days) * 86_400)
        let (y, m, d) = Self.civil(fromDays: days)
        year = y; month = m; day = d
        hour = secondsOfDay / 3600
        minute = secondsOfDay % 3600 / 60
        second = secondsOfDay % 60
    }

    /// Reads `YYYY-MM-DD HH:MM` (the `--at` form); seconds `:SS` are allowed.
    public init?(parsing text: String) {
        let parts = text.trimmingWhitespace().split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-").map { Int($0) }
        let time = parts[1].split(separator: ":").map { Int($0) }
        guard date.count == 3, (2...3).contains(time.count),
              parts[0].split(separator: "-")[0].count == 4,
              let y = date[0], let mo = date[1], let d = date[2], let h = time[0], let mi = time[1],
              let s = time.count == 3 ? time[2] : 0
        else { return nil }
        self.init(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
    }

    /// The present, from the clock.
    public static var now: KSTDateTime { KSTDateTime(unixSeconds: Int64(Date().timeIntervalSince1970)) }

    /// Seconds since 1970-01-01T00:00:00Z.
    public var unixSeconds: Int64 {
        let days = Int64(Self.days(fromCivilYear: year, month: month, day: day))
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Self.offsetSeconds
    }

    /// `2025-08-18T10:40:00+09:00`
    public var iso8601: String { "\(dateText)T\(timeText)+09:00" }
    /// `2025-08-18 10:40:00`, the form spreadsheets read as a date.
    public var spreadsheetText: String { "\(dateText) \(timeText)" }
    /// `2025-08-18 10:40`
    public var minuteText: String { "\(dateText) \(Self.pad2(hour)):\(Self.pad2(minute))" }
    public var description: String { minuteText + " KST" }

    public static func < (a: KSTDateTime, b: KSTDateTime) -> Bool { a.unixSeconds < b.unixSeconds }

    /// `2025-08-18`
    public var dateText: String { "\(Self.pad4(year))-\(Self.pad2(month))-\(Self.pad2(day))" }
    private var timeText: String { "\(Self.pad2(hour)):\(Self.pad2(minute)):\(Self.pad2(second))" }
    private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private static func pad4(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - "\(n)".count)) + "\(n)" }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian calendar).
    private static func days(fromCivilYear year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
