import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerInput
@testable import KMATickerModel
@testable import KMATickerParsing

/// WARC records as ISO 28500 describes them, built here byte by byte (an independent
/// description of each record), and the damage real archives have. The archives made by real
/// producers (wget) are in `ArchiveFixturesTests`.
@Suite struct WARCReaderTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    /// A ticker page that prints only a date, as five of six sites do.
    static func page(date: String = "2025.08.18 (월)", first: String = "흐림속초 27.8℃") -> String {
        "<html><body><p class=\"today_txt\">\(date)</p><ul><li>\(first)</li><li>비북강릉 29.0℃</li><li>맑음서울 30.1℃</li></ul><p>기상청 제공</p></body></html>"
    }

    /// One record: version line, headers, blank line, block, CRLF CRLF. `contentLength`
    /// overrides the true length (or leaves it out with -1); `newline` is CRLF or LF.
    static func record(_ type: String, uri: String? = nil, date: String = "2025-08-18T01:45:12Z",
                       block: [UInt8], extraHeaders: [String] = [], contentLength: Int? = nil,
                       version: String = "1.0", newline: String = "\r\n") -> [UInt8] {
        var head = ["WARC/\(version)", "WARC-Type: \(type)", "WARC-Date: \(date)",
                    "WARC-Record-ID: <urn:uuid:\(UUID().uuidString.lowercased())>"]
        if let uri { head.append("WARC-Target-URI: \(uri)") }
        head += extraHeaders
        let length = contentLength ?? block.count
        if length >= 0 { head.append("Content-Length: \(length)") }
        return Array((head.joined(separator: newline) + newline + newline).utf8) + block + Array((newline + newline).utf8)
    }

    static func response(_ body: [UInt8], status: String = "200 OK", headers: [String] = ["Content-Type: text/html; charset=utf-8"]) -> [UInt8] {
        Array((["HTTP/1.1 \(status)"] + headers + ["Content-Length: \(body.count)"]).joined(separator: "\r\n").utf8)
            + Array("\r\n\r\n".utf8) + body
    }

    static func httpRecord(_ uri: String, _ page: String, date: String = "2025-08-18T01:45:12Z") -> [UInt8] {
        record("response", uri: "<\(uri)>", date: date, block: response(Array(page.utf8)),
               extraHeaders: ["Content-Type: application/http;msgtype=response"])
    }

    /// `text` in CP949, by iconv (independent of kmaticker's decoder).
    static func cp949(_ text: String) throws -> [UInt8] {
        let directory = try TemporaryDirectory()
        let file = try directory.write("utf8.txt", text)
        return [UInt8](try ProcessRunner.run("/usr/bin/env", ["iconv", "-f", "UTF-8", "-t", "CP949", file]).stdout)
    }

    func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let file = directory.path("gz-\(UUID().uuidString)")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return [UInt8](try ProcessRunner.run("/usr/bin/env", ["gzip", "-c", "-n", file]).stdout)
    }

    func items(_ bytes: [UInt8], name: String = "a.warc") throws -> [InputItem] {
        let path = directory.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var items: [InputItem] = []
        PageSource(registry: .asos).read(.file(path)) { items.append($0) }
        return items
    }

    func pages(_ items: [InputItem]) -> [CapturedPage] {
        items.compactMap { if case .page(let page) = $0 { return page } else { return nil } }
    }
    func skipped(_ items: [InputItem]) -> [String] {
        items.compactMap { if case .skipped(_, let reason) = $0 { return reason } else { return nil } }
    }
    func failed(_ items: [InputItem]) -> [PageError] {
        items.compactMap { if case .failed(_, let error) = $0 { return error } else { return nil } }
    }
    func warnings(_ items: [InputItem]) -> [String] {
        items.compactMap { if case .warning(let diagnostic) = $0 { return diagnostic.message } else { return nil } }
    }

    /// A small archive as wget writes one: warcinfo, request, response, metadata, its log.
    func wgetLikeArchive(pages: [(String, String, String)]) -> [UInt8] {
        var bytes = Self.record("warcinfo", block: Array("software: Wget/1.21.3\r\nformat: WARC File Format 1.0\r\n".utf8),
                                extraHeaders: ["Content-Type: application/warc-fields"])
        for (uri, page, date) in pages {
            bytes += Self.record("request", uri: "<\(uri)>", date: date, block: Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8),
                                 extraHeaders: ["Content-Type: application/http;msgtype=request"])
            bytes += Self.httpRecord(uri, page, date: date)
        }
        bytes += Self.record("metadata", uri: "<metadata://gnu.org/software/wget/warc/MANIFEST.txt>", block: Array("x\n".utf8))
        bytes += Self.record("resource", uri: "<metadata://gnu.org/software/wget/warc/wget.log>",
                             block: Array("log of the run\n".utf8), extraHeaders: ["Content-Type: text/plain"])
        return bytes
    }

    @Test func responsesArePagesAtTheirWARCDateAndOtherRecordsAreNot() throws {
        let archive = wgetLikeArchive(pages: [("http://news.example/a.html", Self.page(), "2025-08-18T01:45:12Z"),
                                              ("http://news.example/b.html", Self.page(date: "2025.08.19 (화)"), "2025-08-19T03:00:00.123456Z")])
        let items = try items(archive)
        let pages = pages(items)
        #expect(items.count == 2)
        #expect(pages.map(\.origin.uri) == ["http://news.example/a.html", "http://news.example/b.html"])
        #expect(pages.map(\.origin.record) == ["record 3", "record 5"])
        #expect(pages.map(\.hints.capturedAt) == [KSTDateTime(parsing: "2025-08-18 10:45:12"), KSTDateTime(parsing: "2025-08-19 12:00:00")])
        #expect(pages.allSatisfy { $0.hints.captureSource == .warcDate && $0.hints.charset == "utf-8" })
        #expect(pages[0].bytes == Array(Self.page().utf8))
    }

    @Test func gzipPerRecordOrForTheWholeFileReadsTheSame() throws {
        let records = [Self.httpRecord("http://x/1", Self.page()), Self.httpRecord("http://x/2", Self.page(first: "맑음속초 20.0℃"))]
        let perRecord = try records.map(gzip).reduce([], +)
        let whole = try gzip(records.reduce([], +))
        let plain = try pages(items(records.reduce([], +))).map(\.bytes)
        #expect(plain.count == 2)
        #expect(try pages(items(perRecord, name: "p.warc.gz")).map(\.bytes) == plain)
        #expect(try pages(items(whole, name: "w.warc.gz")).map(\.bytes) == plain)
    }

    @Test func warc11AndResourceRecords() throws {
        let bytes = Self.record("resource", uri: "file:///saved/page.html", block: Array(Self.page().utf8),
                                extraHeaders: ["Content-Type: text/html; charset=UTF-8"], version: "1.1")
        let pages = try pages(items(bytes))
        #expect(pages.count == 1)
        #expect(pages.first?.origin.uri == "file:///saved/page.html")
        #expect(pages.first?.hints.contentType == "text/html")
    }

    @Test func httpHeadGivesCharsetAndIsDecodedChunkedAndGzipped() throws {
        // EUC-KR bytes with the charset only in the HTTP head.
        let euckr = try Self.cp949(Self.page())
        let gzipped = try gzip(Array(Self.page().utf8))
        var chunked: [UInt8] = []
        for chunk in stride(from: 0, to: gzipped.count, by: 50).map({ Array(gzipped[$0..<min($0 + 50, gzipped.count)]) }) {
            chunked += Array((String(chunk.count, radix: 16) + ";ext=1\r\n").utf8) + chunk + Array("\r\n".utf8)
        }
        chunked += Array("0\r\n\r\n".utf8)
        let archive = Self.record("response", uri: "http://x/euc", block: Self.response([UInt8](euckr), headers: ["Content-Type: text/html; charset=euc-kr"]))
            + Self.record("response", uri: "http://x/gz", block: Self.response(
                chunked, headers: ["Content-Type: text/html", "Content-Encoding: gzip", "Transfer-Encoding: chunked"]))
        let pages = try pages(items(archive))
        #expect(pages.count == 2)
        #expect(pages[0].hints.charset == "euc-kr")
        #expect(pages[1].bytes == Array(Self.page().utf8))
        let parser = TickerParser(registry: .asos)
        let stored = try pages.map { try parser.parse($0, options: TimeOptions(now: KSTDateTime(parsing: "2026-01-01 00:00"))) }
        #expect(stored.map { $0[0].charset } == ["CP949", "UTF-8"])
        #expect(stored.map { $0[0].observations.count } == [3, 3])
        #expect(stored.allSatisfy { $0[0].time == PageTime(time: KSTDateTime(parsing: "2025-08-18 10:45:12")!, source: .warcDate) })
        #expect(stored.allSatisfy { $0[0].printedTime?.text == "2025-08-18" })
    }

    /// A server that labels a CP949 page UTF-8: the bytes, which read with fewer errors, win.
    @Test func aMislabelledHTTPCharsetGivesWayToTheBytes() throws {
        let euckr = try Self.cp949(Self.page())
        let archive = Self.record("response", uri: "http://x/mislabelled", block: Self.response(euckr, headers: ["Content-Type: text/html; charset=utf-8"]))
        let page = try #require(pages(items(archive)).first)
        #expect(page.hints.charset == "utf-8")
        let parsed = try TickerParser(registry: .asos).parse(page, options: TimeOptions(now: KSTDateTime(parsing: "2026-01-01 00:00")))
        #expect(parsed[0].charset == "CP949")
        #expect(parsed[0].observations.map(\.stationID) == [90, 104, 108])
    }

    @Test func revisitsErrorsAndNonPagesAreSkippedWithAReason() throws {
        let archive = Self.record("revisit", uri: "http://x/a", block: Array("HTTP/1.1 200 OK\r\n\r\n".utf8),
                                  extraHeaders: ["WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest",
                                                 "WARC-Refers-To-Date: 2025-08-17T01:00:00Z"])
            + Self.record("response", uri: "http://x/missing", block: Self.response(Array("<p>Not Found</p>".utf8), status: "404 Not Found"))
            + Self.record("response", uri: "http://x/logo.png", block: Self.response([0x89, 0x50, 0x4E, 0x47], headers: ["Content-Type: image/png"]))
            + Self.record("conversion", uri: "http://x/a", block: Array("x".utf8))
        let items = try items(archive)
        #expect(items.count == 4)
        let reasons = skipped(items)
        #expect(reasons.count == 4)
        #expect(reasons[0].hasPrefix("a revisit record (identical-payload-digest)"))
        #expect(reasons[1] == "HTTP status 404, not a page")
        #expect(reasons[2] == "not a page (image/png)")
        #expect(reasons[3] == "a 'conversion' record is not a page")
    }

    @Test func wrongContentLengthsAreSurvivedAndReported() throws {
        let first = Self.httpRecord("http://x/1", Self.page())
        let second = Self.httpRecord("http://x/2", Self.page(first: "맑음속초 20.0℃"))
        let firstBlock = Self.response(Array(Self.page().utf8))
        // Too long: the declared block runs into the next record.
        let tooLong = Self.record("response", uri: "http://x/1", block: firstBlock, contentLength: firstBlock.count + 300) + second
        var items = try items(tooLong)
        #expect(pages(items).map(\.origin.uri) == ["http://x/1", "http://x/2"])
        #expect(pages(items).first?.bytes == Array(Self.page().utf8))
        #expect(warnings(items).contains { $0.contains("Content-Length says \(firstBlock.count + 300) bytes") })
        // Too short: the rest of the block is no record; the next one is found.
        let tooShort = Self.record("response", uri: "http://x/1", block: firstBlock + Array("<p>more</p>".utf8), contentLength: firstBlock.count) + second
        items = try self.items(tooShort)
        #expect(pages(items).map(\.origin.uri) == ["http://x/1", "http://x/2"])
        #expect(warnings(items).contains { $0.contains("belong to no WARC record") })
        // Missing: read up to the next record.
        let missing = Self.record("response", uri: "http://x/1", block: firstBlock, contentLength: -1) + second
        items = try self.items(missing)
        #expect(pages(items).map(\.bytes) == [Array(Self.page().utf8), Array(Self.page(first: "맑음속초 20.0℃").utf8)])
        #expect(warnings(items).contains { $0.contains("no Content-Length") })
        _ = first
    }

    /// A page that prints "WARC/1.0" at the start of a line after a blank line is still one
    /// record: a right Content-Length is trusted (found by an adversarial tester: the next
    /// record was swallowed).
    @Test func aPageThatPrintsAWARCLineKeepsItsRecord() throws {
        let tricky = Self.page().replacingOccurrences(of: "</ul>", with: "</ul>\n\nWARC/1.0 is the archive format\n")
        let archive = Self.httpRecord("http://x/1", tricky) + Self.httpRecord("http://x/2", Self.page(), date: "2025-08-18T02:00:00Z")
            + Self.httpRecord("http://x/3", Self.page(), date: "2025-08-18T03:00:00Z")
        let items = try items(archive)
        #expect(pages(items).map(\.origin.uri) == ["http://x/1", "http://x/2", "http://x/3"])
        #expect(pages(items).first?.bytes == Array(tricky.utf8))
        #expect(warnings(items).isEmpty)
    }

    /// A `.warc.gz` cut off inside a member ends, with one warning (it used to loop forever).
    @Test func aCutOffGzipArchiveEnds() throws {
        let whole = try [Self.httpRecord("http://x/1", Self.page()), Self.httpRecord("http://x/2", Self.page())].map(gzip).reduce([], +)
        for cut in [1, 8, 40, 200] {
            let items = try items(Array(whole.dropLast(cut)), name: "cut\(cut).warc.gz")
            #expect(pages(items).count + failed(items).count == 2, "cut \(cut): \(items)")
            #expect(warnings(items).filter { $0.contains("cut short") }.count <= 1)
            #expect(items.count < 10)
        }
    }

    /// Heads real archives hold (found by an adversarial tester): a `100 Continue` before the
    /// answer, a status line with no reason phrase, a 404 whose head is longer than the look
    /// ahead (a big cookie).
    @Test func interimResponsesBareStatusLinesAndLongHeads() throws {
        let page = Array(Self.page().utf8)
        let archive = Self.record("response", uri: "http://x/continue", block: Array("HTTP/1.1 100 Continue\r\n\r\n".utf8) + Self.response(page))
            + Self.record("response", uri: "http://x/bare", block: Array("HTTP/1.1 200\r\nContent-Type: text/html\r\n\r\n".utf8) + page)
            + Self.record("response", uri: "http://x/cookie", block: Self.response(page, status: "404 Not Found",
                headers: ["Content-Type: text/html", "Set-Cookie: " + String(repeating: "c", count: 300_000)]))
        let items = try items(archive)
        #expect(pages(items).map(\.origin.uri) == ["http://x/continue", "http://x/bare"])
        #expect(pages(items).allSatisfy { $0.bytes == page })
        #expect(skipped(items) == ["HTTP status 404, not a page"])
    }

    /// Captures the archive says are incomplete are read, with a warning (found by an
    /// adversarial tester: they were stored as whole pages without a word).
    @Test func incompleteCapturesAreWarnedAbout() throws {
        let page = Array(Self.page().utf8)
        let archive = Self.record("response", uri: "http://x/truncated", block: Self.response(page), extraHeaders: ["WARC-Truncated: length"])
            + Self.record("response", uri: "http://x/partial", block: Self.response(page, status: "206 Partial Content"))
            + Self.record("response", uri: "http://x/chunks", block: Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
                + Array((String(page.count, radix: 16) + "\r\n").utf8) + page + Array("\r\n".utf8))
        let items = try items(archive)
        #expect(pages(items).count == 3)
        let messages = warnings(items)
        #expect(messages.count == 3)
        #expect(messages.contains { $0.hasPrefix("the archive says this record was cut short (WARC-Truncated: length)") })
        #expect(messages.contains { $0.hasPrefix("it is a partial response (HTTP 206)") })
        #expect(messages.contains { $0.hasPrefix("its chunked body ends before its last chunk") })
    }

    /// `Content-Encoding: deflate` sent as a raw deflate stream (no zlib header), as some
    /// servers do; compressed here by Python's zlib.
    @Test func rawDeflateBodiesAreDecoded() throws {
        let page = Array(Self.page().utf8)
        let file = directory.path("page.html")
        try Data(page).write(to: URL(fileURLWithPath: file))
        let raw = [UInt8](try ProcessRunner.run("/usr/bin/env", ["python3", "-c",
            "import sys, zlib; c = zlib.compressobj(9, zlib.DEFLATED, -15); sys.stdout.buffer.write(c.compress(open(sys.argv[1], 'rb').read()) + c.flush())", file]).stdout)
        let archive = Self.record("response", uri: "http://x/raw", block: Self.response(raw, headers: ["Content-Type: text/html", "Content-Encoding: deflate"]))
        #expect(try pages(items(archive)).first?.bytes == page)
    }

    @Test func aWARCStartingWithALineEndIsAWARC() throws {
        let archive = Array("\r\n".utf8) + Self.httpRecord("http://x/1", Self.page())
        #expect(try pages(items(archive)).count == 1)
    }

    @Test func lfOnlyLinesAreRead() throws {
        let block = Array("HTTP/1.1 200 OK\nContent-Type: text/html\n\n\(Self.page())".utf8)
        let archive = Self.record("response", uri: "http://x/lf", block: block, newline: "\n")
            + Self.record("response", uri: "http://x/lf2", block: block, newline: "\n")
        let pages = try pages(items(archive))
        #expect(pages.count == 2)
        #expect(pages.allSatisfy { $0.bytes == Array(Self.page().utf8) })
    }

    @Test func aTruncatedLastRecordIsNamed() throws {
        let whole = Self.httpRecord("http://x/1", Self.page()) + Self.httpRecord("http://x/2", Self.page())
        let cut = Array(whole.prefix(whole.count - 200))
        let items = try items(cut)
        #expect(pages(items).count == 1)
        #expect(failed(items).count == 1)
        if case .damagedRecord(let why)? = failed(items).first { #expect(why.hasPrefix("the file ends inside it")) } else {
            Issue.record("expected a damaged record, got \(failed(items))")
        }
    }

    @Test func aBrokenGzipMemberCostsOnlyItsRecord() throws {
        let records = (1...3).map { Self.httpRecord("http://x/\($0)", Self.page(first: "맑음속초 2\($0).0℃")) }
        var members = try records.map(gzip)
        // Damage the middle member's deflate data.
        for offset in 20..<60 where offset < members[1].count - 8 { members[1][offset] ^= 0x5A }
        let items = try items(members.reduce([], +), name: "broken.warc.gz")
        #expect(pages(items).map(\.origin.uri) == ["http://x/1", "http://x/3"], "\(items)")
        // The damage is named, where it is in the file.
        let secondMember = members[0].count..<(members[0].count + members[1].count)
        #expect(warnings(items).contains { message in
            secondMember.contains { message.hasPrefix("the gzip data is broken at byte \($0) of the file") }
        }, "\(items)")
        // Damage in the middle of a record's block fails that record only.
        var late = try records.map(gzip)
        // The checksum (CRC-32, the trailer's first 4 bytes): found only at the member's end.
        let tail = late[1].count - 8
        for offset in tail..<(tail + 4) { late[1][offset] ^= 0x5A }
        let lateItems = try self.items(late.reduce([], +), name: "late.warc.gz")
        #expect(pages(lateItems).map(\.origin.uri) == ["http://x/1", "http://x/3"], "\(lateItems.map { item -> String in if case .page(let p) = item { return "page \(p.origin)" }; return "\(item)" })")
        #expect(failed(lateItems).count == 1)
    }

    /// Every record is accounted for: for random archives of pages, errors and non-pages, the
    /// items equal the records that are not warcinfo/request/metadata.
    @Test func everyRecordIsAccountedFor() throws {
        var generator = SplitMix64(seed: 0x5741_5243)
        for round in 0..<20 {
            var bytes: [UInt8] = []
            var expectedPages = 0, expectedSkipped = 0
            for index in 0..<Int(generator.next() % 12 + 1) {
                switch generator.next() % 5 {
                case 0: bytes += Self.httpRecord("http://x/\(index)", Self.page()); expectedPages += 1
                case 1: bytes += Self.record("request", uri: "http://x/\(index)", block: Array("GET /\r\n\r\n".utf8))
                case 2: bytes += Self.record("revisit", uri: "http://x/\(index)", block: []); expectedSkipped += 1
                case 3: bytes += Self.record("response", uri: "http://x/\(index).css", block: Self.response(Array("a{}".utf8), headers: ["Content-Type: text/css"])); expectedSkipped += 1
                default: bytes += Self.record("response", uri: "http://x/\(index)", block: Self.response(Array("gone".utf8), status: "410 Gone")); expectedSkipped += 1
                }
            }
            let gzipped = round % 2 == 0 ? bytes : try gzip(bytes)
            let items = try items(gzipped, name: "r\(round).warc")
            #expect(pages(items).count == expectedPages, "round \(round)")
            #expect(skipped(items).count == expectedSkipped, "round \(round)")
            #expect(failed(items).isEmpty && warnings(items).isEmpty, "round \(round)")
        }
    }
}

/// MHTML, SingleFile and HTTP-headed files, built from their documented forms.
@Suite struct SavedPageFormatsTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    func items(_ bytes: [UInt8], name: String) throws -> [InputItem] {
        let path = directory.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var items: [InputItem] = []
        PageSource(registry: .asos).read(.file(path)) { items.append($0) }
        return items
    }

    func onlyPage(_ items: [InputItem]) -> CapturedPage? {
        guard items.count == 1, case .page(let page) = items[0] else { return nil }
        return page
    }

    @Test func mhtmlAsChromeWritesIt() throws {
        let html = WARCReaderTests.page()
        // Quoted-printable as Chrome writes it: =XX for bytes, soft line breaks at 76.
        var qp = ""
        var line = ""
        for byte in Array(html.utf8) {
            let piece = (byte >= 33 && byte <= 126 && byte != 61) || byte == 32 ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
            if line.count + piece.count > 75 { qp += line + "=\r\n"; line = "" }
            line += piece
        }
        qp += line
        let boundary = "----MultipartBoundary--abc123----"
        let mhtml = """
            From: <Saved by Blink>\r
            Snapshot-Content-Location: https://news.example/article/1\r
            Subject: =?utf-8?Q?=EB=89=B4=EC=8A=A4?=\r
            Date: Mon, 18 Aug 2025 01:45:12 -0000\r
            MIME-Version: 1.0\r
            Content-Type: multipart/related;\r
            \ttype="text/html";\r
            \tboundary="\(boundary)"\r
            \r
            \r
            --\(boundary)\r
            Content-Type: text/html\r
            Content-ID: <frame-1@mhtml.blink>\r
            Content-Transfer-Encoding: quoted-printable\r
            Content-Location: https://news.example/article/1\r
            \r
            \(qp)\r
            --\(boundary)\r
            Content-Type: image/png\r
            Content-Transfer-Encoding: base64\r
            Content-Location: https://news.example/logo.png\r
            \r
            iVBORw0KGgo=\r
            --\(boundary)--\r

            """
        let page = try #require(onlyPage(items(Array(mhtml.utf8), name: "saved.mhtml")))
        #expect(page.bytes == Array(html.utf8))
        #expect(page.origin.uri == "https://news.example/article/1")
        #expect(page.hints.capturedAt == KSTDateTime(parsing: "2025-08-18 10:45:12"))
        #expect(page.hints.captureSource == .mhtmlDate)
    }

    /// A ticker in a frame (a later text/html part) is read; the main document without one is
    /// skipped, not failed (found by an adversarial tester: the frame was never read).
    @Test func mhtmlFramesAreReadToo() throws {
        let mhtml = "MIME-Version: 1.0\r\nDate: Mon, 18 Aug 2025 01:45:12 GMT\r\nContent-Type: multipart/related; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: text/html\r\nContent-Location: https://news.example/\r\n\r\n<html><body><iframe src=\"w.html\"></iframe><p>기사</p></body></html>\r\n"
            + "--b\r\nContent-Type: text/html\r\nContent-Location: https://news.example/w.html\r\n\r\n" + WARCReaderTests.page() + "\r\n--b--\r\n"
        let items = try items(Array(mhtml.utf8), name: "framed.mhtml")
        let pages = items.compactMap { if case .page(let page) = $0 { return page } else { return nil } }
        #expect(pages.map(\.origin.record) == ["part 1", "part 2"])
        #expect(pages.allSatisfy { $0.mayLackTicker })
        #expect(pages[1].bytes == Array(WARCReaderTests.page().utf8))
    }

    @Test func mhtmlPageOverTheLimitAfterDecodingIsRefused() throws {
        let html = WARCReaderTests.page() + String(repeating: "<p>가나다라마바사</p>", count: 2_000)
        let mhtml = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Data(html.utf8).base64EncodedString(options: Data.Base64EncodingOptions.lineLength76Characters) + "\r\n--b--\r\n"
        let path = directory.path("big.mhtml")
        try Data(mhtml.utf8).write(to: URL(fileURLWithPath: path))
        var items: [InputItem] = []
        PageSource(pageLimit: 30_000, registry: .asos).read(.file(path)) { items.append($0) }
        guard case .failed(_, .tooLarge)? = items.first else { Issue.record("expected too large, got \(items)"); return }
    }

    @Test func mhtmlWithABase64PageAndACharset() throws {
        let html = WARCReaderTests.page()
        let euckr = Data(try WARCReaderTests.cp949(html))
        let mhtml = "MIME-Version: 1.0\r\nDate: Tue, 19 Aug 2025 12:00:00 +0900\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
            + "Content-Type: text/html; charset=\"euc-kr\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + euckr.base64EncodedString(options: Data.Base64EncodingOptions.lineLength76Characters) + "\r\n--b--\r\n"
        let page = try #require(onlyPage(items(Array(mhtml.utf8), name: "x.mht")))
        #expect(page.bytes == [UInt8](euckr))
        #expect(page.hints.charset == "euc-kr")
        #expect(page.hints.capturedAt == KSTDateTime(parsing: "2025-08-19 12:00:00"))
    }

    @Test func singleFileSavedDateAndURL() throws {
        let html = "<!DOCTYPE html> <html lang=\"ko\"><!--\n Page saved with SingleFile \n url: https://news.example/a?idx=1 \n saved date: Mon Aug 18 2025 10:45:12 GMT+0900 (한국 표준시)\n--><head></head><body>"
            + WARCReaderTests.page() + "</body></html>"
        let page = try #require(onlyPage(items(Array(html.utf8), name: "page.html")))
        #expect(page.origin.uri == "https://news.example/a?idx=1")
        #expect(page.hints.capturedAt == KSTDateTime(parsing: "2025-08-18 10:45:12"))
        #expect(page.hints.captureSource == .singleFileSavedDate)
        // In another zone, JavaScript writes the local offset.
        let utc = html.replacingOccurrences(of: "10:45:12 GMT+0900 (한국 표준시)", with: "01:45:12 GMT+0000 (Coordinated Universal Time)")
        #expect(try onlyPage(items(Array(utc.utf8), name: "utc.html"))?.hints.capturedAt == KSTDateTime(parsing: "2025-08-18 10:45:12"))
    }

    @Test func httpHeadedFilesAsWgetAndCurlSaveThem() throws {
        let body = Array(WARCReaderTests.page().utf8)
        let wget = Array("HTTP/1.1 200 OK\r\nDate: Mon, 18 Aug 2025 01:45:12 GMT\r\nLast-Modified: Sun, 01 Jan 2023 00:00:00 GMT\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        let page = try #require(onlyPage(items(wget, name: "articleView.html?idxno=1")))
        #expect(page.bytes == body)
        // Date:, never Last-Modified:, is the capture time.
        #expect(page.hints.capturedAt == KSTDateTime(parsing: "2025-08-18 10:45:12"))
        #expect(page.hints.captureSource == .httpDate)
        // curl -i through a proxy prints the proxy's answer first; a 100 Continue too.
        let curl = Array("HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/2 200 \r\ndate: Mon, 18 Aug 2025 01:50:00 GMT\r\ncontent-type: text/html\r\n\r\n".utf8) + body
        let viaProxy = try #require(onlyPage(items(curl, name: "curl.html")))
        #expect(viaProxy.bytes == body)
        #expect(viaProxy.hints.capturedAt == KSTDateTime(parsing: "2025-08-18 10:50:00"))
        // curl -i -L prints each redirect's head before the answer's.
        let redirected = Array("HTTP/1.1 301 Moved Permanently\r\nLocation: /b\r\nDate: Mon, 18 Aug 2025 01:45:11 GMT\r\n\r\nHTTP/2 200\r\ndate: Mon, 18 Aug 2025 01:45:12 GMT\r\ncontent-type: text/html\r\n\r\n".utf8) + body
        let followed = try #require(onlyPage(items(redirected, name: "redirected.html")))
        #expect(followed.bytes == body)
        #expect(followed.hints.capturedAt == KSTDateTime(parsing: "2025-08-18 10:45:12"))
        // An error page saved with its head is not a page.
        let notFound = Array("HTTP/1.1 404 Not Found\r\nDate: Mon, 18 Aug 2025 01:45:12 GMT\r\n\r\n<p>none</p>".utf8)
        let items = try items(notFound, name: "404.html")
        guard case .skipped(_, let reason)? = items.first else { Issue.record("expected a skip, got \(items)"); return }
        #expect(reason == "HTTP status 404, not a page")
    }

    /// A SingleFile page over the page limit, mostly inline images, reads as its text.
    @Test func aSingleFilePageLargerThanTheLimitIsReadWithoutItsImages() throws {
        let image = "<img src=\"data:image/png;base64," + String(repeating: "iVBORw0KGgoAAAANSUhEUgAA", count: 2_000) + "\">"
        let html = "<!DOCTYPE html> <html lang=ko><!--\n Page saved with SingleFile \n url: https://news.example/a \n saved date: Mon Aug 18 2025 10:45:12 GMT+0900 (한국 표준시)\n--><body>"
            + WARCReaderTests.page() + String(repeating: image, count: 30) + "</body></html>"
        let path = directory.path("big.html")
        try Data(html.utf8).write(to: URL(fileURLWithPath: path))
        var items: [InputItem] = []
        PageSource(pageLimit: 200_000, registry: .asos).read(.file(path)) { items.append($0) }
        let page = try #require(onlyPage(items), "\(items)")
        #expect(html.utf8.count > 1_000_000)
        #expect(page.bytes.count < 200_000)
        let text = String(decoding: page.bytes, as: UTF8.self)
        #expect(text.contains(WARCReaderTests.page()))
        #expect(text.components(separatedBy: "data:image/png;base64,\">").count == 31)
        #expect(page.hints.capturedAt == KSTDateTime(parsing: "2025-08-18 10:45:12"))
    }

    /// Whatever the chunks, the filter drops exactly the base64 payloads and keeps the rest.
    @Test func dataURIFilterAcrossChunkBoundaries() {
        var generator = SplitMix64(seed: 0x4441_5441)
        for _ in 0..<200 {
            var input = "", expected = ""
            for _ in 0..<Int(generator.next() % 6) {
                let text = String(repeating: "가a;base", count: Int(generator.next() % 4)) + "<img src=\"data:image/png;base64,"
                let payload = String(repeating: "QUJD+/=", count: Int(generator.next() % 50))
                input += text + payload + "\">"
                expected += text + "\">"
            }
            let bytes = Array(input.utf8)
            var filter = DataURIFilter()
            var output: [UInt8] = []
            var index = 0
            while index < bytes.count {
                let size = Int(generator.next() % 13) + 1
                output += filter.filter(bytes[index..<min(bytes.count, index + size)])
                index += size
            }
            output += filter.finish()
            #expect(String(decoding: output, as: UTF8.self) == expected)
        }
    }

    /// The gzip of a container is that container (found by an adversarial tester: the capture
    /// time and charset of gzipped MHTML and HTTP-headed files were lost).
    @Test func gzippedContainersKeepTheirCaptureTimes() throws {
        let body = Array(WARCReaderTests.page().utf8)
        let headed = Array("HTTP/1.1 200 OK\r\nDate: Mon, 18 Aug 2025 07:02:31 GMT\r\nContent-Type: text/html\r\n\r\n".utf8) + body
        let directory = try TemporaryDirectory()
        let file = directory.path("headed.html")
        try Data(headed).write(to: URL(fileURLWithPath: file))
        let gzipped = [UInt8](try ProcessRunner.run("/usr/bin/env", ["gzip", "-c", "-n", file]).stdout)
        let page = try #require(onlyPage(items(gzipped, name: "headed.html.gz")))
        #expect(page.bytes == body)
        #expect(page.hints.capturedAt == KSTDateTime(parsing: "2025-08-18 16:02:31"))
    }

    /// Text before `<html>` (a server's warning) does not make a page a text capture, whose
    /// lines would run tags into the items.
    @Test func htmlWithALineBeforeItsTagsIsHTML() throws {
        let page = "Warning: session_start(): headers already sent in /var/www/index.php on line 3\n<!DOCTYPE html>" + WARCReaderTests.page()
        let parsed = try TickerParser(registry: .asos).parse(Array(page.utf8), file: "warned.html", time: KSTDateTime(parsing: "2025-08-18 10:40"))
        #expect(parsed.format == .html)
        #expect(parsed.observations.map(\.stationID) == [90, 104, 108])
    }

    @Test func internetDateForms() {
        #expect(InternetDate.rfc5322("Mon, 18 Aug 2025 01:45:12 GMT") == KSTDateTime(parsing: "2025-08-18 10:45:12"))
        #expect(InternetDate.rfc5322("18 Aug 2025 10:45 +0900") == KSTDateTime(parsing: "2025-08-18 10:45:00"))
        #expect(InternetDate.rfc5322("Mon, 30 Feb 2025 01:45:12 GMT") == nil)
        // RFC 9110's other two forms: RFC 850 and asctime.
        #expect(InternetDate.rfc5322("Monday, 18-Aug-25 01:45:12 GMT") == KSTDateTime(parsing: "2025-08-18 10:45:12"))
        #expect(InternetDate.rfc5322("Mon Aug 18 01:45:12 2025") == KSTDateTime(parsing: "2025-08-18 10:45:12"))
        // A date alone is no capture time: kmaticker never invents an hour.
        // Nothing to split: no date, not a crash (`--since ""` reads its value with this).
        #expect(InternetDate.iso8601("") == nil)
        #expect(InternetDate.iso8601("   ") == nil)
        #expect(InternetDate.iso8601("2025-08-18") == nil)
        #expect(InternetDate.iso8601("2025-08-17T23:59:59Z") == KSTDateTime(parsing: "2025-08-18 08:59:59"))
        #expect(InternetDate.iso8601("2025-08-18T10:45:12+09:00") == KSTDateTime(parsing: "2025-08-18 10:45:12"))
        #expect(InternetDate.javaScript("Sun Aug 17 2025 18:45:12 GMT-0700 (Pacific Daylight Time)") == KSTDateTime(parsing: "2025-08-18 10:45:12"))
    }
}
