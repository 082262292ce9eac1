/// Why a file could not be read as a page with a weather ticker. Each case is one plain reason
/// the user can act on; the file name is added by whoever reports it.
public enum PageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read (missing, a directory, no permission).
    case unreadable(String)
    /// Zero bytes.
    case empty
    /// Only whitespace.
    case blank
    /// NUL bytes or control characters: not a text or HTML page.
    case binary
    /// The page has no KMA ticker: no run of lines shaped like ticker items, or only blocks
    /// that are no ticker (weather prose, forecast tables, city lists), named in `notTickers`
    /// for `-v`.
    case noTicker(notTickers: [NotATicker])
    /// Lines look like ticker items but none is whole (`흐림속초27.8`, no unit): the first one.
    case malformedTicker(line: Int, text: String)
    /// No page time was found and `--at` was not given.
    case noTime
    /// The page prints only a date (`2024.05.20 (월)`); kmaticker never invents the hour.
    case dateOnly(String)
    /// The bytes are not text in any charset kmaticker can tell (`why` says more).
    case undecodable(String)
    /// Larger than kmaticker reads (after decompression).
    case tooLarge(limit: Int)
    /// A record or part of an archive is damaged (cut short, its gzip data broken).
    case damagedRecord(String)
    /// A package of archives (a WACZ's zip) cannot be opened at all: its own structure is
    /// damaged, or it is no such package (`why` says which).
    case damagedArchive(String)
    /// A line given as a row of a crawl's index (`extract --records-from`) that is none.
    case badIndexRow(String)
    /// Lines of a `kmaticker extract` shard that cannot be a page kmaticker extracted.
    case badShardLines(String)
    /// The page's time is not a possible date or time (`2025-02-30`, `24:00`): as printed.
    case impossibleTime(String)
    /// The page's time is later than now (beyond a few minutes' clock difference).
    case futureTime(KSTDateTime, source: String)
    /// The store refused the page (a constraint, a value it cannot hold): the page's
    /// savepoint was rolled back and the run went on.
    case storeRefused(String)

    public var description: String {
        switch self {
        case .unreadable(let reason): return "cannot read the file: \(reason)"
        case .empty: return "the file is empty"
        case .blank: return "the file holds only whitespace"
        case .binary: return "the file is binary data, not a saved page (text or HTML)"
        case .noTicker: return "no KMA weather ticker found in the page"
        case .malformedTicker(let line, let text):
            return "the ticker's items are malformed (line \(line): '\(text)'); nothing was stored"
        case .noTime:
            return "no page time found (no '최종편집' or 'UPDATED' line, no article time); give one with --at \"YYYY-MM-DD HH:MM\" (KST)"
        case .dateOnly(let date):
            return "the page gives only a date (\(date)), no hour; give the time with --at \"\(date) HH:MM\" (KST)"
        case .undecodable(let why):
            return "the file is not text kmaticker can decode: \(why)"
        case .tooLarge(let limit):
            return "the page is larger than \(limit / 1_048_576) MiB"
        case .damagedRecord(let why):
            return "the archive record is damaged: \(why)"
        case .badIndexRow(let why):
            return "not an index row ('warc_filename offset length [url]'): \(why)"
        case .damagedArchive(let why):
            return "the archive cannot be read: \(why)"
        case .badShardLines(let why):
            return "these lines of a kmaticker extract shard cannot be loaded: \(why)"
        case .impossibleTime(let printed):
            return "the page's time '\(printed)' is not a possible date and time; give one with --at \"YYYY-MM-DD HH:MM\" (KST)"
        case .futureTime(let time, let source):
            if source == TimeSource.atOption.rawValue { return "--at \(time) is in the future; give the time the page was captured" }
            return "the page's time \(time) (from \(source)) is in the future; give the right one with --at \"YYYY-MM-DD HH:MM\" (KST)"
        case .storeRefused(let reason):
            return "the store refused the page: \(reason); nothing of it was stored"
        }
    }
}
