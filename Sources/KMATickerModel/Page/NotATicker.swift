/// A block of a page whose lines look like ticker items but which is no ticker: a list in
/// weather prose, a forecast table, a city list (``TickerRecognizer``). It gives no
/// observation; `ingest -v` names it, as `file:line: not a ticker: reason`.
public struct NotATicker: Sendable, Equatable, CustomStringConvertible {
    /// Line of the page (1-based) of the block's first item.
    public var line: Int
    /// The block's first item as printed (`대전 -4도`).
    public var firstItem: String
    /// How many item-like things the block holds.
    public var itemCount: Int
    /// What the block lacks, in words (`a list inside a sentence (3 of 3 items run on in text)`).
    public var reason: String

    public init(line: Int, firstItem: String, itemCount: Int, reason: String) {
        self.line = line
        self.firstItem = firstItem
        self.itemCount = itemCount
        self.reason = reason
    }

    /// `not a ticker: a list inside a sentence (…), from '대전 -4도' (3 items)`.
    public var description: String {
        "not a ticker: \(reason), from '\(firstItem)' (\(itemCount) \(itemCount == 1 ? "item" : "items"))"
    }

    /// The line `ingest -v` prints: `file:line: not a ticker: …`.
    public func report(file: String) -> String { "\(file):\(line): \(description)" }
}
