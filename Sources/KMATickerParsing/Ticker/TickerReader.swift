import KMATickerModel
import KMATickerText

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
    let recognizer = TickerRecognizer()
    /// The arrays each page is tokenized into, kept for the next page.
    private let buffers = TokenizedPage.Buffers()

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
        /// Blocks of item-like lines that are no ticker (prose, tables, lists): not stored.
        var notTickers: [NotATicker] = []
    }

    init(registry: StationRegistry, inferStations: Bool) {
        self.registry = registry
        tokenizer = TickerTokenizer(registry: registry)
        self.inferStations = inferStations
    }

    func read(_ pageLines: [PageLine]) -> Reading {
        let lines = TokenizedPage(lines: pageLines, tokenizer: tokenizer, reusing: buffers).lines
        var reading = Reading()
        guard let last = lines.indices.last else { return reading }
        let scan = TickerGrouper(order: TickerGrouper.conditionFirst, joinsLines: false)
        let entries = scan.entries(of: lines, from: PiecePosition(line: 0, piece: 0),
                                   through: PiecePosition(line: last, piece: lines[last].pieces.count - 1))
        var noisyLines: Set<Int> = []
        for (index, line) in lines.enumerated() where line.pieces.contains(where: { piece in
            // Words, not broken numbers (`2I.7˚C` is a malformed item, not prose).
            if case .unknown(let isWord, let hasDigits) = piece.kind { return isWord || (!hasDigits && piece.range.count >= 3) }
            return false
        }) {
            noisyLines.insert(index)
        }
        let blocks = TickerLocator().blocks(in: entries, noisyLines: noisyLines)
        reading.touchesRegionBreak = blocks.contains { $0.touchesRegionBreak }

        // Each block is read, then judged as a whole: only a block that is a ticker
        // (``TickerRecognizer``) gives observations, or counts as a copy of the ticker.
        var judged = blocks.map { judge($0, entries: entries, lines: lines) }
        // A ticker split in two by a long ad among its items (`<li>쿠팡 최저가 할인 …</li>`, more
        // words than a block runs on over): two ticker-like blocks a line or two apart, the
        // second going on in station order from the first, are one ticker, and the text between
        // is reported as in it.
        var number = 0
        while number + 1 < judged.count {
            let (this, next) = (judged[number], judged[number + 1])
            if this.evidence.standing != .none, next.evidence.standing != .none,
               let last = this.passes.last?.items.last(where: { $0.printedStationID != nil })?.printedStationID,
               let first = next.passes.first?.items.first(where: { $0.printedStationID != nil })?.printedStationID, first > last,
               let lastLine = this.passes.last?.items.last?.last.line, let firstLine = next.passes.first?.items.first?.first.line,
               firstLine - lastLine <= Self.maximumLinesBetweenParts {
                var block = this.block
                block.end = next.block.end
                block.touchesRegionBreak = this.block.touchesRegionBreak || next.block.touchesRegionBreak
                block.leadsIntoNextBlock = next.block.leadsIntoNextBlock
                let whole = judge(block, entries: entries, lines: lines)
                if whole.evidence.standing == .ticker {
                    judged[number] = whole
                    judged.remove(at: number + 1)
                    continue
                }
            }
            number += 1
        }
        var passes: [Pass] = []
        for (number, block) in judged.enumerated() {
            reading.notTickers += block.edgeNotes
            // A short list without the credit may yet be a copy of the ticker: it is named
            // only when it is none (``merge(_:lines:into:)``).
            if block.evidence.standing == .none, let notATicker = block.passes.first?.notATicker { reading.notTickers.append(notATicker) }
            // One item standing apart right before the ticker is kept to be reported (not
            // stored) when the next block is a ticker and the item prints a condition word, as
            // the ticker's items do (a headline's `춘천 -16.0℃` prints none); otherwise a block
            // that is no ticker is gone.
            let keptToReport = block.block.leadsIntoNextBlock && number + 1 < judged.count
                && judged[number + 1].evidence.standing == .ticker
                && block.passes.allSatisfy { $0.items.allSatisfy(TickerRecognizer.printsConditionWord) }
            guard block.evidence.standing != .none || keptToReport else { continue }
            for var pass in block.passes {
                pass.leadsIntoNextBlock = block.block.leadsIntoNextBlock
                pass.block = number
                pass.standing = block.evidence.standing
                passes.append(pass)
            }
        }
        merge(passes, lines: lines, into: &reading)
        return reading
    }

    /// At most this many lines from one part of a ticker split by an ad to the next.
    static let maximumLinesBetweenParts = 2

    /// A block read and judged: its passes, what ``TickerRecognizer`` made of it, and the prose
    /// cut off its edges.
    struct JudgedBlock {
        var block: TickerLocator.Block
        var passes: [Pass]
        var evidence: TickerRecognizer.Evidence
        var edgeNotes: [NotATicker]
    }

    private func judge(_ block: TickerLocator.Block, entries: [TickerEntry], lines: [TokenizedLine]) -> JudgedBlock {
        guard let first = Self.firstPosition(of: entries[block.start]), let end = Self.lastPosition(of: entries[block.end]) else {
            return JudgedBlock(block: block, passes: [], evidence: TickerRecognizer.Evidence(), edgeNotes: [])
        }
        var edgeNotes: [NotATicker] = []
        var passes = self.passes(in: lines, from: first, through: end, notTickers: &edgeNotes)
        let evidence = recognizer.evidence(of: passes.map(\.items), lines: lines)
        if evidence.standing != .ticker, evidence.looksLikeACandidate, let firstItem = passes.first?.items.first {
            let notATicker = NotATicker(line: tickerItem(firstItem, lines: lines).line, firstItem: text(of: firstItem, lines: lines),
                                        itemCount: evidence.items, reason: evidence.failing)
            for index in passes.indices { passes[index].notATicker = notATicker }
        }
        return JudgedBlock(block: block, passes: passes, evidence: evidence, edgeNotes: edgeNotes)
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
        /// The block the pass was read from (a scroller's repeat is in the ticker's own block).
        var block = 0
        /// What ``TickerRecognizer`` made of the block: a pass of a block that is no ticker is
        /// kept only to report its item as standing apart from the ticker after it.
        var standing = TickerRecognizer.Standing.ticker
        /// Why the block is no ticker, when it is none (or only a copy).
        var notATicker: NotATicker?
    }

    /// The block's passes: read in its best layout, trimmed to the ticker, split into copies.
    /// - Parameter notTickers: where prose trimmed off the block's edges is named.
    private func passes(in lines: [TokenizedLine], from first: PiecePosition, through end: PiecePosition,
                        notTickers: inout [NotATicker]) -> [Pass] {
        let entries = bestLayout(of: lines, from: first, through: end)
        guard let ticker = Self.tickerRange(in: entries) else { return [] }
        var drafts: [ItemDraft] = []
        var unknowns: [(text: String, line: Int, afterItems: Int)] = []
        var unknownRun: (line: Int, start: Int, afterItems: Int)?
        for entry in entries[ticker] {
            switch entry {
            case .item(let draft):
                drafts.append(draft)
            case .unknown(_, _, _, let position):
                let line = lines[position.line]
                let range = line.pieces[position.piece].range
                // One run of text between the same two items on a line (an ad's words, `60%`) is
                // one report, as printed.
                if let run = unknownRun, run.line == position.line, run.afterItems == drafts.count {
                    unknowns[unknowns.count - 1].text = line.text.printedText(run.start..<range.upperBound)
                } else {
                    unknowns.append((line.text.printedText(range), line.text.fileLine(at: range.lowerBound), drafts.count))
                    unknownRun = (position.line, range.lowerBound, drafts.count)
                }
            default:
                break
            }
        }
        // Prose that ran into the ticker's edges (a headline's last words right above it) is
        // no part of it: neither its items nor the text between them and the ticker.
        let edges = recognizer.proseEdges(of: drafts, lines: lines)
        if edges.front + edges.back > 0 {
            let kept = edges.front..<(drafts.count - edges.back)
            for draft in drafts[..<kept.lowerBound] + drafts[kept.upperBound...] {
                notTickers.append(NotATicker(line: tickerItem(draft, lines: lines).line, firstItem: text(of: draft, lines: lines),
                                             itemCount: 1, reason: "a line of its own at the edge of a list, prose or out of station order"))
            }
            // The text between the prose and the ticker goes with the prose.
            unknowns = unknowns.filter { kept.lowerBound < $0.afterItems && $0.afterItems < kept.upperBound }
                .map { ($0.text, $0.line, $0.afterItems - kept.lowerBound) }
            drafts = Array(drafts[kept])
        }
        let starts = passStarts(in: &drafts, lines: lines)
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

    /// The block's entries in the layout that explains it with the fewest items: parts in
    /// either order, items within a line or going on over lines (a table with a cell per part).
    /// Ties go to items within a line, condition first: the common form.
    private func bestLayout(of lines: [TokenizedLine], from first: PiecePosition, through end: PiecePosition) -> [TickerEntry] {
        var best = TickerGrouper(order: TickerGrouper.conditionFirst, joinsLines: false).entries(of: lines, from: first, through: end)
        // Another layout can explain the block with fewer items only where an item lacks parts
        // another could complete: a weak item, or a temperature on its own. (Most tickers have
        // neither, and are read once.)
        let mayJoin = best.contains { entry in
            guard let draft = entry.item else { return false }
            return !draft.isEvidence || draft.parts.isOnly(.temperature)
        }
        guard mayJoin else { return best }
        var bestItemCount = best.reduce(0) { $0 + ($1.item == nil ? 0 : 1) }
        for (joinsLines, order) in [(false, TickerGrouper.nameFirst), (true, TickerGrouper.conditionFirst),
                                    (true, TickerGrouper.nameFirst)] {
            let entries = TickerGrouper(order: order, joinsLines: joinsLines).entries(of: lines, from: first, through: end)
            let count = entries.reduce(0) { $0 + ($1.item == nil ? 0 : 1) }
            if count < bestItemCount { (best, bestItemCount) = (entries, count) }
        }
        return best
    }

    /// The entries from the first to the last item of the ticker. Weak items at the ends (a
    /// bare name, a bare condition) belong to it when they keep its station order; otherwise
    /// they are whatever stood next to it (a menu entry).
    private static func tickerRange(in entries: [TickerEntry]) -> ClosedRange<Int>? {
        guard var firstItem = entries.firstIndex(where: { $0.item?.isEvidence == true }),
              var lastItem = entries.lastIndex(where: { $0.item?.isEvidence == true }) else { return nil }
        var bound = entries[firstItem...].lazy.compactMap { $0.item?.printedStationID }.first
        for index in entries[..<firstItem].indices.reversed() {
            guard let draft = entries[index].item else { continue }
            if let id = draft.printedStationID {
                guard bound.map({ id < $0 }) ?? true else { break }
                bound = id
            }
            firstItem = index
        }
        bound = entries[...lastItem].lazy.compactMap { $0.item?.printedStationID }.last
        for index in entries.indices.dropFirst(lastItem + 1) {
            guard let draft = entries[index].item else { continue }
            if let id = draft.printedStationID {
                guard bound.map({ id > $0 }) ?? true else { break }
                bound = id
            }
            lastItem = index
        }
        return firstItem...lastItem
    }

    /// Where each pass of `drafts` starts. A station printed again either stands out of place
    /// (the stations after it go on from those before it: a duplicate, marked rejected in
    /// `drafts`) or starts a new pass: a copy of the ticker. A copy starts as many items before
    /// its first repeated station as that station stood from the start of the pass before (a
    /// nameless first item is repeated too), if those items print none.
    private func passStarts(in drafts: inout [ItemDraft], lines: [TokenizedLine]) -> [Int] {
        var starts = [0]
        var firstIndexByStation: [Int: Int] = [:]
        var lastStationID: Int?
        for index in drafts.indices {
            guard let id = drafts[index].printedStationID else { continue }
            guard let earlier = firstIndexByStation[id] else {
                firstIndexByStation[id] = index
                lastStationID = id
                continue
            }
            let nextID = drafts[(index + 1)...].lazy.compactMap(\.printedStationID).first
            if let nextID, let last = lastStationID, nextID > last, firstIndexByStation[nextID] == nil {
                let line = tickerItem(drafts[earlier], lines: lines).line
                if drafts[index].problem == nil { drafts[index].problem = "prints its station a second time (line \(line))" }
                drafts[index].stationID = nil  // no longer a neighbour for inference
                continue
            }
            var start = index - (earlier - starts.last!)
            while start < index, drafts[start..<index].contains(where: { $0.printedStationID != nil }) { start += 1 }
            starts.append(max(start, starts.last! + 1))
            firstIndexByStation = [:]
            for offset in starts.last!...index {
                if let item = drafts[offset].printedStationID { firstIndexByStation[item] = offset }
            }
            lastStationID = id
        }
        return starts
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
            // A placeholder alone (`-` after an item, a `<td>-</td>`) has no name, condition nor
            // temperature: stored, it would be a row of nothing (or of a guessed station only).
            let holdsNothing = drafts[index].label == nil && drafts[index].condition == nil && drafts[index].temperature == nil
            guard let problem = drafts[index].problem ?? (holdsNothing ? "has no name, condition or temperature: a placeholder alone" : nil) else {
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

    func tickerItem(_ draft: ItemDraft, lines: [TokenizedLine]) -> TickerItem {
        let line = lines[draft.first.line]
        return draft.tickerItem(line: line.text.fileLine(at: line.pieces[draft.first.piece].range.lowerBound),
                                registry: registry)
    }

    /// The item's text as printed, over lines when it spans several.
    func text(of draft: ItemDraft, lines: [TokenizedLine]) -> String {
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
