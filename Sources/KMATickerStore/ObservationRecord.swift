import KMATickerModel

/// A stored observation as query and export show it: an ``ObservationRow`` kept past the row
/// (``ObservationRow/record``), the reports' one row as values. Property names follow the
/// column names: `observed_at` ↔ `observedAt`, and so on.
public struct ObservationRecord: Sendable, Equatable {
    public var observedAt: KSTDateTime
    public var stationID: Int?
    /// The registry name, or the printed name of an unknown station.
    public var station: String?
    public var condition: String?
    public var temperatureC: Double?
    public var stationSource: StationSource
    /// The page's file name.
    public var source: String
    /// The station name as printed; `nil` for a nameless item.
    public var label: String?
    /// The item's position in its page's ticker.
    public var position: Int
    /// How the page's time was found (``TimeSource`` raw value).
    package var timeSource: String

    package init(observedAt: KSTDateTime, stationID: Int?, station: String?, condition: String?,
                temperatureC: Double?, stationSource: StationSource, source: String,
                label: String?, position: Int, timeSource: String) {
        self.observedAt = observedAt
        self.stationID = stationID
        self.station = station
        self.condition = condition
        self.temperatureC = temperatureC
        self.stationSource = stationSource
        self.source = source
        self.label = label
        self.position = position
        self.timeSource = timeSource
    }
}
