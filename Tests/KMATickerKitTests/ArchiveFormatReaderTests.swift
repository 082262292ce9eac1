import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerInput
@testable import KMATickerModel

/// ARC files, Zstandard streams, zip files and HTTrack's comment, built here from their
/// documented layouts (and by the `zstd` and `python3 -m zipfile` commands), read by the input
/// layer. The archives made by the real producers are in `ArchiveFormatsTests`.
@Suite struct ArchiveFormatReaderTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    func items(_ bytes: [UInt8], name: String) throws -> [InputItem] {
        let path = directory.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var items: [InputItem] = []
        PageSource(registry: .asos).read(.file(path)) { items.append($0) }
        return items
    }

    func pages(_ items: [InputItem]) -> [CapturedPage] {
        items.compactMap { if case .page(let page) = $0 { page } else { nil } }
    }

    func messages(_ items: [InputItem]) -> [String] {
        items.compactMap {
            switch $0 {
            case .failed(let origin, let error): "\(origin): error: \(error)"
            case .skipped(let origin, let reason): "\(origin): skipped: \(reason)"
            case .warning(let diagnostic): "\(diagnostic.file): warning: \(diagnostic.message)"
            default: nil
            }
        }
    }

    static let page = Array(WARCReaderTests.page().utf8)

    static func http(_ body: [UInt8], status: String = "200 OK", type: String = "text/html") -> [UInt8] {
        Array("HTTP/1.0 \(status)\r\nDate: Mon, 18 Aug 2025 01:45:05 GMT\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    /// An ARC v1 file as the Internet Archive's ARC file format page lays it out: a `filedesc://`
    /// record whose block names the version and the fields, then `URL IP date type length`
    /// records, each followed by a line end.
    static func arc(_ records: [(line: String, block: [UInt8])], version: Int = 1) -> [UInt8] {
        let fields = version == 1 ? "URL IP-address Archive-date Content-type Archive-length"
            : "URL IP-address Archive-date Content-type Result-code Checksum Location Offset Filename Archive-length"
        let description = Array("\(version) 0 Test\n\(fields)\n".utf8)
        var out = Array("filedesc://test.arc 0.0.0.0 20250818014512 text/plain \(description.count)\n".utf8) + description + [0x0A]
        for record in records { out += Array((record.line + "\n").utf8) + record.block + [0x0A] }
        return out
    }

    @Test func arcRecordsArePagesAtTheirArchiveDate() throws {
        let response = Self.http(Self.page)
        let image = Self.http([0x89, 0x50, 0x4E, 0x47], type: "image/png")
        let missing = Self.http(Self.page, status: "404 Not Found")
        let file = Self.arc([
            ("http://news.example/a.html 10.0.0.1 20250818014512 text/html \(response.count)", response),
            ("http://news.example/logo.png 10.0.0.1 20250818014513 image/png \(image.count)", image),
            ("http://news.example/gone.html 10.0.0.1 20250818014514 text/html \(missing.count)", missing),
        ])
        let read = try items(file, name: "crawl.arc")
        let found = pages(read)
        #expect(found.count == 1)
        #expect(found.first?.bytes == Self.page)
        #expect(found.first?.origin.uri == "http://news.example/a.html")
        #expect(found.first?.origin.record == "record 2")
        // 01:45:12 UTC, not the HTTP Date: 01:45:05.
        #expect(found.first?.hints.capturedAt == KSTDateTime(parsing: "2025-08-18 10:45:12"))
        #expect(found.first?.hints.captureSource == .arcDate)
        let path = directory.path("crawl.arc")
        #expect(messages(read) == ["\(path)[record 3 http://news.example/logo.png]: skipped: not a page (image/png)",
                                   "\(path)[record 4 http://news.example/gone.html]: skipped: HTTP status 404, not a page"])
        // The same records, one gzip member each, read alike.
        let gzipped = try gzipMembers(of: file)
        #expect(pages(try items(gzipped, name: "crawl.arc.gz")).map(\.bytes) == [Self.page])
    }

    /// Each record of an ARC file compressed as its own gzip member (split at record starts).
    func gzipMembers(of arc: [UInt8]) throws -> [UInt8] {
        let text = String(decoding: arc, as: UTF8.self)
        var out: [UInt8] = []
        var pieces: [String] = []
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if (line.hasPrefix("http://") || line.hasPrefix("filedesc://")) && !current.isEmpty { pieces.append(current); current = "" }
            current += line + "\n"
        }
        pieces.append(String(current.dropLast()))
        for piece in pieces {
            let file = directory.path("member-\(UUID().uuidString)")
            try Data(piece.utf8).write(to: URL(fileURLWithPath: file))
            out += [UInt8](try ProcessRunner.run("/usr/bin/env", ["gzip", "-c", "-n", file]).stdout)
        }
        return out
    }

    /// An Archive-length that runs on over the next record (a record line inside the block,
    /// after the HTTP message): the next record is read from its line, with a warning.
    @Test func arcLengthRunningIntoTheNextRecord() throws {
        let empty = Self.http(Array("<html><body>no ticker here</body></html>".utf8))
        let response = Self.http(Self.page)
        let second = "http://news.example/b.html 10.0.0.1 20250818014513 text/html \(response.count)\n"
        // The first record's length covers the second record whole.
        let file = Self.arc([
            ("http://news.example/a.html 10.0.0.1 20250818014512 text/html \(empty.count + 1 + second.utf8.count + response.count)", empty + [0x0A] + Array(second.utf8) + response),
            ("http://news.example/c.html 10.0.0.1 20250818014514 text/html \(response.count)", response),
        ])
        let read = try items(file, name: "overrun.arc")
        #expect(pages(read).map(\.origin.uri) == ["http://news.example/a.html", "http://news.example/b.html", "http://news.example/c.html"])
        #expect(messages(read).contains { $0.contains("overrun.arc[record 2 http://news.example/a.html]: warning: Archive-length") && $0.contains("runs past this record's HTTP message into the next record line") })
    }

    @Test func arcVersion2LinesAndURLsWithSpaces() throws {
        let response = Self.http(Self.page)
        let file = Self.arc([("http://news.example/a b.html 10.0.0.1 20250818014512 text/html 200 - - 0 test.arc \(response.count)", response)], version: 2)
        let found = pages(try items(file, name: "v2.arc"))
        #expect(found.map(\.origin.uri) == ["http://news.example/a b.html"])
        #expect(found.first?.hints.capturedAt == KSTDateTime(parsing: "2025-08-18 10:45:12"))
    }

    @Test func arcDamageIsNamedAndCostsOnlyItsRecord() throws {
        let response = Self.http(Self.page)
        // A length that is no number, a date that is not 14 digits, a length too short.
        let file = Self.arc([
            ("http://news.example/x.html 10.0.0.1 20250818014512 text/html abc", response),
            ("http://news.example/b.html 10.0.0.1 2025081801451299 text/html \(response.count)", response),
            ("http://news.example/c.html 10.0.0.1 20250818014512 text/html \(response.count - 40)", response),
            ("http://news.example/d.html 10.0.0.1 20250818014512 text/html \(response.count)", response),
        ])
        let read = try items(file, name: "bad.arc")
        let said = messages(read)
        #expect(said.contains { $0.hasSuffix("bad.arc[record 2 http://news.example/x.html]: error: the archive record is damaged: its Archive-length 'abc' is not a length") })
        #expect(said.contains { $0.contains("bad.arc[record 3 http://news.example/b.html]: warning: Archive-date '2025081801451299' is not a date and time") })
        #expect(said.contains { $0.contains("bad.arc[record 4 http://news.example/c.html]: warning: 41 bytes after this record's Archive-length belong to no ARC record") })
        // b (its own time is used), c (cut by its length) and d are read.
        #expect(pages(read).map(\.origin.uri) == ["http://news.example/b.html", "http://news.example/c.html", "http://news.example/d.html"])
        #expect(pages(read).first?.hints.capturedAt == nil)
    }

    /// `zstd` (the command) around a page, a WARC or a cut-off file.
    func zstd(_ bytes: [UInt8], arguments: [String] = []) throws -> [UInt8] {
        let file = directory.path("zstd-\(UUID().uuidString)")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return [UInt8](try ProcessRunner.run("/usr/bin/env", ["zstd", "-q", "-c"] + arguments + [file]).stdout)
    }

    @Test func zstdAroundAPageReadsAsThePage() throws {
        let compressed = try zstd(Self.page)
        #expect(pages(try items(compressed, name: "page.html.zst")).map(\.bytes) == [Self.page])
        // pzstd opens its files with a skippable frame (0x184D2A50) of its own.
        let pzstd = [UInt8](try ProcessRunner.run("/usr/bin/env", ["sh", "-c", "printf '%s' \"$0\" | pzstd -q -c", String(decoding: Self.page, as: UTF8.self)]).stdout)
        try #require(pzstd.starts(with: [0x50, 0x2A, 0x4D, 0x18]))
        #expect(pages(try items(pzstd, name: "page.html.pzst")).map(\.bytes) == [Self.page])
        // Cut short: one clear error, no page.
        let cut = try items(Array(compressed.dropLast(6)), name: "cut.html.zst")
        #expect(pages(cut).isEmpty)
        #expect(messages(cut).first?.hasSuffix("cut.html.zst: error: the file is not text kmaticker can decode: its zstd data ends inside a frame: the file is cut short") == true)
    }

    @Test func zstdFramesOneRecordEachWithoutDictionary() throws {
        // Two records, a frame each (the warc-zstd layout without a dictionary).
        let first = WARCReaderTests.httpRecord("http://news.example/a", WARCReaderTests.page())
        let second = WARCReaderTests.httpRecord("http://news.example/b", WARCReaderTests.page(first: "맑음대전 30.3℃"))
        let firstFrame = try zstd(first)
        let file = firstFrame + (try zstd(second, arguments: ["--no-check"]))
        let found = pages(try items(file, name: "two.warc.zst"))
        #expect(found.map(\.origin.uri) == ["http://news.example/a", "http://news.example/b"])
        // The second frame's magic number broken: the frame gives nothing, and the loss is named by
        // the record before it; the first is read.
        var damaged = file
        damaged[firstFrame.count + 1] ^= 0xFF
        let read = try items(damaged, name: "damaged.warc.zst")
        #expect(pages(read).map(\.origin.uri) == ["http://news.example/a"])
        #expect(messages(read) == ["\(directory.path("damaged.warc.zst")): warning: the zstd data is broken at byte \(firstFrame.count) of the file (after record 1 http://news.example/a); the records it held are lost, reading went on at the next zstd frame"])
    }

    /// Frames are decoded whole when they fit, streamed when not: the same bytes either way,
    /// and the same damage found.
    @Test func wholeFramesAndStreamedFramesGiveTheSameBytes() throws {
        let records = (0..<40).map { WARCReaderTests.httpRecord("http://news.example/\($0)", WARCReaderTests.page() + (0..<($0 * 60)).map { String($0 &* 7919 % 100_003) }.joined(separator: " ")) }
        var file: [UInt8] = []
        for record in records { file += try zstd(record) }
        func read(_ bytes: [UInt8], wholeFrameLimit: Int) throws -> (bytes: [UInt8], whole: Int, damage: [Int]) {
            let source = try ZstdByteSource(upstream: MemoryByteSource(bytes), window: 4096, windowLimit: 4096, wholeFrameLimit: wholeFrameLimit)
            var out: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1000)
            while true {
                let count = try chunk.withUnsafeMutableBufferPointer { (buffer) throws(PageError) -> Int in try source.read(into: buffer) }
                if count == 0 { break }
                out += chunk[..<count]
            }
            return (out, source.framesDecodedWhole, source.damage.map(\.compressedOffset))
        }
        let whole = try read(file, wholeFrameLimit: 16 << 20)
        let streamed = try read(file, wholeFrameLimit: 0)
        #expect(whole.bytes == records.flatMap { $0 } && streamed.bytes == whole.bytes)
        #expect(streamed.whole == 0)
        // Frames over the 4 KiB window are streamed, the others decoded whole.
        #expect(whole.whole > 10 && whole.whole < records.count)
        var damaged = file
        damaged[file.count / 2] ^= 0xFF
        let damagedWhole = try read(damaged, wholeFrameLimit: 16 << 20)
        let damagedStreamed = try read(damaged, wholeFrameLimit: 0)
        #expect(damagedWhole.damage.count == 1 && damagedStreamed.damage.count == 1)
        #expect(damagedWhole.bytes == damagedStreamed.bytes)
    }

    /// The warc-zstd layout with a dictionary that is not compressed (the specification allows
    /// both): the dictionary trained by `zstd --train`, the frames written by `zstd -D`.
    @Test func uncompressedDictionaryFrame() throws {
        let records = (0..<60).map { WARCReaderTests.httpRecord("http://news.example/\($0)", WARCReaderTests.page(first: "흐림속초 \(20 + $0 % 10).\($0 % 10)℃")) }
        let samples = directory.path("samples")
        try FileManager.default.createDirectory(atPath: samples, withIntermediateDirectories: true)
        for (index, record) in records.enumerated() { try Data(record).write(to: URL(fileURLWithPath: "\(samples)/\(index)")) }
        let dictionaryPath = directory.path("dictionary")
        let trained = try ProcessRunner.run("/usr/bin/env", ["sh", "-c", "zstd -q --train \"$0\"/* --maxdict=4096 -o \"$1\"", samples, dictionaryPath])
        try #require(trained.status == 0, "\(trained.stderrText)")
        let dictionary = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dictionaryPath)))
        #expect(dictionary.starts(with: [0x37, 0xA4, 0x30, 0xEC]))
        let size = UInt32(dictionary.count)
        var file: [UInt8] = [0x5D, 0x2A, 0x4D, 0x18, UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)] + dictionary
        for record in records { file += try zstd(record, arguments: ["-D", dictionaryPath]) }
        let found = pages(try items(file, name: "dictionary.warc.zst"))
        #expect(found.map(\.origin.uri) == records.indices.map { "http://news.example/\($0)" })
        // Without its dictionary frame, the frames cannot be read: named, not a silent nothing.
        let without = try items(Array(file.dropFirst(8 + dictionary.count)), name: "nodictionary.warc.zst")
        #expect(pages(without).isEmpty)
        // Its first frame names a dictionary that is not there: no byte can be read, the file fails.
        #expect(messages(without) == ["\(directory.path("nodictionary.warc.zst")): error: the file is not text kmaticker can decode: its zstd data is broken at byte 0"])
    }

    /// A WACZ whose WARCs are stored deflated (the zip's own compression), one plain and one
    /// gzipped, written by Python's zipfile.
    @Test func waczWithDeflatedMembers() throws {
        let first = WARCReaderTests.httpRecord("http://news.example/a", WARCReaderTests.page())
        let second = WARCReaderTests.httpRecord("http://news.example/b", WARCReaderTests.page(first: "맑음대전 30.3℃"))
        try Data(first).write(to: URL(fileURLWithPath: directory.path("a.warc")))
        try Data(second).write(to: URL(fileURLWithPath: directory.path("b.warc")))
        let script = """
            import gzip, sys, zipfile
            d = sys.argv[1]
            with zipfile.ZipFile(d + "/deflated.wacz", "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("datapackage.json", "{}")
                z.write(d + "/a.warc", "archive/a.warc")
                z.writestr("archive/b.warc.gz", gzip.compress(open(d + "/b.warc", "rb").read()))
                z.writestr("pages/pages.jsonl", '{"format": "json-pages-1.0"}\\n')
                z.writestr("archive/notes.txt", "not a WARC")
            """
        let made = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", script, directory.path("")])
        try #require(made.status == 0, "\(made.stderrText)")
        var read: [InputItem] = []
        PageSource(registry: .asos).read(.file(directory.path("deflated.wacz"))) { read.append($0) }
        #expect(pages(read).map(\.origin.record) == ["archive/a.warc record 1", "archive/b.warc.gz record 1"])
        // What else is in archive/ is named; the package's other files are not pages.
        #expect(messages(read) == ["\(directory.path("deflated.wacz"))[archive/notes.txt]: skipped: a file in the WACZ's archive/ not named as a WARC or ARC"])
    }

    @Test func aZipWithoutWARCsIsNoWACZ() throws {
        let folder = directory.path("zipped")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(Self.page).write(to: URL(fileURLWithPath: folder + "/page.html"))
        _ = try ProcessRunner.run("/usr/bin/env", ["python3", "-m", "zipfile", "-c", directory.path("pages.zip"), folder + "/page.html"])
        var read: [InputItem] = []
        PageSource(registry: .asos).read(.file(directory.path("pages.zip"))) { read.append($0) }
        #expect(messages(read) == ["\(directory.path("pages.zip")): error: the archive cannot be read: a zip file of 1 members, none a WARC in archive/: not a WACZ"])
        var inFolder: [InputItem] = []
        PageSource(registry: .asos).read(.inFolder(directory.path("pages.zip"))) { inFolder.append($0) }
        #expect(messages(inFolder) == ["\(directory.path("pages.zip")): skipped: a zip file of 1 members, none a WARC in archive/: not a WACZ"])
    }

    static let httrack = "<!-- Mirrored from news.example/a.html by HTTrack Website Copier/3.x [XR&CO'2014], Mon, 18 Aug 2025 01:45:12 GMT -->\n"

    @Test func httrackCommentIsACaptureTimeBelowTheOthers() throws {
        let html = "<!DOCTYPE html><html>\n" + Self.httrack + WARCReaderTests.page() + "</html>"
        let alone = try #require(pages(try items(Array(html.utf8), name: "a.html")).first)
        #expect(alone.hints.capturedAt == KSTDateTime(parsing: "2025-08-18 10:45:12"))
        #expect(alone.hints.captureSource == .httrackComment)
        #expect(alone.origin.uri == "news.example/a.html")
        // Gzipped, the same.
        let gzipped = [UInt8](try ProcessRunner.run("/usr/bin/env", ["sh", "-c", "gzip -c -n \"$0\"", directory.path("a.html")]).stdout)
        #expect(pages(try items(gzipped, name: "a.html.gz")).first?.hints.captureSource == .httrackComment)
        // Saved with its HTTP head too: the head's Date: is the capture time.
        let headed = Self.http(Array(html.utf8))
        let withHead = try #require(pages(try items(headed, name: "b.html")).first)
        #expect(withHead.hints.captureSource == .httpDate)
        #expect(withHead.hints.capturedAt == KSTDateTime(parsing: "2025-08-18 10:45:05"))
        // SingleFile's comment wins over HTTrack's.
        let singleFile = "<html><!--\n Page saved with SingleFile \n url: https://news.example/a.html \n saved date: Mon Aug 18 2025 11:00:00 GMT+0900 (한국 표준시)\n-->\n" + Self.httrack + WARCReaderTests.page()
        let saved = try #require(pages(try items(Array(singleFile.utf8), name: "c.html")).first)
        #expect(saved.hints.captureSource == .singleFileSavedDate)
        // A date HTTrack never writes is said, and the page's own time is used.
        let odd = Self.httrack.replacingOccurrences(of: "Mon, 18 Aug 2025 01:45:12 GMT", with: "someday") + WARCReaderTests.page()
        let read = try items(Array(odd.utf8), name: "d.html")
        #expect(pages(read).first?.hints.capturedAt == nil)
        #expect(messages(read) == ["\(directory.path("d.html")): warning: HTTrack's date 'someday' is not a date kmaticker reads; the page's own time is used"])
    }
}
