import Foundation
import Testing
import KMATickerTestSupport

/// The built binary on a temporary store: ingest, re-ingest, query, export, and each error.
@Suite struct EndToEndTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary
    let seed = Fixtures.url(Fixtures.seedName).path

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
    }


    @Test func ingestThenReingestAddsNothing() throws {
        let first = try kmaticker.run(["ingest", "--db", store, seed])
        #expect(first.status == 0)
        #expect(first.stdout == "\(seed): 97 new (2025-08-18 10:40 KST from last-edit-header, 4 inferred)\n")
        #expect(first.stderr == "")
        let exportBefore = try kmaticker.run(["export", "--db", store]).stdout
        let second = try kmaticker.run(["ingest", "--db", store, seed])
        #expect(second.status == 0)
        // The same bytes are recognized by their SHA-256 and not parsed again.
        #expect(second.stdout == "\(seed): 0 new, 97 already stored (these bytes were ingested before, as 000_24a8cc3d9cd846fc.txt at 2025-08-18 10:40 KST)\n")
        #expect(try kmaticker.run(["export", "--db", store]).stdout == exportBefore)
    }

    @Test func queryDaejeonShowsClearAt30Point3() throws {
        try kmaticker.run(["ingest", "--db", store, seed])
        let result = try kmaticker.run(["query", "--db", store, "--station", "대전"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            observed_at (KST)  station_id  station  condition  temperature_c  station_source  source
            2025-08-18 10:40          133  대전     맑음                30.3  ticker          000_24a8cc3d9cd846fc.txt

            """)
    }

    @Test(arguments: ["133", "Daejeon", "daejeon", "대전"])
    func queryTakesNumberOrEnglishName(name: String) throws {
        try kmaticker.run(["ingest", "--db", store, seed])
        let result = try kmaticker.run(["query", "--db", store, "--station", name, "--format", "csv"])
        #expect(result.stdout.split(separator: "\r\n").count == 2)
        #expect(result.stdout.contains(",133,대전,맑음,30.3,ticker,"))
    }

    @Test func queryAsJSON() throws {
        try kmaticker.run(["ingest", "--db", store, seed])
        let result = try kmaticker.run(["query", "--db", store, "--station", "북창원", "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        let row = try #require(rows?.first)
        #expect(rows?.count == 1)
        #expect(row["station_id"] as? Int == 255)
        #expect(row["temperature_c"] is NSNull)
        #expect(row["observed_at"] as? String == "2025-08-18T10:40:00+09:00")
    }

    @Test func unknownStationSuggestsTheClosestNames() throws {
        try kmaticker.run(["ingest", "--db", store, seed])
        let result = try kmaticker.run(["query", "--db", store, "--station", "대젼"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("unknown station '대젼'; did you mean 대전 (133, Daejeon)"))
    }

    @Test func exportMatchesGolden() throws {
        try kmaticker.run(["ingest", "--db", store, seed])
        let result = try kmaticker.run(["export", "--db", store])
        #expect(result.status == 0)
        try Fixtures.expectMatchesGolden(result.stdout, "000_24a8cc3d9cd846fc.export.csv")
        let rows = result.stdout.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 98)
        #expect(rows[0].prefix(7) == ["observed_at", "station_id", "station", "condition", "temperature_c", "station_source", "source"])
        #expect(rows.filter { $0[5] == "inferred" }.map { String($0[2]) } == ["북춘천", "서청주", "세종", "북부산"])
        let bukchangwon = try #require(rows.first { $0[2] == "북창원" })
        #expect(bukchangwon[4] == "")
    }

    @Test func exportToAFile() throws {
        try kmaticker.run(["ingest", "--db", store, seed])
        let out = directory.path("all.csv")
        let result = try kmaticker.run(["export", "--db", store, "--out", out])
        #expect(result.status == 0)
        #expect(result.stdout == "")
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written == (try kmaticker.run(["export", "--db", store]).stdout))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.contains("partial") }.isEmpty)
    }

    @Test func noInferLeavesFourUnresolved() throws {
        try kmaticker.run(["ingest", "--db", store, "--no-infer", seed])
        let csv = try kmaticker.run(["export", "--db", store]).stdout
        let unresolved = csv.split(separator: "\r\n").filter { $0.contains(",unresolved,") }
        #expect(unresolved.count == 4)
        #expect(unresolved.allSatisfy { $0.hasPrefix("2025-08-18T10:40:00+09:00,,,") })
    }

    // MARK: Errors: one message naming the file and the reason, exit 1, the store unchanged.

    func expectRefused(_ name: String, bytes: [UInt8], reason: String) throws {
        try kmaticker.run(["ingest", "--db", store, seed])
        let before = try #require(storeBytes())
        let path = try directory.write(name, bytes: bytes)
        let result = try kmaticker.run(["ingest", "--db", store, path])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "\(path): error: \(reason)\n")
        #expect(storeBytes() == before)
    }

    @Test func emptyFileIsRefused() throws {
        try expectRefused("empty.html", bytes: [], reason: "the file is empty")
    }

    @Test func binaryJunkIsRefused() throws {
        var generator = SystemRandomNumberGenerator()
        let junk = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) } + [0, 0]
        try expectRefused("junk.html", bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + junk,
                          reason: "the file is binary data, not a saved page (text or HTML)")
    }

    @Test func pageWithoutTickerIsRefused() throws {
        try expectRefused("article.html", bytes: Array("<html><body><h1>뉴스</h1><p>기사 본문입니다.</p><ul><li>해당된 기사를 공유합니다</li></ul></body></html>".utf8),
                          reason: "no KMA weather ticker found in the page")
    }

    @Test func pageWithoutTimeIsRefusedUnlessAtIsGiven() throws {
        let page = Array("  • 맑음서울29.0℃\n  • 맑음대전30.3℃\n기상청 제공\n".utf8)
        try expectRefused("untimed.txt", bytes: page,
                          reason: "no page time found (no '최종편집' or 'UPDATED' line, no article time); give one with --at \"YYYY-MM-DD HH:MM\" (KST)")
        let withAt = try kmaticker.run(["ingest", "--db", store, "--at", "2025-08-18 11:00", directory.path("untimed.txt")])
        #expect(withAt.status == 0)
        #expect(withAt.stdout.hasSuffix(": 2 new (2025-08-18 11:00 KST from at-option)\n"))
    }

    @Test func missingFileAndDirectoryAreRefused() throws {
        try kmaticker.run(["ingest", "--db", store, seed])
        let before = try #require(storeBytes())
        let missing = directory.path("nope.html")
        let empty = directory.path("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let result = try kmaticker.run(["ingest", "--db", store, missing, empty])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(missing): error: cannot read the file: no such file\n"))
        #expect(result.stderr.contains("\(empty): error: cannot read the file: it is a directory"))
        #expect(storeBytes() == before)
    }

    @Test func failedFilesCreateNoStore() throws {
        let path = try directory.write("empty.txt", bytes: [])
        let result = try kmaticker.run(["ingest", "--db", store, path])
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    @Test func oneBadFileDoesNotStopTheOthers() throws {
        let bad = try directory.write("empty.txt", bytes: [])
        let result = try kmaticker.run(["ingest", "--db", store, bad, seed])
        #expect(result.status == 1)
        #expect(result.stderr == "\(bad): error: the file is empty\n")
        #expect(result.stdout.hasSuffix("2 files: 1 stored, 1 failed; 97 new, 0 already stored, 0 conflicting, 0 unreadable, 0 warnings\n"))
        #expect(try kmaticker.run(["export", "--db", store]).stdout.split(separator: "\r\n").count == 98)
    }

    @Test func conflictingValueIsReportedAndNotOverwritten() throws {
        try kmaticker.run(["ingest", "--db", store, seed])
        let other = try directory.write("other.txt", "최종편집: 2025-08-18 10:40\n  • 흐림대전29.0℃\n기상청 제공\n")
        let result = try kmaticker.run(["ingest", "--db", store, other])
        #expect(result.status == 0)
        #expect(result.stdout == "\(other): 0 new, 1 conflicting (2025-08-18 10:40 KST from last-edit-header)\n")
        #expect(result.stderr == "\(other):2: warning: conflict for 133 대전 at 2025-08-18 10:40 KST: the store has 맑음 30.3℃ from 000_24a8cc3d9cd846fc.txt, this page says 흐림 29.0℃; kept the stored value\n")
        #expect(try kmaticker.run(["query", "--db", store, "--station", "대전", "--format", "csv"]).stdout.contains(",맑음,30.3,"))
    }

    @Test func unknownWordsAreKeptAndReported() throws {
        // Inside a ticker (its neighbours in station order, KMA's credit after it).
        let page = try directory.write("odd.txt", "최종편집: 2025-08-18 10:40\n  • 흐림속초27.8℃\n  • 폭염서울33.0℃\n  • 맑음신도시28.0℃\n  • 맑음대전30.3℃\n기상청 제공\n")
        let result = try kmaticker.run(["ingest", "--db", store, page])
        #expect(result.status == 0)
        #expect(result.stderr == """
            \(page):3: warning: unknown condition word '폭염', kept as printed
            \(page):4: warning: unknown station name '신도시', kept as printed

            """)
        let csv = try kmaticker.run(["export", "--db", store]).stdout
        #expect(csv.contains(",108,서울,폭염,33.0,ticker,"))
        #expect(csv.contains(",,신도시,맑음,28.0,unresolved,"))
    }

    @Test func badAtIsAUsageError() throws {
        let result = try kmaticker.run(["ingest", "--db", store, "--at", "the day before", seed])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--at takes a KST date and time (\"2025-08-18 10:40\""), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    @Test func queryWithoutAStoreSaysSo() throws {
        let result = try kmaticker.run(["query", "--db", store, "--station", "대전"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no store at \(store)"))
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    @Test func foreignFileAsStoreIsRefusedUntouched() throws {
        let notes = try directory.write("notes.txt", "my notes\n")
        let result = try kmaticker.run(["ingest", "--db", notes, seed])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(notes) is not a kmaticker store"))
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "my notes\n")
    }

    // MARK: Where the store lives

    @Test func storeComesFromTheEnvironmentThenXDG() throws {
        var withEnvironment = kmaticker
        withEnvironment.environment["KMATICKER_DB"] = directory.path("env.sqlite")
        #expect(try withEnvironment.run(["ingest", seed]).status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.path("env.sqlite")))

        var withXDG = kmaticker
        withXDG.environment["XDG_DATA_HOME"] = directory.path("xdg")
        #expect(try withXDG.run(["ingest", seed]).status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.path("xdg/kmaticker/observations.sqlite")))

        #expect(try kmaticker.run(["ingest", seed]).status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.path(".local/share/kmaticker/observations.sqlite")))
        #expect(try kmaticker.run(["query", "--station", "대전", "--format", "csv"]).stdout.contains(",30.3,"))
    }

    @Test func htmlPageIngests() throws {
        let html = try directory.write("page.html", """
            <!DOCTYPE html><html><head><meta charset="utf-8"><script>var x = "맑음서울1.0℃";</script></head>
            <body><div id="header">최종편집: 2025-08-18 10:40</div>
            <ul class="weather"><li>흐림속초27.8℃</li><li><img alt="맑음">대전<em>30.3</em>&#8451;</li></ul><p>기상청 제공</p>
            <ul><li>해당된 기사를 공유합니다</li></ul></body></html>
            """)
        let result = try kmaticker.run(["ingest", "--db", store, html])
        #expect(result.status == 0)
        #expect(result.stdout == "\(html): 2 new (2025-08-18 10:40 KST from last-edit-header)\n")
    }

    // MARK: Archives

    /// A folder mixing every kind of input, and one junk file, in one command.
    @Test func mixedFolderGoesInWithOneCommand() throws {
        let archive = directory.url.appendingPathComponent("archive")
        let nested = archive.appendingPathComponent("2025/08")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        func copy(_ fixture: String, to name: String, in folder: URL) throws {
            try FileManager.default.copyItem(at: Fixtures.url(fixture), to: folder.appendingPathComponent(name))
        }
        try copy("markup_li_img_alt.html", to: "a_utf8.html", in: archive)
        try copy("markup_div_spans_euckr.html", to: "b_euckr.htm", in: archive)
        try copy(Fixtures.seedName, to: "c_capture.txt", in: nested)
        try copy("sfc_web_map.xml", to: "e_feed.xml", in: nested)
        try gzipped(Fixtures.url("markup_table_cells.html")).write(to: archive.appendingPathComponent("d_table.html.gz"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]).write(to: archive.appendingPathComponent("f_junk.html"))
        // A PDF's first bytes: binary, and not named as a page, so it is passed over (named with -v).
        try Data([0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x34, 0x0A, 0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A, 0, 0, 1, 2]).write(to: archive.appendingPathComponent("notes.pdf"))

        let result = try kmaticker.run(["ingest", "--db", store, archive.path])
        #expect(result.status == 1)
        #expect(result.stderr == "\(archive.path)/f_junk.html: error: the file is binary data, not a saved page (text or HTML)\n")
        // The four pages at 10:40 carry the same 97 values; the feed's are at 10:00.
        #expect(result.stdout == "6 pages in 7 files: 5 stored, 1 failed, 1 skipped; 194 new, 291 already stored, 0 conflicting, 0 unreadable, 0 warnings\n")
        let csv = try kmaticker.run(["export", "--db", store]).stdout
        #expect(csv.split(separator: "\r\n").count == 1 + 194)
        #expect(csv.contains("2025-08-18T10:00:00+09:00,90,속초,흐림,27.8,feed,e_feed.xml,"))

        let verbose = try kmaticker.run(["ingest", "--db", store, "--verbose", archive.path])
        #expect(verbose.stdout.contains("\(archive.path)/b_euckr.htm: 0 new, 97 already stored (these bytes were ingested before"))
        #expect(verbose.stdout.hasSuffix("6 pages in 7 files: 0 stored, 5 already ingested, 1 failed, 1 skipped; 0 new, 485 already stored, 0 conflicting, 0 unreadable, 0 warnings\n"))
        // What was passed over is named, with why.
        #expect(verbose.stderr.contains("\(archive.path)/notes.pdf: skipped: binary data, not a page\n"))
    }

    /// Both crashed (issue 12): a negative --limit, an age too long to count.
    @Test func negativeLimitsAndEndlessAgesAreUsageErrors() throws {
        try kmaticker.run(["ingest", "--db", store, seed])
        let limit = try kmaticker.run(["query", "--db", store, "--latest", "--limit=-1"])
        #expect(limit.status == 64)
        #expect(limit.stderr.contains("--limit takes a number of rows, 0 or more; got -1"))
        // Zero rows is a question with an answer: the header alone.
        let none = try kmaticker.run(["export", "--db", store, "--limit", "0"])
        #expect(none.status == 0)
        #expect(none.stdout == "observed_at,station_id,station,condition,temperature_c,station_source,source,label,position,time_source\r\n")
        // Times are read with the command line: a bad one is a usage error before any store
        // is looked for.
        let early = try kmaticker.run(["query", "--db", directory.path("no-such.sqlite"), "--until", "2025-02-30"])
        #expect(early.status == 64)
        #expect(early.stderr.contains("--until '2025-02-30': there is no such day"))
        let unread = try kmaticker.run(["query", "--db", directory.path("no-such.sqlite"), "--until", "the 30th"])
        #expect(unread.status == 64)
        #expect(unread.stderr.contains("--until takes a KST date"))
        for command in [["query"], ["chart", "--station", "대전", "--out", directory.path("chart.svg")]] {
            let age = try kmaticker.run(command + ["--db", store, "--since", "9999999999999999w"])
            #expect(age.status == 64, "\(command)")
            #expect(age.stderr.contains("--since '9999999999999999w': that is longer ago than any time kmaticker stores"))
        }
    }

    @Test func standardInputIsAPage() throws {
        let result = try kmaticker.run(["ingest", "--db", store, "-"],
                                       input: try FileHandle(forReadingFrom: Fixtures.url(Fixtures.seedName)))
        #expect(result.status == 0)
        #expect(result.stdout == "-: 97 new (2025-08-18 10:40 KST from last-edit-header, 4 inferred)\n")
        #expect(try kmaticker.run(["export", "--db", store]).stdout.contains(",133,대전,맑음,30.3,ticker,stdin,"))
    }

    @Test func dryRunWritesNothing() throws {
        let dry = try kmaticker.run(["ingest", "--db", store, "--dry-run", seed])
        #expect(dry.status == 0)
        #expect(dry.stdout.hasSuffix("dry run, nothing written: 1 file: 1 would be stored, 0 failed; 97 new, 0 already stored, 0 conflicting, 0 unreadable, 0 warnings\n"))
        #expect(!FileManager.default.fileExists(atPath: store))

        try kmaticker.run(["ingest", "--db", store, seed])
        let before = try #require(storeBytes())
        let other = try directory.write("other.txt", "최종편집: 2025-08-18 10:40\n  • 맑음서울1.0℃\n  • 흐림대전29.0℃\n기상청 제공\n")
        let dryAgain = try kmaticker.run(["ingest", "--db", store, "--dry-run", other])
        #expect(dryAgain.stdout.hasSuffix("dry run, nothing written: 1 file: 1 would be stored, 0 failed; 0 new, 0 already stored, 2 conflicting, 0 unreadable, 2 warnings\n"))
        #expect(storeBytes() == before)
    }

    @Test func provenanceIsKeptPerFile() throws {
        try kmaticker.run(["ingest", "--db", store, Fixtures.url("markup_div_spans_euckr.html").path])
        let row = try SQLiteShell.run(store, "SELECT source, sha256, charset, format, time_source, item_count, new_count, already_stored_count, conflict_count FROM pages")
        // SHA-256 by the system's sha256sum, to check kmaticker's own against.
        let digest = String(try ProcessRunner.run("/usr/bin/sha256sum", [Fixtures.url("markup_div_spans_euckr.html").path]).stdoutText.prefix(64))
        #expect(row == "markup_div_spans_euckr.html|\(digest)|CP949|html|updated-header|97|97|0|0\n")
    }
}
