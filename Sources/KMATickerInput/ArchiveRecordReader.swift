import KMATickerModel

/// A reader of an archive's records (``WARCReader``, ``ARCReader``): each record read gives
/// items (a page, a skip, a failure, warnings), handed out one at a time.
protocol ArchiveRecordReader: AnyObject {
    /// The file, as messages name it.
    var path: String { get }
    /// Items of the records read, not yet handed out.
    var pendingItems: [InputItem] { get set }
    /// Reads one record into `pendingItems`; `false` at the end of the file.
    func readRecord() throws(PageError) -> Bool
}

extension ArchiveRecordReader {
    /// The next item, or `nil` after the last record.
    func next() throws(PageError) -> InputItem? {
        while pendingItems.isEmpty {
            guard try readRecord() else { break }
        }
        return pendingItems.isEmpty ? nil : pendingItems.removeFirst()
    }

    /// A warning about the file.
    func warn(_ message: String) {
        pendingItems.append(.warning(Diagnostic(file: path, line: nil, message: message)))
    }

    /// A warning about one record, named as pages are.
    func warn(_ origin: PageOrigin, _ message: String) {
        pendingItems.append(.warning(Diagnostic(file: origin.description, line: nil, message: message)))
    }
}
