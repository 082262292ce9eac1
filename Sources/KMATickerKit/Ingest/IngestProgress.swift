/// How far an ingest run has read, reported as each item of the inputs is taken from the
/// parsing pipeline: before its batch commits (``IngestEvent``s wait for the commit, so a bar
/// driven by them would move once per 256 pages).
public struct IngestProgress: Sendable, Equatable {
    /// Files read to their end (an archive counts once, when its last page has been read).
    public var filesDone: Int
    /// The files of the run (folders expanded; those passed over not counted).
    public var filesTotal: Int
    /// Pages read so far, stored or not (an archive's pages one by one).
    public var pagesRead: Int
    /// The file being read.
    public var path: String

    public init(filesDone: Int, filesTotal: Int, pagesRead: Int, path: String) {
        self.filesDone = filesDone
        self.filesTotal = filesTotal
        self.pagesRead = pagesRead
        self.path = path
    }
}
