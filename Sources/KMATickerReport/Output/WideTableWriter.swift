import KMATickerModel
import KMATickerStore

/// `export --wide`: the observation report pivoted for charting in a spreadsheet, one row per
/// time and one temperature column per station, through the format's ``ReportWriter``. Rows
/// come oldest first; an observation of a station with no column is left out.
final class WideTableWriter: ObservationWriter {
    private let writer: any ReportWriter
    private let style: TimeStyle
    private let columnOfStation: [Int64: Int]
    private let rowLimit: Int
    private var row: [Cell] = []
    private var rowTime: Int64?

    /// - Parameters:
    ///   - stations: the columns after the time, in order: each station's number and name.
    ///   - rowLimit: at most this many rows: `--limit` counts the table's times, not observations.
    ///   - makeWriter: the format's writer for the columns.
    init(stations: [(id: Int, name: String)], style: TimeStyle, rowLimit: Int?,
         writer makeWriter: ([Column]) throws -> any ReportWriter) rethrows {
        self.style = style
        self.rowLimit = rowLimit ?? .max
        columnOfStation = Dictionary(uniqueKeysWithValues: stations.enumerated().map { (Int64($1.id), $0 + 1) })
        writer = try makeWriter([Column("observed_at", tableHeader: style == .minutes ? "observed_at (KST)" : nil)]
            + stations.map { Column($0.name, rightAligned: true, decimals: 1) })
    }

    var count: Int { writer.count }

    func append(_ observation: ObservationRow) throws(OutputError) {
        guard let id = observation.stationID, let column = columnOfStation[id] else { return }
        if observation.observedAt != rowTime {
            try writeRow()
            row = [style.cell(KSTDateTime(unixSeconds: observation.observedAt))] + Array(repeating: .missing, count: columnOfStation.count)
            rowTime = observation.observedAt
        }
        row[column] = .number(observation.temperature)
    }

    func finish() throws(OutputError) {
        try writeRow()
        row = []
        try writer.finish()
    }

    private func writeRow() throws(OutputError) {
        if !row.isEmpty, writer.count < rowLimit { try writer.append(row) }
    }
}
