/// Where a page's "observations as of" time came from. Kept with every page, because the
/// ticker prints no observation hour of its own (`../shared/docs/ticker.md`, Time).
public enum TimeSource: String, Sendable, CaseIterable {
    /// The site header's last-edit line, `최종편집: 2025-08-18 10:40`, read as KST.
    case lastEditHeader = "last-edit-header"
    /// The site header's `UPDATED. 2018-03-19 08:06:42 (월)` / `UPDATE : 2018.3.6 화 18:30`, KST.
    case updatedHeader = "updated-header"
    /// `<meta property="article:modified_time" content="2025-08-18T10:40:00+09:00">`.
    case articleModifiedTime = "article-modified-time"
    /// `<meta property="article:published_time" …>`, when there is no modified time.
    case articlePublishedTime = "article-published-time"
    /// The observation hour of KMA's feed, `<weather year month day hour>`: exact.
    case feed
    /// The user's `--at "YYYY-MM-DD HH:MM"`.
    case atOption = "at-option"
}

/// The time a page's observations are stored under, and how it was found.
public struct PageTime: Sendable, Equatable {
    public var time: KSTDateTime
    public var source: TimeSource

    public init(time: KSTDateTime, source: TimeSource) {
        self.time = time
        self.source = source
    }
}

/// Finds a page's time: the site header's date and time (`최종편집`, `UPDATED`, `UPDATE`),
/// else the article's `<meta>` times; a page that prints only a date gets no invented hour.
///
/// Forms: `최종편집: 2025-08-18 10:40`, `최종편집 : 2018.3.25 일 11:24`,
/// `UPDATED. 2018-03-19 08:06:42 (월)`, `UPDATE : 2018.3.6 화 18:30`,
/// `article:modified_time` / `article:published_time` in ISO 8601 with a zone, and the
/// date-only `2024.05.20 (월)`.
final class PageTimeReader {
    private let headerPattern: PCRE2Regex
    private let isoPattern: PCRE2Regex
    private let dateOnlyPattern: PCRE2Regex

    init() {
        do {
            // A keyword, then a date (-, . or / between the parts), a weekday perhaps, a time.
            let date = #"(?<year>\d{4})\s*[-./]\s*(?<month>\d{1,2})\s*[-./]\s*(?<day>\d{1,2})\.?"#
            let weekday = #"(?:\s*\(?\s*[월화수목금토일](?:요일)?\s*\)?)?"#
            let time = #"\s*(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?"#
            headerPattern = try PCRE2Regex(
                #"(?:(?<edit>최종\s*편집)|(?<update>(?i:updated?)))\s*[.:]?\s*:?\s*"# + date + weekday + time)
            isoPattern = try PCRE2Regex(
                #"^\s*(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})[T ](?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:[.,]\d+)?)?\s*(?<zone>Z|[+-]\d{2}(?::?\d{2})?)?\s*$"#)
            dateOnlyPattern = try PCRE2Regex(
                #"^\s*"# + date + #"\s*\(\s*[월화수목금토일]\s*\)\s*$"#)
        } catch {
            fatalError("\(error)")
        }
    }

    /// What the page says about its time.
    enum Finding: Equatable {
        case time(PageTime)
        /// Only a date, `YYYY-MM-DD`.
        case dateOnly(String)
        case nothing
    }

    /// The page's time: a header with date and time first, then the article's modified and
    /// published times; else a date-only header, else nothing.
    func find(in lines: [PageLine], metadata: [String: String]) -> Finding {
        for line in lines {
            let text = Substring(line.text)
            guard let match = headerPattern.firstMatch(in: text),
                  let time = Self.dateTime(match, in: text, pattern: headerPattern) else { continue }
            let isUpdate = match.group(headerPattern.groupNumber("update"), in: text) != nil
            return .time(PageTime(time: time, source: isUpdate ? .updatedHeader : .lastEditHeader))
        }
        for (key, source) in [("article:modified_time", TimeSource.articleModifiedTime),
                              ("article:published_time", .articlePublishedTime)] {
            if let value = metadata[key], let time = isoTime(value) { return .time(PageTime(time: time, source: source)) }
        }
        for line in lines where line.text.utf8.count < 64 {
            let text = Substring(line.text)
            if let match = dateOnlyPattern.firstMatch(in: text),
               let day = Self.dateTime(match, in: text, pattern: dateOnlyPattern, needsTime: false) {
                return .dateOnly(String(day.iso8601.prefix(10)))
            }
        }
        return .nothing
    }

    /// An ISO 8601 date-time with a zone (`2025-08-18T10:40:00+09:00`, `…Z`), as KST; without
    /// a zone it is read as KST.
    func isoTime(_ value: String) -> KSTDateTime? {
        let text = Substring(value)
        guard let match = isoPattern.firstMatch(in: text),
              let wallClock = Self.dateTime(match, in: text, pattern: isoPattern) else { return nil }
        guard let zone = match.group(isoPattern.groupNumber("zone"), in: text) else { return wallClock }
        var offsetSeconds: Int64 = 0
        if zone != "Z" {
            let digits = zone.dropFirst().filter(\.isNumber)
            let hours = Int64(digits.prefix(2)) ?? 0
            let minutes = Int64(digits.dropFirst(2)) ?? 0
            offsetSeconds = (hours * 3600 + minutes * 60) * (zone.first == "-" ? -1 : 1)
        }
        // The wall clock was read as KST; shift it to the zone it was written in.
        return KSTDateTime(unixSeconds: wallClock.unixSeconds + KSTDateTime.offsetSeconds - offsetSeconds)
    }

    private static func dateTime(_ match: PCRE2Regex.Match, in text: Substring, pattern: PCRE2Regex,
                                 needsTime: Bool = true) -> KSTDateTime? {
        func number(_ name: String) -> Int? { match.group(pattern.groupNumber(name), in: text).flatMap { Int($0) } }
        guard let year = number("year"), let month = number("month"), let day = number("day") else { return nil }
        if !needsTime { return KSTDateTime(year: year, month: month, day: day) }
        guard let hour = number("hour"), let minute = number("minute") else { return nil }
        return KSTDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: number("second") ?? 0)
    }
}
