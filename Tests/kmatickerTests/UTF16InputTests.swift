import Foundation
import Testing
import KMATickerTestSupport

/// The built binary on pages saved as UTF-16 without a byte order mark (issue 12): stored
/// with their charset, read in a folder walk, and binary files beside them still passed over.
@Suite struct UTF16InputTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
    }

    /// `iconv -f UTF-8 -t <charset>` of the seed: no BOM for an explicit byte order.
    func seed(in charset: String) throws -> [UInt8] {
        let output = try ProcessRunner.run("/usr/bin/iconv", ["-f", "UTF-8", "-t", charset, Fixtures.url(Fixtures.seedName).path])
        return [UInt8](output.stdout)
    }

    @Test(arguments: ["UTF-16LE", "UTF-16BE"])
    func storedPageSaysItsCharset(charset: String) throws {
        let path = try directory.write("capture.txt", bytes: try seed(in: charset))
        let result = try kmaticker.run(["ingest", "--db", store, "--at", "2025-08-18 10:00", path])
        #expect(result.stderr == "")
        #expect(result.stdout == "\(path): 97 new (2025-08-18 10:00 KST from at-option, prints 2025-08-18 10:40, \(charset), 4 inferred)\n")
        #expect(try SQLiteShell.run(store, "SELECT charset, format, item_count FROM pages") == "\(charset)|text|97\n")
    }

    /// In a folder, a file not named as a page is passed over when binary: a BOM-less UTF-16
    /// capture is text and is read; an ELF executable beside it is still passed over.
    @Test func folderWalkReadsUTF16AndPassesOverBinaries() throws {
        let folder = directory.url.appendingPathComponent("saved")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(try seed(in: "UTF-16LE")).write(to: folder.appendingPathComponent("capture_0818"))
        try FileManager.default.copyItem(atPath: "/bin/ls", toPath: folder.appendingPathComponent("tool").path)
        let result = try kmaticker.run(["ingest", "--db", store, "--verbose", folder.path])
        #expect(result.status == 0)
        #expect(result.stderr == "\(folder.path)/tool: skipped: binary data, not a page\n")
        #expect(result.stdout.hasSuffix("1 page in 2 files: 1 stored, 0 failed, 1 skipped; 97 new, 0 already stored, 0 conflicting, 0 unreadable, 0 warnings\n"))
        #expect(try SQLiteShell.run(store, "SELECT source, charset FROM pages") == "capture_0818|UTF-16LE\n")
    }
}
