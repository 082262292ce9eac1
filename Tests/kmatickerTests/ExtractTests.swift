import Foundation
import Testing
import KMATickerTestSupport

/// `kmaticker extract` as the map step of a job: its output, loaded back with `ingest`, equals a
/// direct ingest of the same inputs; it is deterministic; problems go apart from data.
@Suite struct ExtractTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary
    /// The archive fixtures (without their README and expectation files).
    let archives: String

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
        archives = try Self.copyOfArchiveFixtures(in: directory)
    }

    /// Every column of every page and observation, as a direct ingest stores them.
    func contents(of store: String) throws -> String {
        try SQLiteShell.run(store, """
            SELECT p.source, p.path, p.record, p.uri, p.sha256, p.byte_count, p.charset, p.format, p.observed_at,
                   p.time_source, p.item_count, p.captured_at, p.capture_source, p.printed_time, p.printed_time_source,
                   o.position, o.station_id, o.station_source, o.label, o.condition, o.condition_known, o.temperature_c
            FROM observations o JOIN pages p ON p.id = o.page_id ORDER BY p.path, p.record, p.observed_at, o.position
            """)
    }

    @Test func extractedShardsLoadBackAsADirectIngest() throws {
        let direct = directory.path("direct.sqlite")
        #expect(try kmaticker.run(["ingest", "--db", direct, archives]).status == 0)

        let extracted = try kmaticker.run(["extract", archives])
        #expect(extracted.status == 0, "\(extracted.stderr)")
        #expect(extracted.stdout.split(separator: "\n").count == 273)
        let shard = try directory.write("shard.ndjson", extracted.stdout)
        let loaded = try kmaticker.run(["ingest", "--db", store, shard])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stdout == "22 pages in 1 file: 22 stored, 0 failed; 273 new, 0 already stored, 0 conflicting, 0 unreadable, 0 warnings\n")
        #expect(try contents(of: store) == contents(of: direct))
        #expect(try kmaticker.run(["export", "--db", store]).stdout == kmaticker.run(["export", "--db", direct]).stdout)

        // The same shard again (compared value by value), and the archives themselves, add nothing.
        #expect(try kmaticker.run(["ingest", "--db", store, shard]).stdout
                == "22 pages in 1 file: 22 stored, 0 failed; 0 new, 273 already stored, 0 conflicting, 0 unreadable, 0 warnings\n")
        #expect(try kmaticker.run(["ingest", "--db", store, archives]).stdout.contains("0 new, 273 already stored"))
    }

    @Test func sameInputSameBytesAndProblemsApart() throws {
        let first = try kmaticker.run(["extract", archives])
        let second = try kmaticker.run(["extract", archives])
        #expect(first.stdout == second.stdout)
        // Every stdout line is an observation; every problem line is on stderr.
        #expect(first.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("{\"kmaticker_extract\":1,\"observed_at\":") })
        let problems = first.stderr.split(separator: "\n")
        #expect(problems.count == 6)
        #expect(problems.allSatisfy { $0.hasPrefix("{\"kmaticker_extract\":1,\"problem\":\"skipped\",") })
        // With --errors-to they go to the file.
        let errors = directory.path("problems.ndjson")
        let toFile = try kmaticker.run(["extract", "--errors-to", errors, archives])
        #expect(toFile.stderr.isEmpty)
        #expect(try String(contentsOfFile: errors, encoding: .utf8) == first.stderr)
    }

    @Test func pathsFromStandardInputAsSparkPipesThem() throws {
        let list = try directory.write("paths.txt", "\(archives)/site.warc.gz\n\(archives)/chrome.mhtml\n")
        let piped = try kmaticker.run(["extract", "-"], input: try FileHandle(forReadingFrom: URL(fileURLWithPath: list)))
        let direct = try kmaticker.run(["extract", "\(archives)/site.warc.gz", "\(archives)/chrome.mhtml"])
        #expect(piped.status == 0)
        #expect(piped.stdout == direct.stdout)
        #expect(piped.stdout.split(separator: "\n").count == 192 + 16)
    }

    @Test func csvHasAHeaderAndARowPerObservation() throws {
        let csv = try kmaticker.run(["extract", "--format", "csv", "\(archives)/curl-i.html"])
        let rows = csv.stdout.split(separator: "\r\n")
        #expect(rows.count == 1 + 12)
        #expect(rows[0].hasPrefix("kmaticker_extract,observed_at,station_id,station,condition,"))
        #expect(rows[1].hasPrefix("1,2025-08-19T08:12:44+09:00,"))
    }

    /// Shards edited, duplicated or mixed by hand or by tools (found by an adversarial tester):
    /// never something silently wrong.
    @Test func shardsThatAreNotWhatExtractWroteAreCaught() throws {
        let seed = directory.path("seed.txt")
        try FileManager.default.copyItem(atPath: Fixtures.url(Fixtures.seedName).path, toPath: seed)
        let lines = try kmaticker.run(["extract", seed]).stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 97)
        #expect(try kmaticker.run(["ingest", "--db", store, seed]).status == 0)
        // A changed value with the page's own digest is a conflict, not "already ingested".
        let edited = try directory.write("edited.ndjson", ([lines[0].replacingOccurrences(of: "\"temperature_c\":27.8", with: "\"temperature_c\":12.3")]
            + lines.dropFirst()).joined(separator: "\n") + "\n")
        let conflict = try kmaticker.run(["ingest", "--db", store, edited])
        #expect(conflict.stdout.contains("0 new, 96 already stored, 1 conflicting"))
        #expect(conflict.stderr.contains("warning: conflict for 90 속초 at 2025-08-18 10:40 KST: the store has 흐림 27.8℃"))
        // A line duplicated in place of another: the positions tell.
        let duplicated = try directory.write("dup.ndjson", (lines.prefix(96) + [lines[0]]).joined(separator: "\n") + "\n")
        let refused = try kmaticker.run(["ingest", "--db", store, duplicated])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the page's lines do not hold positions 1 to 97 once each"))
        // A station the registry lacks fails its page only; the same page twice in a row is two pages.
        let unknown = try directory.write("unknown.ndjson", ([lines[0].replacingOccurrences(of: "\"station_id\":90", with: "\"station_id\":99999")]
            + lines.dropFirst() + lines).joined(separator: "\n") + "\n")
        let mixed = try kmaticker.run(["ingest", "--db", store, unknown])
        #expect(mixed.status == 1)
        #expect(mixed.stderr.contains("station 99999 is not in the registry"))
        #expect(mixed.stdout.contains("2 pages in 1 file: 1 stored, 1 failed; 0 new, 97 already stored"))
        // extract's problem lines and empty shards in a folder of shards are passed over.
        let shards = directory.path("shards")
        try FileManager.default.createDirectory(atPath: shards, withIntermediateDirectories: true)
        _ = try kmaticker.run(["extract", "--errors-to", shards + "/a.problems", archives + "/site.warc.gz"])
        try Data().write(to: URL(fileURLWithPath: shards + "/empty.ndjson"))
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: shards + "/seed.ndjson"))
        let folder = try kmaticker.run(["ingest", "--db", store, "-v", shards])
        #expect(folder.status == 0, "\(folder.stderr)")
        #expect(folder.stderr.contains("a.problems: skipped: a file of kmaticker extract's problem lines: no observations"))
        #expect(folder.stderr.contains("empty.ndjson: skipped: an empty file"))
    }

    /// A shard cut off inside a page: that page is an error naming its lines, nothing of it stored.
    @Test func aShardCutShortLosesNoPageSilently() throws {
        let lines = try kmaticker.run(["extract", "\(archives)/curl-i.html", "\(archives)/chrome.mhtml"]).stdout.split(separator: "\n")
        #expect(lines.count == 12 + 16)
        let shard = try directory.write("cut.ndjson", lines.prefix(12 + 10).joined(separator: "\n") + "\n")
        let loaded = try kmaticker.run(["ingest", "--db", store, shard])
        #expect(loaded.status == 1)
        #expect(loaded.stderr.contains("\(shard)[lines 13–22 of \(archives)/chrome.mhtml part 1 "))
        #expect(loaded.stderr.contains("these lines of a kmaticker extract shard cannot be loaded: the shard holds 10 of the page's 16 observations"))
        #expect(try SQLiteShell.run(store, "SELECT count(*) FROM observations") == "12\n")
    }
}
