import Foundation
import Glibc
import Testing
import KMATickerTestSupport

/// `--out`, `--xlsx` and `--db` name files the way `sort -o`, `curl -o` and `sqlite3 .output`
/// users expect (issue 24, point 1): `-` is standard output, a short name is a name, a link is
/// followed, a file keeps its mode, and a FIFO or a pipe is written in place, never replaced.
/// Each test runs the built binary on a store holding the seed.
@Suite struct OutputPathsTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    /// The seed's CSV export as its golden file gives it (header and 97 rows, CRLF).
    static let expectedCSV: String = (try? String(contentsOf: Fixtures.url("000_24a8cc3d9cd846fc.export.csv"), encoding: .utf8)) ?? ""

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
        let ingest = try kmaticker.run(["ingest", "--db", store, Fixtures.url(Fixtures.seedName).path])
        try #require(ingest.status == 0, "\(ingest.stderr)")
    }

    @Test func theGoldenExportHasTheSeedsRows() {
        #expect(Self.expectedCSV.split(separator: "\r\n").count == 98)
    }

    @Test(arguments: ["x", "기", "a b", "a.csv"])
    func shortAndOddNamesAreFiles(name: String) throws {
        let result = try kmaticker.run(["export", "--db", store, "--out", name], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.contents(atPath: directory.path(name)).map { String(decoding: $0, as: UTF8.self) } == Self.expectedCSV)
    }

    @Test func aOneLetterStoreAndWorkbookAndChart() throws {
        let ingest = try kmaticker.run(["ingest", "--db", "s", Fixtures.url(Fixtures.seedName).path], in: directory.url)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.path("s")))
        let workbook = try kmaticker.run(["export", "--db", "s", "--xlsx", "w"], in: directory.url)
        #expect(workbook.status == 0, "\(workbook.stderr)")
        #expect(FileManager.default.contents(atPath: directory.path("w"))?.prefix(2) == Data("PK".utf8))
        let chart = try kmaticker.run(["chart", "--db", "s", "--station", "대전", "--out", "기"], in: directory.url)
        #expect(chart.status == 0, "\(chart.stderr)")
        #expect(FileManager.default.contents(atPath: directory.path("기")).map { String(decoding: $0, as: UTF8.self).contains("<svg") } == true)
    }

    @Test func dashIsStandardOutput() throws {
        let result = try kmaticker.run(["export", "--db", store, "--out", "-"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.expectedCSV)
        #expect(!FileManager.default.fileExists(atPath: directory.path("-")))
        let chart = try kmaticker.run(["chart", "--db", store, "--station", "대전", "--out", "-"], in: directory.url)
        #expect(chart.status == 0 && chart.stdout.contains("<svg"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("-")))
    }

    @Test func aWorkbookToStandardOutputIsWholeAndLeavesNothing() throws {
        let result = try ProcessRunner.run(KMATickerBinary.url.path, ["export", "--db", store, "--xlsx", "-"],
                                           environment: kmaticker.processEnvironment, directory: directory.url)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdout.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
        // A zip ends with its end-of-central-directory record.
        #expect(result.stdout.suffix(22).prefix(4) == Data([0x50, 0x4B, 0x05, 0x06]))
        #expect(!FileManager.default.fileExists(atPath: directory.path("-")))
    }

    @Test func aLinkIsFollowedAndStays() throws {
        let target = directory.path("real.csv"), link = directory.path("link.csv")
        try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.csv")
        let result = try kmaticker.run(["export", "--db", store, "--out", link])
        #expect(result.status == 0, "\(result.stderr)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == "real.csv")
        #expect(FileManager.default.contents(atPath: target).map { String(decoding: $0, as: UTF8.self) } == Self.expectedCSV)
        // A link to a file not made yet makes it.
        try FileManager.default.createSymbolicLink(atPath: directory.path("new-link.csv"), withDestinationPath: "made.csv")
        #expect(try kmaticker.run(["export", "--db", store, "--out", directory.path("new-link.csv")]).status == 0)
        #expect(FileManager.default.contents(atPath: directory.path("made.csv")).map { String(decoding: $0, as: UTF8.self) } == Self.expectedCSV)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: directory.path("new-link.csv"))) == "made.csv")
    }

    @Test func anExistingFileKeepsItsMode() throws {
        let path = directory.path("private.csv")
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o600)
        #expect(try kmaticker.run(["export", "--db", store, "--out", path]).status == 0)
        var status = stat()
        #expect(stat(path, &status) == 0)
        #expect(status.st_mode & 0o7777 == 0o600)
        #expect(FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } == Self.expectedCSV)
        let workbook = directory.path("private.xlsx")
        try "old".write(toFile: workbook, atomically: false, encoding: .utf8)
        chmod(workbook, 0o640)
        #expect(try kmaticker.run(["export", "--db", store, "--xlsx", workbook]).status == 0)
        #expect(stat(workbook, &status) == 0 && status.st_mode & 0o7777 == 0o640)
    }

    /// A FIFO's reader gets every byte, and the FIFO is still one after.
    @Test(arguments: [false, true])
    func aFIFOIsWrittenInPlace(workbook: Bool) throws {
        let fifo = directory.path("pipe")
        try #require(mkfifo(fifo, 0o600) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo]
        let output = Pipe()
        reader.standardOutput = output
        try reader.run()
        let result = try kmaticker.run(["export", "--db", store] + (workbook ? ["--xlsx", fifo] : ["--out", fifo]))
        let received = output.fileHandleForReading.readDataToEndOfFile()
        reader.waitUntilExit()
        #expect(result.status == 0, "\(result.stderr)")
        if workbook {
            #expect(received.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]) && received.count > 1000)
        } else {
            #expect(String(decoding: received, as: UTF8.self) == Self.expectedCSV)
        }
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).allSatisfy { !$0.contains(".partial-") })
    }

    /// `/dev/stdout` of a process whose output is a pipe (as `>(gzip > x.gz)` names
    /// `/dev/fd/63`): written in place.
    @Test func aPipesDescriptorIsWrittenInPlace() throws {
        let result = try kmaticker.run(["export", "--db", store, "--out", "/dev/stdout"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.expectedCSV)
    }

    /// `/dev/stdout` of a file opened to append (`>> log.csv`) is the open descriptor: the
    /// export goes after what the file held, as with `-`; so does `/dev/fd/N`.
    @Test func anOpenDescriptorsNameIsThatDescriptor() throws {
        let log = directory.path("log.csv")
        try "PREV\n".write(toFile: log, atomically: false, encoding: .utf8)
        let run = try ProcessRunner.run("/bin/sh", ["-c", "\"$0\" export --db \"$1\" --out /dev/stdout >> \"$2\" && \"$0\" export --db \"$1\" --out /dev/fd/9 9>> \"$2\"",
                                                    KMATickerBinary.url.path, store, log], environment: kmaticker.processEnvironment)
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(FileManager.default.contents(atPath: log).map { String(decoding: $0, as: UTF8.self) } == "PREV\n" + Self.expectedCSV + Self.expectedCSV)
    }

    @Test func aLinkLoopIsRefusedAndStays() throws {
        try FileManager.default.createSymbolicLink(atPath: directory.path("a"), withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: directory.path("b"), withDestinationPath: "a")
        let result = try kmaticker.run(["export", "--db", store, "--out", directory.path("a")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("too many levels of symbolic links"), "\(result.stderr)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: directory.path("a"))) == "b")
    }

    /// A file its owner made read-only is refused, as `>` refuses it, though its folder would
    /// let a rename replace it. Run as `nobody` (root may write anything).
    @Test func aReadOnlyFileIsRefusedNotReplaced() throws {
        let folder = directory.path("shared")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o777])
        chmod(folder, 0o777)
        chmod(directory.url.path, 0o755)
        chmod(store, 0o644)
        let target = folder + "/report.csv"
        try "OLD\n".write(toFile: target, atomically: false, encoding: .utf8)
        chmod(target, 0o444)
        let nobody: UInt32 = 65534
        let asUser = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups"] : []
        if getuid() == 0 { chown(target, nobody, nobody) }
        let run = try ProcessRunner.run(asUser.first ?? KMATickerBinary.url.path,
                                        Array(asUser.dropFirst()) + (asUser.isEmpty ? [] : [KMATickerBinary.url.path])
                                            + ["export", "--db", store, "--out", target],
                                        environment: kmaticker.processEnvironment.merging(["HOME": folder]) { $1 })
        #expect(run.status == 2, "\(run.stderrText)")
        #expect(run.stderrText.contains("cannot write \(target): permission denied"), "\(run.stderrText)")
        #expect(FileManager.default.contents(atPath: target).map { String(decoding: $0, as: UTF8.self) } == "OLD\n")
    }

    @Test func theStoreIsStillRefused() throws {
        let before = storeBytes()
        let result = try kmaticker.run(["export", "--db", store, "--out", store])
        #expect(result.status != 0)
        #expect(result.stderr.contains("it is the store"))
        #expect(storeBytes() == before)
        let link = directory.path("store-link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: store)
        #expect(try kmaticker.run(["export", "--db", store, "--out", link]).status != 0)
        #expect(storeBytes() == before)
    }
}
