import KMATickerModel

/// Gives nameless ticker items their station where the ticker's order leaves no doubt.
///
/// The ticker lists stations in ascending ASOS number. A nameless item that is the only item
/// between its named neighbours, where the registry holds exactly one station between those
/// neighbours' numbers, is that station (`inferred`). Anything else stays `unresolved`. The
/// start and the end of the registry stand in for a missing neighbour, so a nameless last item
/// after 295 남해 is 296 북부산.
enum StationInference {
    /// Observations for `items` in order; nameless ones inferred when `enabled`.
    static func observations(from items: [TickerItem], registry: StationRegistry,
                             enabled: Bool) -> (observations: [Observation], notes: [(line: Int, message: String)]) {
        var observations: [Observation] = []
        var notes: [(line: Int, message: String)] = []
        // The named items before and after each item, found once (a page can hold thousands).
        var previousNamed = [Int?](repeating: nil, count: items.count)
        var nextNamed = [Int?](repeating: nil, count: items.count)
        var last: Int?
        for index in items.indices {
            previousNamed[index] = last
            if items[index].station != nil { last = index }
        }
        last = nil
        for index in items.indices.reversed() {
            nextNamed[index] = last
            if items[index].station != nil { last = index }
        }
        for (index, item) in items.enumerated() {
            var observation = Observation(
                position: index + 1, stationID: item.station?.id,
                station: item.station?.nameKorean ?? item.label, label: item.label,
                stationSource: item.station == nil ? .unresolved : .ticker,
                condition: item.condition, conditionIsKnown: item.conditionIsKnown,
                temperatureC: item.temperatureC, line: item.line)
            if item.label == nil, enabled {
                switch inferredStation(at: index, in: items, previous: previousNamed[index], next: nextNamed[index],
                                       registry: registry) {
                case .success(let station):
                    observation.stationID = station.id
                    observation.station = station.nameKorean
                    observation.stationSource = .inferred
                case .failure(let reason):
                    notes.append((item.line, "nameless item at position \(index + 1) left unresolved: \(reason)"))
                }
            }
            observations.append(observation)
        }
        return (observations, notes)
    }

    struct NotInferred: Error, CustomStringConvertible {
        let description: String
    }

    /// - Parameters: previous, next: the nearest items before and after whose printed name is
    ///   in the registry (unknown names do not count).
    private static func inferredStation(at index: Int, in items: [TickerItem], previous: Int?, next: Int?,
                                        registry: StationRegistry) -> Result<Station, NotInferred> {
        let itemsBetween = (next ?? items.count) - (previous.map { $0 + 1 } ?? 0)
        guard itemsBetween == 1 else {
            return .failure(NotInferred(description: "\(itemsBetween) items stand between its named neighbours"))
        }
        let lower = previous.map { items[$0].station!.id }
        let upper = next.map { items[$0].station!.id }
        if let lower, let upper, lower >= upper {
            return .failure(NotInferred(description: "its neighbours \(lower) and \(upper) are out of order"))
        }
        let gap = registry.stations(strictlyBetween: lower, and: upper)
        guard gap.count == 1 else {
            return .failure(NotInferred(description: "the registry has \(gap.count) stations between its neighbours, not 1"))
        }
        return .success(gap[0])
    }
}
