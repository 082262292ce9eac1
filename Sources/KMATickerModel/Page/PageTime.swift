/// Where a page's "observations as of" time came from. Kept with every page, because the
/// ticker prints no observation hour of its own (`../shared/docs/ticker.md`, Time).
public enum TimeSource: String, Sendable, CaseIterable {
    // Times the page prints, in the order they are trusted.
    /// The site header's last-edit line, `최종편집: 2025-08-18 10:40`, read as KST.
    case lastEditHeader = "last-edit-header"
    /// The site header's `UPDATED. 2018-03-19 08:06:42 (월)` / `UPDATE : 2018.3.6 화 18:30`, KST.
    case updatedHeader = "updated-header"
    /// `<meta property="article:modified_time" content="2025-08-18T10:40:00+09:00">`.
    case articleModifiedTime = "article-modified-time"
    /// `<meta property="og:updated_time" …>`.
    case openGraphUpdatedTime = "og-updated-time"
    /// `<meta itemprop="dateModified" …>` (schema.org).
    case itemDateModified = "itemprop-date-modified"
    /// An article's `수정 2025.08.18 15:05` line.
    case modifiedLine = "modified-line"
    /// An article's `승인 2025.08.18 10:38` line.
    case approvedLine = "approved-line"
    /// An article's `입력 2025.08.18 10:38` (or `등록`) line.
    case enteredLine = "entered-line"
    /// `<meta property="article:published_time" …>`, when there is no modified time.
    case articlePublishedTime = "article-published-time"
    /// `<meta itemprop="datePublished" …>`.
    case itemDatePublished = "itemprop-date-published"
    /// A line that is only a date and a time, `2025년 8월 18일 10:40`.
    case dateTimeLine = "date-time-line"
    /// A line that is only a date, `2024.05.20 (월)`: kept as the printed date, never a time.
    case dateOnlyHeader = "date-only-header"
    /// The observation hour of KMA's feed, `<weather year month day hour>`: exact.
    case feed
    /// The user's `--at "YYYY-MM-DD HH:MM"`.
    case atOption = "at-option"

    // Capture times: when the page was saved, as the archiving tool recorded it.
    /// A WARC record's `WARC-Date`.
    case warcDate = "warc-date"
    /// The HTTP `Date:` header kept before the page (`wget --save-headers`, `curl -i`).
    case httpDate = "http-date"
    /// An ARC record's Archive-date (`20140216050221`, UTC).
    case arcDate = "arc-date"
    /// An MHTML file's `Date:` header (Chrome's "Save as single file").
    case mhtmlDate = "mhtml-date"
    /// SingleFile's `saved date:` comment.
    case singleFileSavedDate = "singlefile-saved-date"
    /// HTTrack's `<!-- Mirrored from HOST/PATH by HTTrack Website Copier/3.x [XR&CO'2014], Mon,
    /// 18 Aug 2025 01:02:05 GMT -->`, the time it saved the page: below every other capture time.
    case httrackComment = "httrack-comment"
    /// The file's modification time, with `--time-from mtime`.
    case fileModified = "file-mtime"
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

/// The time a page prints, kept beside the time it is stored under.
public struct PrintedTime: Sendable, Equatable {
    /// The date and time; for a date-only page, midnight of the date.
    public var time: KSTDateTime
    /// Whether the page printed only the date.
    public var isDateOnly: Bool
    public var source: TimeSource

    public init(time: KSTDateTime, isDateOnly: Bool = false, source: TimeSource) {
        self.time = time
        self.isDateOnly = isDateOnly
        self.source = source
    }

    /// `2025-08-18 10:40`, or `2025-08-18` for a date-only page.
    public var text: String { isDateOnly ? time.dateText : time.minuteText }
}

extension PageTime {
    /// How far past the present a page's time may be (clocks differ; a server's `Date:` may
    /// run ahead): a later time is refused.
    public static let clockTolerance: Int64 = 10 * 60
}
