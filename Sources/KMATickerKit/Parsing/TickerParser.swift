/// A page read into observations: what ``TickerParser`` returns and the store takes.
public struct TickerPage: Sendable, Equatable {
    public var format: PageFormat
    /// The time every observation of the page is stored under.
    public var time: PageTime
    /// One per ticker item, in printed order.
    public var observations: [Observation]
    /// Unknown words, unresolved names: kept, and reported here.
    public var diagnostics: [Diagnostic]
}

/// Reads a saved page into a ``TickerPage``: page text → ticker items → observations with
/// stations (inferred where the order allows), condition, °C and the page's time.
///
/// Not shareable across threads (it owns compiled patterns); make one per thread.
public final class TickerParser {
    private let registry: StationRegistry
    private let inferStations: Bool
    private let locator: TickerLocator
    private let timeReader = PageTimeReader()

    /// - Parameter inferStations: give nameless items their station from the ticker's order
    ///   (`--no-infer` turns it off).
    public init(registry: StationRegistry = .asos, inferStations: Bool = true) {
        self.registry = registry
        self.inferStations = inferStations
        locator = TickerLocator(itemParser: TickerItemParser(registry: registry))
    }

    /// Parses a page's bytes. `file` names it in diagnostics; `time` (from `--at`) overrides
    /// the page's own time.
    public func parse(_ bytes: [UInt8], file: String, time: KSTDateTime? = nil) throws(PageError) -> TickerPage {
        try parse(try PageReader.read(bytes), file: file, time: time)
    }

    /// Parses a page already reduced to lines.
    public func parse(_ text: PageText, file: String, time: KSTDateTime? = nil) throws(PageError) -> TickerPage {
        let items = locator.items(in: text.lines)
        guard !items.isEmpty else { throw .noTicker }
        let pageTime: PageTime
        if let time {
            pageTime = PageTime(time: time, source: .atOption)
        } else if let found = timeReader.pageTime(in: text.lines) {
            pageTime = found
        } else {
            throw .noTime
        }
        var diagnostics: [Diagnostic] = []
        for item in items {
            for warning in item.warnings { diagnostics.append(Diagnostic(file: file, line: item.line, message: warning)) }
        }
        let (observations, notes) = StationInference.observations(from: items, registry: registry, enabled: inferStations)
        for note in notes { diagnostics.append(Diagnostic(file: file, line: note.line, message: note.message)) }
        diagnostics.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        return TickerPage(format: text.format, time: pageTime, observations: observations, diagnostics: diagnostics)
    }
}
