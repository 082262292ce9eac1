import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerInput

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

    @Test func everyRegularFileInAFolderIsOfferedSortedAndHiddenOnesAreNamed() {
        let folder = directory.path("pages")
        // By content, not by name: notes.pdf and x.csv are offered too; the reader decides.
        #expect(IngestInput.expand([folder]) == [.passedOver(folder + "/.hidden.html", reason: "a hidden file")]
            + ["a.txt", "b.html", "notes.pdf", "sub/c.xml", "sub/deeper/d.htm.gz", "sub/e.HTML", "x.csv"].map { .inFolder(folder + "/" + $0) })
    }

    @Test func folderBehindASymbolicLinkIsWalked() throws {
        let link = directory.path("link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: directory.path("pages"))
        #expect(IngestInput.expand([link + "/"]).count == 8)
        #expect(IngestInput.expand([link])[1] == .inFolder(link + "/a.txt"))
    }

    @Test func symbolicLinksInsideAFolderAreFollowedAndLoopsNamed() throws {
        let folder = directory.path("pages")
        // A link to a file, a link back up to the folder itself (a loop), a broken link.
        try FileManager.default.createSymbolicLink(atPath: folder + "/sub/link-to-a.txt", withDestinationPath: folder + "/a.txt")
        try FileManager.default.createSymbolicLink(atPath: folder + "/sub/up", withDestinationPath: folder)
        try FileManager.default.createSymbolicLink(atPath: folder + "/sub/broken", withDestinationPath: folder + "/no-such")
        let inputs = IngestInput.expand([folder])
        #expect(inputs.contains(.inFolder(folder + "/sub/link-to-a.txt")))
        #expect(inputs.contains(.passedOver(folder + "/sub/up", reason: "a symbolic link to a folder already read (a loop, or a second way to the same folder)")))
        #expect(inputs.contains(.passedOver(folder + "/sub/broken", reason: "a broken symbolic link")))
        // Each file once; the walk ends.
        #expect(inputs.count == 1 + 7 + 1 + 2)
    }

    @Test func pageNamesAreKnownWithOrWithoutGzip() {
        #expect(IngestInput.isPageName("a/b.HTML"))
        #expect(IngestInput.isPageName("crawl.warc.gz"))
        #expect(IngestInput.isPageName("saved.mhtml"))
        #expect(!IngestInput.isPageName("photo.png"))
        #expect(!IngestInput.isPageName("articleView.html?idxno=1") == true)
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
