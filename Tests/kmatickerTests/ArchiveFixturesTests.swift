import Foundation
import Testing
import KMATickerTestSupport

/// Pages saved by the real archiving programs (Fixtures/archives, made by
/// dev/fixtures/make-archive-fixtures.py with wget, curl, headless Chromium and faketime; see its
/// README): one folder of a WARC of date-only pages, an MHTML, a SingleFile page and
/// HTTP-headed files goes in with one command, without --at, every observation at its capture
/// time. The expectations are the fixture script's record of what it served.
@Suite struct ArchiveFixturesTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary
    /// The archives without the fixture's README and expectation files.
    let archives: String

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
        archives = try Self.copyOfArchiveFixtures(in: directory)
    }

    /// The fixture's own checker (Python's sqlite3 reading the store) agrees row for row.
    @Test func everyObservationIsStoredAtItsCaptureTime() throws {
        let check = try ProcessRunner.run("/usr/bin/env", ["python3", Fixtures.directory.appendingPathComponent("../dev/checks/check-archive-fixtures.py").path,
                                                           "--kmaticker", KMATickerBinary.url.path, Fixtures.url("archives").path])
        #expect(check.status == 0, "\(check.stdoutText)\(check.stderrText)")
        #expect(check.stdoutText.contains("archive fixtures: 273 observations in 22 pages match"))
    }

    /// What is not a page is named with -v, each with its reason, as the fixture script listed it.
    @Test func skippedRecordsAreNamedAndCounted() throws {
        let result = try kmaticker.run(["ingest", "--db", store, "-v", archives])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("22 pages in 6 files: 22 stored, 0 failed, 6 skipped; 273 new, 0 already stored, 0 conflicting, 0 unreadable, 0 warnings\n"))
        let expected = try String(contentsOf: Fixtures.url("archives/expected-skipped.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let skippedLines = result.stderr.split(separator: "\n").filter { $0.contains(": skipped: ") }
        #expect(skippedLines.count == expected.count)
        let reasons = ["revisit": "a revisit record", "not-html": "not a page (", "http-status": "HTTP status "]
        for row in expected {
            let (file, uri, kind) = (row[0], row[1], row[2])
            #expect(skippedLines.contains { $0.contains("/\(file)[record ") && $0.contains(" \(uri)]: skipped: \(reasons[kind]!)") },
                    "no skip line for \(row)")
        }
    }

    @Test func theSameArchivesAgainAddNothing() throws {
        #expect(try kmaticker.run(["ingest", "--db", store, archives]).status == 0)
        let again = try kmaticker.run(["ingest", "--db", store, archives])
        #expect(again.status == 0)
        #expect(again.stdout == "22 pages in 6 files: 0 stored, 22 already ingested, 0 failed, 6 skipped; 0 new, 273 already stored, 0 conflicting, 0 unreadable, 0 warnings\n")
    }

    /// Query and export show each observation at its capture time, in KST.
    @Test func capturedTimesShowInKST() throws {
        #expect(try kmaticker.run(["ingest", "--db", store, archives]).status == 0)
        let csv = try kmaticker.run(["export", "--db", store, "--format", "csv"]).stdout
        // The third WARC day: 2025-08-19T23:05:47Z is 08:05:47 on the 20th in KST.
        #expect(csv.contains("2025-08-20T08:05:47+09:00,"))
        #expect(csv.contains(",warc-date\r\n"))
        #expect(csv.contains(",mhtml-date\r\n") && csv.contains(",singlefile-saved-date\r\n") && csv.contains(",http-date\r\n"))
    }

    /// A WARC piped in (`zcat`-free: gzip is recognized by its bytes) reads like the file.
    @Test func anArchiveOnStandardInput() throws {
        let result = try kmaticker.run(["ingest", "--db", store, "-"],
                                       input: try FileHandle(forReadingFrom: Fixtures.url("archives/site.warc.gz")))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "16 pages in 1 file: 16 stored, 0 failed, 6 skipped; 192 new, 0 already stored, 0 conflicting, 0 unreadable, 0 warnings\n")
        #expect(try SQLiteShell.run(store, "SELECT DISTINCT source FROM pages") == "stdin\n")
    }

    /// A feed file with several `<weather>` hours stores every hour, each as its own page.
    @Test func everyHourOfAFeed() throws {
        let feed = try directory.write("hours.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <current xmlns="current">
            <weather year="2025" month="08" day="18" hour="09"><local stn_id="90" desc="흐림" ta="26.1">속초</local><local stn_id="133" desc="맑음" ta="29.0">대전</local></weather>
            <weather year="2025" month="08" day="18" hour="10"><local stn_id="90" desc="흐림" ta="27.8">속초</local><local stn_id="133" desc="맑음" ta="30.3">대전</local></weather>
            </current>
            """)
        let result = try kmaticker.run(["ingest", "--db", store, feed])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            \(feed)[weather 1]: 2 new (2025-08-18 09:00 KST from feed)
            \(feed)[weather 2]: 2 new (2025-08-18 10:00 KST from feed)
            2 pages in 1 file: 2 stored, 0 failed; 4 new, 0 already stored, 0 conflicting, 0 unreadable, 0 warnings

            """)
        #expect(try SQLiteShell.run(store, "SELECT record, time_source, printed_time FROM pages ORDER BY id")
                == "weather 1|feed|2025-08-18 09:00\nweather 2|feed|2025-08-18 10:00\n")
        #expect(try kmaticker.run(["export", "--db", store, "--station", "속초"]).stdout.contains("2025-08-18T09:00:00+09:00,90,속초,흐림,26.1,feed,hours.xml"))
        // Again: the file's bytes are recognized, with both hours' items.
        #expect(try kmaticker.run(["ingest", "--db", store, feed]).stdout
                == "\(feed): 0 new, 4 already stored (these bytes were ingested before, as hours.xml at 2025-08-18 09:00 KST)\n")
    }

    /// A plain saved page has no capture time: --time-from mtime takes its file's.
    @Test func timeFromModificationTime() throws {
        let page = try directory.write("plain.html", "<p>2025.08.18 (월)</p><ul><li>흐림속초 27.8℃</li><li>비북강릉 29.0℃</li></ul><p>기상청 제공</p>")
        let dateOnly = try kmaticker.run(["ingest", "--db", store, page])
        #expect(dateOnly.status == 1)
        #expect(dateOnly.stderr.contains("the page gives only a date (2025-08-18), no hour"))
        // 2025-08-18 01:45:12 UTC = 10:45:12 KST.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_755_481_512)], ofItemAtPath: page)
        let mtime = try kmaticker.run(["ingest", "--db", store, "--time-from", "mtime", page])
        #expect(mtime.status == 0, "\(mtime.stderr)")
        #expect(mtime.stdout == "\(page): 2 new (2025-08-18 10:45 KST from file-mtime, prints 2025-08-18)\n")
        #expect(try SQLiteShell.run(store, "SELECT time_source, captured_at, capture_source, printed_time, printed_time_source FROM pages")
                == "file-mtime|1755481512|file-mtime|2025-08-18|date-only-header\n")
    }
}
