import KMATickerModel


/// What the file or container says about a page besides its bytes.
package struct CaptureHints: Sendable, Equatable {
    /// When the page was captured, exactly, as the archiving tool recorded it.
    package var capturedAt: KSTDateTime?
    /// Which record of the capture time it is (`warc-date`, `http-date`, …).
    package var captureSource: TimeSource?
    /// The charset the HTTP head or MIME part declares (`Content-Type: …; charset=euc-kr`).
    public var charset: String?
    /// The media type declared (`text/html`), lowercase, without parameters.
    package var contentType: String?
    /// The file's modification time (used only with `--time-from mtime`).
    package var fileModifiedAt: KSTDateTime?

    public init(capturedAt: KSTDateTime? = nil, captureSource: TimeSource? = nil, charset: String? = nil,
                contentType: String? = nil, fileModifiedAt: KSTDateTime? = nil) {
        self.capturedAt = capturedAt
        self.captureSource = captureSource
        self.charset = charset
        self.contentType = contentType
        self.fileModifiedAt = fileModifiedAt
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
    package var hints: CaptureHints
    /// One of many pages of an archive (a WARC record, an MHTML frame), which may well have no
    /// ticker: if it has none, it is skipped (counted, named with `-v`), not failed.
    package var mayLackTicker: Bool
    /// A folder's file that opens as a saved site's style sheet, script, index or log does
    /// (``SiteAssetText``): if it holds no ticker, it is passed over as that (`a style sheet
    /// (CSS)`), not failed. Its opening alone never passes it over: a page that opens so and
    /// holds a ticker is read as any other.
    package var siteAssetKind: String?

    package init(bytes: [UInt8], origin: PageOrigin, hints: CaptureHints = CaptureHints(), mayLackTicker: Bool = false,
                 siteAssetKind: String? = nil) {
        self.bytes = bytes
        self.origin = origin
        self.hints = hints
        self.mayLackTicker = mayLackTicker
        self.siteAssetKind = siteAssetKind
    }
}

/// What reading an input gives, in order: pages, and everything that is not one, each with
/// its reason, so that nothing in an input goes unaccounted for.
package enum InputItem: Sendable {
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
