import KMATickerModel
import KMATickerText

/// Reads one line of text as exactly one ticker item (`비북강릉29.0℃`, `흐림26.8℃`,
/// `구름조금북창원`), or says it is not one: the rules of ``TickerTokenizer`` and
/// ``TickerGrouper`` applied to a single line, for callers and tests that hold one item.
///
/// A page's ticker is read by ``TickerReader``, which also finds it; this is the same reading
/// of a single line without the page around it.
final class TickerItemParser {
    private let tokenizer: TickerTokenizer
    private let registry: StationRegistry

    init(registry: StationRegistry) {
        self.registry = registry
        tokenizer = TickerTokenizer(registry: registry)
    }

    /// The item `text` holds, or `nil` when it is no item, several, or a malformed one.
    func parse(_ text: Substring, line: Int) -> TickerItem? {
        let lines = TokenizedPage(lines: [PageLine(text: String(text), number: line)], tokenizer: tokenizer).lines
        guard !lines[0].pieces.isEmpty else { return nil }
        let entries = TickerGrouper(order: TickerGrouper.conditionFirst, joinsLines: false)
            .entries(of: lines, from: PiecePosition(line: 0, piece: 0),
                     through: PiecePosition(line: 0, piece: lines[0].pieces.count - 1))
        guard entries.count == 1, let draft = entries[0].item, draft.isEvidence, draft.problem == nil else { return nil }
        return draft.tickerItem(line: line, registry: registry)
    }
}
