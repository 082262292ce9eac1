import FoundationEssentials
import KMATickerModel
import KMATickerStore

/// There is nothing to draw.
public struct EmptyChartError: Error, Sendable, CustomStringConvertible {
    public var description: String { "no temperatures to chart for those stations and times" }
}

/// `kmaticker chart`: the temperatures of chosen stations as an SVG line chart.
public struct ChartQuery: Sendable {
    public var query: ObservationQuery

    /// - Parameter query: its stations, `since` and `until` choose what is drawn.
    public init(_ query: ObservationQuery) { self.query = query }

    /// The SVG text for `store`; stations are the store's own
    /// (``ObservationStore/stationRegistry()``), for `--station` as for the series' names.
    public func svg(store: ObservationStore, now: Date = Date()) throws -> String {
        let registry = try store.stationRegistry()
        var filter = try query.filter(now: now, registry: registry)
        filter.limit = nil
        var points: [Int: [(time: Int64, celsius: Double?)]] = [:]
        try store.forEachObservationRow(filter, newestFirst: false) { row in
            guard let id = row.stationID else { return }
            points[Int(id), default: []].append((row.observedAt, row.temperature))
        }
        let series = filter.stationIDs.compactMap { id -> ChartSeries? in
            guard let station = registry.station(id: id), let stationPoints = points[id] else { return nil }
            return ChartSeries(name: "\(station.nameKorean) (\(id))", points: stationPoints)
        }
        let title = "기온 (°C): " + series.map(\.name).joined(separator: ", ")
        guard let svg = TemperatureChart.svg(series, title: title) else { throw EmptyChartError() }
        return svg
    }
}
