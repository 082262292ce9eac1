import KMATickerModel

/// Where a piece is: line index and piece index within the line.
struct PiecePosition: Comparable {
    var line: Int
    var piece: Int

    static func < (lhs: PiecePosition, rhs: PiecePosition) -> Bool {
        (lhs.line, lhs.piece) < (rhs.line, rhs.piece)
    }
}

/// A ticker item as read from its pieces, before stations are inferred.
struct ItemDraft {
    var condition: String?
    var conditionIsKnown = false
    var label: String?
    /// The registry station the printed name is (`nil` for none, or a name kmaticker does
    /// not know).
    var stationID: Int?
    var temperature: TickerToken?
    /// Why the item cannot be stored; `nil` for a good item.
    var problem: String?
    var parts = TickerParts()
    var first: PiecePosition
    var last: PiecePosition

    /// Shaped like a ticker item on its own: it has a temperature (or a unit), or a known
    /// condition and a known name (`구름조금북창원`). A bare name, a bare word, or a word
    /// kmaticker does not know before a name (`폭염서울`) needs a ticker around it.
    var isEvidence: Bool {
        let knownParts = (stationID != nil) || (parts.contains(.condition) && (conditionIsKnown || condition == nil))
        if case .bareNumber = temperature {
            // A number with no unit is an item only next to words kmaticker knows (`흐림속초27.8`);
            // `월 10` of a date line is none.
            return knownParts
        }
        return parts.contains(.temperature) || (parts.contains(.condition) && stationID != nil
            && (conditionIsKnown || condition == nil))
    }

    var printedStationID: Int? { stationID }

    /// The item, on file line `line`, with its warnings (unknown words are kept as printed).
    func tickerItem(line: Int, registry: StationRegistry) -> TickerItem {
        var warnings: [String] = []
        if problem == nil {
            if let condition, !conditionIsKnown {
                warnings.append("unknown condition word '\(condition)', kept as printed")
            }
            if let label, stationID == nil {
                warnings.append("unknown station name '\(label)', kept as printed")
            }
        }
        var temperatureC: Double?
        if case .celsius(let value) = temperature { temperatureC = value }
        return TickerItem(condition: condition, conditionIsKnown: conditionIsKnown, label: label,
                          station: stationID.flatMap(registry.station(id:)), temperatureC: temperatureC, line: line,
                          warnings: warnings)
    }
}

/// What the grouper sees in order: items, unknown text, known non-items, line and region breaks.
enum TickerEntry {
    // Indirect: an item is large and rare; the entries of a long page are mostly small
    // `unknown`s, and an array of them stays small (its growth was a third of reading one).
    indirect case item(ItemDraft)
    /// Text that is no part of an item. `isNumber`: a number or a date; on a line with no item
    /// (a date line, a count) it ends a ticker, on an item's line (`26.8℃ 60%`) it does not.
    case unknown(scalarCount: Int, isNumber: Bool, hasDigits: Bool, at: PiecePosition)
    case nonItem(at: PiecePosition)
    /// `1.` before an item at the start of a line: read like a bullet, but remembered (a
    /// numbered headline is no ticker's first item).
    case listNumber
    case lineBreak
    case regionBreak

    var item: ItemDraft? {
        if case .item(let draft) = self { return draft }
        return nil
    }
}

/// Groups pieces into items: each item fills its parts in the ticker's order (condition, name,
/// temperature, or name first), a part that cannot follow the ones before starts a new item,
/// and a temperature ends one. Unknown words take an empty part where one is due (`폭염서울33.0℃`
/// has an unknown condition, `맑음신도시28.0℃` an unknown name); other unknown text inside an
/// item makes it malformed, and unknown text between items is reported on its own.
struct TickerGrouper {
    /// The order of parts within an item.
    let order: [TickerPart]
    /// Whether an item may continue on the next line (a table with one cell per part, a text
    /// capture of `맑음<br>서울 29.3℃`).
    let joinsLines: Bool

    static let conditionFirst: [TickerPart] = [.condition, .name, .temperature]
    static let nameFirst: [TickerPart] = [.name, .condition, .temperature]

    /// Entries for `lines` from `start` through `end` (inclusive).
    func entries(of lines: [TokenizedLine], from start: PiecePosition, through end: PiecePosition) -> [TickerEntry] {
        var entries: [TickerEntry] = []
        // At most an entry per piece and a break per line: reserved once, not grown (a long
        // page's entries were copied again at every doubling).
        entries.reserveCapacity(lines[start.line...end.line].reduce(0) { $0 + $1.pieces.count + 1 })
        var current: ItemDraft?
        /// Unknown text printed right before the next item, with no space between.
        var attachedBefore: PiecePosition?
        /// An unknown word glued to the condition word after it (`짙은안개`, `흐리고비`): one
        /// condition, kept as printed.
        var conditionPrefix: (text: String, at: PiecePosition)?

        func close() {
            if let draft = current { entries.append(.item(draft)) }
            current = nil
        }
        func rank(_ part: TickerPart) -> Int { order.firstIndex(of: part)! }
        func canTake(_ part: TickerPart) -> Bool {
            guard let draft = current, let last = draft.parts.last else { return false }
            return rank(part) > rank(last)
        }
        func lastItemIsOnLine(_ line: Int) -> Bool {
            if current != nil { return true }
            guard let index = entries.lastIndex(where: { if case .lineBreak = $0 { return false }; return true }),
                  case .item(let draft) = entries[index] else { return false }
            return draft.last.line == line
        }
        func markLastItem(_ problem: String, through position: PiecePosition) -> Bool {
            if current != nil {
                if current!.problem == nil { current!.problem = problem }
                current!.last = max(current!.last, position)
                return true
            }
            guard let index = entries.lastIndex(where: { if case .lineBreak = $0 { return false }; return true }),
                  case .item(var draft) = entries[index], draft.last.line == position.line else { return false }
            if draft.problem == nil { draft.problem = problem }
            draft.last = max(draft.last, position)
            entries[index] = .item(draft)
            return true
        }

        /// Whether the last item, on `line`, is malformed and ends in a bare number (a number
        /// glued into text: `맑음=1+2`, `맑음 인천 1/2`), with nothing after it on the line but
        /// more numbers; then it takes them and the lone temperature at `position`, so that an
        /// item reported as unreadable stores nothing of itself.
        func extendsMalformedItem(on line: Int, through position: PiecePosition) -> Bool {
            var index = entries.count - 1
            while index >= 0, case .unknown(_, let isNumber, let hasDigits, let at) = entries[index], at.line == line,
                  isNumber || hasDigits {
                index -= 1
            }
            guard index >= 0, case .item(var draft) = entries[index], draft.last.line == line, draft.problem != nil,
                  case .bareNumber? = draft.temperature else { return false }
            draft.last = position
            entries.removeSubrange((index + 1)...)
            entries[index] = .item(draft)
            return true
        }

        for lineIndex in start.line...end.line {
            let line = lines[lineIndex]
            if line.isRegionBreak {
                close()
                entries.append(.regionBreak)
                continue
            }
            if lineIndex > start.line {
                if !joinsLines { close() }
                entries.append(.lineBreak)
            }
            let firstPiece = lineIndex == start.line ? start.piece : 0
            let lastPiece = lineIndex == end.line ? end.piece : line.pieces.count - 1
            guard firstPiece <= lastPiece else { continue }
            for pieceIndex in firstPiece...lastPiece {
                let piece = line.pieces[pieceIndex]
                let position = PiecePosition(line: lineIndex, piece: pieceIndex)
                let next = pieceIndex + 1 < line.pieces.count ? line.pieces[pieceIndex + 1] : nil
                switch piece.kind {
                case .nonItem:
                    close()
                    entries.append(.nonItem(at: position))

                case .token(let token):
                    if case .bareNumber(let number) = token, pieceIndex == 0, next?.token != nil,
                       Self.isListNumber(number, followedBy: piece.range.upperBound < line.text.scalars.count
                           ? line.text.scalars[piece.range.upperBound] : nil) {
                        // `1. 흐림속초27.8℃`: a list number before an item, like a bullet.
                        entries.append(.listNumber)
                        continue
                    }
                    if case .celsius(nil) = token, current == nil, !piece.spaceBefore,
                       markLastItem(Self.holds(String(String.UnicodeScalarView(line.text.scalars[piece.range]))), through: position) {
                        // `맑음인천28.5℃℃`: a unit with no number glued after an item is no item of
                        // its own (it would be a row of nothing) but a fault of that one.
                        continue
                    }
                    if case .celsius(nil) = token, current == nil {
                        // A unit alone (`… 28.5℃ ℃ …`), with no condition, name or number: text in
                        // the ticker, reported, not a row of nothing.
                        handleUnknown(line, isWord: false, isNumber: false, hasDigits: true, piece: piece, position: position, next: next)
                        continue
                    }
                    if case .bareNumber = token,
                       !(canTake(.temperature) && (current!.parts.contains(.condition) || current!.parts.contains(.name))) {
                        // A number that does not end an item: part of a date, a count.
                        handleUnknown(line, isWord: false, isNumber: true, hasDigits: true, piece: piece, position: position, next: next)
                        continue
                    }
                    if token.part == .temperature, current == nil, extendsMalformedItem(on: lineIndex, through: position) {
                        // `맑음=1+2 25.0℃`: the item was read as far as a number glued into text,
                        // and the temperature after it is its own (reported with it), not an
                        // item of its own.
                        continue
                    }
                    if !canTake(token.part) {
                        close()
                        current = ItemDraft(first: position, last: position)
                        if let attached = attachedBefore, attached.line == lineIndex {
                            current!.problem = Self.holds(Self.text(at: attached, in: lines))
                            current!.first = attached
                        }
                    }
                    attachedBefore = nil
                    add(token, to: &current!, at: position)
                    if let prefix = conditionPrefix, case .condition(let word) = token {
                        current!.condition = prefix.text + word
                        current!.conditionIsKnown = false
                        current!.first = min(current!.first, prefix.at)
                    }
                    conditionPrefix = nil
                    if token.part == .temperature { close() }

                case .unknown(let isWord, let hasDigits):
                    handleUnknown(line, isWord: isWord, isNumber: false, hasDigits: hasDigits, piece: piece, position: position, next: next)
                }
            }
        }
        close()
        return entries

        func handleUnknown(_ line: TokenizedLine, isWord: Bool, isNumber: Bool, hasDigits: Bool, piece: TickerPiece,
                           position: PiecePosition, next: TickerPiece?) {
            // The text is made only where it is kept (an unknown word) or reported.
            func text() -> String { String(String.UnicodeScalarView(line.text.scalars[piece.range])) }
            let nextPart = next?.token.map(\.part)
            let nextIsBareNumber: Bool = { if case .bareNumber = next?.token { return true }; return false }()
            if isWord, !piece.spaceAfter, case .condition = next?.token {
                if !canTake(.condition) { close() }
                conditionPrefix = (text(), position)
                return
            }
            if isWord, !nextIsBareNumber, let part = unknownWordPart(before: nextPart) {
                if current == nil { current = ItemDraft(first: position, last: position) }
                if part == .condition {
                    current!.condition = text()
                    current!.conditionIsKnown = false
                } else {
                    current!.label = text()
                }
                current!.parts.append(part)
                current!.last = position
                return
            }
            // Inside an item: between two of its parts.
            if let nextPart, canTake(nextPart), !(isNumber && piece.spaceBefore) {
                _ = markLastItem(Self.holds(text()), through: position)
                return
            }
            // Where the item's temperature is due: a malformed temperature (`맑음대전 3O.3℃`).
            if current != nil, canTake(.temperature), hasDigits {
                _ = markLastItem(Self.holds(text()), through: position)
                close()
                return
            }
            // Glued to the item before or after it.
            if !piece.spaceBefore, lastItemIsOnLine(position.line) {
                _ = markLastItem(Self.holds(text()), through: position)
                return
            }
            if !piece.spaceAfter, next?.token != nil {
                close()
                attachedBefore = position
                return
            }
            close()
            entries.append(.unknown(scalarCount: piece.range.count, isNumber: isNumber, hasDigits: hasDigits, at: position))
        }

        /// The part an unknown word takes, if one is due here.
        func unknownWordPart(before nextPart: TickerPart?) -> TickerPart? {
            let leading = order[0], middle = order[1]
            if current == nil {
                if nextPart == middle { return leading }  // `폭염서울…`
                if nextPart == .temperature { return order == Self.conditionFirst ? .condition : .name }  // `폭염28.0℃`
                return nil
            }
            if nextPart == .temperature, current!.parts.isOnly(leading) { return middle }  // `맑음신도시28.0℃`
            return nil
        }
    }

    private func add(_ token: TickerToken, to draft: inout ItemDraft, at position: PiecePosition) {
        draft.parts.append(token.part)
        draft.last = position
        switch token {
        case .condition(let word):
            draft.condition = word
            draft.conditionIsKnown = true
        case .noCondition:
            draft.condition = nil
            draft.conditionIsKnown = false
        case .station(let id, let printed):
            draft.stationID = id
            draft.label = printed
        case .celsius(let value):
            draft.temperature = token
            if let value, abs(value) > Observation.plausibleCelsius, draft.problem == nil {
                draft.problem = "gives \(value)℃, which no weather station reports"
            }
        case .foreignUnit(let text):
            draft.temperature = token
            if draft.problem == nil { draft.problem = "gives its temperature in a unit that is not °C ('\(text)'); kmaticker does not convert" }
        case .bareNumber(let text):
            draft.temperature = token
            if draft.problem == nil { draft.problem = "has a number with no unit ('\(text)'): cut off or malformed" }
        }
    }

    /// `1.`, `12)`: a whole number ending in a dot or followed by a parenthesis.
    private static func isListNumber(_ number: String, followedBy next: Unicode.Scalar?) -> Bool {
        let digits = number.hasSuffix(".") ? number.dropLast() : number[...]
        guard !digits.isEmpty, digits.count <= 3, digits.unicodeScalars.allSatisfy(TickerTokenizer.isDigit) else { return false }
        return number.hasSuffix(".") || next == ")"
    }


    /// The text of the piece at `position`.
    private static func text(at position: PiecePosition, in lines: [TokenizedLine]) -> String {
        let line = lines[position.line]
        return String(String.UnicodeScalarView(line.text.scalars[line.pieces[position.piece].range]))
    }

    private static func holds(_ text: String) -> String {
        "holds '\(text)', which is no part of a ticker item"
    }
}
