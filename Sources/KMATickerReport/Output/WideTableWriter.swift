import KMATickerModel
import KMATickerStore

/// `export --wide`: the observation report pivoted for charting in a spreadsheet, one row per
/// time and one temperature column per station, through the format's ``ReportWriter``. Rows
/// come oldest first; an observation of a station with no column is left out.
struct WideTableWriter: ObservationWriter {
    let writer: any ReportWriter
    let style: TimeStyle
    let columnOfStation: [Int64: Int]
    let rowLimit: Int

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

    func write(_ rows: ObservationRows) throws -> Int {
        var row: [Cell] = []
        var rowTime: Int64?
        func writeRow() throws {
            if !row.isEmpty, writer.count < rowLimit { try writer.append(row) }
        }
        try rows { observation in
            guard let id = observation.stationID, let column = columnOfStation[id] else { return }
            if observation.observedAt != rowTime {
                try writeRow()
                row = [style.cell(KSTDateTime(unixSeconds: observation.observedAt))]
                    + Array(repeating: .missing, count: columnOfStation.count)
                rowTime = observation.observedAt
            }
            row[column] = .number(observation.temperature)
        }
        try writeRow()
        try writer.finish()
        return writer.count
    }
}
