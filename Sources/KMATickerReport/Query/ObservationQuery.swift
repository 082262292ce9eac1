import FoundationEssentials
import KMATickerModel
import KMATickerStore

/// Periods `--every` groups temperatures by, in KST.
public enum AggregationPeriod: String, Sendable, CaseIterable {
    case hour, day

    var seconds: Int64 { self == .hour ? 3600 : 86_400 }
}

/// One report over the store: what `query`, `export` and `stations` print.
public struct ObservationQuery: Sendable {
    /// Which report.
    public enum Report: Sendable, Equatable {
        /// Observations, newest or oldest first.
        case observations(newestFirst: Bool)
        /// Each station's most recent observation and its age.
        case latest
        /// Min, max, mean and count per station and period.
        case every(AggregationPeriod)
        /// One row per time, one temperature column per station (`export --wide`).
        case wide
        /// The store's stations, each with its count and first and last time.
        case stations
    }

    public var report: Report
    /// Stations as typed: number, Korean name (NFC or NFD), alias, name without 시/군,
    /// English name, initial consonants. Empty means all.
    public var stations: [String] = []
    /// `--since` / `--until`, read from the command line.
    public var since: TimeBound?
    public var until: TimeBound?
    public var conditions: [String] = []
    public var limit: Int?
    public var format: OutputFormat
    /// `export --excel`.
    public var excel = false
    /// Which columns a table shows (`--columns`, the terminal's width).
    public var table = TableShape()

    /// `query` for one station in a terminal: a sparkline of the station's temperatures,
    /// oldest to newest, on a line under the observations (``Sparkline``).
    package var sparkline = false

    public init(report: Report, format: OutputFormat) {
        self.report = report
        self.format = format
    }

    /// The filter these options describe, with stations looked up in `registry` and times
    /// resolved against `now`.
    /// - Parameter unresolvedLabels: the printed names stored without a station (`독도`), which
    ///   `--station` takes too, for the rows `export` lists as unresolved.
    public func filter(now: Date, registry: StationRegistry, unresolvedLabels: Set<String> = []) throws -> ObservationFilter {
        var stationIDs: [Int] = [], labels: [String] = []
        for name in stations {
            do {
                let id = try registry.station(for: name).id
                if !stationIDs.contains(id) { stationIDs.append(id) }
            } catch {
                let label = HangulNormalization.nfc(name.trimmingWhitespace())
                guard unresolvedLabels.contains(label) else { throw error }
                if !labels.contains(label) { labels.append(label) }
            }
        }
        var filter = ObservationFilter(
            stationIDs: stationIDs,
            since: try since.map { bound throws(TimeBoundError) in try bound.resolve(now: now) },
            until: try until.map { bound throws(TimeBoundError) in try bound.resolve(now: now) },
            conditions: conditions, limit: limit)
        filter.unresolvedLabels = labels
        if let from = filter.since, let to = filter.until, from > to {
            throw TimeBoundError(option: "--since", value: since?.text ?? "",
                                 reason: "it is after --until \(until?.text ?? ""): no time is in both")
        }
        return filter
    }

    /// Writes the report from `store` to `output`: the rows written, and the observations
    /// within the filter that a per-station report left out. Stations are the store's own
    /// (``ObservationStore/stationRegistry()``), for `--station` as for the names shown.
    public func run(store: ObservationStore, to output: TextOutput, now: Date = Date()) throws -> ReportOutcome {
        let registry = try store.stationRegistry()
        let filter = try filter(now: now, registry: registry, unresolvedLabels: try store.unresolvedLabels())
        let rows = try write(from: store, registry: registry, filter: filter, to: output, now: now)
        if sparkline, case .observations = report, rows > 0 {
            var everyTime = filter
            everyTime.limit = nil
            var temperatures: [Double?] = []
            try store.forEachObservationRow(everyTime, newestFirst: false) { temperatures.append($0.temperature) }
            try Sparkline.write(temperatures, to: output)
        }
        return try outcome(rows: rows, store: store, filter: filter)
    }

    /// Writes the report as an Excel workbook at `path` (`export --xlsx`): the observations,
    /// or `--wide`, with the columns and rows of the CSV export (``XLSXWriter``). `path`
    /// follows `--out`'s rules; it never replaces `store`.
    public func runWorkbook(store: ObservationStore, path: String, now: Date = Date()) throws -> ReportOutcome {
        let registry = try store.stationRegistry()
        let filter = try filter(now: now, registry: registry, unresolvedLabels: try store.unresolvedLabels())
        // The same cells as CSV's: a time cell carries the time itself, which the workbook keeps.
        let style = TimeStyle.spreadsheet
        // An error thrown past the writer leaves no file: the writer's deinit discards what
        // finish() did not complete.
        let makeWriter = { (columns: [Column]) throws(OutputError) -> any ReportWriter in
            try XLSXWriter(columns: columns, creatingFileAt: path, sparing: store.path)
        }
        let rows: Int
        switch report {
        case .observations(let newestFirst):
            rows = try Self.writeObservations(
                from: store, filter: filter, newestFirst: newestFirst,
                to: ObservationCellWriter(try makeWriter(ObservationRecord.columns(style)), style: style))
        case .wide:
            rows = try Self.writeWide(from: store, filter: filter, registry: registry, style: style, writer: makeWriter)
        case .latest, .every, .stations:
            preconditionFailure("a workbook is written for export's observations and --wide only")
        }
        return try outcome(rows: rows, store: store, filter: filter)
    }

    private func outcome(rows: Int, store: ObservationStore, filter: ObservationFilter) throws -> ReportOutcome {
        // --latest, --every and --wide are per station: an unresolved row has none, so they
        // leave it out, and say how many they left.
        let perStation = report == .latest || report == .wide || { if case .every = report { return true } else { return false } }()
        return ReportOutcome(rows: rows, unresolvedLeftOut: perStation ? try store.unresolvedCount(filter) : 0)
    }

    /// Selects the report's rows and hands them to its printer.
    private func write(from store: ObservationStore, registry: StationRegistry, filter: ObservationFilter,
                       to output: TextOutput, now: Date) throws -> Int {
        let style = TimeStyle(format: format, excel: excel)
        switch report {
        case .observations(let newestFirst):
            return try Self.writeObservations(
                from: store, filter: filter, newestFirst: newestFirst,
                to: format.observationWriter(style: style, to: output, spreadsheet: spreadsheet, table: table))
        case .latest:
            let writer = format.writer(columns: ObservationRecord.latestColumns(style), to: output, spreadsheet: spreadsheet, table: table)
            let nowSeconds = Int64(now.timeIntervalSince1970)
            try store.forEachLatestObservationRow(filter) { try writer.append($0.record.latestCells(style, now: nowSeconds)) }
            try writer.finish()
            return writer.count
        case .every(let period):
            let writer = format.writer(columns: TemperatureAggregate.columns, to: output, spreadsheet: spreadsheet, table: table)
            for row in try store.temperatureAggregates(filter, periodSeconds: period.seconds) {
                try writer.append(row.cells(period: period))
            }
            try writer.finish()
            return writer.count
        case .wide:
            return try Self.writeWide(from: store, filter: filter, registry: registry, style: style,
                                      writer: { format.writer(columns: $0, to: output, spreadsheet: spreadsheet, table: TableShape(terminalWidth: table.terminalWidth)) })
        case .stations:
            let writer = format.writer(columns: StationSummary.columns, to: output, spreadsheet: spreadsheet, table: table)
            let summaries = try store.stationSummaries()
            let ids = Set(filter.stationIDs)
            for station in registry.stations where ids.isEmpty || ids.contains(station.id) {
                try writer.append(StationSummary.cells(station, summaries[station.id], style))
            }
            try writer.finish()
            return writer.count
        }
    }

    /// The names of this report's columns, which `--columns` chooses from; `nil` for
    /// `--wide`, whose columns are the stations found.
    public var columnNames: [String]? {
        let style = TimeStyle(format: format, excel: excel)
        switch report {
        case .observations: return ObservationRecord.columns(style).map(\.name)
        case .latest: return ObservationRecord.latestColumns(style).map(\.name)
        case .every: return TemperatureAggregate.columns.map(\.name)
        case .stations: return StationSummary.columns.map(\.name)
        case .wide: return nil
        }
    }

    private var spreadsheet: SpreadsheetOptions { SpreadsheetOptions(byteOrderMark: excel) }

    /// `export --wide`: a column for each station with an observation in the filter, named
    /// from `registry`, and every observation, oldest first, to ``WideTableWriter``.
    private static func writeWide(from store: ObservationStore, filter: ObservationFilter, registry: StationRegistry,
                                  style: TimeStyle, writer makeWriter: ([Column]) throws -> any ReportWriter) throws -> Int {
        let stations = try store.stationIDs(filter).map { (id: $0, name: registry.station(id: $0)?.nameKorean ?? String($0)) }
        let writer = try WideTableWriter(stations: stations, style: style, rowLimit: filter.limit, writer: makeWriter)
        // The writer counts --limit in times, not observations.
        var everyObservation = filter
        everyObservation.limit = nil
        return try writeObservations(from: store, filter: everyObservation, newestFirst: false, to: writer)
    }

    /// The observation report: every row the store selects, to `writer`.
    private static func writeObservations(from store: ObservationStore, filter: ObservationFilter, newestFirst: Bool,
                                          to writer: any ObservationWriter) throws -> Int {
        try writer.write { try store.forEachObservationRow(filter, newestFirst: newestFirst, $0) }
    }
}

/// What running a report came to.
public struct ReportOutcome: Sendable, Equatable {
    /// Rows written (times, for `--wide`).
    public var rows: Int
    /// Observations within the filter that have no resolved station, which a per-station
    /// report (`--latest`, `--every`, `--wide`) cannot show: said, so none vanishes unsaid.
    package var unresolvedLeftOut: Int

    package init(rows: Int, unresolvedLeftOut: Int = 0) {
        self.rows = rows
        self.unresolvedLeftOut = unresolvedLeftOut
    }

    /// The note for stderr, when rows were left out.
    public var leftOutNote: String? {
        guard unresolvedLeftOut > 0 else { return nil }
        let rows = unresolvedLeftOut == 1 ? "1 observation" : "\(unresolvedLeftOut) observations"
        return "note: \(rows) with no resolved station \(unresolvedLeftOut == 1 ? "is" : "are") not in this report, which is per station; kmaticker export lists \(unresolvedLeftOut == 1 ? "it" : "them") (station_source unresolved)"
    }
}
