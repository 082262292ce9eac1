import Foundation
import Testing
import KMATickerTestSupport

/// Issue 12: the store under faults. One bad page never costs a batch; a store fault stops the
/// run and says what was committed; an older store takes stations added since; reading never
/// writes a byte. Each runs the built binary on a temporary store.
@Suite struct StoreUnderFaultsTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary
    init() throws { (directory, kmaticker) = try KMATickerBinary.inTemporaryHome() }

    var seed: String { Fixtures.url(Fixtures.seedName).path }

    /// The seed page as printed at another time, written to `name`: 97 items each.
    func seedPage(_ name: String, printedAt time: String) throws -> String {
        try directory.write(name, try Fixtures.seedText(printedAt: time))
    }

    func sha256(_ path: String) -> String? { sha256OfFile(path) }

    // MARK: A write session with per-page outcomes

    @Test func aPageTheStoreRefusesFailsAloneAndTheOthersAreCommitted() throws {
        #expect(try kmaticker.run(["ingest", "--db", store, "--at", "2025-08-18 09:00", seed]).status == 0)
        // A rule of the store's own (a trigger) refuses any row labelled 수원: a constraint
        // failure in the middle of a page, as a foreign key or CHECK would be.
        _ = try SQLiteShell.run(store, """
            CREATE TRIGGER refuse_suwon BEFORE INSERT ON observations WHEN NEW.label = '수원'
            BEGIN SELECT RAISE(ABORT, 'no 수원 here'); END;
            """)
        // KMA's credit after the items: a list this short is a ticker only with it.
        let a = try directory.write("a.txt", "최종편집: 2025-08-18 11:40\n  • 맑음대전30.3℃\n기상청 제공\n")
        let b = try directory.write("b.txt", "최종편집: 2025-08-18 11:40\n  • 맑음서울29.0℃\n  • 흐림수원28.1℃\n기상청 제공\n")
        let c = try directory.write("c.txt", "최종편집: 2025-08-18 11:40\n  • 흐림속초27.8℃\n기상청 제공\n")
        let result = try kmaticker.run(["ingest", "--db", store, a, b, c])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("\(b): error: the store refused the page: the store refused one of its values (no 수원 here); nothing of it was stored"))
        #expect(!result.stderr.contains("INSERT INTO"))
        #expect(result.stdout.hasSuffix("3 files: 2 stored, 1 failed; 2 new, 0 already stored, 0 conflicting, 0 unreadable, 0 warnings\n"))
        #expect(try SQLiteShell.run(store, "SELECT count(*) FROM observations WHERE observed_at = strftime('%s', '2025-08-18 02:40')") == "2\n")
        #expect(try SQLiteShell.run(store, "SELECT group_concat(source) FROM (SELECT source FROM pages WHERE observed_at = strftime('%s', '2025-08-18 02:40') ORDER BY source)") == "a.txt,c.txt\n")
    }

    /// A full disk (a 3 MiB tmpfs, mounted in a private mount namespace) stops the run: exit 2,
    /// what was committed is said and is in the store, the lost batch's files are named and
    /// are not.
    @Test func aFullDiskStopsTheRunAndSaysWhatWasCommitted() throws {
        let pages = directory.path("pages")
        try FileManager.default.createDirectory(atPath: pages, withIntermediateDirectories: true)
        let pageCount = 600
        for index in 0..<pageCount {
            let day = index / 24, hour = index % 24
            _ = try seedPage("pages/p\(String(format: "%04d", index)).txt",
                             printedAt: String(format: "2025-%02d-%02d %02d:40", 7 + day / 28, day % 28 + 1, hour))
        }
        let mount = directory.path("full")
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        let script = """
            mount -t tmpfs -o size=3m tmpfs "$1" || exit 99
            "$2" ingest --db "$1/store.sqlite" "$3" > "$4/out" 2> "$4/err"; echo $? > "$4/status"
            "$2" export --db "$1/store.sqlite" --format csv > "$4/export.csv"
            """
        let run = try ProcessRunner.run("/usr/bin/unshare", ["-m", "sh", "-c", script, "sh", mount, KMATickerBinary.url.path, pages, directory.path("")],
                                        environment: kmaticker.processEnvironment)
        #expect(run.status == 0, "unshare/mount: \(run.stderrText)")
        let status = try String(contentsOfFile: directory.path("status"), encoding: .utf8)
        let stderr = try String(contentsOfFile: directory.path("err"), encoding: .utf8)
        #expect(status == "2\n", "\(stderr)")
        let lines = stderr.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("kmaticker: error: cannot go on writing the store \(mount)/store.sqlite: the disk is full") == true)
        // "committed before the fault: N pages in 600 files: N stored, …"
        let committedLine = try #require(lines.first { $0.hasPrefix("kmaticker: committed before the fault: ") })
        let committed = try #require(Int(committedLine.split(separator: " ")[5]))
        let lostHeader = try #require(lines.first { $0.hasPrefix("kmaticker: lost with the open batch, not stored: ") })
        let lostFiles = lines.filter { $0.hasPrefix("kmaticker:   ") && !$0.hasPrefix("kmaticker:    ") }
            .map { String($0.dropFirst("kmaticker:   ".count)) }
        #expect(lostHeader.contains("\(lostFiles.count) pages from \(lostFiles.count) files"))
        // "not read after the fault: K files:", ten of them named, then "… and K-10 more".
        let notReadHeader = try #require(lines.first { $0.hasPrefix("kmaticker: not read after the fault: ") })
        let notRead = try #require(Int(notReadHeader.split(separator: " ")[6]))
        let named = lines.filter { $0.hasPrefix("kmaticker:     ") }.map { String($0.dropFirst("kmaticker:     ".count)) }
        #expect(named.count == min(notRead, 11))
        // Every one of the 600 files is accounted for: committed, lost with the batch, or not read;
        // the files not read are the ones after the last lost one.
        #expect(committed > 0 && !lostFiles.isEmpty && committed + lostFiles.count + notRead == pageCount, "\(committedLine)")
        if let lastLost = lostFiles.last, let first = named.first {
            #expect(first == pages + "/" + String(format: "p%04d.txt", Int(lastLost.suffix(8).prefix(4))! + 1))
        }
        // What the summary says was committed is in the store, every item of it, and nothing else.
        let csv = try String(contentsOfFile: directory.path("export.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\r\n").dropFirst()
        #expect(rows.count == committed * 97)
        let storedSources = Set(rows.map { $0.split(separator: ",", omittingEmptySubsequences: false)[6] })
        #expect(storedSources.count == committed)
        for file in lostFiles { #expect(!storedSources.contains(Substring((file as NSString).lastPathComponent))) }
    }

    // MARK: One registry truth

    /// The issue's first defect: a store whose stations table lacks a station (made before the
    /// registry had it) took any page naming it as a foreign-key error that ended the run.
    @Test func anOlderStoreTakesAStationItsTableLacks() throws {
        try FileManager.default.copyItem(at: Fixtures.url("store_v1_seed.sqlite"), to: URL(fileURLWithPath: store))
        _ = try SQLiteShell.run(store, "DELETE FROM observations WHERE station_id = 133; DELETE FROM stations WHERE id = 133;")
        let result = try kmaticker.run(["ingest", "--db", store, "--at", "2025-08-18 11:40", seed])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("\(seed): 97 new"))
        #expect(try SQLiteShell.run(store, "SELECT name_ko FROM stations WHERE id = 133") == "대전\n")
        let query = try kmaticker.run(["query", "--db", store, "--station", "대전", "--format", "csv"])
        #expect(query.stdout.contains("2025-08-18T11:40:00+09:00,133,대전,맑음,30.3,ticker,"))
    }

    // MARK: Read-only means read-only

    static let readingCommands: [[String]] = [
        ["query"], ["query", "--station", "대전"], ["query", "--latest"], ["query", "--every", "day"],
        ["export"], ["export", "--wide"], ["stations"], ["chart", "--station", "대전", "--out", "chart.svg"],
    ]

    @Test(arguments: ["current", "version 1"])
    func readingCommandsNeverChangeAStoresBytes(kind: String) throws {
        if kind == "current" {
            #expect(try kmaticker.run(["ingest", "--db", store, "--at", "2025-08-18 10:40", seed]).status == 0)
        } else {
            try FileManager.default.copyItem(at: Fixtures.url("store_v1_seed.sqlite"), to: URL(fileURLWithPath: store))
        }
        let before = try #require(sha256(store))
        for command in Self.readingCommands {
            let result = try kmaticker.run(command + ["--db", store])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(sha256(store) == before, "\(command) changed the store")
        }
        let dryRun = try kmaticker.run(["ingest", "--dry-run", "--db", store, "--at", "2025-08-19 10:40", seed])
        #expect(dryRun.stdout.hasSuffix("dry run, nothing written: 1 file: 1 would be stored, 0 failed; 97 new, 0 already stored, 0 conflicting, 0 unreadable, 0 warnings\n"))
        #expect(sha256(store) == before, "ingest --dry-run changed the store")
        #expect(try SQLiteShell.run(store, "PRAGMA user_version") == (kind == "current" ? "6\n" : "1\n"))
    }

    @Test func queryOnAnEmptyFileLeavesItEmpty() throws {
        FileManager.default.createFile(atPath: store, contents: Data())
        for command in Self.readingCommands {
            let result = try kmaticker.run(command + ["--db", store])
            #expect(result.status == 2)
            #expect(result.stderr == "kmaticker: error: \(store) is an empty file, not a kmaticker store yet; ingest a page into it first (kmaticker ingest --db \(store) PAGE); it was left untouched\n")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: store)[.size] as? Int == 0)
    }

    /// A store the user may not write (mode 444; as root, run as `nobody`, whom the mode binds).
    @Test func aStoreWithMode444CanBeQueried() throws {
        #expect(try kmaticker.run(["ingest", "--db", store, "--at", "2025-08-18 10:40", seed]).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: store)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory.path(""))
        let before = sha256(store)
        let asUser = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        func run(_ arguments: [String]) throws -> ProcessOutput {
            let command = asUser + [KMATickerBinary.url.path] + arguments
            return try ProcessRunner.run(command[0], Array(command.dropFirst()), environment: kmaticker.processEnvironment,
                                         directory: URL(fileURLWithPath: "/"))
        }
        let query = try run(["query", "--db", store, "--station", "대전", "--format", "csv"])
        #expect(query.status == 0, "\(query.stderrText)")
        #expect(query.stdoutText.contains(",133,대전,맑음,30.3,ticker,"))
        let ingest = try run(["ingest", "--db", store, "--at", "2025-08-18 11:40", seed])
        #expect(ingest.status == 2)
        #expect(ingest.stderrText == "kmaticker: error: cannot open the store \(store): the file is read-only (permission denied); query and export can still read it\n")
        #expect(sha256(store) == before)
    }

    /// A store on read-only media (a read-only bind mount in a private mount namespace), where
    /// SQLite cannot make the `-shm` file a WAL store's readers need.
    @Test func aStoreOnReadOnlyMediaCanBeQueried() throws {
        let media = directory.path("media")
        try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: true)
        #expect(try kmaticker.run(["ingest", "--db", media + "/store.sqlite", "--at", "2025-08-18 10:40", seed]).status == 0)
        let script = """
            mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" || exit 99
            "$2" query --db "$1/store.sqlite" --station 대전 --format csv
            """
        let run = try ProcessRunner.run("/usr/bin/unshare", ["-m", "sh", "-c", script, "sh", media, KMATickerBinary.url.path],
                                        environment: kmaticker.processEnvironment)
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(run.stdoutText.contains(",133,대전,맑음,30.3,ticker,"))
    }

    // MARK: Values

    /// `--latest`, `--every` and `--wide` are per station: unresolved rows cannot be in them,
    /// and they now say how many they left out (they said nothing).
    @Test func perStationReportsCountTheUnresolvedRowsTheyLeaveOut() throws {
        // Two nameless items between 서울 (108) and 대전 (133): neither can be inferred. (부산
        // after them: a ticker names more than half its items.)
        let page = try directory.write("u.txt", "최종편집: 2025-08-18 10:40\n  • 맑음서울29.0℃\n  • 흐림26.8℃\n  • 비27.0℃\n  • 맑음대전30.3℃\n  • 흐림부산31.0℃\n기상청 제공\n")
        #expect(try kmaticker.run(["ingest", "--db", store, page]).stdout.contains("2 unresolved"))
        let note = "note: 2 observations with no resolved station are not in this report, which is per station; kmaticker export lists them (station_source unresolved)\n"
        for command in [["query", "--latest"], ["query", "--every", "hour"], ["export", "--wide"]] {
            let result = try kmaticker.run(command + ["--db", store, "--format", "csv"])
            #expect(result.status == 0)
            #expect(result.stderr == note, "\(command)")
            // A header and a row per station (서울, 대전, 부산), or a header and the one time.
            #expect(result.stdout.split(separator: "\r\n").count == (command == ["export", "--wide"] ? 2 : 4), "\(command)")
        }
        // A report that names its stations cannot have left unresolved rows out; one that
        // shows every row leaves none out.
        #expect(try kmaticker.run(["query", "--latest", "--station", "대전", "--db", store]).stderr == "")
        let all = try kmaticker.run(["export", "--db", store])
        #expect(all.stderr == "")
        #expect(all.stdout.components(separatedBy: ",unresolved,").count - 1 == 2)
        // Outside the time window, nothing was left out.
        #expect(try kmaticker.run(["query", "--latest", "--since", "2025-08-19", "--db", store]).stderr == "no observations match\n")
    }
}
