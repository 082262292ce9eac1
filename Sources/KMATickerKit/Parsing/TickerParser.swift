import Foundation

/// A page read into observations: what ``TickerParser`` returns and the store takes.
public struct TickerPage: Sendable, Equatable {
    public var format: PageFormat
    /// The charset the file was decoded from.
    public var charset: String
    /// The time every observation of the page is stored under.
    public var time: PageTime
    /// One per ticker item (or feed entry), in printed order.
    public var observations: [Observation]
    /// Unknown words, unresolved names, copies of the ticker: kept, and reported here.
    /// (Rejected items are in ``rejectedItems``.)
    public var diagnostics: [Diagnostic]
    /// Ticker items that could not be read: reported, not stored. `observations.count +
    /// rejectedItems.count` is the number of items the ticker holds.
    public var rejectedItems: [RejectedItem] = []
    /// How many more times the page prints (part of) its ticker beyond the first (a scroller's
    /// repeat, a mobile and a desktop copy); each observation is stored once.
    public var extraCopies: Int = 0
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
    private let reader = PageReader()
    private let tickerReader: TickerReader
    private let timeReader = PageTimeReader()

    /// - Parameters:
    ///   - inferStations: give nameless items their station from the ticker's order
    ///     (`--no-infer` turns it off).
    ///   - readsRegions: read only the regions of a page where the ticker and the time can be,
    ///     and the whole page when they are not found there or the ticker reaches a region's
    ///     edge (the default, and much faster); `false` always reads whole pages (tests compare
    ///     the two on every fixture and every generated page).
    public init(registry: StationRegistry = .asos, inferStations: Bool = true, readsRegions: Bool = true) {
        self.registry = registry
        self.inferStations = inferStations
        self.readsRegions = readsRegions
        tickerReader = TickerReader(registry: registry, inferStations: inferStations)
    }

    /// Parses a file's bytes. `file` names it in diagnostics; `time` (from `--at`) overrides
    /// the page's own time.
    public func parse(_ bytes: [UInt8], file: String, time: KSTDateTime? = nil) throws(PageError) -> TickerPage {
        let decoded = try reader.decode(bytes)
        if readsRegions, decoded.format != .feed {
            do {
                return try parse(try reader.text(of: decoded, regionsOnly: true), file: file, time: time,
                                 wholePageDecides: true)
            } catch .noTicker, .noTime, .dateOnly, .malformedTicker, .readWholePage {
                // Not found in the regions, or the ticker may go on beyond them: read the whole
                // page, which decides.
            }
        }
        return try parse(try reader.text(of: decoded, regionsOnly: false), file: file, time: time)
    }

    /// Parses a page already decoded.
    public func parse(_ text: PageText, file: String, time: KSTDateTime? = nil) throws(PageError) -> TickerPage {
        try parse(text, file: file, time: time, wholePageDecides: false)
    }

    /// - Parameter wholePageDecides: `text` holds only regions of the page; throw
    ///   ``PageError/readWholePage`` when the ticker may go on beyond them.
    private func parse(_ text: PageText, file: String, time: KSTDateTime?,
                       wholePageDecides: Bool) throws(PageError) -> TickerPage {
        if let feed = text.feed { return page(from: feed, charset: text.charset, file: file, time: time) }
        let reading = tickerReader.read(text.lines)
        if wholePageDecides, reading.touchesRegionBreak { throw .readWholePage }
        guard !reading.observations.isEmpty else {
            if let malformed = reading.firstMalformed { throw .malformedTicker(line: malformed.line, text: malformed.text) }
            throw .noTicker
        }
        let pageTime: PageTime
        if let time {
            pageTime = PageTime(time: time, source: .atOption)
        } else {
            switch timeReader.find(in: text.lines, metadata: text.metadata) {
            case .time(let found): pageTime = found
            case .dateOnly(let date): throw .dateOnly(date)
            case .nothing: throw .noTime
            }
        }
        var diagnostics = reading.notes.map { Diagnostic(file: file, line: $0.line, message: $0.message) }
        diagnostics.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        return TickerPage(format: text.format, charset: text.charset, time: pageTime,
                          observations: reading.observations, diagnostics: diagnostics,
                          rejectedItems: reading.rejected, extraCopies: reading.extraCopies)
    }

    /// The feed's entries as observations: stations by number, `-` as missing.
    private func page(from feed: FeedSnapshot, charset: String, file: String, time: KSTDateTime?) -> TickerPage {
        var diagnostics: [Diagnostic] = []
        if feed.ignoredWeatherElements > 0 {
            diagnostics.append(Diagnostic(file: file, line: nil,
                message: "the feed has \(feed.ignoredWeatherElements + 1) <weather> elements; only the first was read"))
        }
        let observations = feed.entries.enumerated().map { index, entry -> Observation in
            let station = entry.stationID.flatMap(registry.station(id:))
            if station == nil {
                diagnostics.append(Diagnostic(file: file, line: entry.line,
                    message: "station number \(entry.stationID.map(String.init) ?? "(none)") '\(entry.name)' is not in the registry, kept as printed"))
            }
            let condition = entry.description.flatMap { $0.isEmpty || $0 == ConditionVocabulary.noObservation ? nil : $0 }
            let isKnown = condition.map(ConditionVocabulary.knownWords.contains) ?? false
            if let condition, !isKnown {
                diagnostics.append(Diagnostic(file: file, line: entry.line, message: "unknown condition word '\(condition)', kept as printed"))
            }
            var temperature: Double?
            if let printed = entry.airTemperature?.trimmingCharacters(in: .whitespaces), !printed.isEmpty, printed != "-" {
                temperature = Double(printed)
                if temperature == nil {
                    diagnostics.append(Diagnostic(file: file, line: entry.line, message: "temperature '\(printed)' is not a number, stored as missing"))
                }
            }
            return Observation(
                position: index + 1, stationID: station?.id, station: station?.nameKorean ?? entry.name,
                label: entry.name.isEmpty ? nil : entry.name, stationSource: station == nil ? .unresolved : .feed,
                condition: condition, conditionIsKnown: isKnown, temperatureC: temperature, line: entry.line)
        }
        let pageTime = time.map { PageTime(time: $0, source: .atOption) } ?? PageTime(time: feed.time, source: .feed)
        return TickerPage(format: .feed, charset: charset, time: pageTime, observations: observations, diagnostics: diagnostics)
    }
}
