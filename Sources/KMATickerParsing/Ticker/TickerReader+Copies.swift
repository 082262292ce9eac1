import KMATickerModel

/// How a page's passes become one ticker: the longest pass is the ticker; passes that are
/// copies of it (a scroller's repeat, a mobile copy) add what only they hold, their
/// disagreements are reported, and every other item is either reported or stands outside the
/// ticker (a headline elsewhere on the page).
extension TickerReader {
    func merge(_ passes: [Pass], lines: [TokenizedLine], into reading: inout Reading) {
        guard let principal = passes.indices.filter({ passes[$0].standing == .ticker }).max(by: { Self.size(passes[$0]) < Self.size(passes[$1]) }),
              !passes[principal].observations.isEmpty else {
            // Only a ticker's own items make it a malformed ticker; a short list without the
            // credit, with no ticker to be a copy of, is no ticker.
            reading.firstMalformed = passes.lazy.filter { $0.standing == .ticker }.flatMap(\.items)
                .first { $0.problem != nil && $0.isEvidence && ($0.parts.contains(.condition) || $0.parts.contains(.name)) }
                .map { (tickerItem($0, lines: lines).line, text(of: $0, lines: lines)) }
            for notATicker in passes.compactMap(\.notATicker) where !reading.notTickers.contains(notATicker) {
                reading.notTickers.append(notATicker)
            }
            return
        }
        let principalKeys = Set(Self.keys(passes[principal].observations))
        var observations: [(key: String, observation: Observation)] = []
        var indexByKey: [String: Int] = [:]
        var seenRejections: Set<String> = []
        var stationIDs: Set<Int> = []
        // The ticker first, so that its values (and its inferences) are the ones kept.
        // A copy is a ticker itself: three items or more, little text between them (a list of
        // headlines that name stations is none), most of its stations the ticker's.
        let principalValues = Dictionary(passes[principal].observations.compactMap { observation in
            observation.stationID.map { ($0, Self.describeValues(observation)) }
        }, uniquingKeysWith: { first, _ in first })
        let isCopy = passes.indices.map { index -> Bool in
            let pass = passes[index]
            let stationKeys = Self.keys(pass.observations).filter { !$0.hasPrefix("after:") }
            let shared = stationKeys.filter(principalKeys.contains).count
            // A partial repeat in the ticker's own block (a scroller's) is a copy at any size.
            let inTickersBlock = pass.block == passes[principal].block
            let isTickerItself = pass.items.count >= 3 || inTickersBlock
            // Another block is a copy only when it prints what the ticker prints: the same
            // feed at the same time gives the same values (a table of forecasts for the same
            // cities gives others).
            let sharedValues = pass.observations.compactMap { observation in
                observation.stationID.flatMap { principalValues[$0] }.map { $0 == Self.describeValues(observation) }
            }
            let agrees = inTickersBlock || sharedValues.filter { $0 }.count * 2 > sharedValues.count
            return index != principal && pass.standing != .none && isTickerItself && agrees
                && pass.unknowns.count * 4 <= pass.items.count && shared * 2 >= max(1, stationKeys.count)
        }
        for index in [principal] + passes.indices.filter({ $0 != principal }) {
            let pass = passes[index]
            let keys = Self.keys(pass.observations)
            guard index == principal || isCopy[index] else {
                if pass.standing == .copyOnly, let notATicker = pass.notATicker, !reading.notTickers.contains(notATicker) {
                    reading.notTickers.append(notATicker)
                    continue
                }
                if pass.leadsIntoNextBlock, index + 1 < passes.count, index + 1 == principal || isCopy[index + 1] {
                    // One item before the ticker, unknown text between: not stored, not lost.
                    for observation in pass.observations {
                        reading.rejected.append(RejectedItem(line: observation.line, text: Self.describeItem(observation),
                                                             reason: "stands apart from the ticker after it (unknown text between)"))
                    }
                    reading.rejected += pass.rejected
                } else if pass.observations.count >= 3, let first = pass.observations.first {
                    reading.notes.append((first.line, "a second list of \(pass.observations.count) ticker items (lines \(first.line)–\(pass.observations.last!.line)) does not match the ticker; not stored"))
                }
                continue
            }
            if isCopy[index] { reading.extraCopies += 1 }
            var addedLines: Set<Int> = []
            for (key, observation) in zip(keys, pass.observations) {
                let existing = indexByKey[key]
                    ?? observation.stationID.flatMap { id in stationIDs.contains(id) ? observations.firstIndex { $0.observation.stationID == id } : nil }
                if let existing {
                    let kept = observations[existing].observation
                    if kept.condition != observation.condition || kept.temperatureC != observation.temperatureC {
                        reading.notes.append((observation.line, "the ticker is printed more than once and the copies disagree about \(Self.describeStation(kept)): line \(kept.line) says \(Self.describeValues(kept)), line \(observation.line) says \(Self.describeValues(observation)); kept line \(kept.line)'s"))
                    }
                    continue
                }
                indexByKey[key] = observations.count
                if let id = observation.stationID { stationIDs.insert(id) }
                observations.append((key, observation))
                addedLines.insert(observation.line)
            }
            // A copy's warnings are the ticker's again, but for what only the copy holds.
            reading.notes += pass.notes.filter { note in note.line.map(addedLines.contains) ?? false }
            for (rejection, key) in zip(pass.rejected, pass.rejectedKeys) where seenRejections.insert(key).inserted {
                reading.rejected.append(rejection)
            }
        }
        if reading.extraCopies > 0 {
            reading.notes.append((nil, "the page prints its ticker \(reading.extraCopies + 1) times (a scroller's repeat or another copy); each observation is stored once"))
        }
        reading.observations = observations.enumerated().map { position, entry in
            var observation = entry.observation
            observation.position = position + 1
            return observation
        }
        reading.rejected.sort { $0.line < $1.line }
    }

    /// Passes compare by the stations they name (a row of bare values, however long, names
    /// none), then by the parts their good items print (a ticker prints condition, name and
    /// value; an article's `서울 33.1℃` lines print fewer), then by all their items.
    private static func size(_ pass: Pass) -> (named: Int, parts: Int, items: Int) {
        var named = 0, parts = 0
        for item in pass.items where item.problem == nil {
            if item.stationID != nil { named += 1 }
            parts += item.parts.count
        }
        return (named, parts, pass.items.count)
    }

    /// What identifies an observation across copies: the station it prints, else the printed
    /// name, else its place after the last printed one (`after:id:100#1`), which a nameless item
    /// keeps in every copy whether or not its station could be inferred there.
    private static func keys(_ observations: [Observation]) -> [String] {
        var keys: [String] = []
        var previous = "start", namelessSincePrevious = 0
        for observation in observations {
            if let label = observation.label {
                previous = observation.stationID.map { "id:\($0)" } ?? "label:\(label)"
                namelessSincePrevious = 0
                keys.append(previous)
            } else if observation.stationSource == .feed, let id = observation.stationID {
                previous = "id:\(id)"
                keys.append(previous)
            } else {
                namelessSincePrevious += 1
                keys.append("after:\(previous)#\(namelessSincePrevious)")
            }
        }
        return keys
    }

    /// An observation's item as printed, for a report.
    private static func describeItem(_ observation: Observation) -> String {
        [observation.condition, observation.label, observation.temperatureC.map { "\($0)℃" }].compactMap { $0 }
            .joined(separator: " ")
    }

    private static func describeStation(_ observation: Observation) -> String {
        observation.stationID.map { "\($0) \(observation.station ?? "")" } ?? "item \(observation.position)"
    }

    private static func describeValues(_ observation: Observation) -> String {
        "\(observation.condition ?? "(no condition)") \(observation.temperatureC.map { "\($0)℃" } ?? "(no temperature)")"
    }
}
