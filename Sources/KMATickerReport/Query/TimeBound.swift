import FoundationEssentials
import KMATickerModel

/// A `--since` or `--until` value that is not a time.
public struct TimeBoundError: Error, Sendable, Equatable, CustomStringConvertible {
    public let option: String
    public let value: String
    /// Why, when it is not the value's form.
    public var reason: String?

    public init(option: String, value: String, reason: String? = nil) {
        self.option = option
        self.value = value
        self.reason = reason
    }

    public var description: String {
        if let reason { return "\(option) '\(value)': \(reason)" }
        return "\(option) takes a KST date (2025-08-18), a date and time (\"2025-08-18 10:40\", or ISO 8601 as export writes it) or an age (30m, 24h, 7d, 2w); got '\(value)'"
    }
}

/// A `--since` or `--until` value, read when the command line is: a KST date, a KST date and
/// time, or an age before now. Ages too long to count are refused here, so a bad value is a
/// usage error before the store is opened.
///
/// Both bounds are inclusive. A date alone means the whole day: `--since 2025-08-18` starts at
/// its 00:00, `--until 2025-08-18` ends at its 23:59:59.
public struct TimeBound: Sendable, Equatable {
    /// What was given.
    public enum Value: Sendable, Equatable {
        /// This many seconds before now (`30m`, `24h`, `7d`, `2w`).
        case age(seconds: Int64)
        /// A moment, as Unix seconds.
        case moment(Int64)
        /// A KST day, by the Unix second of its 00:00.
        case day(startingAt: Int64)
    }

    public let value: Value
    /// `--since` or `--until`: which end of the window.
    public let option: String
    /// The value as typed, for messages.
    public let text: String

    /// `--since`: the window's first second.
    public static func since(_ text: String) throws(TimeBoundError) -> TimeBound {
        try TimeBound(text, option: "--since")
    }

    /// `--until`: the window's last second.
    public static func until(_ text: String) throws(TimeBoundError) -> TimeBound {
        try TimeBound(text, option: "--until")
    }

    /// `text` as `InternetDate.iso8601` reads it: a space for the `T` and spaces before the zone
    /// taken out, a comma for the decimal point made a point (`2025-08-18 10:40 +09:00` →
    /// `2025-08-18T10:40+09:00`), as ISO 8601 allows and `--since` took before.
    private static func compactISO8601(_ text: String) -> String {
        let words = text.split(separator: " ")
        guard let first = words.first else { return text }
        let joined = first.contains("T") ? words.joined() : first + "T" + words.dropFirst().joined()
        return joined.replacingEvery(",", with: ".")
    }

    private init(_ typed: String, option: String) throws(TimeBoundError) {
        self.option = option
        self.text = typed
        let text = typed.trimmingWhitespace()
        if let age = Self.ageSeconds(text) {
            // An age longer than Int64 counts, or reaching before year 1, is no time.
            guard let age, age <= Self.longestAge else {
                throw TimeBoundError(option: option, value: typed, reason: "that is longer ago than any time kmaticker stores")
            }
            value = .age(seconds: age)
        } else if let time = KSTDateTime(parsing: text.replacingEvery("T", with: " ")) {
            value = .moment(time.unixSeconds)
        } else if let time = InternetDate.iso8601(Self.compactISO8601(text)) {
            // ISO 8601 with a zone, as export writes it: 2025-08-18T10:40:00+09:00.
            value = .moment(time.unixSeconds)
        } else {
            let parts = text.split(separator: "-").map { Int($0) }
            guard parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2],
                  let day = KSTDateTime(year: y, month: m, day: d) else {
                throw TimeBoundError(option: option, value: typed)
            }
            value = .day(startingAt: day.unixSeconds)
        }
    }

    /// The Unix second this bound stands for, `now` being now: `--until` takes a day's last second.
    package func resolve(now: Date) throws(TimeBoundError) -> Int64 {
        switch value {
        case .age(let seconds):
            let since = Int64(now.timeIntervalSince1970) - seconds
            guard since >= Self.earliest else {
                throw TimeBoundError(option: option, value: text, reason: "that is longer ago than any time kmaticker stores")
            }
            return since
        case .moment(let seconds): return seconds
        case .day(let start): return start + (option == "--until" ? 86_399 : 0)
        }
    }

    /// The first second of year 1, KST: no earlier bound means anything.
    static let earliest = KSTDateTime(year: 1, month: 1, day: 1)!.unixSeconds
    /// Ages up to the span from year 1 to year 9999: anything longer reaches before any time.
    static let longestAge: Int64 = 10_000 * 366 * 86_400

    /// `30m`, `24h`, `7d`, `2w` in seconds: `nil` when `text` is no age, `.some(nil)` when it
    /// is one too long to count in seconds (`9999999999999999w`).
    static func ageSeconds(_ text: String) -> Int64?? {
        guard let unit = text.last, !text.dropLast().isEmpty, text.dropLast().allSatisfy(\.isASCII),
              text.dropLast().allSatisfy(\.isNumber) else { return nil }
        let seconds: Int64
        switch unit {
        case "m": seconds = 60
        case "h": seconds = 3600
        case "d": seconds = 86_400
        case "w": seconds = 7 * 86_400
        default: return nil
        }
        guard let count = Int64(text.dropLast()) else { return .some(nil) }
        let (product, overflow) = count.multipliedReportingOverflow(by: seconds)
        return overflow ? .some(nil) : product
    }
}
