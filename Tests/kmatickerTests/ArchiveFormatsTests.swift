import Foundation
import Testing
import KMATickerTestSupport

/// WACZ, Zstandard WARCs (with the warc-zstd dictionary, and a whole-file zstd), ARC files and an
/// HTTrack mirror, made by their real producers (Fixtures/archive-formats, by
/// dev/fixtures/make-archive-format-fixtures.py with `wacz`, `zstandard`, `zstd`, `httrack`,
/// wget and faketime; see its README), and damaged copies of them (Fixtures/archive-damage).
/// The expectations are the fixture script's record of what it served and when.
@Suite struct ArchiveFormatsTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
    }

    /// A copy of a fixture folder without its README and expectation files.
    func copy(of fixture: String) throws -> String {
        let copy = directory.path(fixture)
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixtures.url(fixture).path)
        where !name.hasSuffix(".csv") && !name.hasSuffix(".md") {
            try FileManager.default.copyItem(atPath: Fixtures.url(fixture + "/" + name).path, toPath: copy + "/" + name)
        }
        return copy
    }

    /// The rows of an expectation file, without its header.
    func rows(_ file: String) throws -> [[String]] {
        try String(contentsOf: Fixtures.url(file), encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func check(_ fixture: String) throws -> ProcessOutput {
        try ProcessRunner.run("/usr/bin/env", ["python3", Fixtures.directory.appendingPathComponent("../dev/checks/check-archive-fixtures.py").path,
                                               "--kmaticker", KMATickerBinary.url.path, Fixtures.url(fixture).path])
    }

    /// One folder, one command, no --at: every observation at its capture time (the checker
    /// reads the store with Python's sqlite3 and compares it row for row with expected.csv).
    @Test func everyFormatGoesInWithOneCommandAtItsCaptureTime() throws {
        let expected = try rows("archive-formats/expected.csv")
        let result = try check("archive-formats")
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
        let pages = Set(expected.map { [$0[0], $0[1], $0[2]] }).count
        #expect(result.stdoutText.contains("archive fixtures: \(expected.count) observations in \(pages) pages match"))
        // Every form is there, each with its own capture time.
        let sources = Set(expected.map { $0[3] })
        #expect(sources == ["warc-date", "arc-date", "httrack-comment"])
        let files = Set(expected.map(\.[0]))
        #expect(files.isSuperset(of: ["site.wacz", "site-dictionary.warc.zst", "site-whole.warc.zst", "old-crawl.arc.gz", "old-crawl-v2.arc"]))
    }

    /// What is not a page is named with -v, each with its reason, as the fixture script listed
    /// it; HTTrack's own files are passed over, none fails.
    @Test func skippedRecordsAndTheMirrorsOwnFilesAreNamed() throws {
        let folder = try copy(of: "archive-formats")
        let result = try kmaticker.run(["ingest", "--db", store, "-v", folder])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try rows("archive-formats/expected-skipped.csv")
        let reasons = ["not-html": "not a page (", "http-status": "HTTP status "]
        let skipped = result.stderr.split(separator: "\n").filter { $0.contains(": skipped: ") }
        for row in expected {
            let (file, uri, kind) = (row[0], row[1], row[2])
            #expect(skipped.contains { $0.contains("/\(file)[") && $0.contains(" \(uri)]: skipped: \(reasons[kind]!)") }, "no skip line for \(row)")
        }
        for own in ["httrack/hts-cache: skipped: HTTrack's cache folder", "httrack/index.html: skipped: HTTrack's index of the mirror",
                    "httrack/hts-log.txt: skipped: a mirror's log (HTTrack)"] {
            #expect(result.stderr.contains(own), "\(own)")
        }
        #expect(!result.stderr.contains(": error: "))
        let observations = try rows("archive-formats/expected.csv").count
        #expect(result.stdout.hasSuffix("\(observations) new, 0 already stored, 0 conflicting, 0 unreadable, 0 warnings\n"))
    }

    /// Damage in each form is named (file, record, address) and costs only itself; a WACZ cut
    /// short is one clear error.
    @Test func damageIsReportedAndCostsOnlyItself() throws {
        let expected = try rows("archive-damage/expected.csv")
        let failures = try rows("archive-damage/expected-failures.csv")
        let result = try check("archive-damage")
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
        #expect(result.stdoutText.contains("archive fixtures: \(expected.count) observations in"))
        #expect(result.stdoutText.contains("and the \(failures.count) expected failures"))
        // Exit status 1, as for any file that fails, with the others stored.
        let folder = try copy(of: "archive-damage")
        let ingest = try kmaticker.run(["ingest", "--db", store, folder])
        #expect(ingest.status == 1)
        #expect(ingest.stderr.contains("cut.wacz: error: the archive cannot be read: it opens as a zip file, but its end holds no zip directory"))
    }

    /// A WACZ piped in is copied to a temporary file and read as the file is.
    @Test func aWACZOnStandardInput() throws {
        let expected = try rows("archive-formats/expected.csv").filter { $0[0] == "site.wacz" }
        let pages = Set(expected.map(\.[1])).count
        let result = try kmaticker.run(["ingest", "--db", store, "-"], input: try FileHandle(forReadingFrom: Fixtures.url("archive-formats/site.wacz")))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("\(pages) pages in 1 file: \(pages) stored, 0 failed"))
        #expect(result.stdout.contains("; \(expected.count) new,"))
        #expect(try SQLiteShell.run(store, "SELECT DISTINCT record LIKE 'archive/crawl-20250822.warc.gz record %' FROM pages") == "1\n")
    }

    /// warcio's own ARC test files (Fixtures/warcio-arc, see its README): the example page is
    /// read (and skipped: it has no ticker), the damaged file's every record is named.
    @Test func warcioARCFiles() throws {
        for name in ["example.arc", "example.arc.gz"] {
            let result = try kmaticker.run(["ingest", "--db", store, "-v", Fixtures.url("warcio-arc/" + name).path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.hasSuffix("/\(name)[record 2 http://example.com/]: skipped: no KMA weather ticker found in the page\n"))
            #expect(result.stdout.hasPrefix("0 pages in 1 file: 0 stored, 0 failed, 1 skipped;"))
        }
        let bad = try kmaticker.run(["ingest", "--db", store, "-v", Fixtures.url("warcio-arc/bad.arc").path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.arc[record 1]: warning: the file description's Archive-length '-1' is not a length"))
        #expect(bad.stderr.contains("bad.arc[record 2 http://example.com/]: error: the archive record is damaged: its Archive-length '-1' is not a length"))
        #expect(bad.stderr.contains("bad.arc[record 3 http://example.com/]: skipped: an empty record"))
        #expect(bad.stderr.contains("bad.arc[record 4 http://example.com/]: error: the archive record is damaged: its Archive-length 'abc' is not a length"))
        let spaces = try kmaticker.run(["ingest", "--db", store, Fixtures.url("warcio-arc/example-space-in-url.arc").path])
        #expect(spaces.status == 1)
        #expect(spaces.stderr.contains("[record 2 http://example.com/index.cfm?FuseAction=Email&EmailTitle=Examples From The Live Web&IsPopUp=False]: error: the archive record is damaged: the file ends inside it (1579 of 1591 bytes)"))
    }
}
