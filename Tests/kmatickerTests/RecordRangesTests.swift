import Foundation
import Testing
import KMATickerTestSupport

/// `kmaticker extract --records-from`: records of a crawl read by byte range, as the rows of
/// Common Crawl's columnar index name them (`warc_filename offset length url`), from a folder
/// and from an HTTP server that honours Range (dev/checks/range_server.py), one that fails
/// requests on purpose, and one that ignores Range. The rows are computed here with Python's
/// zlib (each record of Fixtures/archives/site.warc.gz is its own gzip member, as wget writes).
@Suite struct RecordRangesTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary
    /// A folder holding `crawl/site.warc.gz`.
    let served: String

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
        served = directory.path("served")
        try FileManager.default.createDirectory(atPath: served + "/crawl", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.url("archives/site.warc.gz").path, toPath: served + "/crawl/site.warc.gz")
    }

    /// One row per response record of the file: `crawl/site.warc.gz OFFSET LENGTH URL`.
    func rows() throws -> [String] {
        let script = """
            import sys, zlib
            data = open(sys.argv[1], "rb").read()
            position = 0
            while position < len(data):
                d = zlib.decompressobj(16 + zlib.MAX_WBITS)
                raw = d.decompress(data[position:])
                length = len(data) - position - len(d.unused_data)
                head = raw[:raw.index(b"\\r\\n\\r\\n")].decode()
                if "WARC-Type: response" in head:
                    uri = [l.split(": ", 1)[1] for l in head.split("\\r\\n") if l.startswith("WARC-Target-URI")][0].strip("<>")
                    print(f"crawl/site.warc.gz\\t{position}\\t{length}\\t{uri}")
                position += length
            """
        let output = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", script, served + "/crawl/site.warc.gz"])
        try #require(output.status == 0, "\(output.stderrText)")
        return output.stdoutText.split(separator: "\n").map(String.init)
    }

    /// The observation lines' values without where they came from (path and record differ).
    func values(_ ndjson: String) -> [String] {
        ndjson.split(separator: "\n").filter { !$0.contains("\"problem\":") }.map { line in
            line.replacingOccurrences(of: #""path":"[^"]*","record":"[^"]*","#, with: "", options: .regularExpression)
        }.sorted()
    }

    @Test func rangesFromAFolderGiveWhatTheWholeFileGives() throws {
        let rows = try rows()
        try #require(rows.count >= 16)
        let rowsFile = try directory.write("rows.tsv", rows.joined(separator: "\n") + "\n")
        let ranges = try kmaticker.run(["extract", "--records-from", served, rowsFile])
        #expect(ranges.status == 0, "\(ranges.stderr)")
        let whole = try kmaticker.run(["extract", served + "/crawl/site.warc.gz"])
        #expect(values(ranges.stdout) == values(whole.stdout))
        #expect(values(ranges.stdout).count == 192)
        // Each line names the file and the range it came from.
        #expect(ranges.stdout.contains(#""path":"crawl/site.warc.gz","record":"bytes "#))
        // A file of rows written on Windows (CRLF) reads alike.
        let crlf = try directory.write("crlf.tsv", rows.joined(separator: "\r\n") + "\r\n")
        #expect(try kmaticker.run(["extract", "--records-from", served, crlf]).stdout == ranges.stdout)
        // Rows on standard input, as RDD.pipe gives them, read alike.
        let piped = try kmaticker.run(["extract", "--records-from", served, "-"], input: try FileHandle(forReadingFrom: URL(fileURLWithPath: rowsFile)))
        #expect(piped.stdout == ranges.stdout)
    }

    @Test func rowsThatNameNoRecordAreReportedNotStored() throws {
        let row = try rows()[0].split(separator: "\t").map(String.init)
        let (file, offset, length, url) = (row[0], Int(row[1])!, Int(row[2])!, row[3])
        let bad = [
            "\(file)\t\(offset + 7)\t\(length)\t\(url)",              // a wrong offset
            "\(file)\t\(offset)\t\(length - 30)\t\(url)",             // cut short
            "\(file)\t\(offset)\t\(length)\thttp://elsewhere.example/", // another record than the row says
            "crawl/missing.warc.gz\t0\t100\thttp://x.example/",        // no such file
            "\(file)\tabc\t100",                                        // no offset
            "../outside.warc.gz\t0\t100",                               // out of the location
        ]
        let rowsFile = try directory.write("bad.tsv", "warc_filename\toffset\tlength\turl\n" + bad.joined(separator: "\n") + "\n")
        let result = try kmaticker.run(["extract", "--records-from", served, "--errors-to", "-", rowsFile])
        #expect(result.status == 1)
        #expect(values(result.stdout).isEmpty, "\(result.stdout)")
        let problems = result.stdout.split(separator: "\n").map(String.init).filter { $0.contains(#""problem":"failed""#) }
        #expect(problems.count == bad.count, "\(problems)")
        let reasons = ["holds no WARC record", "the file ends inside it", "not of http://elsewhere.example/ as the index says",
                       "No such file or directory", "not an index row ('warc_filename offset length [url]'): its offset 'abc' is not a number of bytes",
                       "leaves the archive location"]
        for (line, reason) in zip(problems, reasons) {
            #expect(line.contains(#""problem":"failed""#) && line.contains(reason), "\(line) should say \(reason)")
        }
        #expect(problems[0].contains(#""record":"bytes \#(offset + 7)-\#(offset + 7 + length - 1)""#))
    }

    /// A range server started on `served`, and its port; killed when `body` returns.
    func withRangeServer<T>(_ arguments: [String] = [], _ body: (Int, () -> [String]) throws -> T) throws -> T {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-u", Fixtures.directory.appendingPathComponent("../dev/checks/range_server.py").path, served] + arguments
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        // SIGKILL: the child inherits the test runner's thread's blocked SIGTERM and SIGINT.
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            try #require(!byte.isEmpty, "the range server said nothing")
            line += byte
        }
        let port = try #require(Int(String(decoding: line, as: UTF8.self).dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)))
        return try body(port) {
            // What the server logged so far (its lines come as it answers).
            usleep(200_000)
            return String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).split(separator: "\n").map(String.init)
        }
    }

    @Test func rangesOverHTTPWithRetries() throws {
        let rows = try rows()
        let rowsFile = try directory.write("rows.tsv", rows.joined(separator: "\n") + "\n")
        let whole = try kmaticker.run(["extract", served + "/crawl/site.warc.gz"])
        try withRangeServer(["--fail-first-of-every", "3"]) { port, log in
            let result = try kmaticker.run(["extract", "--records-from", "http://127.0.0.1:\(port)/", "--retry-wait", "0.01", rowsFile])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(values(result.stdout) == values(whole.stdout))
            let requests = log()
            // Every range asked with Range; every third failed once with 503 and was asked again.
            #expect(requests.filter { $0.hasSuffix(" 503") }.count == rows.count / 3)
            #expect(requests.filter { $0.hasSuffix(" 206") }.count == rows.count)
            #expect(requests.allSatisfy { $0.contains(" bytes=") })
        }
    }

    /// s3:// locations are signed with AWS Signature Version 4 from the AWS_* credentials (here
    /// to an S3-compatible endpoint, AWS_ENDPOINT_URL_S3, path-style: the range server).
    @Test func s3LocationsAreSignedWithTheEnvironmentsCredentials() throws {
        let rows = try rows().prefix(2).map { $0.replacingOccurrences(of: "crawl/", with: "") }
        let rowsFile = try directory.write("rows.tsv", rows.joined(separator: "\n") + "\n")
        try withRangeServer { port, log in
            var signed = kmaticker
            signed.environment["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:\(port)"
            signed.environment["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE"
            signed.environment["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
            let result = try signed.run(["extract", "--records-from", "s3://crawl/", rowsFile])
            #expect(result.status == 0, "\(result.stderr)")
            let requests = log()
            #expect(requests.count == 2 && requests.allSatisfy { $0.hasPrefix("GET /crawl/site.warc.gz bytes=") && $0.hasSuffix(" 206 signed") }, "\(requests)")
        }
    }

    @Test func aServerThatFailsOrIgnoresRangesIsReported() throws {
        let rows = try rows()
        let rowsFile = try directory.write("rows.tsv", rows.prefix(3).joined(separator: "\n") + "\n")
        try withRangeServer(["--fail-first-of-every", "1"]) { port, _ in
            // Every range fails once: with no retries, each is a failure naming the status.
            let result = try kmaticker.run(["extract", "--records-from", "http://127.0.0.1:\(port)/", "--retries", "0", "--errors-to", "-", rowsFile])
            #expect(result.status == 1)
            #expect(result.stdout.split(separator: "\n").filter { $0.contains(#""problem":"failed""#) && $0.contains("HTTP 503") }.count == 3)
        }
        try withRangeServer(["--ignore-range"]) { port, _ in
            let result = try kmaticker.run(["extract", "--records-from", "http://127.0.0.1:\(port)/", "--errors-to", "-", rowsFile])
            #expect(result.status == 1)
            #expect(result.stdout.split(separator: "\n").filter { $0.contains("does not serve byte ranges") }.count == 3, "\(result.stdout)")
        }
    }
}
