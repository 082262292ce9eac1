import KMATickerModel

/// Decides whether a block of items is the KMA ticker, from what the block looks like as a
/// whole, not from what its items look like: weather prose names stations next to numbers all
/// the time (`아침 최저기온은 대전 -4도, 청주 -5도 등이다`, `△대구 21도 △울산 20도`, forecast
/// tables), and none of it is a ticker.
///
/// The rule (docs/GUIDE.md, "How the ticker is found"). A candidate block is the ticker when
/// 1. it is **not a sentence**: at least half of its items stand on their own — nothing but
///    spaces, bullets, separators (`|`), known non-items (`광고`, the credit) or an element or
///    line boundary beside them; a comma, `·`, a range (`∼`), a particle or any other word next
///    to or inside an item puts it in a sentence;
/// 2. its stations are **in ASOS order**: no step from one printed station to the next falls
///    within a pass (every real ticker prints a subset of the registry in its order; a writer's
///    list of cities goes by region and nearly always falls somewhere; a scroller's repeat is a
///    pass of its own);
/// 3. it **names its stations**: more than half of its items print a registry station's name (a
///    forecast table's row reads as several items with one name; real tickers name 93 of 97);
/// 4. a block of fewer than ``shortList`` items — a list an article could print — has KMA's
///    credit `기상청 제공` inside it or within ``creditReach`` lines after it; such a block
///    without the credit may still be a copy of the page's ticker (``Standing/copyOnly``); and
/// 5. its evidence adds up to at least ``threshold`` of ``maximumPoints`` points:
///    - 3 × the share of its items that stand on their own (one item per element or line);
///    - 3 × the share of its items printing a KMA condition word or the `-` placeholder;
///    - 2 × the share of its steps from one printed station to the next that rise;
///    - 1 × the share of its values printed with a Celsius sign (`℃`, `°C`, `˚C`, `°`): `도`,
///      only ever seen in prose, counts for nothing (it is still read inside a ticker);
///    - 1 when the credit stands inside the block or within ``creditReach`` lines after it.
///
/// Every real ticker seen scores 10. Prose fails on several counts at once: a list in a
/// sentence is no ticker whatever else it has, and a bullet or city list prints no condition
/// words, in the writer's order, with `도`, and no credit. A block that fails yields nothing;
/// with `-v` the user is told which block and why (``NotATicker``). Measured on the real
/// articles of `Fixtures/prose` (RealNegativesTests), the same under real tickers
/// (MixedPagesTests), generated prose (WeatherProsePropertyTests) and generated tickers
/// (TickerRenderingPropertyTests); one test per part in TickerRecognizerTests.
struct TickerRecognizer {
    static let maximumPoints = 10.0
    static let threshold = 6.5
    /// Fewer items than this need the credit: real tickers print 16 stations or all of them;
    /// articles list a handful of cities.
    static let shortList = 10
    /// Lines after a block's last item in which its credit may stand.
    static let creditReach = 3

    /// What a block is.
    enum Standing {
        /// The ticker, or a copy of it.
        case ticker
        /// A short list that would be a ticker with KMA's credit: it counts only as a copy of
        /// the page's ticker (a mobile copy elsewhere on the page, its stations the ticker's),
        /// never on its own.
        case copyOnly
        /// No ticker: nothing of it is stored.
        case none
    }

    /// What a block shows, counted over its items.
    struct Evidence: Equatable {
        var items = 0
        /// Items with nothing but separators, non-items and line boundaries around them (the
        /// rest stand next to a comma, `·`, a range mark, a particle or another word).
        var standingAlone = 0
        var withConditionWord = 0
        /// Items of the block's longest pass (a scroller's partial repeat aside), and those of
        /// them that print the name of a registry station (a table's `최저기온(℃)` header, read
        /// as an unknown name over a missing value, is none).
        var passItems = 0
        var named = 0
        /// Steps from one printed station to the next (within a pass), and those that rise.
        var stationSteps = 0
        var risingSteps = 0
        var values = 0
        var valuesWithCelsiusSign = 0
        var credited = false

        private static func share(_ part: Int, of whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }

        var points: Double {
            3 * Self.share(standingAlone, of: items) + 3 * Self.share(withConditionWord, of: items)
                + 2 * Self.share(risingSteps, of: stationSteps) + Self.share(valuesWithCelsiusSign, of: values)
                + (credited ? 1 : 0)
        }

        var isSentence: Bool { standingAlone * 2 < items }

        /// Worth naming to the user when it is no ticker: a list, or an item with a condition
        /// word (a lone `최고 30.3℃` in an article is none, and every article has many).
        var looksLikeACandidate: Bool { items >= 2 || withConditionWord > 0 }

        /// A step from one printed station to the next falls.
        var breaksOrder: Bool { risingSteps < stationSteps }

        var isShortListWithoutCredit: Bool { items < TickerRecognizer.shortList && !credited }

        /// Half of the items or fewer name a station: a table of values per city (`서울 | 맑음 |
        /// 흐림 | 3℃ | 12℃`), whose rows read as several items each (real tickers name 93 of 97).
        var isMostlyNameless: Bool { named * 2 <= passItems }

        var standing: Standing {
            guard items > 0, !isSentence, !breaksOrder, !isMostlyNameless, points >= TickerRecognizer.threshold else { return .none }
            return isShortListWithoutCredit ? .copyOnly : .ticker
        }

        /// Why the block is no ticker: the first of its failings a reader would name.
        var failing: String {
            if isSentence { return "a list inside a sentence (\(items - standingAlone) of \(items) items run on in text)" }
            if breaksOrder {
                return "stations out of ASOS order (\(stationSteps - risingSteps) of \(stationSteps) steps between stations fall)"
            }
            if isMostlyNameless { return "mostly nameless (\(passItems - named) of \(passItems) items name no station)" }
            var failings: [String] = []
            if isShortListWithoutCredit { failings.append("a short list (\(items) items) without KMA's '기상청 제공' credit") }
            if withConditionWord * 2 < items { failings.append("\(items - withConditionWord) of \(items) items print no KMA condition word") }
            if stationSteps == 0 { failings.append("no run of stations to be in ASOS order") }
            if values > 0, valuesWithCelsiusSign * 2 < values { failings.append("values printed with 도, not ℃") }
            if !credited, !isShortListWithoutCredit { failings.append("no '기상청 제공' credit") }
            failings.append(String(cFormat: "%.1f of %.0f points", points, TickerRecognizer.maximumPoints))
            return failings.joined(separator: "; ")
        }
    }

    /// The evidence of a block read into `passes` (a scroller's repeat is a second pass of the
    /// same block; order is counted within each pass).
    func evidence(of passes: [[ItemDraft]], lines: [TokenizedLine]) -> Evidence {
        var evidence = Evidence()
        let items = passes.flatMap { $0 }
        for (index, item) in items.enumerated() {
            evidence.items += 1
            if standsAlone(items, at: index, lines: lines) { evidence.standingAlone += 1 }
            if Self.printsConditionWord(item) { evidence.withConditionWord += 1 }
            if case .celsius = item.temperature, let sign = celsiusSign(of: item, lines: lines) {
                evidence.values += 1
                if sign { evidence.valuesWithCelsiusSign += 1 }
            }
        }
        if let longest = passes.max(by: { $0.count < $1.count }) {
            evidence.passItems = longest.count
            evidence.named = longest.filter { $0.printedStationID != nil }.count
        }
        for pass in passes {
            let stations = pass.compactMap(\.printedStationID)
            for (earlier, later) in zip(stations, stations.dropFirst()) {
                evidence.stationSteps += 1
                if later > earlier { evidence.risingSteps += 1 }
            }
        }
        if let first = items.first, let last = items.last {
            evidence.credited = hasCredit(lines: lines, from: first.first.line, through: last.last.line)
        }
        return evidence
    }

    /// How many items at the front and at the back of a block's `items` are prose that ran
    /// into the ticker: an item on a line of prose (`[오늘 날씨] 아침 쌀쌀…서산 -13.5℃` right
    /// above the ticker, an article's `눈, 기온은 16.8°C다` right below it) that also lacks a
    /// part every ticker item of a block has — a condition word, a registry station — or breaks
    /// the stations' order with its neighbour. A ticker's own edge item with text beside it
    /// (`맑음제주30.0℃ 스폰서`) has both parts and its place, and stays.
    func proseEdges(of items: [ItemDraft], lines: [TokenizedLine]) -> (front: Int, back: Int) {
        func isProse(_ index: Int, neighbour: Int?) -> Bool {
            let item = items[index]
            guard !linesAreClean(of: item, lines: lines) else { return false }
            guard Self.printsConditionWord(item), let id = item.printedStationID else { return true }
            guard let neighbour, let other = items[neighbour].printedStationID else { return false }
            return neighbour > index ? id >= other : id <= other
        }
        var front = 0
        while front + 1 < items.count, isProse(front, neighbour: items[(front + 1)...].firstIndex { $0.printedStationID != nil }) {
            front += 1
        }
        var back = 0
        while items.count - back - 1 > front,
              isProse(items.count - back - 1, neighbour: items[front..<(items.count - back - 1)].lastIndex { $0.printedStationID != nil }) {
            back += 1
        }
        // Prose runs into a ticker from a line of its own: what shares a line with the
        // ticker's items is the ticker's (a one-line ticker's line holds all of it).
        while front > 0, items[front].first.line <= items[front - 1].last.line { front -= 1 }
        while back > 0, items[items.count - back].first.line <= items[items.count - back - 1].last.line { back -= 1 }
        return linesOutOfOrder(items, lines: lines, front: front, back: back)
    }

    /// Widens `front` and `back` over whole edge lines whose stations fall against the next
    /// line's: a site's own weather line (`맑음 대전 35.5℃`) right above or below the ticker, clean
    /// as it is, is no part of it, for every real ticker rises from its first line to its last.
    /// A line is cut only when the rest of the block is more than twice its size, and never the
    /// back line that starts again at the block's first station (a scroller's repeat).
    private func linesOutOfOrder(_ items: [ItemDraft], lines text: [TokenizedLine], front: Int, back: Int) -> (front: Int, back: Int) {
        // The kept items by line: runs of items that share a line.
        var lines: [Range<Int>] = []
        var start = front
        let end = items.count - back
        guard front < end else { return (front, back) }
        for index in (front + 1)..<max(front + 1, end) where items[index].first.line > items[index - 1].last.line {
            lines.append(start..<index)
            start = index
        }
        lines.append(start..<end)
        // The stations printed on a run's lines, its items' and any name beside them (`서울` of
        // `서울 구름많음 29.3℃`, which is read as a name and a nameless item).
        func stations(_ run: Range<Int>) -> [Int] {
            text[items[run.lowerBound].first.line...items[run.upperBound - 1].last.line].flatMap { line in
                line.pieces.compactMap { piece -> Int? in
                    if case .token(.station(let id, _)) = piece.kind { return id }
                    return nil
                }
            }
        }
        let blockFirst = items[front..<end].lazy.compactMap(\.printedStationID).first
        var front = front, back = back
        // Against the nearest station printed beyond the line (a nameless item prints none).
        while lines.count > 1, let last = stations(lines[0]).last, let next = stations(lines[1].lowerBound..<end).first, last >= next,
              lines[0].count * 2 < end - lines[0].upperBound {
            front = lines[0].upperBound
            lines.removeFirst()
        }
        while lines.count > 1, let first = stations(lines[lines.count - 1]).first,
              let previous = stations(front..<lines[lines.count - 1].lowerBound).last, first <= previous, first != blockFirst,
              lines[lines.count - 1].count * 2 < lines[lines.count - 1].lowerBound - front {
            back = items.count - lines[lines.count - 1].lowerBound
            lines.removeLast()
        }
        return (front, back)
    }

    /// A KMA condition word or the `-` placeholder.
    static func printsConditionWord(_ item: ItemDraft) -> Bool {
        item.parts.contains(.condition) && (item.conditionIsKnown || item.condition == nil)
    }

    // MARK: Gaps between items

    /// Whether the lines an item stands on hold nothing but items, non-items and separators
    /// (no unknown text, no mark of a sentence).
    private func linesAreClean(of item: ItemDraft, lines: [TokenizedLine]) -> Bool {
        (item.first.line...item.last.line).allSatisfy { number in
            let line = lines[number]
            // The text between pieces (a token's own `(`, as in `홍성(예)`, is no mark); the
            // item's own pieces are its own (`짙은` of `짙은안개속초27.8℃`).
            var gapStart = 0
            for (index, piece) in line.pieces.enumerated() {
                let position = PiecePosition(line: number, piece: index)
                if case .unknown = piece.kind, !(item.first...item.last).contains(position) { return false }
                guard isClean(line, pieces: 0..<0, scalars: gapStart..<piece.range.lowerBound, opensLine: gapStart == 0) else { return false }
                gapStart = piece.range.upperBound
            }
            return isClean(line, pieces: 0..<0, scalars: gapStart..<line.text.scalars.count)
        }
    }

    /// Whether nothing but separators, non-items and line boundaries stand between item
    /// `index` and its neighbours.
    func standsAlone(_ items: [ItemDraft], at index: Int, lines: [TokenizedLine]) -> Bool {
        let item = items[index]
        let before = index > 0 ? items[index - 1].last : nil
        let after = index + 1 < items.count ? items[index + 1].first : nil
        return gapIsClean(lines: lines, after: before, upTo: item.first)
            && gapIsClean(lines: lines, after: item.last, upTo: after)
            && !holdsSentenceMarks(item, lines: lines)
    }

    /// Whether the item holds a piece of a sentence: a mark of one between its own pieces
    /// (`대구는 구름많음, 기온은 10도다`, read as one broken item), or glued to it as text it
    /// holds (`-5.0℃∼`, `-5.0℃와`), or a word that is neither its condition nor its name.
    private func holdsSentenceMarks(_ item: ItemDraft, lines: [TokenizedLine]) -> Bool {
        for number in item.first.line...item.last.line {
            let line = lines[number]
            let first = number == item.first.line ? item.first.piece : 0
            let last = number == item.last.line ? item.last.piece : line.pieces.count - 1
            guard first <= last else { continue }
            for index in first...last {
                let piece = line.pieces[index]
                if case .unknown(let isWord, _) = piece.kind {
                    let scalars = line.text.scalars[piece.range]
                    if scalars.contains(where: Self.sentenceMarks.contains) { return true }
                    let text = String(String.UnicodeScalarView(scalars))
                    if isWord, text != item.label, !(item.condition?.hasPrefix(text) ?? false) { return true }
                }
                guard index < last else { continue }
                let gap = piece.range.upperBound..<line.pieces[index + 1].range.lowerBound
                if gap.contains(where: { Self.sentenceMarks.contains(line.text.scalars[$0]) }) { return true }
            }
        }
        return false
    }

    /// Whether the text between two positions — from after `start` (or the start of `end`'s
    /// line) up to `end` (or the end of `start`'s line) — holds nothing that puts an item in a
    /// sentence. Items on different lines are apart by the line break itself: only the text on
    /// the item's own side of it is looked at.
    private func gapIsClean(lines: [TokenizedLine], after start: PiecePosition?, upTo end: PiecePosition?) -> Bool {
        switch (start, end) {
        case (let start?, let end?) where start >= end:
            // Items read over lines (a table's cells) can interleave: nothing stands between.
            return true
        case (let start?, let end?) where start.line == end.line:
            return isClean(lines[start.line], pieces: (start.piece + 1)..<end.piece,
                           scalars: lines[start.line].pieces[start.piece].range.upperBound..<lines[end.line].pieces[end.piece].range.lowerBound)
        case (let start?, _):
            // After the item: the rest of its line (what comes on the next line is the next
            // item's side).
            let line = lines[start.line]
            return isClean(line, pieces: (start.piece + 1)..<line.pieces.count,
                           scalars: line.pieces[start.piece].range.upperBound..<line.text.scalars.count)
        case (nil, let end?):
            let line = lines[end.line]
            return isClean(line, pieces: 0..<end.piece, scalars: 0..<line.pieces[end.piece].range.lowerBound, opensLine: true)
        case (nil, nil):
            return true
        }
    }

    /// Text around an item is clean when its pieces are known non-items and the separators
    /// between them are no marks of a sentence.
    private func isClean(_ line: TokenizedLine, pieces: Range<Int>, scalars: Range<Int>, opensLine: Bool = false) -> Bool {
        for index in pieces {
            if case .nonItem = line.pieces[index].kind { continue }
            return false
        }
        let text = line.text.scalars
        for index in scalars where Self.sentenceMarks.contains(text[index]) {
            // The middle dot of a list inside a sentence, not a bullet at the start of a line.
            if opensLine, Self.bulletLike.contains(text[index]), text[scalars.lowerBound..<index].allSatisfy({ $0 == " " }) { continue }
            return false
        }
        return true
    }

    /// Marks that join items into a sentence: enumeration commas and dots, ranges.
    static let sentenceMarks: Set<Unicode.Scalar> = [",", "、", "，", "·", "ㆍ", "∼", "~", "〜", "～", "(", "（"]
    /// Sentence marks that also serve as a bullet when they open a line.
    static let bulletLike: Set<Unicode.Scalar> = ["·", "ㆍ"]

    // MARK: Values and the credit

    /// Whether the item's value is printed with a Celsius sign (`true`) or with `도` (`false`).
    private func celsiusSign(of item: ItemDraft, lines: [TokenizedLine]) -> Bool? {
        let line = lines[item.last.line]
        guard line.pieces.indices.contains(item.last.piece),
              case .token(.celsius) = line.pieces[item.last.piece].kind else { return nil }
        let range = line.pieces[item.last.piece].range
        return !(TickerVocabulary.unit(line.text.scalars[range.upperBound - 1])?.isSyllable ?? false)
    }

    private static let credit: [Unicode.Scalar] = Array("기상청제공".unicodeScalars)

    /// Whether `기상청 제공` (spaces anywhere) stands on the lines `first...last`.
    /// Whether `기상청 제공` (spaces anywhere) stands, as tickers print it, on the block's lines
    /// `first...last` or on one of the ``creditReach`` lines after them that hold more than
    /// non-items (blank lines and slider buttons are not counted). As tickers print it: on a line
    /// with no other words, not in a caption (`자료: 기상청 제공`, `사진=기상청 제공`,
    /// `[기상청 제공. 재판매 및 DB 금지]`).
    private func hasCredit(lines: [TokenizedLine], from first: Int, through last: Int) -> Bool {
        var linesAfter = 0
        for number in first..<lines.count where !lines[number].isRegionBreak {
            let line = lines[number]
            if number > last {
                guard line.pieces.contains(where: { if case .nonItem = $0.kind { return false } else { return true } }) else {
                    if line.text.scalars.contains(Self.credit[0]) { if lineHoldsCredit(line) { return true } }
                    continue
                }
                linesAfter += 1
                if linesAfter > Self.creditReach { return false }
            }
            if lineHoldsCredit(line) { return true }
        }
        return false
    }

    /// The credit on a line that holds no unknown text but broken values (a caption's `자료`,
    /// `사진=`, `재판매`, `DB` are such text; a one-line ticker's `3O.3℃` is a broken value).
    private func lineHoldsCredit(_ line: TokenizedLine) -> Bool {
        let holdsText = line.pieces.contains { piece in
            if case .unknown(_, let hasDigits) = piece.kind { return !hasDigits }
            return false
        }
        guard !holdsText else { return false }
        var matched = 0
        for scalar in line.text.scalars where scalar != " " {
            matched = scalar == Self.credit[matched] ? matched + 1 : (scalar == Self.credit[0] ? 1 : 0)
            if matched == Self.credit.count { return true }
        }
        return false
    }
}
