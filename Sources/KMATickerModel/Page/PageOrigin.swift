/// Where a page came from: the file the user named, and the record or part within it when the
/// file is a container (a WARC, an MHTML), with the page's URI when the container gives one.
public struct PageOrigin: Sendable, Equatable, CustomStringConvertible {
    /// The path as given (`-` for standard input).
    public var path: String
    /// Which record or part of a container (`record 7`, `part 1`, `weather 2`); `nil` for a
    /// file that is one page.
    public var record: String?
    /// The page's address, when the container records it (`WARC-Target-URI`,
    /// `Snapshot-Content-Location`, SingleFile's `url:`).
    public var uri: String?
    /// One of the many pages a file holds (a WARC record, a page of an extract shard), which
    /// `ingest` lists only with `-v`.
    public var isOneOfMany: Bool

    public init(path: String, record: String? = nil, uri: String? = nil, isOneOfMany: Bool = false) {
        self.path = path
        self.record = record
        self.uri = uri
        self.isOneOfMany = isOneOfMany
    }

    /// The name stored as the page's `source`: the file's name, or `stdin`.
    public var fileName: String {
        if path == "-" { return "stdin" }
        return FileSystemPath.displayed(path.split(separator: "/").last.map(String.init) ?? path)
    }

    /// `page.html`, or `site.warc.gz[record 7 http://…/a.html]` for a page inside a container:
    /// the name messages use.
    public var description: String {
        let shown = FileSystemPath.displayed(path)
        guard let record else { return shown }
        return "\(shown)[\(record)\(uri.map { " " + $0 } ?? "")]"
    }
}
