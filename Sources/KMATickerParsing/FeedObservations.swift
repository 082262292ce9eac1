import KMATickerModel
import KMATickerText

/// KMA's feed read into pages of observations: one page per `<weather>` hour, stations by
/// number, `-` as missing. A number the registry lacks, a name that is not the numbered
/// station's, a word or value that is not what it should be: each is kept as printed and
/// reported.
enum FeedObservations {
    static func pages(from feed: FeedSnapshot, registry: StationRegistry, charset: String, file: String) -> [(hour: FeedSnapshot.Hour, observations: [Observation], diagnostics: [Diagnostic])] {
        feed.hours.map { hour in
            var diagnostics: [Diagnostic] = []
            let observations = hour.entries.enumerated().map { index, entry -> Observation in
                let station = entry.stationID.flatMap(registry.station(id:))
                if station == nil {
                    diagnostics.append(Diagnostic(file: file, line: entry.line,
                        message: "station number \(entry.stationID.map(String.init) ?? "(none)") '\(entry.name)' is not in the registry, kept as printed"))
                } else if let station, !entry.name.isEmpty, let named = registry.station(named: entry.name), named.id != station.id {
                    // The number decides, as KMA's own systems key on it; the name is said.
                    diagnostics.append(Diagnostic(file: file, line: entry.line,
                        message: "station number \(station.id) is \(station.nameKorean), but the feed names it '\(entry.name)' (\(named.id)); stored as \(station.id) \(station.nameKorean)"))
                }
                let condition = entry.description.flatMap { $0.isEmpty || $0 == ConditionVocabulary.noObservation ? nil : $0 }
                let isKnown = condition.map(ConditionVocabulary.knownWords.contains) ?? false
                if let condition, !isKnown {
                    diagnostics.append(Diagnostic(file: file, line: entry.line, message: "unknown condition word '\(condition)', kept as printed"))
                }
                var temperature: Double?
                if let printed = entry.airTemperature?.trimmingASCIISpaces(), !printed.isEmpty, printed != "-" {
                    // Decimal numbers only: Double() would also take inf, nan and 0x1A.
                    let isDecimal = printed.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil
                    temperature = isDecimal ? Double(printed) : nil
                    if temperature == nil {
                        diagnostics.append(Diagnostic(file: file, line: entry.line, message: "temperature '\(printed)' is not a number, stored as missing"))
                    } else if let value = temperature, abs(value) > Observation.plausibleCelsius {
                        temperature = nil
                        diagnostics.append(Diagnostic(file: file, line: entry.line, message: "temperature \(printed)℃ is none a station reports, stored as missing"))
                    }
                }
                return Observation(
                    position: index + 1, stationID: station?.id, station: station?.nameKorean ?? entry.name,
                    label: entry.name.isEmpty ? nil : entry.name, stationSource: station == nil ? .unresolved : .feed,
                    condition: condition, conditionIsKnown: isKnown, temperatureC: temperature, line: entry.line)
            }
            return (hour, observations, diagnostics)
        }
    }
}
