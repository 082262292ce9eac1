import CByteSearch
import KMATickerModel

/// The input layer: turns each ``IngestInput`` into the pages it holds, by content, not by name.
/// A file is a WARC (plain or gzip), an MHTML message, an HTTP response with its head
/// (`wget --save-headers`, `curl -i`), or one page (HTML, text capture, KMA's feed, SingleFile,
/// any of them gzipped). Containers stream; a page's bytes are the most held in memory.
package final class PageSource {
    let pageLimit: Int
    /// Whether bytes full of NUL bytes are UTF-16 text without a byte order mark: telling that
    /// from binary data takes the text layer's decoders, so the layer above hands it in
    /// (``CharsetDetector/isUTF16Text(_:)``).
    private let isUTF16Text: (ArraySlice<UInt8>) -> Bool
    /// The stations an extract shard's lines may name (``ExtractShardReader``): the registry
    /// the pages are parsed with.
    let registry: StationRegistry

    package init(pageLimit: Int, registry: StationRegistry, isUTF16Text: @escaping (ArraySlice<UInt8>) -> Bool) {
        self.pageLimit = pageLimit
        self.registry = registry
        self.isUTF16Text = isUTF16Text
    }

    /// Reads `input`, calling `emit` for each item in order.
    package func read(_ input: IngestInput, emit: (InputItem) -> Void) {
        let path: String
        var inFolder = false
        switch input {
        case .passedOver(let path, let reason):
            emit(.skipped(PageOrigin(path: path), reason: reason))
            return
        case .recordRange(let range):
            readRecord(range, emit: emit)
            return
        case .badIndexRow(let error):
            emit(.failed(PageOrigin(path: error.line, record: "index row"), .badIndexRow(error.reason)))
            return
        case .standardInput: path = "-"
        case .file(let file): path = file
        case .inFolder(let file): path = file; inFolder = true
        }
        do {
            try read(path: path, inFolder: inFolder, emit: emit)
        } catch {
            emit(.failed(PageOrigin(path: path), error))
        }
    }

    /// Reads each record by byte range (made at the first range read).
    private var fetcher: RecordRangeFetcher?
    /// Tries after the first, and the first back-off, for a record read by range.
    package var rangeRetries = 3
    package var rangeRetryWait = 1.0

    /// One record of a crawl, by its byte range: a whole `.warc.gz` of one record. Bytes that are
    /// no such record (the index's offset or length is wrong, or the file changed), or a record
    /// of another address than the index says, fail with the reason; nothing of them is read.
    private func readRecord(_ range: RecordRange, emit: (InputItem) -> Void) {
        let origin = PageOrigin(path: range.filename, record: range.rangeName, uri: range.url, isOneOfMany: true)
        if fetcher == nil { fetcher = RecordRangeFetcher(retries: rangeRetries, retryWait: rangeRetryWait) }
        do throws(PageError) {
            // Compressed, it is no smaller than the page limit allows: not fetched at all.
            guard range.length <= pageLimit + 65_536 else { throw .tooLarge(limit: pageLimit) }
            let bytes = try fetcher!.fetch(range)
            // A gzip window the size of the range (a record is a few hundred KB), at most a file's 1 MiB.
            guard let (records, members) = try archiveStream(ByteReader(MemoryByteSource(bytes)), window: min(bytes.count, 1 << 20)) else {
                throw .damagedRecord("the range holds no WARC record (its first bytes are no gzip member of one): the index's offset or length is wrong, or the file is not the one indexed")
            }
            var items: [InputItem] = []
            try readArchive(records, members: members, path: range.filename, member: range.rangeName) { items.append($0) }
            if let expected = range.url {
                // The record must be the one the index names.
                for case .page(let page) in items where page.origin.uri != expected {
                    throw .damagedRecord("the range holds the record of \(page.origin.uri ?? "no address"), not of \(expected) as the index says")
                }
            }
            for item in items {
                // A failure inside the range is named by the index's address, as the row gave it,
                // so that a list of what failed is a list of rows to fetch again.
                if case .failed(var failedOrigin, let error) = item, let url = range.url {
                    failedOrigin.uri = url
                    emit(.failed(failedOrigin, error))
                } else {
                    emit(item)
                }
            }
        } catch {
            emit(.failed(origin, error))
        }
    }

    /// Reads bytes already in memory as if they were the file `name` (for the fuzzer and tests).
    package func read(bytes: [UInt8], name: String, emit: (InputItem) -> Void) {
        do {
            try read(source: MemoryByteSource(bytes), path: name, inFolder: false, hints: CaptureHints(), emit: emit)
        } catch {
            emit(.failed(PageOrigin(path: name), error))
        }
    }

    private func read(path: String, inFolder: Bool, emit: (InputItem) -> Void) throws(PageError) {
        let file = try FileByteSource(path: path)
        var hints = CaptureHints()
        if let modified = file.modificationTime { hints.fileModifiedAt = modified }
        try read(source: file, path: path, inFolder: inFolder, hints: hints, emit: emit)
    }

    private func read(source: ByteSource, path: String, inFolder: Bool, hints: CaptureHints,
                      emit: (InputItem) -> Void) throws(PageError) {
        var hints = hints
        let reader = ByteReader(source)
        // A copy, not a slice of the reader's buffer: the buffer is handed over as the page
        // (``ByteReader/takeRestIfBuffered(atMost:)``) only while nothing else holds it.
        let start = Array(try reader.peek(8192))[...]
        if WACZReader.looksLikeZip(start) {
            try readWACZ(source: source, reader: reader, path: path, inFolder: inFolder, emit: emit)
            return
        }
        if Gzip.isCompressed(Array(start.prefix(2))) {
            // The gzip of a container is that container: look inside.
            let inflated = Gzip.decompressedPrefix(Array(start), count: 8192)[...]
            if Self.looksLikeArchive(inflated) {
                let gzip = try GzipByteSource(upstream: reader)
                try readArchive(ByteReader(gzip), members: gzip, path: path, emit: emit)
                return
            }
            if HTTPResponse.looksLikeResponse(inflated) || ExtractShardReader.looksLikeShard(inflated)
                || MHTMLReader.looksLikeMHTML(inflated) || SingleFileHeader(inflated.prefix(4096)) != nil
                || HTTrackComment(inflated) != nil {
                try read(source: GzipByteSource(upstream: reader), path: path, inFolder: inFolder, hints: hints, emit: emit)
                return
            }
        } else if ZstdByteSource.isCompressed(start) {
            try readZstd(reader, path: path, inFolder: inFolder, hints: hints, emit: emit)
            return
        } else if Self.looksLikeArchive(start) {
            try readArchive(reader, members: nil, path: path, emit: emit)
            return
        } else if ExtractShardReader.looksLikeShard(start) {
            try ExtractShardReader.read(path: path, from: reader, registry: registry, emit: emit)
            return
        } else if MHTMLReader.looksLikeMHTML(start) {
            try MHTMLReader.read(path: path, from: reader, pageLimit: pageLimit).forEach(emit)
            return
        }
        let origin = PageOrigin(path: path)
        if start.isEmpty {
            // A folder's empty file (an extract shard of an archive without a ticker page, say)
            // is passed over; one named on its own is an error.
            if inFolder { emit(.skipped(origin, reason: "an empty file")); return }
            throw .empty
        }
        // A folder's file of nothing but spaces and line ends is passed over as an empty one is.
        if inFolder, start.count < 8192, start.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            emit(.skipped(origin, reason: "a blank file (only spaces and line ends)"))
            return
        }
        // In a folder, an image or a font is passed over; a file named as a page is read, and
        // fails if it is not one. UTF-16 text is full of NUL bytes, with a BOM or without.
        if inFolder, !IngestInput.isPageName(path), !Gzip.isCompressed(Array(start.prefix(2))), !ZstdByteSource.isCompressed(start),
           PageBytes.looksBinary(Array(start.prefix(4096))), !isUTF16Text(start) {
            emit(.skipped(origin, reason: "binary data, not a page"))
            return
        }
        // In a folder of a saved site, its style sheets, scripts, indexes and logs are passed
        // over when they hold no ticker (named on their own, they fail as no page). Read all
        // the same: a page can open like one (`[1보] …` looks like JSON, `var 이란 …` like a script).
        let siteAssetKind = inFolder ? SiteAssetText.kind(of: start) : nil
        let bytes = try readAll(reader)
        if HTTPResponse.looksLikeResponse(bytes[...]) {
            let http = try HTTPResponse.parse(bytes[...], bodyLimit: pageLimit)
            if let reason = WARCReader.reasonToSkip(status: http.status, contentType: http.contentType) {
                emit(.skipped(origin, reason: reason))
                return
            }
            hints.charset = http.contentType?.charset
            hints.contentType = http.contentType?.mediaType
            if let why = http.incompleteness {
                emit(.warning(Diagnostic(file: path, line: nil, message: "\(why): the page may miss items after the cut")))
            }
            if let date = http.headers["Date"] {
                if let time = InternetDate.rfc5322(date) {
                    hints.capturedAt = time
                    hints.captureSource = .httpDate
                } else {
                    emit(.warning(Diagnostic(file: path, line: nil, message: "the HTTP Date '\(date)' is not a date kmaticker reads; the page's own time is used")))
                }
            }
            emit(.page(CapturedPage(bytes: http.body, origin: origin, hints: hints)))
            return
        }
        var pageOrigin = origin
        if let saved = SingleFileHeader(bytes.prefix(4096)) {
            pageOrigin.uri = saved.url
            if let time = saved.savedAt {
                hints.capturedAt = time
                hints.captureSource = .singleFileSavedDate
            } else if let printed = saved.savedDateText {
                emit(.warning(Diagnostic(file: path, line: nil, message: "SingleFile's saved date '\(printed)' is not a date kmaticker reads (it has no zone); the page's own time is used")))
            }
        }
        // HTTrack's comment: a capture time below every other (a page saved by two tools
        // keeps the more exact one), above the time the page prints.
        if hints.capturedAt == nil, let mirrored = HTTrackComment(bytes.prefix(16_384)) {
            if pageOrigin.uri == nil { pageOrigin.uri = mirrored.address }
            if let time = mirrored.savedAt {
                hints.capturedAt = time
                hints.captureSource = .httrackComment
            } else {
                emit(.warning(Diagnostic(file: path, line: nil, message: "HTTrack's date '\(mirrored.savedDateText)' is not a date kmaticker reads; the page's own time is used")))
            }
        }
        emit(.page(CapturedPage(bytes: bytes, origin: pageOrigin, hints: hints, siteAssetKind: siteAssetKind)))
    }

    /// Whether bytes (decompressed) open a WARC or an ARC file.
    static func looksLikeArchive(_ bytes: ArraySlice<UInt8>) -> Bool {
        WARCReader.looksLikeWARC(bytes.drop { $0 == 0x0D || $0 == 0x0A || $0 == 0x20 }) || ARCReader.looksLikeARC(bytes)
    }

    /// `reader`'s bytes through their compression (gzip, zstd or none) and the stream that
    /// undoes it, when what they hold is a WARC or an ARC file; `nil` when it is something else.
    /// `window`: the gzip reader's first input window (a record read by range is small).
    private func archiveStream(_ reader: ByteReader, window: Int = 1 << 20) throws(PageError) -> (ByteReader, MemberStream?)? {
        let start = Array(try reader.peek(8192))[...]
        if Gzip.isCompressed(Array(start.prefix(2))) {
            guard Self.looksLikeArchive(Gzip.decompressedPrefix(Array(start), count: 8192)[...]) else { return nil }
            let gzip = try GzipByteSource(upstream: reader, initialWindow: window)
            return (ByteReader(gzip), gzip)
        }
        if ZstdByteSource.isCompressed(start) {
            let zstd = try ZstdByteSource(upstream: reader)
            let inner = ByteReader(zstd)
            return Self.looksLikeArchive(try inner.peek(8192)) ? (inner, zstd) : nil
        }
        return Self.looksLikeArchive(start) ? (reader, nil) : nil
    }

    /// A WARC or an ARC file (`reader` gives its decompressed bytes; `members` the gzip or zstd
    /// stream they come through, whose damage costs records), or a WACZ's `member`.
    private func readArchive(_ reader: ByteReader, members: MemberStream?, path: String, member: String? = nil,
                             emit: (InputItem) -> Void) throws(PageError) {
        let records: any ArchiveRecordReader = ARCReader.looksLikeARC(try reader.peek(512))
            ? ARCReader(path: path, source: reader, members: members, member: member, pageLimit: pageLimit)
            : WARCReader(path: path, source: reader, members: members, member: member, pageLimit: pageLimit)
        while let item = try records.next() { emit(item) }
    }

    /// A Zstandard file: a `.warc.zst` (or `.arc.zst`) read record by record, or the `.zst` of a
    /// page or any other container, which must then decompress whole.
    private func readZstd(_ reader: ByteReader, path: String, inFolder: Bool, hints: CaptureHints,
                          emit: (InputItem) -> Void) throws(PageError) {
        let zstd = try ZstdByteSource(upstream: reader)
        let inner = ByteReader(zstd)
        let start = try inner.peek(8192)
        if Self.looksLikeArchive(start) {
            try readArchive(inner, members: zstd, path: path, emit: emit)
            return
        }
        var items: [InputItem] = []
        var failure: PageError?
        do {
            try read(source: inner, path: path, inFolder: inFolder, hints: hints) { items.append($0) }
        } catch {
            failure = error
        }
        // Damage explains whatever else went wrong (a cut-off page reads as an empty one).
        if let damage = zstd.damage.first { throw .undecodable("its zstd data is broken at byte \(damage.compressedOffset)") }
        if zstd.endedInsideMember { throw .undecodable("its zstd data ends inside a frame: the file is cut short") }
        if let failure { throw failure }
        items.forEach(emit)
    }

    /// A WACZ: each WARC of its `archive/` read as a WARC file is, its records named
    /// `archive/data.warc.gz record 3`. A member that cannot be read costs only itself.
    private func readWACZ(source: ByteSource, reader: ByteReader, path: String, inFolder: Bool,
                          emit: (InputItem) -> Void) throws(PageError) {
        // A file is opened where it is; bytes from a pipe are copied to a temporary file first.
        let descriptor: Int32
        if let file = source as? FileByteSource, let copy = file.descriptorForRandomAccess() {
            descriptor = copy
        } else {
            descriptor = try WACZReader.spool(reader)
        }
        let package = try WACZReader(descriptor: descriptor)
        guard !package.members.isEmpty else {
            let what = "a zip file of \(package.memberCount) members, none a WARC in archive/: not a WACZ"
            if inFolder { emit(.skipped(PageOrigin(path: path), reason: what)); return }
            throw .damagedArchive(what)
        }
        for other in package.otherArchiveFiles {
            emit(.skipped(PageOrigin(path: path, record: other, isOneOfMany: true), reason: "a file in the WACZ's archive/ not named as a WARC or ARC"))
        }
        for member in package.members {
            let origin = PageOrigin(path: path, record: member.name, isOneOfMany: true)
            do throws(PageError) {
                let file = try package.open(member: member.index)
                guard let (records, members) = try archiveStream(ByteReader(file)) else {
                    emit(.failed(origin, .damagedRecord("it is named as a WARC but holds no WARC record")))
                    continue
                }
                try readArchive(records, members: members, path: path, member: member.name, emit: emit)
                try file.verifyEnd()
            } catch {
                emit(.failed(origin, error))
            }
        }
    }

    /// The rest of the stream, refused past the page limit (and a little more: an HTTP head).
    /// A larger page is read on with its inline `data:` images dropped (``DataURIFilter``):
    /// a SingleFile page is mostly images.
    private func readAll(_ reader: ByteReader) throws(PageError) -> [UInt8] {
        // Most pages fit the reader's buffer (256 KB): take it as it is.
        if let whole = try reader.takeRestIfBuffered(atMost: pageLimit) { return whole }
        let limit = pageLimit + 65_536
        var bytes: [UInt8] = []
        var filter: DataURIFilter?
        // Not zeroed: every read fills what it reports (a zeroed 1 MiB per page was a twentieth
        // of reading a crawl's pages).
        var chunk = [UInt8](unsafeUninitializedCapacity: 1 << 16) { _, count in count = 1 << 16 }
        while true {
            let count = try chunk.withUnsafeMutableBufferPointer { (buffer) throws(PageError) -> Int in try reader.read(into: buffer) }
            if count == 0 { break }
            if filter != nil {
                bytes += filter!.filter(chunk[..<count])
            } else {
                bytes += chunk[..<count]
                if bytes.count > limit, !Gzip.isCompressed(bytes) {
                    // Too large as it is: drop the inline images from what was read, and go on so.
                    var started = DataURIFilter()
                    bytes = started.filter(bytes[...])
                    filter = started
                }
            }
            if bytes.count > limit { throw .tooLarge(limit: pageLimit) }
        }
        if filter != nil { bytes += filter!.finish() }
        guard bytes.count <= pageLimit || HTTPResponse.looksLikeResponse(bytes[...]) else { throw .tooLarge(limit: pageLimit) }
        return bytes
    }
}

/// The comment SingleFile puts at the top of a page it saves:
/// `<!--\n Page saved with SingleFile \n url: https://… \n saved date: Mon Aug 18 2025 10:45:12
/// GMT+0900 (한국 표준시)\n-->`.
struct SingleFileHeader {
    private static let mark = Array("Page saved with SingleFile".utf8)

    var url: String?
    var savedAt: KSTDateTime?
    /// The `saved date:` as written.
    var savedDateText: String?

    init?(_ bytes: ArraySlice<UInt8>) {
        // Most pages are no SingleFile page: a byte search says so before any String is made.
        guard bytes.withUnsafeBufferPointer({ haystack in
            Self.mark.withUnsafeBufferPointer { kmaticker_memmem(haystack.baseAddress, haystack.count, $0.baseAddress, $0.count) }
        }) != nil else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let mark = text.firstRange(of: "Page saved with SingleFile"),
              let commentStart = text[..<mark.lowerBound].ranges(of: "<!--").last,
              !text[commentStart.upperBound..<mark.lowerBound].contains("-->") else { return nil }
        let comment = text[mark.upperBound...].prefix { _ in true }
        let body = comment.firstRange(of: "-->").map { comment[..<$0.lowerBound] } ?? comment
        for line in body.split(whereSeparator: \.isNewline) {
            let line = String(line).trimmingASCIISpaces()
            if line.hasPrefix("url:") { url = String(line.dropFirst(4)).trimmingASCIISpaces() }
            if line.hasPrefix("saved date:") {
                savedDateText = String(line.dropFirst(11)).trimmingASCIISpaces()
                savedAt = InternetDate.javaScript(savedDateText!)
            }
        }
    }
}
