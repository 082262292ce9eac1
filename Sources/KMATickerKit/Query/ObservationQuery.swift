/// A station name that matches no station, with the nearest names to suggest.
public struct UnknownStationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let query: String
    public let suggestions: [Station]

    public var description: String {
        let names = suggestions.map { "\($0.nameKorean) (\($0.id), \($0.nameEnglish))" }
        let hint = names.isEmpty ? "see the station registry in the README" : "did you mean " + names.joined(separator: ", ") + "?"
        return "unknown station '\(query)'; \(hint)"
    }
}

/// Reads observations out of the store in one ``OutputFormat``: `kmaticker query` (chosen
/// stations, newest first) and `kmaticker export` (everything, oldest first) are both this.
public struct ObservationQuery: Sendable {
    /// Stations as the user typed them: ASOS number, Korean name or alias, English name.
    /// Empty means every observation.
    public var stations: [String]
    public var format: OutputFormat
    public var newestFirst: Bool

    public init(stations: [String] = [], format: OutputFormat, newestFirst: Bool) {
        self.stations = stations
        self.format = format
        self.newestFirst = newestFirst
    }

    /// The registry stations named by ``stations``; the first unknown name throws with
    /// suggestions.
    public func resolvedStations(in registry: StationRegistry = .asos) throws(UnknownStationError) -> [Station] {
        try stations.map { (name: String) throws(UnknownStationError) -> Station in
            guard let station = registry.lookUp(name) else {
                throw UnknownStationError(query: name, suggestions: registry.suggestions(for: name))
            }
            return station
        }
    }

    /// Writes the matching observations from the store at `storePath` to `output`, and
    /// returns how many there were.
    public func run(storePath: String, to output: TextOutput, registry: StationRegistry = .asos) throws -> Int {
        let stationIDs = stations.isEmpty ? nil : try resolvedStations(in: registry).map(\.id)
        let store = try ObservationStore(path: storePath, create: false, registry: registry)
        let writer = ObservationWriter(format: format, output: output)
        try store.forEachObservation(stationIDs: stationIDs, newestFirst: newestFirst) { writer.append($0) }
        writer.finish()
        return writer.count
    }
}
