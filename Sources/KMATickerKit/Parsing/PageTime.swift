/// Where a page's "observations as of" time came from. Kept with every page, because the
/// ticker prints no observation hour of its own (`../shared/docs/ticker.md`, Time).
public enum TimeSource: String, Sendable, CaseIterable {
    /// The site header's last-edit line, `최종편집: 2025-08-18 10:40`, read as KST.
    case lastEditHeader = "last-edit-header"
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

/// Finds a page's time in its text: the `최종편집` (last edit) line of news CMS headers.
///
/// Forms: `최종편집: 2025-08-18 10:40`, `최종편집 : 2018.3.25 일 11:24`.
final class PageTimeReader {
    private let lastEditPattern: PCRE2Regex
    private let groups: (year: Int, month: Int, day: Int, hour: Int, minute: Int)

    init() {
        do {
            lastEditPattern = try PCRE2Regex(
                #"최종\s*편집\s*:?\s*(?<year>\d{4})\s*[-./]\s*(?<month>\d{1,2})\s*[-./]\s*(?<day>\d{1,2})\.?\s*(?:\(?[월화수목금토일]\)?\s*)?(?<hour>\d{1,2}):(?<minute>\d{2})"#)
        } catch {
            fatalError("\(error)")
        }
        groups = (lastEditPattern.groupNumber("year"), lastEditPattern.groupNumber("month"),
                  lastEditPattern.groupNumber("day"), lastEditPattern.groupNumber("hour"),
                  lastEditPattern.groupNumber("minute"))
    }

    /// The first last-edit time in `lines`, or `nil` when the page prints none.
    func pageTime(in lines: [PageLine]) -> PageTime? {
        for line in lines {
            let text = Substring(line.text)
            guard let match = lastEditPattern.firstMatch(in: text) else { continue }
            func number(_ group: Int) -> Int { Int(match.group(group, in: text) ?? "") ?? -1 }
            if let time = KSTDateTime(year: number(groups.year), month: number(groups.month),
                                      day: number(groups.day), hour: number(groups.hour),
                                      minute: number(groups.minute)) {
                return PageTime(time: time, source: .lastEditHeader)
            }
        }
        return nil
    }
}
