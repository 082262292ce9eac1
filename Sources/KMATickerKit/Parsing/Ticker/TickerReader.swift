/// Reads a page's lines into its ticker: every item stored or reported.
///
/// 1. Each line is tokenized (``TickerTokenizer``) and grouped into items (``TickerGrouper``).
/// 2. ``TickerLocator`` finds the blocks that are tickers.
/// 3. Each block is read again in the layout that explains it with the fewest items: condition
///    or name first, items within a line or continuing over lines (one table cell per part).
/// 4. A block that repeats a station starts a new pass: a scroller's repeat of the list.
///    Stations are inferred within each pass.
/// 5. The longest pass is the ticker; other passes (and blocks) that share most of their
///    stations with it are copies: each observation is kept once, and copies that disagree are
///    reported. Other lists of three or more items are reported, not stored.
///
/// One per thread (the tokenizer is shared; the rest is per call).
struct TickerReader {
    let registry: StationRegistry
    let tokenizer: TickerTokenizer
    let inferStations: Bool

    /// What a page's ticker gave.
    struct Reading {
        var observations: [Observation] = []
        var rejected: [RejectedItem] = []
        /// Warnings about stored items (unknown words, unresolved items, copies, disagreements).
        var notes: [(line: Int?, message: String)] = []
        var extraCopies = 0
        /// A ticker may go on past a region of a page read in parts.
        var touchesRegionBreak = false
        /// No item could be stored; the first item-shaped thing that could not be read.
        var firstMalformed: (line: Int, text: String)?
    }

    init(registry: StationRegistry, inferStations: Bool) {
        self.registry = registry
        tokenizer = TickerTokenizer(registry: registry)
        self.inferStations = inferStations
    }

    func read(_ pageLines: [PageLine]) -> Reading {
        let lines = pageLines.map { line -> TokenizedLine in
            if line == .regionBreak {
                return TokenizedLine(text: TickerText(PageLine(text: "", number: 0)), pieces: [], isRegionBreak: true)
            }
            let text = TickerText(line)
            return TokenizedLine(text: text, pieces: tokenizer.pieces(of: text), isRegionBreak: false)
        }
        var reading = Reading()
        guard let last = lines.indices.last else { return reading }
        let scan = TickerGrouper(order: TickerGrouper.conditionFirst, joinsLines: false)
        let entries = scan.entries(of: lines, from: PiecePosition(line: 0, piece: 0),
                                   through: PiecePosition(line: last, piece: lines[last].pieces.count - 1))
        let blocks = TickerLocator().blocks(in: entries)
        reading.touchesRegionBreak = blocks.contains { $0.touchesRegionBreak }

        var passes: [Pass] = []
        for block in blocks {
            guard let first = Self.firstPosition(of: entries[block.start]),
                  let end = Self.lastPosition(of: entries[block.end]) else { continue }
            var blockPasses = self.passes(in: lines, from: first, through: end)
            for index in blockPasses.indices { blockPasses[index].leadsIntoNextBlock = block.leadsIntoNextBlock }
            passes += blockPasses
        }
        merge(passes, lines: lines, into: &reading)
        return reading
    }

    // MARK: Blocks into passes

    /// A run of a block's items with no station twice, and the unknown text within it.
    struct Pass {
        var items: [ItemDraft] = []
        var unknowns: [(text: String, line: Int)] = []
        var observations: [Observation] = []
        var notes: [(line: Int?, message: String)] = []
        var rejected: [RejectedItem] = []
        /// What identifies each rejected item across copies: its station, else its text.
        var rejectedKeys: [String] = []
        /// See ``TickerLocator/Block/leadsIntoNextBlock``.
        var leadsIntoNextBlock = false
    }

    private func passes(in lines: [TokenizedLine], from first: PiecePosition, through end: PiecePosition) -> [Pass] {
        // The layout that explains the block with the fewest items: parts in either order,
        // items within a line or going on over lines (a table with a cell per part). Ties go to
        // items within a line, condition first: the common form.
        var best = TickerGrouper(order: TickerGrouper.conditionFirst, joinsLines: false).entries(of: lines, from: first, through: end)
        // Another layout can explain the block with fewer items only where an item lacks parts
        // another could complete: a weak item, or a temperature on its own. (Most tickers have
        // neither, and are read once.)
        let mayJoin = best.contains { entry in
            guard let draft = entry.item else { return false }
            return !draft.isEvidence || draft.parts.isOnly(.temperature)
        }
        if mayJoin {
            var bestItemCount = best.reduce(0) { $0 + ($1.item == nil ? 0 : 1) }
            for (joinsLines, order) in [(false, TickerGrouper.nameFirst), (true, TickerGrouper.conditionFirst),
                                        (true, TickerGrouper.nameFirst)] {
                let entries = TickerGrouper(order: order, joinsLines: joinsLines).entries(of: lines, from: first, through: end)
                let count = entries.reduce(0) { $0 + ($1.item == nil ? 0 : 1) }
                if count < bestItemCount { (best, bestItemCount) = (entries, count) }
            }
        }
        // Weak items at the ends (a bare name, a bare condition) belong to the ticker when they
        // keep its station order; otherwise they are whatever stood next to it (a menu entry).
        guard var firstItem = best.firstIndex(where: { $0.item?.isEvidence == true }),
              var lastItem = best.lastIndex(where: { $0.item?.isEvidence == true }) else { return [] }
        var bound = best[firstItem...].lazy.compactMap { $0.item?.printedStationID }.first
        for index in best[..<firstItem].indices.reversed() {
            guard let draft = best[index].item else { continue }
            if let id = draft.printedStationID {
                guard bound.map({ id < $0 }) ?? true else { break }
                bound = id
            }
            firstItem = index
        }
        bound = best[...lastItem].lazy.compactMap { $0.item?.printedStationID }.last
        for index in best.indices.dropFirst(lastItem + 1) {
            guard let draft = best[index].item else { continue }
            if let id = draft.printedStationID {
                guard bound.map({ id > $0 }) ?? true else { break }
                bound = id
            }
            lastItem = index
        }

        var drafts: [ItemDraft] = []
        var unknowns: [(text: String, line: Int, afterItems: Int)] = []
        for entry in best[firstItem...lastItem] {
            switch entry {
            case .item(let draft):
                drafts.append(draft)
            case .unknown(_, _, _, let position):
                let line = lines[position.line]
                let range = line.pieces[position.piece].range
                unknowns.append((line.text.printedText(range), line.text.fileLine(at: range.lowerBound), drafts.count))
            default:
                break
            }
        }
        // A station printed again starts a new pass. The copy starts as many items before it
        // as the station stood from the start of the pass before (a nameless first item is
        // repeated too), as long as those items print no station.
        var starts = [0]
        var firstIndexByStation: [Int: Int] = [:]
        for (index, draft) in drafts.enumerated() {
            guard let id = draft.printedStationID else { continue }
            if let earlier = firstIndexByStation[id] {
                var start = index - (earlier - starts.last!)
                while start < index, drafts[start..<index].contains(where: { $0.printedStationID != nil }) { start += 1 }
                starts.append(max(start, starts.last! + 1))
                firstIndexByStation = [:]
                for (offset, item) in drafts[starts.last!...index].enumerated() {
                    if let id = item.printedStationID { firstIndexByStation[id] = starts.last! + offset }
                }
            } else {
                firstIndexByStation[id] = index
            }
        }
        var passes: [Pass] = []
        for (number, start) in starts.enumerated() {
            let end = number + 1 < starts.count ? starts[number + 1] : drafts.count
            var pass = Pass()
            pass.items = Array(drafts[start..<end])
            pass.unknowns = unknowns.filter { $0.afterItems > start && $0.afterItems <= end || (start == 0 && $0.afterItems == 0) }
                .map { ($0.text, $0.line) }
            passes.append(pass)
        }
        return passes.map { resolved($0, lines: lines) }
    }

    /// The pass's items as observations (stations inferred within the pass) and rejections.
    private func resolved(_ pass: Pass, lines: [TokenizedLine]) -> Pass {
        // (Written with plain loops over copies: Swift 6.3's optimizer crashed on the
        // mutate-while-iterating form of this function in release builds.)
        let drafts = pass.items
        let items = drafts.map { tickerItem($0, lines: lines) }
        let (observations, notes) = StationInference.observations(from: items, registry: registry, enabled: inferStations)
        var resolved = pass
        var rejectedLines: Set<Int> = []
        for index in drafts.indices {
            let item = items[index]
            guard let problem = drafts[index].problem else {
                resolved.observations.append(observations[index])
                for warning in item.warnings { resolved.notes.append((item.line, warning)) }
                continue
            }
            let printed = text(of: drafts[index], lines: lines)
            resolved.rejected.append(RejectedItem(line: item.line, text: printed, reason: problem))
            if let station = item.station {
                resolved.rejectedKeys.append("id:\(station.id)")
            } else {
                resolved.rejectedKeys.append(printed.filter { $0 != " " })
            }
            rejectedLines.insert(item.line)
        }
        for note in notes where !rejectedLines.contains(note.line) { resolved.notes.append((note.line, note.message)) }
        for unknown in pass.unknowns {
            resolved.rejected.append(RejectedItem(line: unknown.line, text: unknown.text, reason: "is no ticker item"))
            resolved.rejectedKeys.append(unknown.text.filter { $0 != " " })
        }
        return resolved
    }

    private func tickerItem(_ draft: ItemDraft, lines: [TokenizedLine]) -> TickerItem {
        let line = lines[draft.first.line]
        let fileLine = line.text.fileLine(at: line.pieces[draft.first.piece].range.lowerBound)
        var warnings: [String] = []
        if draft.problem == nil {
            if let condition = draft.condition, !draft.conditionIsKnown {
                warnings.append("unknown condition word '\(condition)', kept as printed")
            }
            if let label = draft.label, draft.stationID == nil {
                warnings.append("unknown station name '\(label)', kept as printed")
            }
        }
        var temperature: Double?
        if case .celsius(let value) = draft.temperature { temperature = value }
        return TickerItem(condition: draft.condition, conditionIsKnown: draft.conditionIsKnown, label: draft.label,
                          station: draft.stationID.flatMap(registry.station(id:)), temperatureC: temperature, line: fileLine,
                          warnings: warnings)
    }

    /// The item's text as printed, over lines when it spans several.
    private func text(of draft: ItemDraft, lines: [TokenizedLine]) -> String {
        var parts: [String] = []
        for index in draft.first.line...draft.last.line {
            let line = lines[index]
            guard !line.pieces.isEmpty else { continue }
            let from = index == draft.first.line ? line.pieces[draft.first.piece].range.lowerBound : 0
            let to = index == draft.last.line ? line.pieces[draft.last.piece].range.upperBound : line.text.scalars.count
            parts.append(line.text.printedText(from..<to))
        }
        return parts.joined(separator: " ")
    }

    // MARK: Passes into one ticker

    private func merge(_ passes: [Pass], lines: [TokenizedLine], into reading: inout Reading) {
        guard let principal = passes.indices.max(by: { Self.size(passes[$0]) < Self.size(passes[$1]) }),
              !passes[principal].observations.isEmpty else {
            reading.firstMalformed = passes.lazy.flatMap(\.items).first { $0.problem != nil && $0.isEvidence
                && ($0.parts.contains(.condition) || $0.parts.contains(.name)) }
                .map { (tickerItem($0, lines: lines).line, text(of: $0, lines: lines)) }
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
        let isCopy = passes.indices.map { index -> Bool in
            let pass = passes[index]
            let stationKeys = Self.keys(pass.observations).filter { !$0.hasPrefix("after:") }
            let shared = stationKeys.filter(principalKeys.contains).count
            return index != principal && pass.items.count >= 3 && pass.unknowns.count * 4 <= pass.items.count
                && shared * 2 >= max(1, stationKeys.count)
        }
        for index in [principal] + passes.indices.filter({ $0 != principal }) {
            let pass = passes[index]
            let keys = Self.keys(pass.observations)
            guard index == principal || isCopy[index] else {
                if pass.leadsIntoNextBlock, index + 1 < passes.count, index + 1 == principal || isCopy[index + 1] {
                    // One item before the ticker, unknown text between: not stored, not lost.
                    for observation in pass.observations {
                        reading.rejected.append(RejectedItem(line: observation.line, text: Self.describeItem(observation, lines: lines),
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

    /// Passes compare by the observations they give, then by all their items.
    private static func size(_ pass: Pass) -> Int { pass.observations.count * 10_000 + pass.items.count }

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
    private static func describeItem(_ observation: Observation, lines: [TokenizedLine]) -> String {
        [observation.condition, observation.label, observation.temperatureC.map { "\($0)℃" }].compactMap { $0 }
            .joined(separator: " ")
    }

    private static func describeStation(_ observation: Observation) -> String {
        observation.stationID.map { "\($0) \(observation.station ?? "")" } ?? "item \(observation.position)"
    }

    private static func describeValues(_ observation: Observation) -> String {
        "\(observation.condition ?? "(no condition)") \(observation.temperatureC.map { "\($0)℃" } ?? "(no temperature)")"
    }

    private static func firstPosition(of entry: TickerEntry) -> PiecePosition? {
        switch entry {
        case .item(let draft): return draft.first
        case .unknown(_, _, _, let at), .nonItem(let at): return at
        default: return nil
        }
    }

    private static func lastPosition(of entry: TickerEntry) -> PiecePosition? {
        switch entry {
        case .item(let draft): return draft.last
        case .unknown(_, _, _, let at), .nonItem(let at): return at
        default: return nil
        }
    }
}
