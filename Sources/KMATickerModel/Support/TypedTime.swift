/// A time as a user types it for `--at`, `--since` and `--until`: one rule for all three, taking
/// the forms kmaticker reads on pages and a few of its own. All KST.
///
/// - a date: `2025-08-18`, `2025.08.18`, `2025/08/18` (one separator throughout), `today`,
///   `yesterday`;
/// - a date and a time of day: any of those, then a space or `T`, then `HH:MM` or `HH:MM:SS`
///   (`2025-08-18 10:40`, `2025.08.18 10:40:30`, `yesterday 09:00`); ISO 8601 with a zone as
///   `export` writes it (`2025-08-18T10:40:00+09:00`) is read in its zone;
/// - an age before now: a whole number and `m` (minutes), `h`, `d`, `w` (weeks) or `y` (365 days):
///   `30m`, `24h`, `7d`, `2w`, `1y`.
///
/// A time is as precise as it is typed: a date covers its day, `10:45` its minute, `10:45:12`
/// its second (``Span``), so that a row shown as `10:45` is found by `--since 10:45 --until
/// 10:45` whatever its seconds.
public enum TypedTime: Sendable, Equatable {
    case age(seconds: Int64)
    /// A calendar day, `daysBefore` the day of "now" when `relative` (`today` 0, `yesterday` 1).
    case day(Day)
    /// A time of day on a day, to the minute or to the second.
    case time(Day, hour: Int, minute: Int, second: Int?)
    /// An instant in another zone (ISO 8601 with its offset), to the minute or to the second.
    case instant(unixSeconds: Int64, toTheSecond: Bool)

    public enum Day: Sendable, Equatable {
        case date(year: Int, month: Int, day: Int)
        case relative(daysBefore: Int)
    }

    /// The first and last second a typed time covers.
    public struct Span: Sendable, Equatable {
        public let first: Int64
        public let last: Int64
    }

    /// Ages up to the span from year 1 to year 9999: anything longer reaches before any time.
    public static let longestAge: Int64 = 10_000 * 366 * 86_400

    /// What `text` is, `nil` when it is none of the forms, or `.failure` with the reason when
    /// it has a form but no possible value (`2025-02-30`, `25:00`, an age too long to count).
    public static func parse(_ typed: String) -> Result<TypedTime, Refusal>? {
        let text = typed.trimmingWhitespace()
        if text.hasPrefix("-"), case .some = ageSeconds(String(text.dropFirst())) {
            return .failure(.init("an age counts back from now without a sign: write \(text.dropFirst())"))
        }
        if let age = ageSeconds(text) {
            guard let age, age <= longestAge else { return .failure(.init("that is longer ago than any time kmaticker stores")) }
            return .success(.age(seconds: age))
        }
        if let local = localTime(text) { return local }
        // ISO 8601 with a zone, as export writes it (2025-08-18T10:40:00+09:00).
        if let (instant, seconds) = isoInstantWithZone(text) { return .success(.instant(unixSeconds: instant, toTheSecond: seconds)) }
        return nil
    }

    /// A KST date, or a date and a time of day (`2025.08.18 10:40`, `yesterday 09:00:30`); `nil`
    /// when `text` has another form.
    private static func localTime(_ text: String) -> Result<TypedTime, Refusal>? {
        var words = text.split(separator: " ").map(String.init)
        // `2025-08-18T10:40`: ISO's T between the date and the time.
        if words.count == 1, let t = words[0].firstIndex(of: "T"), t > words[0].startIndex,
           words[0][words[0].index(before: t)].isNumber {
            words = [String(words[0][..<t]), String(words[0][words[0].index(after: t)...])]
        }
        guard (1...3).contains(words.count), let day = day(words[0]) else { return nil }
        switch day {
        case .failure(let refusal): return .failure(refusal)
        case .success(let day):
            if words.count == 1 { return .success(.day(day)) }
            guard words.count == 2 else { return nil }
            let clock = words[1].split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(clock.count), clock.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
                return nil
            }
            let hour = Int(clock[0])!, minute = Int(clock[1])!, second = clock.count == 3 ? Int(clock[2])! : nil
            guard hour < 24, minute < 60, (second ?? 0) < 60 else { return .failure(.init("\(words[1]) is no time of day")) }
            return .success(.time(day, hour: hour, minute: minute, second: second))
        }
    }

    /// Why a typed time has no value.
    public struct Refusal: Error, Sendable, Equatable {
        public let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The seconds the time covers, `now` being now; `nil` when it falls outside the years
    /// kmaticker stores (an age reaching before year 1).
    public func span(now: KSTDateTime) -> Span? {
        switch self {
        case .age(let seconds):
            let moment = now.unixSeconds - seconds
            guard moment >= Self.earliest else { return nil }
            return Span(first: moment, last: moment)
        case .day(let day):
            guard let start = Self.start(of: day, now: now) else { return nil }
            return Span(first: start, last: start + 86_399)
        case .time(let day, let hour, let minute, let second):
            guard let start = Self.start(of: day, now: now) else { return nil }
            let moment = start + Int64(hour * 3600 + minute * 60 + (second ?? 0))
            return Span(first: moment, last: moment + (second == nil ? 59 : 0))
        case .instant(let seconds, let toTheSecond):
            return Span(first: seconds, last: seconds + (toTheSecond ? 0 : 59))
        }
    }

    /// Whether the time names a moment (an age, a time of day, an instant), not a whole day.
    public var isMoment: Bool {
        if case .day = self { return false }
        return true
    }

    /// The first second of year 1, KST: no earlier bound means anything.
    public static let earliest = KSTDateTime(year: 1, month: 1, day: 1)!.unixSeconds

    private static func start(of day: Day, now: KSTDateTime) -> Int64? {
        switch day {
        case .date(let year, let month, let day):
            return KSTDateTime(year: year, month: month, day: day)?.unixSeconds
        case .relative(let daysBefore):
            return KSTDateTime(year: now.year, month: now.month, day: now.day)!.unixSeconds - Int64(daysBefore) * 86_400
        }
    }

    /// `2025-08-18`, `2025.08.18`, `2025/08/18`, `today`, `yesterday`; `nil` when `word` is no
    /// date, a refusal when it is one that does not exist.
    private static func day(_ word: String) -> Result<Day, Refusal>? {
        switch word.lowercased() {
        case "today": return .success(.relative(daysBefore: 0))
        case "yesterday": return .success(.relative(daysBefore: 1))
        default: break
        }
        guard let separator = word.first(where: { $0 == "-" || $0 == "." || $0 == "/" }) else { return nil }
        let parts = word.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let (year, month, day) = (Int(parts[0])!, Int(parts[1])!, Int(parts[2])!)
        guard KSTDateTime(year: year, month: month, day: day) != nil else { return .failure(.init("there is no such day")) }
        return .success(.date(year: year, month: month, day: day))
    }

    /// `30m`, `24h`, `7d`, `2w`, `1y` in seconds: `nil` when `text` is no age, `.some(nil)` when
    /// it is one too long to count in seconds (`9999999999999999w`).
    public static func ageSeconds(_ text: String) -> Int64?? {
        guard let unit = text.last, !text.dropLast().isEmpty, text.dropLast().allSatisfy(\.isASCII),
              text.dropLast().allSatisfy(\.isNumber) else { return nil }
        let seconds: Int64
        switch unit {
        case "m": seconds = 60
        case "h": seconds = 3600
        case "d": seconds = 86_400
        case "w": seconds = 7 * 86_400
        case "y": seconds = 365 * 86_400
        default: return nil
        }
        guard let count = Int64(text.dropLast()) else { return .some(nil) }
        let (product, overflow) = count.multipliedReportingOverflow(by: seconds)
        return overflow ? .some(nil) : product
    }

    /// ISO 8601 with its zone (`2025-08-18T10:40:00+09:00`, `…Z`, `… 10:40 +0900`) as Unix
    /// seconds; `nil` without a zone, or without a four-digit year: those are KST, and read
    /// above or refused (InternetDate would take a time without a zone as UTC).
    /// Whether it gives seconds (`10:40:00+09:00`) is returned too: `10:40+09:00` covers its minute.
    private static func isoInstantWithZone(_ text: String) -> (Int64, Bool)? {
        let compact = compactISO8601(text)
        let characters = Array(compact)
        guard characters.count > 11, characters[0..<4].allSatisfy({ $0.isASCII && $0.isNumber }), characters[4] == "-",
              let t = characters.firstIndex(of: "T") else { return nil }
        let clock = characters[(t + 1)...]
        guard clock.last == "Z" || clock.contains("+") || clock.contains("-") else { return nil }
        let wallClock = clock.prefix { $0 != "Z" && $0 != "+" && $0 != "-" }
        guard let instant = InternetDate.iso8601(compact)?.unixSeconds else { return nil }
        return (instant, wallClock.filter { $0 == ":" }.count >= 2)
    }

    /// `text` as `InternetDate.iso8601` reads it: a space for the `T` and spaces before the zone
    /// taken out, a comma for the decimal point made a point (`2025-08-18 10:40 +09:00` →
    /// `2025-08-18T10:40+09:00`).
    private static func compactISO8601(_ text: String) -> String {
        let words = text.split(separator: " ")
        guard let first = words.first else { return text }
        let joined = first.contains("T") ? words.joined() : first + "T" + words.dropFirst().joined()
        return joined.replacingEvery(",", with: ".")
    }

    /// The forms, for messages.
    public static let forms = "a KST date (2025-08-18, 2025.08.18, 2025/08/18, today, yesterday), a date and time (\"2025-08-18 10:40\", \"yesterday 09:00:30\", or ISO 8601 as export writes it) or an age (30m, 24h, 7d, 2w, 1y)"
}
