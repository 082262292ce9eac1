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
    /// The page has no run of lines shaped like ticker items.
    case noTicker
    /// No page time was found and `--at` was not given.
    case noTime

    public var description: String {
        switch self {
        case .unreadable(let reason): return "cannot read the file: \(reason)"
        case .empty: return "the file is empty"
        case .blank: return "the file holds only whitespace"
        case .binary: return "the file is binary data, not a saved page (text or HTML)"
        case .noTicker: return "no KMA weather ticker found in the page"
        case .noTime:
            return "no page time found (no '최종편집' line); give one with --at \"YYYY-MM-DD HH:MM\" (KST)"
        }
    }
}
