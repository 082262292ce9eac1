import Testing
@testable import KMATickerInput

/// Index rows as `extract --records-from` reads them, and the locations records are read from.
@Suite struct RecordRangeTests {
    let folder = ArchiveLocation("/data/cc")

    @Test func rowsInTheFormsTablesAreWrittenIn() throws {
        let expected = RecordRange(location: folder, filename: "crawl-data/CC-MAIN-2025-33/segments/1/warc/a.warc.gz",
                                   offset: 1234, length: 5678, url: "https://news.example.kr/a?b=1")
        for line in ["crawl-data/CC-MAIN-2025-33/segments/1/warc/a.warc.gz\t1234\t5678\thttps://news.example.kr/a?b=1",
                     "crawl-data/CC-MAIN-2025-33/segments/1/warc/a.warc.gz,1234,5678,https://news.example.kr/a?b=1",
                     "crawl-data/CC-MAIN-2025-33/segments/1/warc/a.warc.gz 1234  5678 https://news.example.kr/a?b=1\r"] {
            #expect(try RecordRange.parse(line[...], location: folder) == expected, "\(line)")
        }
        #expect(try RecordRange.parse("a.warc.gz\t0\t10", location: folder)?.url == nil)
        // A URL is the rest of the row: commas and spaces in it are kept (tab-separated, or a
        // quoted CSV field).
        #expect(try RecordRange.parse("a.warc.gz\t0\t10\thttp://x.example/a?b=1,2&c=d e", location: folder)?.url == "http://x.example/a?b=1,2&c=d e")
        #expect(try RecordRange.parse("a.warc.gz,0,10,\"http://x.example/a?b=1,2\"", location: folder)?.url == "http://x.example/a?b=1,2")
        #expect(try RecordRange.parse("a.warc.gz,0,10,http://x.example/a?b=1,2", location: folder)?.url == "http://x.example/a?b=1,2")
        #expect(try RecordRange.parse("a.warc.gz\t0\t10", location: folder)?.rangeName == "bytes 0-9")
        // A header, a comment and a blank line are no rows, and no errors.
        for line in ["warc_filename\twarc_record_offset\twarc_record_length", "# selected 2025-12-06", ""] {
            #expect(try RecordRange.parse(line[...], location: folder) == nil)
        }
    }

    @Test func linesThatAreNoRowsSayWhy() {
        let cases: [(String, String)] = [
            ("a.warc.gz\t12", "it has 2 fields"),
            ("a.warc.gz\t-1\t10", "its offset '-1' is not a number of bytes"),
            ("a.warc.gz\t0\t0", "its length '0' is not a number of bytes above 0"),
            ("/etc/passwd\t0\t10", "leaves the archive location"),
            ("a/../../b.warc.gz\t0\t10", "leaves the archive location"),
            ("a.warc.gz\t9223372036854775807\t2", "runs past the end of any file"),
        ]
        for (line, reason) in cases {
            #expect(throws: RecordRange.RowError.self) { try RecordRange.parse(line[...], location: folder) }
            do {
                _ = try RecordRange.parse(line[...], location: folder)
            } catch {
                #expect(error.reason.contains(reason), "\(line): \(error.reason)")
            }
        }
    }

    @Test func locations() {
        #expect(ArchiveLocation("https://data.commoncrawl.org") == .http("https://data.commoncrawl.org/"))
        #expect(ArchiveLocation("s3://commoncrawl") == .s3(bucket: "commoncrawl", prefix: ""))
        #expect(ArchiveLocation("s3://bucket/some/prefix") == .s3(bucket: "bucket", prefix: "some/prefix/"))
        #expect(ArchiveLocation("warcs") == .folder("warcs/"))
    }
}
