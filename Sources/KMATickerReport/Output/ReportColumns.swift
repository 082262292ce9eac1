import KMATickerModel
import KMATickerStore

// What each report's printers write: its columns, and a row's cells. The query layer selects
// rows and hands them here; it formats nothing itself.

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

    /// A row of the latest report: the first seven cells, then the observation's age at `now`
    /// (Unix seconds), as words and in seconds.
    func latestCells(_ style: TimeStyle, now: Int64) -> [Cell] {
        let age = max(0, now - observedAt.unixSeconds)
        return cells(style).prefix(7) + [.text(Self.describeAge(age)), .number(Int(age))]
    }

    /// `45m`, `3h 05m`, `2d 4h`.
    static func describeAge(_ seconds: Int64) -> String {
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 48 { return "\(hours)h \(String(cFormat: "%02d", Int(minutes % 60)))m" }
        return "\(hours / 24)d \(hours % 24)h"
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
