import Foundation
import Glibc
import Testing
import KMATickerTestSupport

/// Messages that said the wrong thing (issue 24, point 6): each now says what is wrong and what
/// to do, with the documented status (docs/TROUBLESHOOTING.md lists each). The built binary on
/// a temporary store; read-only media are read-only bind mounts in a private mount namespace.
@Suite struct ActionableMessagesTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary
    let seed = Fixtures.url(Fixtures.seedName).path

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
    }

    @Test func aFolderAsTheStoreIsNamedAsOne() throws {
        let folder = directory.path("folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for command in [["ingest", "--db", folder, seed], ["query", "--db", folder]] {
            let result = try kmaticker.run(command)
            #expect(result.status == 2)
            #expect(result.stderr == "kmaticker: error: cannot open the store \(folder): it is a folder; name a file for the store, e.g. --db \(folder)/observations.sqlite\n", "\(result.stderr)")
        }
    }

    /// Bytes written over a store: its header's application id (offset 68), or the first
    /// page's b-tree (offset 100).
    @Test(arguments: [(68, "its header is not a kmaticker store's, but its tables are"), (100, "database disk image is malformed"),
                      (60, "its header gives schema version 1515870810, which no kmaticker writes")])
    func aDamagedStoreIsSaidToBeDamaged(offset: Int, detail: String) throws {
        try #require(try kmaticker.run(["ingest", "--db", store, seed]).status == 0)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
        let handle = try #require(FileHandle(forUpdatingAtPath: store))
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 8))
        try handle.close()
        let before = storeBytes()
        let result = try kmaticker.run(["query", "--db", store])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("kmaticker: error: \(store) is damaged (\(detail)); it was left untouched: restore it from a backup"), "\(result.stderr)")
        #expect(!result.stderr.contains("is not a kmaticker store;"))
        #expect(storeBytes() == before)
    }

    /// Runs `script` (with `$1` a read-only bind mount of `folder`, `$2` kmaticker, `$3` the
    /// seed) in a private mount namespace.
    func onReadOnlyMedia(_ folder: String, _ script: String) throws -> ProcessOutput {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let mount = "mount --bind \"$1\" \"$1\" && mount -o remount,ro,bind \"$1\" || exit 99\n"
        let run = try ProcessRunner.run("/usr/bin/unshare", ["-m", "sh", "-c", mount + script, "sh", folder, KMATickerBinary.url.path, seed],
                                        environment: kmaticker.processEnvironment)
        try #require(run.status != 99, "unshare/mount: \(run.stderrText)")
        return run
    }

    @Test func aHomeThatCannotBeWrittenIsSaidBeforeAnyPageIsRead() throws {
        let home = directory.path("home")
        let run = try onReadOnlyMedia(home, "HOME=\"$1\" XDG_DATA_HOME= \"$2\" ingest \"$3\"")
        #expect(run.status == 2)
        #expect(run.stderrText == "kmaticker: error: cannot open the store \(home)/.local/share/kmaticker/observations.sqlite: cannot create the folder \(home)/.local (read-only file system); name a store elsewhere with --db\n", "\(run.stderrText)")
        #expect(!run.stderrText.contains("committed before the fault"))
    }

    @Test func aReadOnlyFolderIsSaidToBeOne() throws {
        let media = directory.path("media")
        let new = try onReadOnlyMedia(media, "\"$2\" ingest --db \"$1/new.sqlite\" \"$3\"")
        #expect(new.status == 2)
        #expect(new.stderrText == "kmaticker: error: cannot open the store \(media)/new.sqlite: the folder \(media) cannot be written (read-only file system); name a store elsewhere with --db\n", "\(new.stderrText)")
        #expect(try kmaticker.run(["ingest", "--db", media + "/s.sqlite", seed]).status == 0)
        let page = try directory.write("later.txt", try Fixtures.seedText(printedAt: "2025-08-18 11:40"))
        let existing = try onReadOnlyMedia(media, "\"$2\" ingest --db \"$1/s.sqlite\" \"\(page)\"")
        #expect(existing.status == 2)
        #expect(existing.stderrText == "kmaticker: error: cannot open the store \(media)/s.sqlite: the file is read-only (read-only file system); query and export can still read it\n", "\(existing.stderrText)")
    }

    @Test func signedAgesAndNegativeLimitsSayWhy() throws {
        try #require(try kmaticker.run(["ingest", "--db", store, seed]).status == 0)
        let age = try kmaticker.run(["query", "--db", store, "--since", "-3d"])
        #expect(age.status == 64)
        #expect(age.stderr.contains("--since '-3d': an age counts back from now without a sign: write 3d"), "\(age.stderr)")
        let limit = try kmaticker.run(["query", "--db", store, "--limit", "-1"])
        #expect(limit.status == 64)
        #expect(limit.stderr.contains("--limit takes a number of rows, 0 or more; got -1"), "\(limit.stderr)")
        #expect(!age.stderr.contains("Missing value") && !limit.stderr.contains("Missing value"))
    }

    @Test func helpForAnUnknownCommandIsAUsageError() throws {
        let result = try kmaticker.run(["help", "nosuchcommand"])
        #expect(result.status == 64)
        #expect(result.stderr == "Error: no command 'nosuchcommand'; the commands are ingest, extract, query, export, stations, chart, and help\n")
        #expect(try kmaticker.run(["help", "query"]).status == 0)
    }

    @Test func aHeaderWithADateAndNoHourSaysSo() throws {
        let page = try directory.write("date.txt", try Fixtures.seedText(printedAt: "2025-08-18 10:40")
            .replacingOccurrences(of: "최종편집: 2025-08-18 10:40", with: "최종편집: 2025-08-18"))
        let result = try kmaticker.run(["ingest", "--db", store, page])
        #expect(result.status == 1)
        #expect(result.stderr == "\(page): error: the page gives only a date (2025-08-18), no hour; give the time with --at \"2025-08-18 HH:MM\" (KST)\n", "\(result.stderr)")
    }

    @Test func aBlankFileInAFolderIsPassedOverAsAnEmptyOneIs() throws {
        let folder = directory.path("pages")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "".write(toFile: folder + "/empty.txt", atomically: false, encoding: .utf8)
        try "  \n\t\r\n".write(toFile: folder + "/blank.txt", atomically: false, encoding: .utf8)
        let result = try kmaticker.run(["ingest", "-v", "--db", store, folder])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "0 pages in 2 files: 0 stored, 0 failed, 2 skipped; 0 new, 0 already stored, 0 conflicting, 0 unreadable, 0 warnings\n")
        #expect(result.stderr.contains("pages/blank.txt: skipped: a blank file (only spaces and line ends)"))
        #expect(result.stderr.contains("pages/empty.txt: skipped: an empty file"))
    }

    @Test func anExportWithNoRowsSaysSo() throws {
        try #require(try kmaticker.run(["ingest", "--db", store, seed]).status == 0)
        let result = try kmaticker.run(["export", "--db", store, "--since", "2030-01-01"])
        #expect(result.status == 0)
        #expect(result.stdout == "observed_at,station_id,station,condition,temperature_c,station_source,source,label,position,time_source\r\n")
        #expect(result.stderr == "no observations match; only the header was written\n")
    }

    @Test func aFileNamedForAnotherFormatIsRefused() throws {
        try #require(try kmaticker.run(["ingest", "--db", store, seed]).status == 0)
        let csv = try kmaticker.run(["export", "--db", store, "--out", directory.path("report.xlsx")])
        #expect(csv.status == 64)
        #expect(csv.stderr.contains("would get CSV text in a file named as a spreadsheet; write a workbook with --xlsx"), "\(csv.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("report.xlsx")))
        let chart = try kmaticker.run(["chart", "--db", store, "--station", "대전", "--out", directory.path("x.pdf")])
        #expect(chart.status == 64)
        #expect(chart.stderr.contains("a chart is written as SVG, or as PNG for a name ending in .png"), "\(chart.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("x.pdf")))
    }
}
