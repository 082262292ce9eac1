import KMATickerModel

/// Reads a WARC file (ISO 28500, versions 1.0 and 1.1; plain, or gzip with one member per record
/// or one for the whole file) as a stream of ``InputItem``s: one page per `response` or
/// `resource` record of HTML, with `WARC-Date` as its capture time. Records stream through one
/// buffer; only a page's own bytes are kept, so a multi-gigabyte archive reads in flat memory.
///
/// `revisit` records (a payload already captured) and records that are not pages (images,
/// scripts, HTTP errors) are skipped with a reason; `warcinfo`, `request` and `metadata`
/// records, and wget's own `resource` records (its log, its arguments), are not pages and are
/// passed over. Damage real archives have is survived and reported: a wrong or missing
/// `Content-Length` (the next record is found after a blank line), LF-only lines, a truncated
/// last record, a broken gzip member (the reader goes on at the next member).
final class WARCReader: ArchiveRecordReader {
    let path: String
    private let reader: ByteReader
    /// The gzip or zstd stream the records come through, whose damage costs records.
    private var damage: MemberDamageLedger
    private let pageLimit: Int
    /// What each record's name starts with: the WACZ member it is in (`archive/data.warc.gz`).
    private let recordPrefix: String
    private var recordNumber = 0
    var pendingItems: [InputItem] = []
    /// The record just read, until the next starts where it should.
    private var lastOrigin: PageOrigin?
    /// The end was reached (and told once).
    private var finished = false

    static let marker = Array("WARC/1.".utf8)

    /// - Parameters:
    ///   - source: the file's bytes, already decompressed by `members` when it is given.
    ///   - members: the gzip or zstd stream `source` reads, when the file is compressed.
    ///   - member: the WACZ member the WARC is, named in each record's origin.
    init(path: String, source: ByteSource, members: MemberStream?, member: String? = nil, pageLimit: Int) {
        self.path = path
        reader = ByteReader(source)
        damage = MemberDamageLedger(members)
        recordPrefix = member.map { $0 + " record " } ?? "record "
        self.pageLimit = pageLimit
    }

    /// Whether a file's first bytes (decompressed) are a WARC record's.
    static func looksLikeWARC(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.starts(with: marker)
    }

    /// Damage up to `position` (in the decompressed stream) not yet told: it fell between
    /// records, or in records lost with it. Say so.
    private func noteDamage(before position: Int) {
        damage.lost(before: position, after: lastOrigin).forEach(warn)
    }

    /// Reads one record into `pendingItems`; `false` at the end of the file.
    func readRecord() throws(PageError) -> Bool {
        // Records are separated by CRLF CRLF; tolerate any number of blank lines.
        guard !finished else { return false }
        while let first = try reader.peek(1).first, first == 0x0D || first == 0x0A { _ = try reader.readLine() }
        if try reader.atEnd() {
            finished = true
            noteDamage(before: Int.max)
            if let cutShort = damage.cutShort { warn(cutShort) }
            return false
        }
        let recordStart = reader.position
        noteDamage(before: recordStart)
        if !(try reader.peek(Self.marker.count)).elementsEqual(Self.marker) {
            let skipped = try reader.skip(toLineStartingWith: Self.marker)
            if let previous = lastOrigin {
                warn(previous, "\(skipped) bytes after this record's Content-Length belong to no WARC record (the Content-Length may be too short, and the record cut); skipped to the next record")
            } else {
                warn("\(skipped) bytes at byte \(recordStart) belong to no WARC record; skipped to the next record")
            }
            lastOrigin = nil
            return true
        }
        _ = try reader.readLine()  // WARC/1.0
        let headers = try HeaderFields.read(from: reader)
        let headerCutOff = try reader.atEnd() && headers["Content-Length"] == nil
        recordNumber += 1
        let type = headers["WARC-Type"]?.lowercased() ?? ""
        var uri = headers["WARC-Target-URI"]
        // WARC 1.0 as wget writes it: `<http://…>`.
        if let bracketed = uri, bracketed.hasPrefix("<"), bracketed.hasSuffix(">") { uri = String(bracketed.dropFirst().dropLast()) }
        let origin = PageOrigin(path: path, record: recordPrefix + String(recordNumber), uri: uri, isOneOfMany: true)
        lastOrigin = origin
        let declaredLength = headers["Content-Length"].flatMap { Int($0.trimmingASCIISpaces()) }
        if headers["Content-Length"] != nil, declaredLength == nil {
            warn(origin, "Content-Length '\(headers["Content-Length"]!)' is not a number; read up to the next record")
        }

        let isCandidate = (type == "response" || type == "resource") && !(uri?.hasPrefix("metadata:") ?? false)
        var keep = 0
        var skipReason: String?
        if isCandidate {
            // Decide from the HTTP head, before reading the payload, whether to keep it.
            let head = try reader.peek(min(declaredLength ?? 262_144, 262_144))
            if type == "response", HTTPResponse.looksLikeResponse(head), let (status, headers, _) = try? HTTPResponse.finalHead(head) {
                skipReason = Self.reasonToSkip(status: status, contentType: headers["Content-Type"].map(ContentType.init))
            } else if type == "resource" {
                skipReason = Self.reasonToSkip(status: 200, contentType: headers["Content-Type"].map(ContentType.init))
            }
            if skipReason == nil { keep = pageLimit + 65_536 }
        }
        let block = try reader.readBlock(length: declaredLength, keep: keep, marker: Self.marker)
        // Look past the record's end, into the next one: a gzip member's checksum is checked
        // when its end is read, so damage to this record shows before it is handed on.
        _ = try reader.peek(4 + Self.marker.count)
        // Damage inside the block, or at its end (a member's checksum, read with the separator).
        let (resumesAt, earlier) = damage.touches(recordFrom: recordStart, to: reader.position + 4)
        let damaged = resumesAt != nil
        earlier.forEach(warn)

        if declaredLength == nil, headers["Content-Length"] == nil {
            warn(origin, "no Content-Length; read up to the next record (\(block.length) bytes)")
        } else if block.endedAtBoundary, !damaged, let declaredLength {
            warn(origin, "Content-Length says \(declaredLength) bytes but the next record starts after \(block.length); read up to it")
        }

        switch type {
        case "warcinfo", "request", "metadata":
            return true
        case "revisit":
            let profile = headers["WARC-Profile"].map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? "revisit"
            let earlier = headers["WARC-Refers-To-Date"].map { "the capture of " + $0 } ?? "an earlier capture"
            pendingItems.append(.skipped(origin, reason: "a revisit record (\(profile)): its page is \(earlier)'s, not captured again"))
            return true
        case "continuation":
            pendingItems.append(.skipped(origin, reason: "a 'continuation' record (a later segment of an earlier record; kmaticker does not join segments)"))
            return true
        case "response", "resource":
            guard isCandidate else { return true }  // wget's log and arguments
            if let segment = headers["WARC-Segment-Number"], segment.trimmingASCIISpaces() != "1" || headers["WARC-Segment-Total-Length"] == nil {
                // The first segment of a record split over several: its page is incomplete.
                pendingItems.append(.failed(origin, .damagedRecord("it is segment \(segment) of a record split in segments, which kmaticker does not join")))
                return true
            }
        default:
            pendingItems.append(.skipped(origin, reason: "a '\(type)' record is not a page"))
            return true
        }
        if let skipReason {
            pendingItems.append(.skipped(origin, reason: skipReason))
            return true
        }
        if damaged {
            pendingItems.append(.failed(origin, .damagedRecord("its \(damage.compressionName) data is broken (the rest of the file is read on)")))
            return true
        }
        if block.truncated || headerCutOff {
            pendingItems.append(.failed(origin, .damagedRecord("the file ends inside it (\(block.length) of \(declaredLength ?? 0) bytes)")))
            return true
        }
        if block.length > keep { pendingItems.append(.failed(origin, .tooLarge(limit: pageLimit))); return true }
        var payload = block.bytes[...]
        if block.endedAtBoundary || declaredLength == nil {
            // The separator before the next record was read as part of this one.
            while let last = payload.last, last == 0x0A || last == 0x0D { payload.removeLast() }
        }
        var hints = CaptureHints()
        if let truncated = headers["WARC-Truncated"] {
            warn(origin, "the archive says this record was cut short (WARC-Truncated: \(truncated)): the page may miss items after the cut")
        }
        if let date = headers["WARC-Date"] {
            if let time = InternetDate.iso8601(date) {
                hints.capturedAt = time
                hints.captureSource = .warcDate
            } else {
                warn(origin, "WARC-Date '\(date)' is not a date and time; the page's own time is used")
            }
        }
        if type == "response", HTTPResponse.looksLikeResponse(payload) {
            // A head longer than the look ahead (cookies) is judged here.
            pendingItems += Self.responseItems(payload, origin: origin, hints: hints, pageLimit: pageLimit)
        } else {
            let contentType = headers["Content-Type"].map(ContentType.init)
            hints.charset = contentType?.charset
            hints.contentType = contentType?.mediaType
            pendingItems.append(.page(CapturedPage(bytes: Array(payload), origin: origin, hints: hints, mayLackTicker: true)))
        }
        return true
    }

    /// An archived HTTP response (a WARC or ARC record's block) as the items it gives: the page
    /// with the charset its head declares (and a warning when the capture is incomplete), or a
    /// skip (an HTTP status other than success, a media type that is no page), or the failure.
    static func responseItems(_ payload: ArraySlice<UInt8>, origin: PageOrigin, hints: CaptureHints, pageLimit: Int) -> [InputItem] {
        do {
            let http = try HTTPResponse.parse(payload, bodyLimit: pageLimit)
            if let reason = reasonToSkip(status: http.status, contentType: http.contentType) { return [.skipped(origin, reason: reason)] }
            var hints = hints
            hints.charset = http.contentType?.charset
            hints.contentType = http.contentType?.mediaType
            let page = InputItem.page(CapturedPage(bytes: http.body, origin: origin, hints: hints, mayLackTicker: true))
            guard let why = http.incompleteness else { return [page] }
            return [.warning(Diagnostic(file: origin.description, line: nil, message: "\(why): the page may miss items after the cut")), page]
        } catch {
            return [.failed(origin, error)]
        }
    }

    /// Why a response is not a page: an HTTP status other than success, or a media type that
    /// is not HTML (or text). `nil` for a page.
    static func reasonToSkip(status: Int, contentType: ContentType?) -> String? {
        if !(200..<300).contains(status) { return "HTTP status \(status), not a page" }
        if let contentType, !contentType.isPage { return "not a page (\(contentType.mediaType))" }
        return nil
    }
}
