import Foundation
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

    /// The SVG text for the store at `storePath`.
    public func svg(storePath: String, now: Date = Date(), registry: StationRegistry = .asos) throws -> String {
        var filter = try query.filter(now: now, registry: registry)
        filter.limit = nil
        let store = try ObservationStore(path: storePath, access: .readOnly, registry: registry)
        var points: [Int: [(time: Int64, celsius: Double?)]] = [:]
        try store.forEachObservation(filter, newestFirst: false) { record in
            guard let id = record.stationID else { return }
            points[id, default: []].append((record.observedAt.unixSeconds, record.temperatureC))
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
