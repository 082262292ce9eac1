import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerKit

@Suite struct IngestInputTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        for name in ["b.html", "a.txt", "sub/c.xml", "sub/deeper/d.htm.gz", "sub/e.HTML", "notes.pdf", ".hidden.html", "x.csv"] {
            let url = directory.url.appendingPathComponent("pages/" + name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
    }

    @Test func folderIsWalkedForPagesSorted() {
        let folder = directory.path("pages")
        #expect(IngestInput.expand([folder]) == ["a.txt", "b.html", "sub/c.xml", "sub/deeper/d.htm.gz", "sub/e.HTML"]
            .map { .file(folder + "/" + $0) })
    }

    @Test func folderBehindASymbolicLinkIsWalked() throws {
        let link = directory.path("link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: directory.path("pages"))
        #expect(IngestInput.expand([link + "/"]).count == 5)
        #expect(IngestInput.expand([link]).first == .file(link + "/a.txt"))
    }

    @Test func filesStdinAndMissingPathsAreKeptAsGiven() {
        #expect(IngestInput.expand(["-", "/no/such", directory.path("pages/notes.pdf")])
                == [.standardInput, .file("/no/such"), .file(directory.path("pages/notes.pdf"))])
    }

    @Test func emptyFolderIsKeptSoItIsReported() throws {
        let empty = directory.path("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(IngestInput.expand([empty]) == [.file(empty)])
    }
}
