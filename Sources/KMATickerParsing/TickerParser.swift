import KMATickerInput
import KMATickerModel
import KMATickerText

/// How a page's time is decided (``PageTimeDecision``).
public struct TimeOptions: Sendable, Equatable {
    /// `--at`: this time for every page, over anything else.
    public var at: KSTDateTime?
    /// `--time-from mtime`: a page with no capture time from its container is taken as captured
    /// when its file was last modified.
    public var fileModificationIsCaptureTime: Bool
    /// The present, for refusing times in the future (`nil`: the clock).
    public var now: KSTDateTime?

    public init(at: KSTDateTime? = nil, fileModificationIsCaptureTime: Bool = false, now: KSTDateTime? = nil) {
        self.at = at
        self.fileModificationIsCaptureTime = fileModificationIsCaptureTime
        self.now = now
    }
}

/// Reads a saved page into a ``TickerPage``: bytes → text (any charset, HTML or text capture)
/// → ticker items → observations with stations (inferred where the order allows), condition,
/// °C and the page's time. KMA's feed is read too, into the same observations.
///
/// Not shareable across threads (it owns compiled patterns); make one per thread.
public final class TickerParser {
    private let registry: StationRegistry
    private let inferStations: Bool
    private let readsRegions: Bool
    private let namesNotTickers: Bool
    private let reader = PageReader()
    private let tickerReader: TickerReader
    private let evidenceScan: TickerEvidenceScan
    private let timeReader = PageTimeReader()

    /// - Parameters:
    ///   - registry: the stations items are named and inferred from (no default: the caller
    ///     says which, so that one given to an ingest reaches every parser).
    ///   - inferStations: give nameless items their station from the ticker's order
    ///     (`--no-infer` turns it off).
    ///   - readsRegions: read only the regions of a page where the ticker and the time can be,
    ///     and the whole page when they are not found there or the ticker reaches a region's
    ///     edge (the default, and much faster); `false` always reads whole pages (tests compare
    ///     the two on every fixture and every generated page).
    ///   - namesNotTickers: read every page that holds Hangul or a unit, so that its blocks that
    ///     look like ticker items but are no ticker are named (`-v`), instead of rejecting most
    ///     Korean pages by ``TickerEvidenceScan`` first. Either way the same observations are stored.
    public init(registry: StationRegistry, inferStations: Bool = true, readsRegions: Bool = true, namesNotTickers: Bool = false) {
        self.registry = registry
        self.inferStations = inferStations
        self.readsRegions = readsRegions
        self.namesNotTickers = namesNotTickers
        tickerReader = TickerReader(registry: registry, inferStations: inferStations)
        evidenceScan = TickerEvidenceScan(registry: registry)
    }

    /// Parses a file's bytes. `file` names it in diagnostics; `time` (from `--at`) overrides
    /// the page's own time. A feed with several hours gives its first here (see
    /// ``parse(_:options:)``).
    public func parse(_ bytes: [UInt8], file: String, time: KSTDateTime? = nil) throws(PageError) -> TickerPage {
        try parse(CapturedPage(bytes: bytes, origin: PageOrigin(path: file)), options: TimeOptions(at: time))[0]
    }

    /// A captured page decoded, before its text is read; see ``prepare(_:)``.
    package struct PreparedPage {
        let page: CapturedPage
        let decoded: PageReader.DecodedPage
        /// The page cannot hold a ticker, and parsing it would throw ``PageError/noTicker``: it
        /// has no Hangul, no temperature unit and no reference that could stand for one (an
        /// English page), or it lacks what every ticker prints (``TickerEvidenceScan``: a Korean
        /// page without one). Only said when this parser reads regions; the tests' whole-page
        /// reading parses every page.
        public let cannotHoldTicker: Bool
    }

    /// Decodes a captured page and tells, by byte scans, whether it can hold a ticker at all:
    /// most of a crawl cannot, and need not be hashed, looked up or parsed.
    package func prepare(_ page: CapturedPage) throws(PageError) -> PreparedPage {
        let decoded = try reader.decode(page.bytes, declaredCharset: page.hints.charset)
        let cannotHoldTicker = readsRegions && decoded.format != .feed
            && (!decoded.mayHoldTickerItem
                || (!namesNotTickers && !evidenceScan.scan(decoded.utf8, markup: decoded.format == .html).mayHoldTicker))
        return PreparedPage(page: page, decoded: decoded, cannotHoldTicker: cannotHoldTicker)
    }

    /// Parses a captured page, with what its container says, into one page (a feed: one per
    /// hour).
    public func parse(_ page: CapturedPage, options: TimeOptions) throws(PageError) -> [TickerPage] {
        try parse(try prepare(page), options: options)
    }

    /// Parses a page ``prepare(_:)`` decoded.
    package func parse(_ prepared: PreparedPage, options: TimeOptions) throws(PageError) -> [TickerPage] {
        let page = prepared.page, decoded = prepared.decoded
        let file = page.origin.description
        if decoded.format == .feed {
            let text = try reader.text(of: decoded, regionsOnly: false)
            return try feedPages(text.feed!, charset: text.charset, decodingNotes: text.decodingNotes, file: file,
                                 hints: page.hints, options: options)
        }
        // Most of a crawl: no Hangul and no unit anywhere, or not what every ticker prints.
        // (Reading whole pages, the tests' way, still parses them: they compare the two.)
        guard !prepared.cannotHoldTicker else { throw .noTicker(notTickers: []) }
        // The text layer reads the regions first and the whole page when they do not settle it.
        let hints = page.hints
        return [try reader.read(decoded, regionsFirst: readsRegions,
                                regions: { text throws(PageError) -> RegionVerdict<TickerPage> in
                                    try parse(regionsOf: text, file: file, hints: hints, options: options)
                                },
                                wholePage: { text throws(PageError) -> TickerPage in
                                    try parse(text, file: file, hints: hints, options: options)
                                })]
    }

    /// Parses a page already decoded.
    public func parse(_ text: PageText, file: String, time: KSTDateTime? = nil) throws(PageError) -> TickerPage {
        if let feed = text.feed {
            return try feedPages(feed, charset: text.charset, decodingNotes: text.decodingNotes, file: file,
                                 hints: CaptureHints(), options: TimeOptions(at: time))[0]
        }
        return try parse(text, file: file, hints: CaptureHints(), options: TimeOptions(at: time))
    }

    /// Parses the text of a page's regions: the page, when they settle it; otherwise
    /// ``RegionVerdict/readWholePage``, when the ticker may go on beyond them, or is not found in
    /// them, or the time the page prints is not found in them or may be beaten by one elsewhere.
    func parse(regionsOf text: PageText, file: String, hints: CaptureHints,
                       options: TimeOptions) throws(PageError) -> RegionVerdict<TickerPage> {
        let reading = tickerReader.read(text.lines)
        guard !reading.touchesRegionBreak, !reading.observations.isEmpty else { return .readWholePage }
        let finding = timeReader.find(in: text.lines, metadata: text.metadata)
        // The regions hold every header and modified time near the top; a time of a kind
        // trusted less may give way to one elsewhere in the page.
        guard let printed = finding.printed, Self.timesTheRegionsSettle.contains(printed.source) else { return .readWholePage }
        do {
            return .settled(try page(of: text, reading: reading, time: finding, file: file, hints: hints, options: options))
        } catch .noTime, .dateOnly, .impossibleTime {
            // A time the page's other lines may give instead.
            return .readWholePage
        }
    }

    /// Parses the text of a whole page, which decides.
    private func parse(_ text: PageText, file: String, hints: CaptureHints, options: TimeOptions) throws(PageError) -> TickerPage {
        let reading = tickerReader.read(text.lines)
        return try page(of: text, reading: reading, time: timeReader.find(in: text.lines, metadata: text.metadata),
                        file: file, hints: hints, options: options)
    }

    /// The page of a ticker read and a time found, or why there is none.
    private func page(of text: PageText, reading: TickerReader.Reading, time finding: PageTimeReader.Finding,
                      file: String, hints: CaptureHints, options: TimeOptions) throws(PageError) -> TickerPage {
        guard !reading.observations.isEmpty else {
            if let malformed = reading.firstMalformed { throw .malformedTicker(line: malformed.line, text: malformed.text) }
            throw .noTicker(notTickers: reading.notTickers)
        }
        let decision = try PageTimeDecision.decide(printed: finding, capture: hints.captureTime(options: options), options: options)
        var diagnostics = text.decodingNotes.map { Diagnostic(file: file, line: nil, message: $0) }
        diagnostics += reading.notes.map { Diagnostic(file: file, line: $0.line, message: $0.message) }
        diagnostics += decision.warnings.map { Diagnostic(file: file, line: nil, message: $0) }
        diagnostics.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        return TickerPage(format: text.format, charset: text.charset, time: decision.time, capturedAt: decision.capturedAt,
                          printedTime: finding.printed, observations: reading.observations, diagnostics: diagnostics,
                          rejectedItems: reading.rejected, extraCopies: reading.extraCopies, notTickers: reading.notTickers)
    }

    /// Printed times found in a page's regions that no time elsewhere in the page can beat.
    private static let timesTheRegionsSettle: Set<TimeSource> = [
        .lastEditHeader, .updatedHeader, .articleModifiedTime, .openGraphUpdatedTime, .itemDateModified,
    ]

    /// The feed's hours as pages; an hour the feed gives no possible time for is the file's
    /// failure only when it is the only one.
    private func feedPages(_ feed: FeedSnapshot, charset: String, decodingNotes: [String], file: String, hints: CaptureHints,
                           options: TimeOptions) throws(PageError) -> [TickerPage] {
        var pages: [TickerPage] = []
        var unreadableHours = decodingNotes.map { Diagnostic(file: file, line: nil, message: $0) }
        for (index, (hour, observations, diagnostics)) in FeedObservations.pages(from: feed, registry: registry, charset: charset, file: file).enumerated() {
            let section = feed.hours.count > 1 ? "weather \(index + 1)" : nil
            guard let hourTime = hour.time else {
                unreadableHours.append(Diagnostic(file: file, line: hour.line, message: "this <weather> element gives no possible hour (year, month, day, hour); its \(hour.entries.count) entries are not stored"))
                continue
            }
            let printed = PageTimeReader.Finding(printed: PrintedTime(time: hourTime, source: .feed))
            // The feed's hour is the observation time itself: a capture time does not replace it.
            let decision = try PageTimeDecision.decide(printed: printed, capture: nil, options: options)
            let captured = hints.captureTime(options: options)
            pages.append(TickerPage(format: .feed, charset: charset, time: decision.time, capturedAt: captured,
                                    printedTime: printed.printed, observations: observations,
                                    diagnostics: diagnostics + decision.warnings.map { Diagnostic(file: file, line: hour.line, message: $0) },
                                    section: section))
        }
        guard !pages.isEmpty else { throw .noTime }
        pages[0].diagnostics = unreadableHours + pages[0].diagnostics
        return pages
    }
}
