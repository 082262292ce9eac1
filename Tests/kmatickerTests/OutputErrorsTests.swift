import Foundation
import Glibc
import Testing
import KMATickerTestSupport

/// Output is a sink that can fail (issue 12, part 4): a full disk, a reader that closes the pipe
/// early, `--out` naming the store, an export interrupted by a signal. Each test runs the built
/// binary with its standard output wired as the situation needs.
@Suite struct OutputErrorsTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
    }

    /// The seed's observations, counted from its hand-checked expectation file (a comment line,
    /// a header, then one line per observation), not from kmaticker.
    static let seedObservations = Fixtures.observationCount("000_24a8cc3d9cd846fc.observations.csv")

    /// A store holding the seed ingested at `times.count` different `--at` times.
    func ingestSeed(at times: [String]) throws {
        for time in times {
            let result = try kmaticker.run(["ingest", "--db", store, "--at", time, Fixtures.url(Fixtures.seedName).path])
            try #require(result.status == 0, "\(result.stderr)")
        }
    }

    /// A store with many observations: the seed ingested once, then its rows copied to `copies`
    /// earlier times with sqlite3 (ingesting that many pages would make the test slow).
    func ingestManyObservations(copies: Int) throws {
        try ingestSeed(at: ["2025-08-18 10:40"])
        _ = try SQLiteShell.run(store, """
            WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < \(copies))
            INSERT INTO observations (page_id, position, observed_at, station_id, station_source, label,
                                      condition, condition_known, temperature_c)
            SELECT page_id, position, observed_at - k * 600, station_id, station_source, label, condition,
                   condition_known, temperature_c
            FROM observations, n WHERE station_id IS NOT NULL;
            """)
    }

    /// Starts kmaticker with its standard output on `stdoutDescriptor` and its standard error in
    /// a file (or on `stderrDescriptor`); the caller waits.
    func start(_ arguments: [String], stdoutDescriptor: Int32, stderrPath: String,
               stderrDescriptor: Int32? = nil) throws -> Process {
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let process = Process()
        process.executableURL = KMATickerBinary.url
        process.arguments = arguments
        process.environment = kmaticker.processEnvironment
        process.currentDirectoryURL = directory.url
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(fileDescriptor: stdoutDescriptor, closeOnDealloc: false)
        process.standardError = stderrDescriptor.map { FileHandle(fileDescriptor: $0, closeOnDealloc: false) }
            ?? FileHandle(forWritingAtPath: stderrPath)
        // A child inherits the spawning thread's signal mask, and the test runner's threads
        // block SIGINT and SIGTERM: unblocked here, kmaticker starts as it would from a shell.
        var signals = sigset_t(), previous = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
        return process
    }

    func sha256(_ path: String) throws -> String {
        try #require(sha256OfFile(path), "sha256sum could not read \(path)")
    }

    // MARK: A full disk

    @Test func exportToAFullDiskSaysSoInOneLineAndExits2() throws {
        try ingestSeed(at: ["2025-08-18 10:40"])
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let stderrPath = directory.path("stderr.txt")
        let process = try start(["export", "--db", store], stdoutDescriptor: full, stderrPath: stderrPath)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 2)
        // One line, no crash report ("Fatal error", a backtrace).
        #expect(try String(contentsOfFile: stderrPath, encoding: .utf8)
                == "kmaticker: error: cannot write standard output: No space left on device\n")
    }

    @Test(arguments: ["ndjson", "csv"])
    func extractToAFullDiskExits2(format: String) throws {
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let stderrPath = directory.path("stderr.txt")
        let process = try start(["extract", "--format", format, "--at", "2025-08-18 10:40", Fixtures.url(Fixtures.seedName).path],
                                stdoutDescriptor: full, stderrPath: stderrPath)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(try String(contentsOfFile: stderrPath, encoding: .utf8)
                == "kmaticker: error: cannot write standard output: No space left on device\n")
    }

    /// Extract's problem lines go through a checked sink too: `--errors-to` on a full disk is
    /// said in one line, with output's status (2), not the status of the page that failed (1).
    @Test func extractsProblemLinesToAFullDiskSaySoAndExit2() throws {
        let missing = directory.path("no-such-page.html")
        let arguments = ["extract", "--at", "2025-08-18 10:40", Fixtures.url(Fixtures.seedName).path, missing]
        let written = try kmaticker.run(arguments + ["--errors-to", directory.path("problems.ndjson")])
        #expect(written.status == 1)
        #expect(try String(contentsOfFile: directory.path("problems.ndjson"), encoding: .utf8).contains("\"problem\":\"failed\""))
        let full = try kmaticker.run(arguments + ["--errors-to", "/dev/full"])
        #expect(full.status == 2)
        #expect(full.stderr == "kmaticker: error: cannot write /dev/full: No space left on device\n")
        #expect(full.stdout.split(separator: "\n").count == Self.seedObservations)
    }

    /// Problem lines on standard error, which is a full disk: the run's status is output's (2),
    /// where it would be 1 (a page failed) with the lines written.
    @Test func extractWhoseStandardErrorIsAFullDiskExits2() throws {
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let nowhere = open("/dev/null", O_WRONLY)
        try #require(nowhere >= 0)
        defer { close(nowhere) }
        let process = try start(["extract", "--at", "2025-08-18 10:40", directory.path("no-such-page.html")],
                                stdoutDescriptor: nowhere, stderrPath: directory.path("stderr.txt"), stderrDescriptor: full)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 2)
    }

    @Test func ingestToAFullDiskStoresEveryPageSaysSoAndExits2() throws {
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let stderrPath = directory.path("stderr.txt")
        let process = try start(["ingest", "--db", store, "--at", "2025-08-18 10:40", Fixtures.url(Fixtures.seedName).path],
                                stdoutDescriptor: full, stderrPath: stderrPath)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        let stderr = try String(contentsOfFile: stderrPath, encoding: .utf8)
        #expect(stderr.hasPrefix("kmaticker: error: cannot write standard output: No space left on device\n"))
        // The page's own line could not be shown: it comes on stderr instead.
        #expect(stderr.contains("1 file: 1 stored, 0 failed; \(Self.seedObservations) new"), "\(stderr)")
        let exported = try kmaticker.run(["export", "--db", store])
        #expect(exported.stdout.split(separator: "\r\n").count == 1 + Self.seedObservations)
    }

    // MARK: A reader that closes early

    /// Runs `arguments` with standard output into a pipe whose reader takes `bytes` bytes and
    /// closes it (as `head -c` does); the process's end and what it wrote on stderr.
    func runIntoReaderThatStops(after bytes: Int, _ arguments: [String]) throws -> (Process, String) {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        let stderrPath = directory.path("stderr.txt")
        let process = try start(arguments, stdoutDescriptor: ends[1], stderrPath: stderrPath)
        close(ends[1])
        var buffer = [UInt8](repeating: 0, count: bytes)
        var got = 0
        while got < bytes {
            let n = buffer.withUnsafeMutableBytes { read(ends[0], $0.baseAddress! + got, bytes - got) }
            if n <= 0 { break }
            got += n
        }
        #expect(got == bytes, "the output was shorter than what the reader takes")
        close(ends[0])
        process.waitUntilExit()
        return (process, try String(contentsOfFile: stderrPath, encoding: .utf8))
    }

    @Test(arguments: [["export"], ["export", "--format", "ndjson"], ["query", "--format", "tsv"]])
    func readerClosingEarlyEndsQuietlyWithStatus0(command: [String]) throws {
        try ingestManyObservations(copies: 300)
        // The whole output is far more than a pipe holds (64 KiB), so the writer must meet the
        // closed pipe: the test cannot pass by the output fitting in the pipe.
        let whole = try kmaticker.run(command + ["--db", store])
        try #require(whole.stdout.utf8.count > 1 << 20)
        let (process, stderr) = try runIntoReaderThatStops(after: 100, command + ["--db", store])
        #expect(process.terminationReason == .exit, "killed by signal \(process.terminationStatus)")
        #expect(process.terminationStatus == 0)
        #expect(stderr == "")
    }

    @Test func extractIntoReaderClosingEarlyEndsQuietlyWithStatus0() throws {
        // Many pages: copies of the seed, each printing its own time.
        var paths: [String] = []
        for day in 1...28 {
            paths.append(try directory.write("page\(day).txt", try Fixtures.seedText(printedAt: String(format: "2025-07-%02d 10:40", day))))
        }
        let (process, stderr) = try runIntoReaderThatStops(after: 100, ["extract", "--jobs", "1"] + paths)
        #expect(process.terminationReason == .exit, "killed by signal \(process.terminationStatus)")
        #expect(process.terminationStatus == 0)
        #expect(stderr == "")
    }

    @Test func ingestWhoseStdoutIsClosedStoresEveryPageAndSummarizesOnStderr() throws {
        // Five different pages (the seed, printing five different times): 5 × the seed's items.
        var paths: [String] = []
        for hour in 5...9 {
            paths.append(try directory.write("page\(hour).txt", try Fixtures.seedText(printedAt: "2025-08-18 0\(hour):40")))
        }
        // The reader is gone before kmaticker writes its first line.
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        close(ends[0])
        let stderrPath = directory.path("stderr.txt")
        let process = try start(["ingest", "-v", "--db", store] + paths, stdoutDescriptor: ends[1], stderrPath: stderrPath)
        close(ends[1])
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "killed by signal \(process.terminationStatus)")
        #expect(process.terminationStatus == 0)
        let stderr = try String(contentsOfFile: stderrPath, encoding: .utf8)
        let expected = 5 * Self.seedObservations
        #expect(stderr.contains("5 files: 5 stored, 0 failed; \(expected) new, 0 already stored"), "\(stderr)")
        let exported = try kmaticker.run(["export", "--db", store])
        #expect(exported.status == 0)
        #expect(exported.stdout.split(separator: "\r\n").count == 1 + expected)
    }

    // MARK: --out never replaces the store or another SQLite file

    @Test(arguments: [["export"], ["chart", "--station", "대전"]])
    func outNamingTheStoreIsRefusedAndTheStoreIsUnchanged(command: [String]) throws {
        try ingestSeed(at: ["2025-08-18 10:40"])
        let before = try sha256(store)
        let result = try kmaticker.run(command + ["--db", store, "--out", store])
        #expect(result.status == 2)
        #expect(result.stderr == "kmaticker: error: cannot write \(store): it is the store (--db); a report never replaces it\n")
        #expect(try sha256(store) == before)
        // The same store by another name (a hard link) and its write-ahead log are refused too.
        let link = directory.path("link.sqlite")
        try #require(Glibc.link(store, link) == 0)
        let linked = try kmaticker.run(command + ["--db", store, "--out", link])
        #expect(linked.status == 2)
        #expect(linked.stderr == "kmaticker: error: cannot write \(link): it is the store (--db); a report never replaces it\n")
        let wal = try kmaticker.run(command + ["--db", store, "--out", store + "-wal"])
        #expect(wal.status == 2)
        #expect(wal.stderr == "kmaticker: error: cannot write \(store)-wal: it is the store's (--db) -wal file; a report never replaces it\n")
        #expect(try sha256(store) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.contains(".partial-") } == [])
    }

    @Test(arguments: [["export"], ["chart", "--station", "대전"]])
    func outNamingAnotherSQLiteFileIsRefusedAndTheFileIsUnchanged(command: [String]) throws {
        try ingestSeed(at: ["2025-08-18 10:40"])
        let other = directory.path("other.db")
        _ = try SQLiteShell.run(other, "CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        let before = try sha256(other)
        let result = try kmaticker.run(command + ["--db", store, "--out", other])
        #expect(result.status == 2)
        #expect(result.stderr == "kmaticker: error: cannot write \(other): it is an SQLite database; a report never replaces one\n")
        #expect(try sha256(other) == before)
    }

    // MARK: An interrupted export leaves no partial file

    @Test(arguments: [SIGTERM, SIGINT])
    func signalDuringExportOutRemovesThePartialFile(signal: Int32) throws {
        try ingestManyObservations(copies: 500)
        let out = directory.path("out.csv")
        let process = try start(["export", "--db", store, "--out", out], stdoutDescriptor: STDOUT_FILENO,
                                stderrPath: directory.path("stderr.txt"))
        func partialFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.hasPrefix("out.csv.partial-") }
        }
        // Wait for the partial file, then stop the process so that the signal lands while it
        // is being written (stopped, it cannot finish first).
        let deadline = Date().addingTimeInterval(30)
        while try partialFiles().isEmpty, process.isRunning, Date() < deadline { usleep(1000) }
        kill(process.processIdentifier, SIGSTOP)
        try #require(try partialFiles().count == 1, "the export ended before it could be interrupted")
        kill(process.processIdentifier, signal)
        kill(process.processIdentifier, SIGCONT)
        process.waitUntilExit()
        // Still killed by the signal, as a shell expects (status 128 + signal).
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signal)
        #expect(try partialFiles() == [])
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
