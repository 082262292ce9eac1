import Foundation
import Testing
import KMATickerTestSupport

/// Bad input, store faults, crashes and concurrent use never cost data (issue: Reliability).
@Suite struct ReliabilityTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
    }


    /// Ingests `page` after the seed and checks: exit 1, `reason` on stderr, the store unchanged.
    func expectRefused(_ path: String, reason: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try kmaticker.run(["ingest", "--db", store, Fixtures.url(Fixtures.seedName).path])
        let before = try #require(storeBytes())
        let result = try kmaticker.run(["ingest", "--db", store, path])
        #expect(result.status == 1, sourceLocation: sourceLocation)
        #expect(result.stderr == "\(path): error: \(reason)\n", sourceLocation: sourceLocation)
        #expect(storeBytes() == before, "the store changed", sourceLocation: sourceLocation)
    }

    // MARK: Bad input

    @Test func hugePageIsRefusedWithoutReadingIt() throws {
        // 200 MB, sparse: it takes no disk, and kmaticker must not read it.
        let path = directory.path("huge.html")
        FileManager.default.createFile(atPath: path, contents: Data("<html>".utf8))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 200 << 20)
        try handle.close()
        try expectRefused(path, reason: "the page is larger than 16 MiB")
    }

    @Test func tenMegabyteLineIsReadInBoundedTime() throws {
        var page = Array("최종편집: 2025-08-18 10:40\n".utf8)
        page += Array(String(repeating: "뉴스 본문 ", count: 10_000_000 / 14).utf8) + [0x0A]
        try expectRefused(try directory.write("long-line.txt", bytes: page), reason: "no KMA weather ticker found in the page")
    }

    @Test func tickerCutOffMidItemKeepsTheWholeItemsAndSaysSo() throws {
        // The seed's first twelve items, the file cut off inside the twelfth (a ticker this long
        // needs no credit to be told from a list in an article).
        let items = ["흐림속초27.8℃", "흐림26.8℃", "구름많음철원28.2℃", "구름많음동두천28.0℃", "구름많음파주29.4℃",
                     "흐림대관령22.2℃", "흐림춘천26.7℃", "박무백령도27.6℃", "비북강릉29.0℃", "흐림강릉29.4℃", "흐림동해29.5℃"]
        let path = try directory.write("cut.txt", "최종편집: 2025-08-18 10:40\n" + items.map { "  • \($0)\n" }.joined() + "  • 구름많음서울29.")
        let result = try kmaticker.run(["ingest", "--db", store, path])
        // Part of the ticker could not be read: its own exit status, the good items kept.
        #expect(result.status == 3)
        // The nameless item between 속초 (90) and 철원 (95) is 북춘천 (93).
        #expect(result.stdout == "\(path): 11 new, 1 unreadable (2025-08-18 10:40 KST from last-edit-header, 1 inferred)\n")
        #expect(result.stderr == """
            \(path):13: warning: '구름많음서울29.' in the ticker has a number with no unit ('29.'): cut off or malformed; not stored

            """)
    }

    @Test func fahrenheitItemIsReportedTheRestStoredAndTheExitStatusIs3() throws {
        let page = Fixtures.url("forms/reject_fahrenheit.html").path
        let result = try kmaticker.run(["ingest", "--db", store, page])
        #expect(result.status == 3)
        #expect(result.stdout.hasPrefix("\(page): 96 new, 1 unreadable ("))
        let reports = result.stderr.split(separator: "\n").filter { $0.contains("not stored") }
        #expect(reports.count == 1)
        #expect(reports.first?.contains("84.7℉") == true)
        #expect(reports.first?.hasPrefix("\(page):") == true)
        let exported = try kmaticker.run(["export", "--db", store, "--format", "csv"])
        #expect(exported.stdout.split(separator: "\r\n").count == 97)  // header + 96

        // In a batch, a failed file outranks an unreadable item: exit 1, and the summary counts both.
        let broken = try directory.write("broken.html", "<html><body><p>no ticker</p></body></html>")
        let batch = try kmaticker.run(["ingest", "--db", directory.path("batch.sqlite"), page, broken])
        #expect(batch.status == 1)
        #expect(batch.stdout.hasSuffix("2 files: 1 stored, 1 failed; 96 new, 0 already stored, 0 conflicting, 1 unreadable, 0 warnings\n"))
    }

    @Test func pageWhereEveryItemIsMalformedIsRefused() throws {
        // (KMA's credit after the items: a list this short is a ticker only with it.)
        let path = try directory.write("malformed.txt", "최종편집: 2025-08-18 10:40\n  • 흐림속초27.8\n  • 흐림북춘천26.8\n  • 구름많음철원28.2\n기상청 제공\n")
        try expectRefused(path, reason: "the ticker's items are malformed (line 2: '흐림속초27.8'); nothing was stored")
    }

    @Test func invalidUTF8InsideADeclaredUTF8Page() throws {
        var page = Array("<html><head><meta charset=\"utf-8\"></head><body><p>최종편집: 2025-08-18 10:40</p><ul><li>맑음대전30.3℃</li></ul><p>기상청 제공</p><p>".utf8)
        page += [0xC3, 0x28, 0xED, 0xA0, 0x80, 0xFF] + Array("</p></body></html>".utf8)
        let path = try directory.write("broken-utf8.html", bytes: page)
        let result = try kmaticker.run(["ingest", "--db", store, path])
        #expect(result.status == 0)
        #expect(result.stdout == "\(path): 1 new (2025-08-18 10:40 KST from last-edit-header)\n")
    }

    // MARK: Store faults

    @Test func storeWhereNothingCanBeWrittenIsReported() throws {
        // /proc refuses new files even to root, as a read-only folder does.
        let result = try kmaticker.run(["ingest", "--db", "/proc/kmaticker-test.sqlite", Fixtures.url(Fixtures.seedName).path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("kmaticker: error: cannot open the store /proc/kmaticker-test.sqlite: "))
    }

    @Test func storeInsideAFileIsReported() throws {
        let file = try directory.write("plain.txt", "x")
        let result = try kmaticker.run(["ingest", "--db", file + "/store.sqlite", Fixtures.url(Fixtures.seedName).path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot open the store \(file)/store.sqlite: \(file) is a file, not a folder"), "\(result.stderr)")
    }

    /// Reading never migrates: an older store is read as it is, and only ingest brings it up
    /// to the newest schema.
    @Test func olderStoreIsReadAsItIsAndMigratedByIngest() throws {
        try FileManager.default.copyItem(at: Fixtures.url("store_v1_seed.sqlite"), to: URL(fileURLWithPath: store))
        let result = try kmaticker.run(["query", "--db", store, "--station", "대전", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(",133,대전,맑음,30.3,ticker,000_24a8cc3d9cd846fc.txt,"))
        #expect(try SQLiteShell.run(store, "PRAGMA user_version") == "1\n")
        let ingest = try kmaticker.run(["ingest", "--db", store, "--at", "2025-08-18 11:40", Fixtures.url(Fixtures.seedName).path])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(try SQLiteShell.run(store, "PRAGMA user_version") == "6\n")
    }

    // MARK: Injection

    @Test func hostileTextIsStoredAsText() throws {
        let feed = try directory.write("hostile.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <current><weather year="2025" month="08" day="18" hour="10">
            <local stn_id="999" desc="'); DROP TABLE pages; --" ta="1.0">'); DROP TABLE observations; --</local>
            </weather></current>
            """)
        let hostileName = try directory.write("x'); DROP TABLE stations; --.txt", "최종편집: 2025-08-18 10:40\n  • 맑음대전30.3℃\n기상청 제공\n")
        #expect(try kmaticker.run(["ingest", "--db", store, feed, hostileName]).status == 0)
        let csv = try kmaticker.run(["export", "--db", store]).stdout
        #expect(csv.contains(",'); DROP TABLE observations; --,'); DROP TABLE pages; --,1.0,unresolved,hostile.xml,"))
        #expect(csv.contains(",133,대전,맑음,30.3,ticker,x'); DROP TABLE stations; --.txt,"))
        #expect(try SQLiteShell.run(store, "SELECT count(*) FROM stations; SELECT count(*) FROM pages") == "97\n2\n")
    }

    // MARK: Crashes

    /// Makes `count` small text captures, each its own time, in `folder`.
    func captures(_ count: Int, in folder: String, startingAt first: Int = 0) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let seed = String(decoding: try Fixtures.bytes(Fixtures.seedName), as: UTF8.self)
        return try (first..<(first + count)).map { index in
            let minutes = index % 60, hours = (index / 60) % 24, day = 1 + index / 1440
            let page = seed.replacingOccurrences(of: "2025-08-18 10:40",
                with: String(format: "2024-01-%02d %02d:%02d", day, hours, minutes))
            let path = folder + String(format: "/page-%05d.txt", index)
            try Data(page.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    @Test func killedIngestsLeaveWholePagesAndAResumableStore() throws {
        let folder = directory.path("pages")
        let pages = try captures(400, in: folder)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let process = Process()
            process.executableURL = KMATickerBinary.url
            process.arguments = ["ingest", "--db", store, folder]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 5_000...250_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            guard FileManager.default.fileExists(atPath: store) else { continue }
            #expect(try SQLiteShell.run(store, "PRAGMA integrity_check") == "ok\n")
            // The store is made in one transaction: killed before it commits, the file has no
            // tables at all (the next run makes them); otherwise it has every one.
            let tables = try SQLiteShell.run(store, "SELECT count(*) FROM sqlite_schema WHERE name IN ('stations', 'pages', 'observations')")
            #expect(tables == "0\n" || tables == "3\n")
            guard tables == "3\n" else { continue }
            // Whole pages only: every stored page has exactly the observations it added.
            #expect(try SQLiteShell.run(store, """
                SELECT count(*) FROM pages AS p
                WHERE p.new_count <> (SELECT count(*) FROM observations AS o WHERE o.page_id = p.id)
                """) == "0\n")
        }
        let rerun = try kmaticker.run(["ingest", "--db", store, folder])
        #expect(rerun.status == 0)
        #expect(try SQLiteShell.run(store, "SELECT count(*) FROM pages; SELECT count(*) FROM observations") == "\(pages.count)\n\(pages.count * 97)\n")
        #expect(try SQLiteShell.run(store, "SELECT count(*) FROM (SELECT station_id, observed_at FROM observations GROUP BY 1, 2 HAVING count(*) > 1)") == "0\n")
    }

    // MARK: Concurrency

    @Test func fourIngestsAndFourQueriesAtOnceLoseNothing() throws {
        try kmaticker.run(["ingest", "--db", store, Fixtures.url(Fixtures.seedName).path])
        var processes: [(Process, Pipe)] = []
        for writer in 0..<4 {
            let folder = directory.path("set\(writer)")
            _ = try captures(60, in: folder, startingAt: writer * 60)
            processes.append(try start(["ingest", "--db", store, folder]))
        }
        for reader in 0..<4 {
            let query = reader % 2 == 0 ? ["query", "--db", store, "--latest"] : ["export", "--db", store, "--station", "대전"]
            for _ in 0..<5 { processes.append(try start(query)) }
        }
        for (process, errors) in processes {
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(process.arguments ?? []): \(stderr)")
            #expect(!stderr.contains("locked"))
        }
        #expect(try SQLiteShell.run(store, "SELECT count(*) FROM pages; SELECT count(*) FROM observations") == "\(1 + 240)\n\((1 + 240) * 97)\n")
    }

    private func start(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = KMATickerBinary.url
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        return (process, errors)
    }
}
