#if canImport(Glibc)
import Glibc
#endif
import KMATickerModel

/// Where a crawl's archive files are kept, for reading their records by byte range: a local
/// folder, an HTTP(S) address (`https://data.commoncrawl.org/`), or an S3 bucket
/// (`s3://commoncrawl/`, signed with the AWS credentials in the environment when there are some).
public enum ArchiveLocation: Sendable, Equatable, CustomStringConvertible {
    case folder(String)
    case http(String)
    case s3(bucket: String, prefix: String)

    /// Reads `--records-from`'s value: `http://…`, `https://…`, `s3://bucket/prefix`, else a folder.
    public init(_ text: String) {
        if text.hasPrefix("http://") || text.hasPrefix("https://") {
            self = .http(text.hasSuffix("/") ? text : text + "/")
        } else if text.hasPrefix("s3://") {
            let rest = text.dropFirst(5)
            let bucket = rest.prefix { $0 != "/" }
            var prefix = String(rest.dropFirst(bucket.count + 1))
            if !prefix.isEmpty, !prefix.hasSuffix("/") { prefix += "/" }
            self = .s3(bucket: String(bucket), prefix: prefix)
        } else {
            self = .folder(text.hasSuffix("/") ? text : text + "/")
        }
    }

    public var description: String {
        switch self {
        case .folder(let path): return path
        case .http(let base): return base
        case .s3(let bucket, let prefix): return "s3://\(bucket)/\(prefix)"
        }
    }
}

/// One record of a crawl, as its columnar index selects it (`warc_filename`,
/// `warc_record_offset`, `warc_record_length`, and the `url` it should hold): a byte range of
/// an archive file that is a whole `.warc.gz` of one record (each record is its own gzip member).
public struct RecordRange: Sendable, Equatable {
    public var location: ArchiveLocation
    public var filename: String
    public var offset: Int
    public var length: Int
    /// The address the index says the record holds; a record that holds another is refused.
    public var url: String?

    public init(location: ArchiveLocation, filename: String, offset: Int, length: Int, url: String? = nil) {
        self.location = location
        self.filename = filename
        self.offset = offset
        self.length = length
        self.url = url
    }

    /// `bytes 1234-5677`: the range, inclusive, as HTTP writes it; how messages and the
    /// store's `record` column name it.
    public var rangeName: String { "bytes \(offset)-\(offset + length - 1)" }

    /// One index row as text: `warc_filename offset length [url]`, the fields separated by
    /// tabs, else commas (a CSV export; the url may be quoted), else spaces (what `SELECT …
    /// INTO OUTFILE`, a CSV export or `RDD.pipe` of a row gives). The url is the rest of the
    /// line, commas and spaces in it kept. `nil` for a header line (`warc_filename …`), a blank
    /// line or a comment. Throws the reason a line is no row.
    public static func parse(_ line: Substring, location: ArchiveLocation) throws(RowError) -> RecordRange? {
        var text = line
        while let last = text.unicodeScalars.last, last == "\r" || last == "\n" { text = Substring(text.unicodeScalars.dropLast()) }
        let separator: Character = text.contains("\t") ? "\t" : text.contains(",") ? "," : " "
        var fields = text.split(separator: separator, maxSplits: 3, omittingEmptySubsequences: separator == " ")
            .map { String($0).trimmingASCIISpaces() }
        if fields.count == 4, fields[3].count >= 2, fields[3].hasPrefix("\""), fields[3].hasSuffix("\"") {
            fields[3] = String(fields[3].dropFirst().dropLast())
        }
        if fields.isEmpty || fields[0].hasPrefix("#") || fields[0] == "warc_filename" { return nil }
        guard fields.count >= 3 else { throw RowError(line: String(text), reason: "it has \(fields.count) field\(fields.count == 1 ? "" : "s")") }
        guard let offset = Int(fields[1]), offset >= 0 else { throw RowError(line: String(text), reason: "its offset '\(fields[1])' is not a number of bytes") }
        guard let length = Int(fields[2]), length > 0 else { throw RowError(line: String(text), reason: "its length '\(fields[2])' is not a number of bytes above 0") }
        guard !offset.addingReportingOverflow(length).overflow else {
            throw RowError(line: String(text), reason: "its offset \(offset) and length \(length) runs past the end of any file")
        }
        guard !fields[0].hasPrefix("/"), !fields[0].split(separator: "/").contains("..") else {
            throw RowError(line: String(text), reason: "its file name '\(fields[0])' leaves the archive location")
        }
        return RecordRange(location: location, filename: fields[0], offset: offset, length: length,
                           url: fields.count > 3 && !fields[3].isEmpty ? fields[3] : nil)
    }

    /// Why a line of index rows is none.
    public struct RowError: Error, Sendable, Equatable {
        public var line: String
        public var reason: String

        public init(line: String, reason: String) {
            self.line = line
            self.reason = reason
        }
    }
}

extension IngestInput {
    /// The records that index rows name: the rows of each file in `sources` (standard input for
    /// `-`), one per line, read from `location`. A line that is no row, or a file that cannot be
    /// read, is an input that fails with its reason: the other rows are read.
    public static func recordRanges(rowsIn sources: [String], from location: ArchiveLocation) -> [IngestInput] {
        var inputs: [IngestInput] = []
        for source in sources {
            // Standard input through a descriptor of its own, so that closing it closes only that.
            guard let file = source == "-" ? fdopen(dup(STDIN_FILENO), "r") : FileSystemPath.withCString(source, { fopen($0, "r") }) else {
                inputs.append(.badIndexRow(RecordRange.RowError(line: source, reason: "cannot read the file: \(String(cString: strerror(errno)))")))
                continue
            }
            defer { fclose(file) }
            var line: UnsafeMutablePointer<CChar>?
            var capacity = 0
            defer { free(line) }
            while getline(&line, &capacity, file) > 0, let line {
                // parse drops the line end, CRLF included.
                do {
                    if let range = try RecordRange.parse(String(cString: line)[...], location: location) { inputs.append(.recordRange(range)) }
                } catch {
                    inputs.append(.badIndexRow(error))
                }
            }
        }
        return inputs
    }
}
