/// A stored observation as query and export show it. Property names follow the column names:
/// `observed_at` ↔ `observedAt`, and so on.
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
    public var timeSource: String

    /// Column names in output order: the export contract's seven first, then the rest.
    public static let columnNames = [
        "observed_at", "station_id", "station", "condition", "temperature_c", "station_source",
        "source", "label", "position", "time_source",
    ]

    public init(observedAt: KSTDateTime, stationID: Int?, station: String?, condition: String?,
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

/// What storing one page did.
public struct PageWriteResult: Sendable, Equatable {
    /// Observations that were not in the store before.
    public var new = 0
    /// Observations the store already held with the same values.
    public var alreadyStored = 0
    /// Observations whose identity the store holds with different values; the stored values
    /// were kept.
    public var conflicts: [ObservationConflict] = []

    public init() {}
}

/// Where a page's bytes came from, kept with the page.
public struct PageProvenance: Sendable, Equatable {
    /// The file's name (`stdin` for standard input).
    public var source: String
    /// The path as given.
    public var path: String
    /// SHA-256 of the bytes as read, lowercase hex.
    public var sha256: String
    /// The file's size in bytes, as read.
    public var byteCount: Int?

    public init(source: String, path: String, sha256: String, byteCount: Int? = nil) {
        self.source = source
        self.path = path
        self.sha256 = sha256
        self.byteCount = byteCount
    }
}

/// A page the store already holds, found by its bytes.
public struct StoredPage: Sendable, Equatable {
    public var source: String
    public var observedAt: KSTDateTime
    public var timeSource: String
    public var itemCount: Int
}

/// A page says something different from the store about one identity.
public struct ObservationConflict: Sendable, Equatable {
    /// What the page says.
    public var incoming: Observation
    public var storedCondition: String?
    public var storedTemperatureC: Double?
    /// The file the stored value came from.
    public var storedSource: String
}
