import Foundation
import Testing
import KMATickerTestSupport

/// Issue 21 through the built binary: weather prose is no ticker, said only with `-v`.
@Suite struct WeatherProseCommandLineTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
    }

    static let sentence = "오늘 아침 최저기온은 대전 -4.2도, 청주 -5도, 세종 -6.2도 등이다."
    static let notATicker = "not a ticker: a list inside a sentence (3 of 3 items run on in text), from '최저기온은 대전 -4.2도' (3 items)"

    @Test func aPageOfProseIsAPageWithNoTicker() throws {
        let page = try directory.write("prose.txt", "2025.01.10 (금)\n\(Self.sentence)\n")
        let quiet = try kmaticker.run(["ingest", "--db", store, "--at", "2025-01-10 12:00", page])
        #expect(quiet.status == 1)
        #expect(quiet.stdout == "")
        #expect(quiet.stderr == "\(page): error: no KMA weather ticker found in the page\n")
        #expect(!FileManager.default.fileExists(atPath: store))

        let verbose = try kmaticker.run(["ingest", "-v", "--db", store, "--at", "2025-01-10 12:00", page])
        #expect(verbose.status == 1)
        #expect(verbose.stderr == "\(page):2: \(Self.notATicker)\n\(page): error: no KMA weather ticker found in the page\n")
    }

    @Test func aRealArticleUnderTheSeedsTickerAddsNothing() throws {
        // The seed with a real article's forecast table and lists (Fixtures/prose) in its body.
        let seed = try String(contentsOf: Fixtures.url(Fixtures.seedName), encoding: .utf8)
        let article = try String(contentsOf: Fixtures.url("prose/064_hankyung_2021_weekly_table.txt"), encoding: .utf8)
        let page = try directory.write("mixed.txt", seed.replacingOccurrences(of: "기상청 제공\n", with: "기상청 제공\n" + article))
        let result = try kmaticker.run(["ingest", "--db", store, page])
        #expect(result.status == 0)
        #expect(result.stdout == "\(page): 97 new (2025-08-18 10:40 KST from last-edit-header, 4 inferred)\n")
        #expect(result.stderr == "")
        #expect(try SQLiteShell.run(store, "SELECT count(*) FROM observations") == "97\n")
        // With -v the article's blocks are named, and only they.
        let verbose = try kmaticker.run(["ingest", "-v", "--dry-run", "--db", directory.path("other.sqlite"), page])
        let lines = verbose.stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.hasPrefix("\(page):") && $0.contains(": not a ticker: ") }, "\(verbose.stderr)")
    }

    /// One WARC record: a page of prose, as a crawl holds thousands.
    static func warc(_ body: String) -> [UInt8] {
        let bytes = Array(body.utf8)
        let http = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(bytes.count)\r\n\r\n".utf8) + bytes
        let head = ["WARC/1.0", "WARC-Type: response", "WARC-Date: 2025-01-10T03:00:00Z",
                    "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>",
                    "WARC-Target-URI: http://news.example/1", "Content-Type: application/http;msgtype=response",
                    "Content-Length: \(http.count)"].joined(separator: "\r\n")
        return Array((head + "\r\n\r\n").utf8) + http + Array("\r\n\r\n".utf8)
    }

    @Test func proseInAnArchiveIsSkippedAsNoTicker() throws {
        let archive = try directory.write("crawl.warc", bytes: Self.warc("<html><body><p>\(Self.sentence)</p></body></html>"))
        let quiet = try kmaticker.run(["ingest", "--db", store, archive])
        #expect(quiet.status == 0)
        #expect(quiet.stderr == "")
        // One record, skipped: counted in the summary, named with -v.
        #expect(quiet.stdout == "0 pages in 1 file: 0 stored, 0 failed, 1 skipped; 0 new, 0 already stored, 0 conflicting, 0 unreadable, 0 warnings\n")
        #expect(!FileManager.default.fileExists(atPath: store))
        let verbose = try kmaticker.run(["ingest", "-v", "--db", store, archive])
        let record = "\(archive)[record 1 http://news.example/1]"
        #expect(verbose.stderr == "\(record):1: \(Self.notATicker)\n\(record): skipped: no KMA weather ticker found in the page\n")
    }
}
