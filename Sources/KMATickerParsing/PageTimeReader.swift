import KMATickerModel
import KMATickerText



/// Finds the time a page prints. In order: the site header's date and time (`최종편집`,
/// `UPDATED`, `UPDATE`), the article's modified times (`article:modified_time`,
/// `og:updated_time`, `itemprop="dateModified"`), its `수정`, `승인` and `입력` lines, its published
/// times, a line that is only a date and time; else a line that is only a date
/// (`2024.05.20 (월)`), which gives no hour.
///
/// Dates: `2025-08-18`, `2025.8.18.`, `2025/08/18`, `2025년 8월 18일`, perhaps with a weekday
/// (`(월)`, `월요일`). Times: `10:40`, `10:40:05`, `10시 40분`, with `오전`/`오후` or `AM`/`PM`
/// before or after. A match that is no possible date or time (`2025-02-30`, `24:00`) is kept to
/// be named if nothing else is found.
final class PageTimeReader {
    private let linePattern: PCRE2Regex
    private let isoPattern: PCRE2Regex
    private let dateOnlyPattern: PCRE2Regex
    private let dateTimeLinePattern: PCRE2Regex
    /// A header or article line's keyword and a date with no time after it (`최종편집:
    /// 2025-08-18`): the page gives only a date.
    private let keywordDatePattern: PCRE2Regex

    init() {
        do {
            // A date (-, . or / between the parts, or 년 월 일), a weekday perhaps, a time.
            let date = #"(?:(?<year>\d{4})\s*[-./]\s*(?<month>\d{1,2})\s*[-./]\s*(?<day>\d{1,2})\.?|(?<kyear>\d{4})\s*년\s*(?<kmonth>\d{1,2})\s*월\s*(?<kday>\d{1,2})\s*일)"#
            let weekday = #"(?:\s*\(?\s*[월화수목금토일](?:요일)?\s*\)?)?"#
            let meridiem = #"오전|오후|[AaPp]\.?[Mm]\.?"#
            let time = #"\s*,?\s*(?:(?<before>"# + meridiem + #")\s*)?(?<hour>\d{1,2})(?::(?<minute>\d{2})(?::(?<second>\d{2}))?|\s*시\s*(?<kminute>\d{1,2})\s*분(?:\s*(?<ksecond>\d{1,2})\s*초)?)(?:\s*(?<after>"# + meridiem + #")(?![A-Za-z]))?"#
            let keyword = #"(?:(?<edit>최종\s*(?:편집|수정))|(?<update>(?i:updated?))|(?<modified>수정)|(?<approved>승인)|(?<entered>입력|등록))(?:\s*(?:일시|시간|일))?\s*[.:]?\s*:?\s*"#
            linePattern = try PCRE2Regex(keyword + date + weekday + time)
            keywordDatePattern = try PCRE2Regex(keyword + date + weekday + #"\s*$"#)
            isoPattern = try PCRE2Regex(
                #"^\s*(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})[T ](?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:[.,]\d+)?)?\s*(?<zone>Z|[+-]\d{2}(?::?\d{2})?)?\s*$"#)
            dateOnlyPattern = try PCRE2Regex(#"^\s*"# + date + #"\s*\(\s*[월화수목금토일]\s*\)\s*$"#)
            dateTimeLinePattern = try PCRE2Regex(#"^\s*"# + date + weekday + time + #"\s*$"#)
        } catch {
            fatalError("\(error)")
        }
    }

    /// What the page says about its time.
    struct Finding: Equatable {
        /// The most trusted printed time, or the printed date of a date-only page.
        var printed: PrintedTime?
        /// A time the page prints that is not possible, as printed, when no other was found.
        var impossible: String?

        static let nothing = Finding()
    }

    func find(in lines: [PageLine], metadata: [String: String]) -> Finding {
        var candidates: [TimeSource: KSTDateTime] = [:]
        var impossible: String?
        for line in lines {
            let text = Substring(line.text)
            var searchFrom = text.startIndex
            // Several keywords may share a line (`입력 … 수정 …`): read each.
            while searchFrom < text.endIndex, let match = linePattern.firstMatch(in: text[searchFrom...]) {
                let matched = text[searchFrom...]
                let range = match.range(in: matched)
                searchFrom = range.upperBound > searchFrom ? range.upperBound : text.index(after: searchFrom)
                let source: TimeSource
                if match.group(linePattern.groupNumber("edit"), in: matched) != nil { source = .lastEditHeader }
                else if match.group(linePattern.groupNumber("update"), in: matched) != nil { source = .updatedHeader }
                else if match.group(linePattern.groupNumber("modified"), in: matched) != nil { source = .modifiedLine }
                else if match.group(linePattern.groupNumber("approved"), in: matched) != nil { source = .approvedLine }
                else { source = .enteredLine }
                guard candidates[source] == nil else { continue }
                if let time = Self.dateTime(match, in: matched, pattern: linePattern) {
                    candidates[source] = time
                } else if impossible == nil {
                    impossible = String(matched[range]).trimmingASCIISpaces()
                }
            }
        }
        for (key, source) in [("article:modified_time", TimeSource.articleModifiedTime),
                              ("og:updated_time", .openGraphUpdatedTime), ("dateModified", .itemDateModified),
                              ("article:published_time", .articlePublishedTime), ("datePublished", .itemDatePublished)] {
            guard let value = metadata[key] else { continue }
            if let time = isoTime(value) { candidates[source] = time } else if impossible == nil, isoPattern.firstMatch(in: Substring(value)) != nil {
                impossible = value
            }
        }
        if candidates.isEmpty {
            for line in lines where line.text.utf8.count < 64 {
                let text = Substring(line.text)
                guard let match = dateTimeLinePattern.firstMatch(in: text) else { continue }
                if let time = Self.dateTime(match, in: text, pattern: dateTimeLinePattern) {
                    candidates[.dateTimeLine] = time
                    break
                } else if impossible == nil {
                    impossible = line.text.trimmingASCIISpaces()
                }
            }
        }
        let order: [TimeSource] = [.lastEditHeader, .updatedHeader, .articleModifiedTime, .openGraphUpdatedTime,
                                   .itemDateModified, .modifiedLine, .approvedLine, .enteredLine,
                                   .articlePublishedTime, .itemDatePublished, .dateTimeLine]
        if let source = order.first(where: { candidates[$0] != nil }) {
            return Finding(printed: PrintedTime(time: candidates[source]!, source: source))
        }
        // `최종편집: 2025-08-18`: a header or article line that gives a date and no hour.
        for line in lines where line.text.utf8.count < 96 {
            let text = Substring(line.text)
            guard let match = keywordDatePattern.firstMatch(in: text) else { continue }
            let source: TimeSource = match.group(keywordDatePattern.groupNumber("edit"), in: text) != nil ? .lastEditHeader
                : match.group(keywordDatePattern.groupNumber("update"), in: text) != nil ? .updatedHeader : .dateOnlyHeader
            if let day = Self.dateTime(match, in: text, pattern: keywordDatePattern, needsTime: false) {
                return Finding(printed: PrintedTime(time: day, isDateOnly: true, source: source))
            } else if impossible == nil {
                impossible = line.text.trimmingASCIISpaces()
            }
        }
        for line in lines where line.text.utf8.count < 64 {
            let text = Substring(line.text)
            guard let match = dateOnlyPattern.firstMatch(in: text) else { continue }
            if let day = Self.dateTime(match, in: text, pattern: dateOnlyPattern, needsTime: false) {
                return Finding(printed: PrintedTime(time: day, isDateOnly: true, source: .dateOnlyHeader))
            } else if impossible == nil {
                impossible = line.text.trimmingASCIISpaces()
            }
        }
        return Finding(printed: nil, impossible: impossible)
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
        func number(_ names: String...) -> Int? {
            for name in names {
                let group = pattern.groupNumberIfPresent(name)
                if group >= 0, let value = match.group(group, in: text).flatMap({ Int($0) }) { return value }
            }
            return nil
        }
        guard let year = number("year", "kyear"), let month = number("month", "kmonth"), let day = number("day", "kday")
        else { return nil }
        if !needsTime { return KSTDateTime(year: year, month: month, day: day) }
        guard var hour = number("hour"), let minute = number("minute", "kminute") else { return nil }
        var meridiem: Substring?
        for name in ["before", "after"] {
            let group = pattern.groupNumberIfPresent(name)
            if group >= 0, let word = match.group(group, in: text) { meridiem = word }
        }
        if let meridiem {
            let isAfternoon = meridiem == "오후" || meridiem.lowercased().hasPrefix("p")
            guard (1...12).contains(hour) else { return nil }  // `오후 15:00` is no time
            if isAfternoon, hour < 12 { hour += 12 }
            if !isAfternoon, hour == 12 { hour = 0 }
        }
        return KSTDateTime(year: year, month: month, day: day, hour: hour, minute: minute,
                           second: number("second", "ksecond") ?? 0)
    }
}
