import Foundation
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
        /// The registry with each station's count and first and last time.
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

    public init(report: Report, format: OutputFormat) {
        self.report = report
        self.format = format
    }

    /// The filter these options describe, with stations looked up and times resolved
    /// against `now`.
    public func filter(now: Date, registry: StationRegistry = .asos) throws -> ObservationFilter {
        var stationIDs: [Int] = []
        for name in stations {
            let id = try registry.station(for: name).id
            if !stationIDs.contains(id) { stationIDs.append(id) }
        }
        let filter = ObservationFilter(
            stationIDs: stationIDs,
            since: try since.map { bound throws(TimeBoundError) in try bound.resolve(now: now) },
            until: try until.map { bound throws(TimeBoundError) in try bound.resolve(now: now) },
            conditions: conditions, limit: limit)
        if let from = filter.since, let to = filter.until, from > to {
            throw TimeBoundError(option: "--since", value: since?.text ?? "",
                                 reason: "it is after --until \(until?.text ?? ""): no time is in both")
        }
        return filter
    }

    /// Writes the report from the store at `storePath` to `output`: the rows written, and the
    /// observations within the filter that a per-station report left out.
    public func run(storePath: String, to output: TextOutput, now: Date = Date(),
                    registry: StationRegistry = .asos) throws -> ReportOutcome {
        let filter = try filter(now: now, registry: registry)
        let store = try ObservationStore(path: storePath, access: .readOnly, registry: registry)
        let rows = try write(from: store, filter: filter, to: output, now: now, registry: registry)
        return try outcome(rows: rows, store: store, filter: filter)
    }

    /// Writes the report as an Excel workbook at `path` (`export --xlsx`): the observations,
    /// or `--wide`, with the columns and rows of the CSV export (``XLSXWriter``). `path`
    /// follows `--out`'s rules; it never replaces the store at `storePath`.
    public func runWorkbook(storePath: String, path: String, now: Date = Date(),
                            registry: StationRegistry = .asos) throws -> ReportOutcome {
        let filter = try filter(now: now, registry: registry)
        let store = try ObservationStore(path: storePath, access: .readOnly, registry: registry)
        // The same cells as CSV's: a time cell carries the time itself, which the workbook keeps.
        let style = TimeStyle.spreadsheet
        // An error thrown past the writer leaves no file: the writer's deinit discards what
        // finish() did not complete.
        let makeWriter = { (columns: [Column]) throws(OutputError) -> any ReportWriter in
            try XLSXWriter(columns: columns, creatingFileAt: path, sparing: storePath)
        }
        let rows: Int
        switch report {
        case .observations(let newestFirst):
            rows = try Self.writeObservations(from: store, filter: filter, newestFirst: newestFirst, style: style,
                                              to: try makeWriter(ObservationRecord.columns(style)))
        case .wide:
            rows = try WideTable.write(store: store, filter: filter, registry: registry, style: style, writer: makeWriter)
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

    private func write(from store: ObservationStore, filter: ObservationFilter, to output: TextOutput, now: Date,
                       registry: StationRegistry) throws -> Int {
        let style = TimeStyle(format: format, excel: excel)
        switch report {
        case .observations(let newestFirst) where format == .csv:
            return try Self.writeCSV(from: store, filter: filter, newestFirst: newestFirst, style: style,
                                     spreadsheet: spreadsheet, to: output)
        case .observations(let newestFirst):
            return try Self.writeObservations(from: store, filter: filter, newestFirst: newestFirst, style: style,
                                              to: format.writer(columns: ObservationRecord.columns(style), to: output,
                                                                spreadsheet: spreadsheet, table: table))
        case .latest:
            let writer = format.writer(columns: ObservationRecord.latestColumns(style), to: output, spreadsheet: spreadsheet, table: table)
            let nowSeconds = Int64(now.timeIntervalSince1970)
            for record in try store.latestObservations(filter, registry: registry).prefix(filter.limit ?? .max) {
                let age = max(0, nowSeconds - record.observedAt.unixSeconds)
                try writer.append(record.cells(style).prefix(7) + [.text(Self.describeAge(age)), .number(Int(age))])
            }
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
            return try WideTable.write(store: store, filter: filter, registry: registry, style: style,
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

    /// The observation report in CSV, the bytes ``CSVWriter`` would write, made from SQLite's
    /// columns directly (``ObservationCSVEncoder``): about five times faster.
    private static func writeCSV(from store: ObservationStore, filter: ObservationFilter, newestFirst: Bool,
                                 style: TimeStyle, spreadsheet: SpreadsheetOptions, to output: TextOutput) throws -> Int {
        output.write(CSVWriter.header(ObservationRecord.columns(style).map(\.name), spreadsheet: spreadsheet))
        var encoder = ObservationCSVEncoder(style: style)
        var buffer = ByteBuffer(capacity: 1 << 16)
        var count = 0
        try store.forEachObservationRow(filter, newestFirst: newestFirst) { row in
            encoder.appendRow(row, to: &buffer)
            count += 1
            if buffer.count >= 1 << 15 {
                output.write(utf8: buffer.bytes)
                buffer.removeAll()
                // A reader that has gone, or a full disk, stops the rows.
                try output.checkFailure()
            }
        }
        output.write(utf8: buffer.bytes)
        try output.checkFailure()
        return count
    }

    /// The observation report through a general writer (any format but the byte-level CSV).
    private static func writeObservations(from store: ObservationStore, filter: ObservationFilter, newestFirst: Bool,
                                          style: TimeStyle, to writer: any ReportWriter) throws -> Int {
        try store.forEachObservation(filter, newestFirst: newestFirst) { try writer.append($0.cells(style)) }
        try writer.finish()
        return writer.count
    }

    /// `45m`, `3h 05m`, `2d 4h`.
    static func describeAge(_ seconds: Int64) -> String {
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 48 { return "\(hours)h \(String(format: "%02d", Int(minutes % 60)))m" }
        return "\(hours / 24)d \(hours % 24)h"
    }
}

/// What running a report came to.
public struct ReportOutcome: Sendable, Equatable {
    /// Rows written (times, for `--wide`).
    public var rows: Int
    /// Observations within the filter that have no resolved station, which a per-station
    /// report (`--latest`, `--every`, `--wide`) cannot show: said, so none vanishes unsaid.
    public var unresolvedLeftOut: Int

    public init(rows: Int, unresolvedLeftOut: Int = 0) {
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

/// How a report writes times.
public enum TimeStyle: Sendable {
    /// `2025-08-18T10:40:00+09:00`: CSV, TSV, JSON.
    case iso8601
    /// `2025-08-18 10:40`: the terminal table.
    case minutes
    /// `2025-08-18 10:40:00`, local KST, which Excel and LibreOffice read as a date.
    case spreadsheet

    init(format: OutputFormat, excel: Bool) {
        self = excel ? .spreadsheet : format == .table ? .minutes : .iso8601
    }

    func text(_ time: KSTDateTime) -> String {
        switch self {
        case .iso8601: return time.iso8601
        case .minutes: return time.minuteText
        case .spreadsheet: return time.spreadsheetText
        }
    }

    /// A time cell: the time itself (a workbook's date-time), written as text in this style.
    func cell(_ time: KSTDateTime) -> Cell { .time(time, text: text(time)) }
}

extension ObservationRecord {
    /// The columns of an observation report: the export contract's seven first.
    static func columns(_ style: TimeStyle) -> [Column] {
        [Column("observed_at", tableHeader: style == .minutes ? "observed_at (KST)" : nil),
         Column("station_id", rightAligned: true), Column("station"), Column("condition"),
         Column("temperature_c", rightAligned: true, decimals: 1), Column("station_source"), Column("source"),
         Column("label", inTable: false), Column("position", rightAligned: true, inTable: false),
         Column("time_source", inTable: false)]
    }

    static func latestColumns(_ style: TimeStyle) -> [Column] {
        Array(columns(style).prefix(7)) + [Column("age", rightAligned: true), Column("age_seconds", rightAligned: true, inTable: false)]
    }

    func cells(_ style: TimeStyle) -> [Cell] {
        [style.cell(observedAt), stationID.map { .number($0) } ?? .missing, .text(station),
         .text(condition), .number(temperatureC), .text(stationSource.rawValue), .text(source),
         .text(label), .number(position), .text(timeSource)]
    }
}

extension TemperatureAggregate {
    static let columns = [
        Column("period", tableHeader: "period (KST)"), Column("station_id", rightAligned: true), Column("station"),
        Column("min_c", rightAligned: true), Column("max_c", rightAligned: true), Column("mean_c", rightAligned: true),
        Column("count", rightAligned: true), Column("observations", rightAligned: true),
    ]

    func cells(period: AggregationPeriod) -> [Cell] {
        let start = period == .hour ? periodStart.minuteText : String(periodStart.minuteText.prefix(10))
        // The mean to two decimals: the temperatures themselves have one.
        let mean = meanC.map { ($0 * 100).rounded() / 100 }
        return [.text(start), .number(stationID), .text(station), .number(minimumC), .number(maximumC),
                .number(mean), .number(temperatureCount), .number(observationCount)]
    }
}

extension StationSummary {
    static let columns = [
        Column("station_id", rightAligned: true), Column("station"), Column("name_en"), Column("province"),
        Column("lat", rightAligned: true), Column("lon", rightAligned: true), Column("elevation_m", rightAligned: true),
        Column("observations", rightAligned: true), Column("first_observed_at"), Column("last_observed_at"),
    ]

    static func cells(_ station: Station, _ summary: StationSummary?, _ style: TimeStyle) -> [Cell] {
        [.number(station.id), .text(station.nameKorean), .text(station.nameEnglish), .text(station.province),
         .number(station.latitude), .number(station.longitude), .number(station.elevationMeters),
         .number(summary?.observations ?? 0), .text(summary.map { style.text($0.first) }),
         .text(summary.map { style.text($0.last) })]
    }
}

/// `export --wide`: one row per time, one temperature column per station that has any
/// observation in the filter, for charting in a spreadsheet.
enum WideTable {
    static func write(store: ObservationStore, filter: ObservationFilter, registry: StationRegistry,
                      style: TimeStyle, writer makeWriter: ([Column]) throws -> any ReportWriter) throws -> Int {
        let ids = try store.stationIDs(filter)
        let columnOfStation = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0 + 1) })
        let columns = [Column("observed_at", tableHeader: style == .minutes ? "observed_at (KST)" : nil)]
            + ids.map { Column(registry.station(id: $0)?.nameKorean ?? String($0), rightAligned: true, decimals: 1) }
        let writer = try makeWriter(columns)
        var row: [Cell] = []
        var rowTime: KSTDateTime?
        // --limit counts rows of the table (times), not observations.
        var everyObservation = filter
        everyObservation.limit = nil
        let rowLimit = filter.limit ?? .max
        try store.forEachObservation(everyObservation, newestFirst: false) { record in
            guard let id = record.stationID, let column = columnOfStation[id] else { return }
            if record.observedAt != rowTime {
                if !row.isEmpty, writer.count < rowLimit { try writer.append(row) }
                row = [style.cell(record.observedAt)] + Array(repeating: .missing, count: ids.count)
                rowTime = record.observedAt
            }
            row[column] = .number(record.temperatureC)
        }
        if !row.isEmpty, writer.count < rowLimit { try writer.append(row) }
        try writer.finish()
        return writer.count
    }
}
