/// How an observation's station was determined.
public enum StationSource: String, Sendable, CaseIterable {
    /// The ticker printed a registry name or alias (`비북강릉29.0℃`).
    case ticker
    /// The item had no name; its named neighbours left exactly one registry station for it.
    case inferred
    /// No registry station: a nameless item that could not be inferred, or a name the registry
    /// does not know (kept as printed in `label`).
    case unresolved
    /// KMA's own feed named the station by number (`<local stn_id="90">`).
    case feed
}

/// One weather observation read from one ticker item, before it is stored.
///
/// `흐림속초27.8℃` at position 1 → station 90 속초 (`ticker`), condition `흐림`, 27.8 °C.
public struct Observation: Sendable, Equatable {
    /// 1-based position of the item in the ticker, in printed order.
    public var position: Int
    /// The ASOS station number; `nil` when `stationSource` is `unresolved`.
    public var stationID: Int?
    /// The registry's name for `stationID`, or the printed name when the registry lacks it.
    public var station: String?
    /// The station name exactly as printed (`홍성(예)`); `nil` for a nameless item.
    public var label: String?
    public var stationSource: StationSource
    /// The condition word as printed (NFC); `nil` when missing or printed as `-`.
    public var condition: String?
    /// Whether `condition` is a word from ``ConditionVocabulary``.
    public var conditionIsKnown: Bool
    /// Air temperature in °C; `nil` when the item printed none (never 0 for missing).
    public var temperatureC: Double?
    /// The line of the page the item was read from (1-based), for diagnostics.
    public var line: Int

    public init(position: Int, stationID: Int?, station: String?, label: String?,
                stationSource: StationSource, condition: String?, conditionIsKnown: Bool,
                temperatureC: Double?, line: Int) {
        self.position = position
        self.stationID = stationID
        self.station = station
        self.label = label
        self.stationSource = stationSource
        self.condition = condition
        self.conditionIsKnown = conditionIsKnown
        self.temperatureC = temperatureC
        self.line = line
    }
}

extension Observation {
    /// Air temperatures beyond this are misprints (KMA's records: −32.6 °C to 41.0 °C): the
    /// ticker's reader refuses them, and so does the reader of `extract`'s shards.
    public static let plausibleCelsius = 60.0
}
