/// Where a page came from: the file the user named, and the record or part within it when the
/// file is a container (a WARC, an MHTML), with the page's URI when the container gives one.
public struct PageOrigin: Sendable, Equatable, CustomStringConvertible {
    /// The path as given (`-` for standard input).
    public var path: String
    /// Which record or part of a container (`record 7`, `part 1`, `weather 2`); `nil` for a
    /// file that is one page.
    public var record: String?
    /// The page's address, when the container records it (`WARC-Target-URI`,
    /// `Snapshot-Content-Location`, SingleFile's `url:`).
    public var uri: String?
    /// One of the many pages a file holds (a WARC record, a page of an extract shard), which
    /// `ingest` lists only with `-v`.
    public var isOneOfMany: Bool

    public init(path: String, record: String? = nil, uri: String? = nil, isOneOfMany: Bool = false) {
        self.path = path
        self.record = record
        self.uri = uri
        self.isOneOfMany = isOneOfMany
    }

    /// The name stored as the page's `source`: the file's name, or `stdin`.
    public var fileName: String {
        if path == "-" { return "stdin" }
        return path.split(separator: "/").last.map(String.init) ?? path
    }

    /// `page.html`, or `site.warc.gz[record 7 http://…/a.html]` for a page inside a container:
    /// the name messages use.
    public var description: String {
        guard let record else { return path }
        return "\(path)[\(record)\(uri.map { " " + $0 } ?? "")]"
    }
}

/// What the file or container says about a page besides its bytes.
public struct CaptureHints: Sendable, Equatable {
    /// When the page was captured, exactly, as the archiving tool recorded it.
    public var capturedAt: KSTDateTime?
    /// Which record of the capture time it is (`warc-date`, `http-date`, …).
    public var captureSource: TimeSource?
    /// The charset the HTTP head or MIME part declares (`Content-Type: …; charset=euc-kr`).
    public var charset: String?
    /// The media type declared (`text/html`), lowercase, without parameters.
    public var contentType: String?
    /// The file's modification time (used only with `--time-from mtime`).
    public var fileModifiedAt: KSTDateTime?

    public init(capturedAt: KSTDateTime? = nil, captureSource: TimeSource? = nil, charset: String? = nil,
                contentType: String? = nil, fileModifiedAt: KSTDateTime? = nil) {
        self.capturedAt = capturedAt
        self.captureSource = captureSource
        self.charset = charset
        self.contentType = contentType
        self.fileModifiedAt = fileModifiedAt
    }
}

extension CaptureHints {
    /// When the page was captured: what its container says, else its file's modification time
    /// when `options` asks for that (`--time-from mtime`).
    func captureTime(options: TimeOptions) -> PageTime? {
        if let capturedAt, let captureSource { return PageTime(time: capturedAt, source: captureSource) }
        if options.fileModificationIsCaptureTime, let fileModifiedAt { return PageTime(time: fileModifiedAt, source: .fileModified) }
        return nil
    }
}

/// One page as an input yields it: its bytes (as the server sent them, after HTTP transfer and
/// content decoding), where it came from, and what its container says about it.
public struct CapturedPage: Sendable {
    /// The page as its server sent it (transfer and content coding undone, a container's
    /// framing removed); a plain file's bytes as they are.
    public var bytes: [UInt8]
    /// Where it came from, for messages and the store's provenance.
    public var origin: PageOrigin
    /// What the container says about it.
    public var hints: CaptureHints
    /// One of many pages of an archive (a WARC record, an MHTML frame), which may well have no
    /// ticker: if it has none, it is skipped (counted, named with `-v`), not failed.
    public var mayLackTicker: Bool

    public init(bytes: [UInt8], origin: PageOrigin, hints: CaptureHints = CaptureHints(), mayLackTicker: Bool = false) {
        self.bytes = bytes
        self.origin = origin
        self.hints = hints
        self.mayLackTicker = mayLackTicker
    }
}

/// What reading an input gives, in order: pages, and everything that is not one, each with
/// its reason, so that nothing in an input goes unaccounted for.
public enum InputItem: Sendable {
    /// A page to parse.
    case page(CapturedPage)
    /// A page read already, from a shard `kmaticker extract` wrote: `origin` is the page's own
    /// (the file it was extracted from).
    case extracted(TickerPage, PageProvenance, PageOrigin)
    /// Not a page, by what the container or the file says (a revisit record, an image, an
    /// HTTP 404): counted, and named with `-v`.
    case skipped(PageOrigin, reason: String)
    /// Something that should have been a page and could not be read.
    case failed(PageOrigin, PageError)
    /// A problem with the container that cost nothing, or whose cost is named (bytes between
    /// records that belong to none, a damaged gzip member skipped).
    case warning(Diagnostic)
}
