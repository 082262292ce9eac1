/// Finds the blocks of a page's text that are tickers, by evidence rather than by shape:
/// a block starts and ends with an item that has a temperature (or a condition and a name),
/// and runs on over the things tickers hold between items — other items, line breaks, known
/// non-items (`광고`, the credit), a few unknown words (reported later) — as long as the station
/// numbers keep rising across any gap. Prose, a line with only numbers or a date on it, or
/// more than two lines without an item end it; an item on a line of prose joins a ticker only
/// right after its last item.
///
/// Works on the entries of ``TickerGrouper`` read line by line, condition first: enough to see
/// where items are. Each block is then read again with the layout that fits it.
struct TickerLocator {
    /// At most this many lines without an item between two items of one ticker (an ad, a
    /// separator, a slider button).
    static let maximumLinesBetweenItems = 3
    /// At most this many scalars of unknown words between two items of one ticker.
    static let maximumUnknownScalarsBetweenItems = 8

    /// A block: entries `start...end` of the page's entries.
    struct Block {
        var start: Int
        var end: Int
        /// The block may go on beyond a region of a page read in parts: read the whole page.
        var touchesRegionBreak: Bool
        /// Items that are evidence on their own.
        var evidenceCount = 1
        /// A number stood before the block's first item on its line (a list number).
        var startsAfterNumber = false
        /// One item, then unknown text, then the next block: if this block is no ticker of its
        /// own, its items are reported as standing apart from the ticker.
        var leadsIntoNextBlock = false
    }

    /// - Parameter noisyLines: lines holding unknown words (prose, a headline's tail): an item
    ///   there joins a ticker only right after its last item, never across a gap.
    func blocks(in entries: [TickerEntry], noisyLines: Set<Int>) -> [Block] {
        // Lines with an item of their own: a number there is part of the line (`26.8℃ 60%`,
        // a list number), elsewhere it is a date or a count, which ends a ticker.
        var itemLines: Set<Int> = []
        for entry in entries {
            if let draft = entry.item, draft.isEvidence { itemLines.formUnion(draft.first.line...draft.last.line) }
        }
        var blocks: [Block] = []
        var open: Block?
        var lastStationID: Int?
        var linesSinceItem = 0, unknownScalars = 0, sawBreakingText = false, sawNonItem = false
        /// Lines since the last item that is evidence (weak items do not reset it).
        var linesSinceEvidence = 0
        /// Unknown text stood on the last item's own line (`… 26.8℃ 폭염특보`): prose around it.
        var unknownOnItemLine = false
        /// Weak items (a bare name, a bare condition) right before the current position, with
        /// nothing else between: they belong to a block that starts after them.
        var weakRunStart: Int?
        var linesSinceWeakItem = 0
        /// A station printed by a weak item since the last item (a name in a cell of its own).
        var pendingStationID: Int?
        var afterRegionBreak = false
        /// A number or date stood earlier on the current line (`6. 동두천 26.8℃ …`).
        var numberOnThisLine = false

        func gapIsCrossable() -> Bool {
            !sawBreakingText && linesSinceItem <= Self.maximumLinesBetweenItems
                && unknownScalars <= Self.maximumUnknownScalarsBetweenItems
        }
        func resetGap() {
            linesSinceItem = 0; unknownScalars = 0; sawBreakingText = false; sawNonItem = false; unknownOnItemLine = false
        }
        func close() {
            if let block = open { blocks.append(block) }
            open = nil
        }

        for (index, entry) in entries.enumerated() {
            switch entry {
            case .item(let draft) where draft.isEvidence:
                if var block = open {
                    let contiguous = linesSinceItem <= 1 && unknownScalars == 0 && !sawBreakingText && !sawNonItem
                    // Across a gap, the stations must go on rising; after unknown text, the item
                    // must name one (a headline `대전 낮 최고 30.3℃` after the credit is no item).
                    let rising = (draft.printedStationID ?? pendingStationID).map { id in lastStationID.map { id > $0 } ?? true }
                        ?? (unknownScalars == 0)
                    // Unknown text is crossed only inside a ticker already under way: one item
                    // with text around it (`6. 동두천 26.8℃ 폭염특보`) is a headline, not a start.
                    let established = block.evidenceCount >= 2 || unknownScalars == 0 || !unknownOnItemLine
                    // Over nothing but separators and non-items, order may start again: a
                    // scroller's copy follows, and is told apart as a pass when the block is read.
                    let crossable = gapIsCrossable() && (rising || unknownScalars == 0)
                        && (linesSinceItem == 0 || !noisyLines.contains(draft.first.line))
                    if contiguous || (crossable && established) {
                        block.end = index
                        block.evidenceCount += 1
                        open = block
                    } else {
                        // Split, for want of a second item or of station order, where unknown
                        // text after a lone item on its line is all that stands before the next
                        // line's items: the lone item may be the ticker's first; it is reported,
                        // not dropped (unless a list number stood before it: a numbered headline).
                        if block.evidenceCount == 1, gapIsCrossable(), linesSinceEvidence <= 1, !block.startsAfterNumber {
                            open!.leadsIntoNextBlock = true
                        }
                        close()
                    }
                }
                if open == nil {
                    // A block right after a region break may have begun before it.
                    let touches = afterRegionBreak && gapIsCrossable()
                    open = Block(start: weakRunStart ?? index, end: index, touchesRegionBreak: touches,
                                 startsAfterNumber: numberOnThisLine)
                    lastStationID = nil
                }
                afterRegionBreak = false
                weakRunStart = nil
                resetGap()
                linesSinceEvidence = 0
                if let id = draft.printedStationID ?? pendingStationID { lastStationID = id }
                pendingStationID = nil
            case .item(let draft):
                if let id = draft.printedStationID { pendingStationID = id }
                // A part of an item on a line of its own (`<dt>서울</dt><dd>맑음 29.3℃</dd>`) keeps
                // a ticker going like an item does (the text between still counts).
                if weakRunStart == nil { weakRunStart = index }
                linesSinceItem = 0
                linesSinceWeakItem = 0
            case .unknown(let count, let numberOrDate, let hasDigits, let position):
                let breaks = numberOrDate && !itemLines.contains(position.line)
                // A broken temperature for the weak items before it (`안개 | 파주 | 3O.6℃` in
                // cells): part of an item, reported when the block is read.
                if weakRunStart != nil || open != nil, linesSinceWeakItem <= 1, hasDigits,
                   index > 0, entries[index - 1].item != nil || { if case .lineBreak = entries[index - 1] { return true }; return false }() {
                    linesSinceWeakItem = 0
                    if open != nil { linesSinceItem = 0 }
                    continue
                }
                weakRunStart = nil
                pendingStationID = nil
                if breaks { sawBreakingText = true; numberOnThisLine = true } else { unknownScalars += count }
                if linesSinceItem == 0 { unknownOnItemLine = true }
            case .listNumber:
                numberOnThisLine = true
            case .nonItem:
                // An ad inside a one-line ticker (`철원 소나기 광고 동두천 뇌우 8.7 ℃`) leaves the
                // weak items before it in the ticker, and so does an ad's line of its own.
                pendingStationID = nil
                linesSinceWeakItem = max(0, linesSinceWeakItem - 1)
                sawNonItem = true
            case .lineBreak:
                numberOnThisLine = false
                // A line with nothing on it (blank, or only a separator such as `|`) is no gap.
                if index > 0, case .lineBreak = entries[index - 1] { continue }
                linesSinceItem += 1
                linesSinceEvidence += 1
                linesSinceWeakItem += 1
                if linesSinceWeakItem > 1 { weakRunStart = nil; pendingStationID = nil }
            case .regionBreak:
                if open != nil, gapIsCrossable() { open!.touchesRegionBreak = true }
                close()
                weakRunStart = nil
                afterRegionBreak = true
                resetGap()
            }
            if open != nil, !gapIsCrossable() { close() }
        }
        close()
        return blocks.indices.map { number in
            var block = blocks[number]
            let nextStart = number + 1 < blocks.count ? blocks[number + 1].start : entries.count
            // Weak items right after the last item may complete it (a name-first item whose
            // condition is on the next line); they are read with the block and dropped there
            // when they stay weak.
            var index = block.end + 1
            var lines = 0
            var lastWasWeakItem = false
            // Past a non-item (an ad, the credit), weak items join only as the parts of a broken
            // last item (`광고 | 장흥 맑음 3I.4°C`); a headline's name after the credit does not.
            var crossedNonItem = false
            while index < nextStart {
                if case .lineBreak = entries[index] {
                    if case .lineBreak = entries[index - 1] { index += 1; continue }  // an empty line
                    lines += 1
                    if lines > 1 { break }
                    index += 1
                    continue
                }
                // A broken temperature for the weak item before it (`남해 | 3o.9℃` in cells).
                if case .unknown(_, _, let hasDigits, _) = entries[index], lastWasWeakItem, hasDigits {
                    block.end = index
                    return block
                }
                if case .nonItem = entries[index] {
                    lines = max(0, lines - 1)
                    crossedNonItem = true
                    index += 1
                    continue
                }
                guard let draft = entries[index].item, !draft.isEvidence else { break }
                // A weak item that holds the broken temperature itself (`빗방울 1o.2°C`).
                if draft.problem != nil {
                    block.end = index
                    return block
                }
                if !crossedNonItem { block.end = index }
                lastWasWeakItem = true
                lines = 0
                index += 1
            }
            return block
        }
    }
}
