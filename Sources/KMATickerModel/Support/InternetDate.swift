/// The date forms archiving tools write, read into KST: HTTP's and MIME's `Date:` (RFC 5322 /
/// RFC 9110: `Mon, 18 Aug 2025 01:45:12 GMT`, `18 Aug 2025 01:45:12 -0000`), WARC's
/// `WARC-Date` (ISO 8601 in UTC, `2025-08-18T01:45:12Z`, perhaps with a fraction), and
/// JavaScript's `Date.toString()` that SingleFile writes (`Mon Aug 18 2025 10:45:12 GMT+0900
/// (한국 표준시)`).
public enum InternetDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// An HTTP or MIME date in any of the three forms RFC 9110 says to accept: RFC 5322's
    /// (the day name and the seconds optional), RFC 850's (`Monday, 18-Aug-25 07:02:31 GMT`) and
    /// C's asctime (`Mon Aug 18 07:02:31 2025`, GMT).
    public static func rfc5322(_ text: String) -> KSTDateTime? {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        // asctime: day-name month day time year
        if words.count == 5, Int(words[0]) == nil, month(words[1]) != nil, let day = Int(words[2]), words[3].contains(":"),
           words[4].count == 4, words[4].allSatisfy(\.isASCII), let year = Int(words[4]) {
            return instant(year: year, month: month(words[1])!, day: day, time: words[3], zone: "GMT")
        }
        // RFC 850: day-name, DD-Mon-YY time zone
        if words.count >= 3, words[1].split(separator: "-").count == 3 {
            let parts = words[1].split(separator: "-").map(String.init)
            words = [words[0], parts[0], parts[1], parts[2]] + words[2...]
        }
        if let first = words.first, first.count >= 3, Int(first) == nil, month(first) == nil { words.removeFirst() }
        // day month year time zone
        guard words.count >= 4, let day = Int(words[0]), let month = month(words[1]), var year = Int(words[2])
        else { return nil }
        if words[2].count == 2 { year += year < 50 ? 2000 : 1900 }
        let zone = words.count >= 5 ? words[4] : "GMT"
        return instant(year: year, month: month, day: day, time: words[3], zone: zone)
    }

    /// JavaScript's `Date.prototype.toString()`: `Mon Aug 18 2025 10:45:12 GMT+0900 (…)`.
    public static func javaScript(_ text: String) -> KSTDateTime? {
        let words = text.split(separator: " ").map(String.init)
        // weekday month day year time zone
        guard words.count >= 6, let month = month(words[1]), let day = Int(words[2]), let year = Int(words[3])
        else { return nil }
        return instant(year: year, month: month, day: day, time: words[4], zone: words[5])
    }

    /// `2025-08-18T01:45:12Z`, `2025-08-18T01:45:12.123456Z`, `2025-08-18T10:45:12+09:00`.
    /// A date alone (WARC allows `2025-08-18`) is no time: `nil`, for kmaticker never invents
    /// an hour.
    public static func iso8601(_ text: String) -> KSTDateTime? {
        let text = text.trimmingASCIISpaces()
        let parts = text.split(separator: "T", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-").compactMap { Int($0) }
        guard date.count == 3 else { return nil }
        var clock = parts[1]
        var zone = "Z"
        if clock.hasSuffix("Z") {
            clock.removeLast()
        } else if let sign = clock.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            zone = String(clock[sign...])
            clock = String(clock[..<sign])
        }
        if let dot = clock.firstIndex(of: ".") { clock = String(clock[..<dot]) }
        return instant(year: date[0], month: date[1], day: date[2], time: clock, zone: zone)
    }

    /// `20140216050221`: fourteen digits, `YYYYMMDDhhmmss` in UTC, as ARC files (and CDX
    /// indexes, and Wayback addresses) write a capture time; `nil` for other lengths or an
    /// impossible date or time.
    public static func digits14(_ text: String) -> KSTDateTime? {
        let digits = Array(text.utf8)
        guard digits.count == 14, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let time = "\(number(8..<10)):\(number(10..<12)):\(number(12..<14))"
        return instant(year: number(0..<4), month: number(4..<6), day: number(6..<8), time: time, zone: "Z")
    }

    private static func month(_ word: String) -> Int? {
        months.firstIndex(of: String(word.lowercased().prefix(3))).map { $0 + 1 }
    }

    /// The instant of a wall-clock time in `zone` (`GMT`, `UTC`, `UT`, `Z`, `KST`, `+0900`,
    /// `-0000`, `+09:00`, `GMT+0900`), as KST; `nil` for an impossible date or time.
    private static func instant(year: Int, month: Int, day: Int, time: String, zone: String) -> KSTDateTime? {
        let clock = time.split(separator: ":").map { Int($0) }
        guard (2...3).contains(clock.count), let hour = clock[0], let minute = clock[1] else { return nil }
        let second = clock.count == 3 ? clock[2] : 0
        guard let second, let offset = offsetSeconds(zone),
              // Read the wall clock as if it were KST, then shift by the zone's own offset.
              let wall = KSTDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return KSTDateTime(unixSeconds: wall.unixSeconds + KSTDateTime.offsetSeconds - offset)
    }

    private static func offsetSeconds(_ zone: String) -> Int64? {
        var zone = zone.uppercased()
        switch zone {
        case "GMT", "UT", "UTC", "Z": return 0
        case "KST": return KSTDateTime.offsetSeconds
        default: break
        }
        if zone.hasPrefix("GMT") || zone.hasPrefix("UTC") { zone.removeFirst(3) }
        guard let sign = zone.first, sign == "+" || sign == "-" else { return nil }
        let digits = zone.dropFirst().filter { $0 != ":" }
        guard digits.count == 4 || digits.count == 2, digits.allSatisfy(\.isASCII), let number = Int(digits) else { return nil }
        let hours = digits.count == 4 ? number / 100 : number
        let minutes = digits.count == 4 ? number % 100 : 0
        guard hours <= 14, minutes < 60 else { return nil }
        return Int64(hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
    }
}
