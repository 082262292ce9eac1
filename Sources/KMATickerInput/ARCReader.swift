import KMATickerModel

/// Reads an ARC file, the Internet Archive's format before WARC (its 1996–2009 crawls and many
/// national archives' older collections), plain or gzip with one member per record, as a
/// stream of ``InputItem``s: one page per record of an HTML response, captured at its
/// Archive-date.
///
/// The file opens with its `filedesc://` record, whose block says the version: `1` (record
/// lines `URL IP-address Archive-date Content-type Archive-length`) or `2` (`URL IP-address
/// Archive-date Content-type Result-code Checksum Location Offset Filename Archive-length`).
/// Each record is that one line, then Archive-length bytes (an HTTP response, head and body),
/// then a line end. Archive-date is `YYYYMMDDhhmmss` in UTC. A URL with spaces in it (old
/// crawlers wrote them) is read by taking the other fields from the line's end.
///
/// Damage is survived and reported as in a WARC: a length that is no number, or that does not
/// end where the next record line starts (the next one is looked for), a file cut off inside a
/// record, a broken gzip member.
final class ARCReader: ArchiveRecordReader {
    let path: String
    private let reader: ByteReader
    private var damage: MemberDamageLedger
    private let pageLimit: Int
    /// What each record's name starts with: the WACZ member it is in.
    private let recordPrefix: String
    private var recordNumber = 0
    /// The version the `filedesc://` record states (1 until it is read).
    private var version = 1
    var pendingItems: [InputItem] = []
    private var lastOrigin: PageOrigin?
    private var finished = false

    static let marker = Array("filedesc://".utf8)
    /// A marker no ARC block holds: blocks are read by their length alone.
    private static let noMarker: [UInt8] = [0xFF, 0x00, 0xFE, 0x00, 0xFD]

    /// Whether a file's first bytes (decompressed) are an ARC file's.
    static func looksLikeARC(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.starts(with: marker) && bytes.prefix(512).contains(0x0A)
    }

    /// - Parameters:
    ///   - source: the file's bytes, already decompressed by `members` when it is given.
    ///   - members: the gzip stream `source` reads, when the file is an `.arc.gz`.
    ///   - member: the WACZ member the ARC is, named in each record's origin.
    init(path: String, source: ByteSource, members: MemberStream?, member: String? = nil, pageLimit: Int) {
        self.path = path
        recordPrefix = member.map { $0 + " record " } ?? "record "
        reader = ByteReader(source)
        damage = MemberDamageLedger(members)
        self.pageLimit = pageLimit
    }

    /// One record line, read from its end: the URL may hold spaces.
    struct RecordLine: Equatable {
        var url: String
        /// The 14 digits as written.
        var archiveDate: String
        var contentType: String
        /// `nil` when the field is no length (`-1`, `abc`).
        var length: Int?
        var lengthText: String

        /// `nil` when `line` is no ARC record line (too few fields, no date of digits).
        init?(_ line: [UInt8], version: Int) {
            let fields = String(decoding: line, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            // Fields after the URL: 4 in version 1, 9 in version 2 (a version-1 line in a
            // version-2 file is read as version 1, and the other way round).
            let trailing: Int
            if version == 2, fields.count >= 10, Self.isDate(fields[fields.count - 8]) {
                trailing = 9
            } else if fields.count >= 5, Self.isDate(fields[fields.count - 3]) {
                trailing = 4
            } else if fields.count >= 10, Self.isDate(fields[fields.count - 8]) {
                trailing = 9
            } else {
                return nil
            }
            url = fields[..<(fields.count - trailing)].joined(separator: " ")
            archiveDate = fields[fields.count - trailing + 1]
            contentType = fields[fields.count - trailing + 2]
            lengthText = fields[fields.count - 1]
            length = Int(lengthText).flatMap { $0 >= 0 ? $0 : nil }
            guard url.contains(":") else { return nil }
        }

        /// Digits, as an Archive-date is (14 of them; other counts are read as a record line
        /// whose date is then reported).
        private static func isDate(_ field: String) -> Bool {
            field.utf8.count >= 8 && field.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }

        /// Archive-date as a time (UTC), when it is `YYYYMMDDhhmmss`.
        var capturedAt: KSTDateTime? { InternetDate.digits14(archiveDate) }
    }

    /// Where a record line starts inside an HTTP response's block, after the message its head
    /// declares (its Content-Length; without one, anywhere after the head): an Archive-length
    /// too long runs into the next record, whose line is then found here. `nil` when there is
    /// none (as in every well-formed record).
    static func recordLineStart(in block: [UInt8], version: Int) -> Int? {
        guard HTTPResponse.looksLikeResponse(block[...]), let (_, headers, bodyStart) = try? HTTPResponse.finalHead(block[...]) else { return nil }
        var from = bodyStart
        if headers["Transfer-Encoding"] == nil, let declared = headers["Content-Length"].flatMap({ Int($0.trimmingASCIISpaces()) }), declared >= 0 {
            from = min(block.count, bodyStart + declared)
        }
        var index = from
        while index < block.count, let newline = block[index...].firstIndex(of: 0x0A) {
            let lineStart = newline + 1
            let lineEnd = block[lineStart...].firstIndex(of: 0x0A) ?? block.count
            // A record line starts with a scheme and holds a date of digits: look closer only then.
            if lineEnd - lineStart > 20, block[lineStart] >= 0x61, block[lineStart] <= 0x7A,
               RecordLine(Array(block[lineStart..<lineEnd]), version: version) != nil {
                return lineStart
            }
            index = lineStart
        }
        return nil
    }

    /// Skips lines up to the next one that is a record line, or the end; how many bytes.
    private func skipToNextRecordLine() throws(PageError) -> Int {
        var skipped = 0
        while true {
            let next = try reader.peek(4096)
            if next.isEmpty { return skipped }
            let lineEnd = next.firstIndex(of: 0x0A) ?? next.endIndex
            if RecordLine(Array(next[..<lineEnd]), version: version) != nil { return skipped }
            guard let line = try reader.readLine() else { return skipped }
            skipped += line.count + 1
        }
    }

    /// Reads one record into `pendingItems`; `false` at the end of the file.
    func readRecord() throws(PageError) -> Bool {
        guard !finished else { return false }
        while let first = try reader.peek(1).first, first == 0x0D || first == 0x0A { _ = try reader.readLine() }
        if try reader.atEnd() {
            finished = true
            damage.lost(before: Int.max, after: lastOrigin).forEach(warn)
            if let cutShort = damage.cutShort { warn(cutShort) }
            return false
        }
        let recordStart = reader.position
        damage.lost(before: recordStart, after: lastOrigin).forEach(warn)
        let lineBytes = try reader.readLine(limit: 1 << 16) ?? []
        guard let line = RecordLine(lineBytes, version: version) else {
            // Not a record line: the previous record's length was wrong, or this is damage.
            let skipped = lineBytes.count + 1 + (try skipToNextRecordLine())
            if let previous = lastOrigin {
                warn(previous, "\(skipped) bytes after this record's Archive-length belong to no ARC record (the length may be wrong); skipped to the next record")
            } else {
                warn("\(skipped) bytes at byte \(recordStart) belong to no ARC record; skipped to the next record")
            }
            lastOrigin = nil
            return true
        }
        recordNumber += 1
        let isFileDescription = line.url.hasPrefix("filedesc:")
        let origin = PageOrigin(path: path, record: recordPrefix + String(recordNumber), uri: isFileDescription ? nil : line.url, isOneOfMany: true)
        lastOrigin = origin
        guard let length = line.length else {
            // No length: the record's end is unknown; it runs to the next record line.
            _ = try skipToNextRecordLine()
            if isFileDescription {
                warn(origin, "the file description's Archive-length '\(line.lengthText)' is not a length; read on at the next record")
            } else {
                pendingItems.append(.failed(origin, .damagedRecord("its Archive-length '\(line.lengthText)' is not a length")))
            }
            return true
        }
        let keep = isFileDescription ? 4096 : pageLimit + 65_536
        let blockStart = reader.position
        let block = try reader.readBlock(length: length, keep: keep, marker: Self.noMarker)
        // Past the record's end: a gzip member's checksum is checked when its end is read.
        _ = try reader.peek(2)
        let (resumesAt, earlier) = damage.touches(recordFrom: recordStart, to: reader.position + 1)
        let damaged = resumesAt != nil
        earlier.forEach(warn)
        if let resumesAt, resumesAt < reader.position, resumesAt >= blockStart, reader.position - blockStart <= block.bytes.count {
            // The damaged member gave fewer bytes than the record's length: the length ran on
            // into the next records. Read them again.
            reader.unread(Array(block.bytes[(resumesAt - blockStart)...]))
        }
        if isFileDescription {
            // `1 0 Organization` or `2 0 …`: the version of the record lines.
            if let first = block.bytes.split(separator: 0x0A).first, let digit = first.first, digit == 0x32 { version = 2 }
            return true
        }
        if damaged {
            pendingItems.append(.failed(origin, .damagedRecord("its \(damage.compressionName) data is broken (the rest of the file is read on)")))
            return true
        }
        if block.truncated {
            pendingItems.append(.failed(origin, .damagedRecord("the file ends inside it (\(block.length) of \(length) bytes)")))
            return true
        }
        if block.length > keep { pendingItems.append(.failed(origin, .tooLarge(limit: pageLimit))); return true }
        var hints = CaptureHints()
        if let time = line.capturedAt {
            hints.capturedAt = time
            hints.captureSource = .arcDate
        } else {
            warn(origin, "Archive-date '\(line.archiveDate)' is not a date and time (YYYYMMDDhhmmss); the page's own time is used")
        }
        var payload = block.bytes[...]
        if let next = Self.recordLineStart(in: block.bytes, version: version), block.bytes.count == block.length {
            // The Archive-length ran on past the record's HTTP message into the next record:
            // read it again from its line.
            warn(origin, "Archive-length \(length) runs past this record's HTTP message into the next record line (\(block.length - next) bytes on); read up to it")
            reader.unread(Array(block.bytes[next...]))
            payload = block.bytes[..<next]
        }
        if payload.allSatisfy({ $0 == 0x0A || $0 == 0x0D || $0 == 0x20 || $0 == 0x09 }) {
            pendingItems.append(.skipped(origin, reason: "an empty record"))
            return true
        }
        if HTTPResponse.looksLikeResponse(payload) {
            pendingItems += WARCReader.responseItems(payload, origin: origin, hints: hints, pageLimit: pageLimit)
            return true
        }
        // A record without an HTTP head (a `dns:` lookup, an old crawler's bare body): its
        // line's content type says what it is.
        let contentType = ContentType(line.contentType)
        if let reason = WARCReader.reasonToSkip(status: 200, contentType: contentType) {
            pendingItems.append(.skipped(origin, reason: reason))
            return true
        }
        hints.contentType = contentType.mediaType
        pendingItems.append(.page(CapturedPage(bytes: block.bytes, origin: origin, hints: hints, mayLackTicker: true)))
        return true
    }
}
