import Foundation
import Glibc
import Testing
import KMATickerTestSupport

/// Names are bytes (issue 24, point 2): what `unzip` leaves of a zip made on Korean Windows is
/// CP949 names, no UTF-8. Every file a folder holds is read whatever its name, and messages and
/// the stored `source` print the bytes that are no UTF-8 as `\xB1`.
@Suite struct FileNamesTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
    }

    /// Makes `name` (raw bytes) under the workspace: a folder when `contents` is nil.
    @discardableResult
    func make(_ name: [UInt8], contents: [UInt8]? = nil) throws -> Int32 {
        let path = Array(directory.url.path.utf8) + [UInt8(ascii: "/")] + name + [0]
        return path.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cPath in
                guard let contents else { return mkdir(cPath.baseAddress!, 0o755) }
                let descriptor = open(cPath.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                guard descriptor >= 0 else { return -1 }
                defer { close(descriptor) }
                return contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == contents.count ? 0 : -1
            }
        }
    }

    /// The seed as printed at `hour`:40, so that each copy is a page of its own.
    static func seed(hour: Int) throws -> [UInt8] {
        Array(try Fixtures.seedText(printedAt: "2025-08-18 \(hour):40").utf8)
    }

    /// `site/하위/p1해.txt` … with `하위` and `해` in CP949 (`C7 CF C0 A7`, `C7 D8`).
    static let folderName: [UInt8] = Array("site/".utf8) + [0xC7, 0xCF, 0xC0, 0xA7]

    @Test func aFolderOfCP949NamesIsReadWhole() throws {
        try #require(try make(Array("site".utf8)) == 0)
        try #require(try make(Self.folderName) == 0)
        for page in 1...4 {
            try #require(try make(Self.folderName + Array("/p\(page)".utf8) + [0xC7, 0xD8] + Array(".txt".utf8),
                                  contents: Self.seed(hour: 10 + page)) == 0)
        }
        let result = try kmaticker.run(["ingest", "-v", "--db", store, directory.path("site")])
        #expect(result.status == 0, "\(result.stderr)")
        // The seed's 97 items, four times (its golden file counts them: 97).
        #expect(result.stdout.contains("4 files: 4 stored, 0 failed; 388 new"), "\(result.stdout)")
        #expect(result.stdout.contains("site/\\xC7\\xCF\\xC0\\xA7/p1\\xC7\\xD8.txt: 97 new"), "\(result.stdout)")
        let export = try kmaticker.run(["export", "--db", store])
        let sources = Set(export.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[6] })
        #expect(sources == Set((1...4).map { "p\($0)\\xC7\\xD8.txt"[...] }))
    }

    @Test func aFolderHoldingOnlySuchAFileIsRead() throws {
        try #require(try make(Array("only".utf8)) == 0)
        try #require(try make(Array("only/".utf8) + [0xB1, 0xE8] + Array(".txt".utf8), contents: Self.seed(hour: 10)) == 0)
        let result = try kmaticker.run(["ingest", "--db", store, directory.path("only")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("97 new"), "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: store))
    }

    @Test func aFailingFileIsNamedWithItsBytesEscaped() throws {
        try #require(try make(Array("bad".utf8)) == 0)
        try #require(try make(Array("bad/".utf8) + [0xB1, 0xE8] + Array(".html".utf8),
                              contents: Array("<html><body><p>기사 본문</p></body></html>".utf8)) == 0)
        let result = try kmaticker.run(["ingest", "--db", store, directory.path("bad")])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("bad/\\xB1\\xE8.html: error: no KMA weather ticker found"), "\(result.stderr)")
    }

    /// A name that is no UTF-8 typed on the command line (a shell passes its bytes) is read, and
    /// `--out` writes a file of that name, byte for byte.
    @Test func aNameOnTheCommandLineIsItsBytes() throws {
        try #require(try make([0xB1, 0xE8] + Array(".txt".utf8), contents: Self.seed(hour: 10)) == 0)
        let script = "cd \"$2\" && \"$0\" ingest --db \"$1\" \"$(printf 'x\\261\\350.txt' | cut -c2-)\" && \"$0\" export --db \"$1\" --out \"$(printf 'o\\261\\350.csv')\""
        let run = try ProcessRunner.run("/bin/sh", ["-c", script, KMATickerBinary.url.path, store, directory.url.path],
                                        environment: kmaticker.processEnvironment)
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(run.stdoutText.contains("\\xB1\\xE8.txt: 97 new"), "\(run.stdoutText)")
        let written = Array(directory.url.path.utf8) + [UInt8(ascii: "/"), UInt8(ascii: "o"), 0xB1, 0xE8] + Array(".csv".utf8) + [0]
        let exists = written.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { access($0.baseAddress!, F_OK) == 0 }
        }
        #expect(exists)
        // extract names the page's path as messages do.
        let extract = try ProcessRunner.run("/bin/sh", ["-c", "cd \"$1\" && \"$0\" extract \"$(printf '\\261\\350.txt')\"",
                                                        KMATickerBinary.url.path, directory.url.path], environment: kmaticker.processEnvironment)
        #expect(extract.status == 0, "\(extract.stderrText)")
        #expect(extract.stdoutText.contains(#""path":"\\xB1\\xE8.txt""#), "\(extract.stdoutText.prefix(400))")
    }

    @Test func whatIsPassedOverIsCountedAndNamedWithVerbose() throws {
        try #require(try make(Array("mixed".utf8)) == 0)
        try #require(try make(Array("mixed/a.txt".utf8), contents: Self.seed(hour: 10)) == 0)
        try #require(try make(Array("mixed/.hidden".utf8), contents: Array("x".utf8)) == 0)
        try FileManager.default.createSymbolicLink(atPath: directory.path("mixed/broken"), withDestinationPath: "nowhere")
        let quiet = try kmaticker.run(["ingest", "--db", store, directory.path("mixed")])
        #expect(quiet.status == 0)
        #expect(quiet.stdout.contains("1 stored, 0 failed, 2 skipped"), "\(quiet.stdout)")
        let verbose = try kmaticker.run(["ingest", "-v", "--dry-run", "--db", store, directory.path("mixed")])
        // What is passed over is a diagnostic: standard error.
        #expect(verbose.stderr.contains("mixed/.hidden: skipped: a hidden file"), "\(verbose.stderr)")
        #expect(verbose.stderr.contains("mixed/broken: skipped: a broken symbolic link"), "\(verbose.stderr)")
    }
}
