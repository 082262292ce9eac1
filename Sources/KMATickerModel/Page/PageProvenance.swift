/// Where a page's bytes came from, kept with the page.
public struct PageProvenance: Sendable, Equatable {
    /// The file's name (`stdin` for standard input).
    public var source: String
    /// The path as given.
    public var path: String
    /// Which record or part of a container the page is (`record 7`); `nil` for a plain file.
    public var record: String?
    /// The page's address, when its container records it.
    public var uri: String?
    /// SHA-256 of the page's bytes as read (a plain file's bytes; a container's record payload
    /// after HTTP decoding), lowercase hex.
    public var sha256: String
    /// The page's size in bytes, as read.
    public var byteCount: Int?
    /// The page was read back from a `kmaticker extract` shard, not from its bytes.
    public var isFromShard = false

    public init(source: String, path: String, record: String? = nil, uri: String? = nil, sha256: String, byteCount: Int? = nil) {
        self.source = source
        self.path = path
        self.record = record
        self.uri = uri
        self.sha256 = sha256
        self.byteCount = byteCount
    }

    package init(origin: PageOrigin, sha256: String, byteCount: Int) {
        self.init(source: origin.fileName, path: FileSystemPath.displayed(origin.path), record: origin.record, uri: origin.uri,
                  sha256: sha256, byteCount: byteCount)
    }
}
