import KMATickerModel

/// A page the store already holds, found by its bytes.
public struct StoredPage: Sendable, Equatable {
    public var source: String
    public var observedAt: KSTDateTime
    package var timeSource: String
    public var itemCount: Int
}
