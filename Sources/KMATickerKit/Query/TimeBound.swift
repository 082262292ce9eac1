import Foundation

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

/// Reads `--since` and `--until`: a KST date, a KST date and time, or an age before now.
///
/// Both bounds are inclusive. A date alone means the whole day: `--since 2025-08-18` starts at
/// its 00:00, `--until 2025-08-18` ends at its 23:59:59.
public enum TimeBound {
    /// `--since`: the first Unix second included.
    public static func since(_ value: String, now: Date) throws(TimeBoundError) -> Int64 {
        try resolve(value, option: "--since", now: now, endOfDay: false)
    }

    /// `--until`: the last Unix second included.
    public static func until(_ value: String, now: Date) throws(TimeBoundError) -> Int64 {
        try resolve(value, option: "--until", now: now, endOfDay: true)
    }

    private static func resolve(_ value: String, option: String, now: Date, endOfDay: Bool) throws(TimeBoundError) -> Int64 {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let age = ageSeconds(text) {
            // An age longer than Int64 counts, or reaching before year 1, is no time.
            let (since, overflow) = Int64(now.timeIntervalSince1970).subtractingReportingOverflow(age ?? .max)
            guard age != nil, !overflow, since >= Self.earliest else {
                throw TimeBoundError(option: option, value: value, reason: "that is longer ago than any time kmaticker stores")
            }
            return since
        }
        if let time = KSTDateTime(parsing: text.replacingOccurrences(of: "T", with: " ")) { return time.unixSeconds }
        // ISO 8601 with a zone, as export writes it: 2025-08-18T10:40:00+09:00.
        if let time = PageTimeReader().isoTime(text) { return time.unixSeconds }
        let parts = text.split(separator: "-").map { Int($0) }
        if parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2],
           let day = KSTDateTime(year: y, month: m, day: d) {
            return day.unixSeconds + (endOfDay ? 86_399 : 0)
        }
        throw TimeBoundError(option: option, value: value)
    }

    /// The first second of year 1, KST: no earlier bound means anything.
    static let earliest = KSTDateTime(year: 1, month: 1, day: 1)!.unixSeconds

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
