/// Where a page's bytes came from, kept with the page.
public struct PageProvenance: Sendable, Equatable {
    /// The file's name (`stdin` for standard input).
    public var source: String
    /// The path as given.
    public var path: String
    /// SHA-256 of the bytes as read, lowercase hex.
    public var sha256: String
    /// The file's size in bytes, as read.
    public var byteCount: Int?

    public init(source: String, path: String, sha256: String, byteCount: Int? = nil) {
        self.source = source
        self.path = path
        self.sha256 = sha256
        self.byteCount = byteCount
    }
}

/// A page the store already holds, found by its bytes.
public struct StoredPage: Sendable, Equatable {
    public var source: String
    public var observedAt: KSTDateTime
    public var timeSource: String
    public var itemCount: Int
}
