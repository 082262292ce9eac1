import Foundation
import KMATickerInput
import KMATickerModel
import KMATickerParsing

/// kmaticker side by side with the programs its targets are stated against, in the same run:
/// `cat` (reading the pages), `gzip -dc` (inflating an archive), the `sqlite3` shell (starting,
/// and exporting). Each pair is run in turn, A B A B …, and the ratio taken pair by pair, so
/// that a machine whose speed drifts during the run still gives a fair ratio.
enum Peers {
    /// The median ratio of `a`'s wall time to `b`'s over `repeats` pairs, and both medians.
    static func compare(_ a: [String], _ b: [String], repeats: Int, stdout: String = "/dev/null")
        -> (ratio: Double, a: ProcessRun, b: ProcessRun) {
        var pairs: [(ProcessRun, ProcessRun)] = []
        _ = Measure.run(a, stdoutPath: stdout)  // warm the page cache for both
        _ = Measure.run(b, stdoutPath: stdout)
        for _ in 0..<repeats { pairs.append((Measure.run(a, stdoutPath: stdout), Measure.run(b, stdoutPath: stdout))) }
        let ratios = pairs.map { $0.0.seconds / max($0.1.seconds, 1e-6) }.sorted()
        let medianA = pairs.map(\.0).sorted { $0.seconds < $1.seconds }[repeats / 2]
        let medianB = pairs.map(\.1).sorted { $0.seconds < $1.seconds }[repeats / 2]
        return (ratios[repeats / 2], medianA, medianB)
    }

    /// The median CPU seconds of `ingest --dry-run FOLDER` and of `cat FOLDER/*` over `runs` runs
    /// each: what telling a folder of pages without a ticker costs, beside reading them.
    static func rejectionCPU(kmaticker: String, folder: URL, runs: Int) -> (ingest: Double, cat: Double) {
        func median(_ command: [String]) -> Double {
            let seconds = (0..<runs).map { _ in Measure.run(command).cpuSeconds }.sorted()
            return seconds[seconds.count / 2]
        }
        return (median([kmaticker, "ingest", "--dry-run", folder.path]),
                median(["/bin/sh", "-c", "cat '\(folder.path)'/* > /dev/null"]))
    }

    /// News pages without a ticker, as most of a crawl is: English prose, typographic quotes,
    /// entities, no Hangul and no unit. `count` pages of about 50 KB in `folder`, and the same
    /// pages as one `.warc.gz` (each a response record in its own gzip member, as WARC writers
    /// and Common Crawl make them); returns the bytes of the pages.
    static func writeCrawl(count: Int, folder: URL, warc: URL) throws -> Int {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let words = ["the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "market",
                     "city", "council", "said", "on", "year", "rain", "weather", "report", "people", "new"]
        var state: UInt64 = 0x4B4D_4154
        func nextWord() -> String {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return words[Int(state >> 33) % words.count]
        }
        var total = 0
        let recordFolder = folder.appendingPathExtension("records")
        try FileManager.default.createDirectory(at: recordFolder, withIntermediateDirectories: true)
        for index in 0..<count {
            var page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Story \(index)</title></head><body>\n"
            for _ in 0..<150 {
                page += "<p>" + (0..<60).map { _ in nextWord() }.joined(separator: " ") + " — “quoted” it’s 3.2% &amp; more.</p>\n"
            }
            page += "</body></html>\n"
            let body = Data(page.utf8)
            total += body.count
            try body.write(to: folder.appendingPathComponent(String(format: "story-%05d.html", index)))
            let http = Data("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(body.count)\r\n\r\n".utf8)
            let head = "WARC/1.1\r\nWARC-Type: response\r\nWARC-Date: 2025-08-18T01:\(String(format: "%02d", index % 60)):00Z\r\n"
                + "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-\(String(format: "%012d", index))>\r\n"
                + "WARC-Target-URI: http://news.example/\(index)\r\nContent-Type: application/http;msgtype=response\r\n"
                + "Content-Length: \(http.count + body.count)\r\n\r\n"
            try (Data(head.utf8) + http + body + Data("\r\n\r\n".utf8))
                .write(to: recordFolder.appendingPathComponent(String(format: "%05d.warc", index)))
        }
        // Python's gzip module: a member per record, level 6 (gzip's default).
        Measure.shell("""
            python3 -c 'import glob, gzip, sys
            with open(sys.argv[2], "wb") as out:
                for path in sorted(glob.glob(sys.argv[1] + "/*.warc")):
                    out.write(gzip.compress(open(path, "rb").read(), 6))' '\(recordFolder.path)' '\(warc.path)'
            """)
        try FileManager.default.removeItem(at: recordFolder)
        return total
    }

    /// A Korean crawl (dev/fixtures/make-big-warc.py: Korean articles, one ticker page in 50),
    /// with the weather prose three pages in four carry and without it: the `.warc.gz` against
    /// FastWARC iterating its records and against `gzip -dc`, and the pages without a ticker as
    /// files, per CPU-second, beside `cat`'s.
    static func koreanCrawl(kmaticker: String, work: URL, records: Int, python: String?, repeats: Int,
                            table: inout Table) throws {
        let script = FileManager.default.currentDirectoryPath + "/dev/fixtures/make-big-warc.py"
        guard FileManager.default.fileExists(atPath: script) else {
            table.note("the Korean crawl is not measured: run kmaticker-bench from the repository's top (it uses dev/fixtures/make-big-warc.py)")
            return
        }
        for (label, flags) in [("with weather prose in 3 pages of 4", ""), ("without weather prose (`--no-prose`)", "--no-prose")] {
            let name = flags.isEmpty ? "korean" : "korean-no-prose"
            let warc = work.appendingPathComponent("\(name).warc.gz"), pages = work.appendingPathComponent(name)
            let withTicker = work.appendingPathComponent("\(name)-tickers")
            Measure.shell("python3 '\(script)' \(flags) --pages '\(pages.path)' '\(warc.path)' \(records) 2>/dev/null")
            try FileManager.default.createDirectory(at: withTicker, withIntermediateDirectories: true)
            for file in try FileManager.default.contentsOfDirectory(atPath: pages.path) where file.hasPrefix("ticker-") {
                try FileManager.default.moveItem(at: pages.appendingPathComponent(file), to: withTicker.appendingPathComponent(file))
            }
            let files = try FileManager.default.contentsOfDirectory(atPath: pages.path)
            let bytes = try files.reduce(0) { $0 + ((try FileManager.default.attributesOfItem(atPath: pages.path + "/" + $1)[.size] as? Int) ?? 0) }
            let ingest = [kmaticker, "ingest", "--dry-run", warc.path]
            if let python {
                let iterate = "import sys\nfrom fastwarc.warc import ArchiveIterator\nprint(sum(1 for _ in ArchiveIterator(open(sys.argv[1], 'rb'))))"
                let fast = compare(ingest, [python, "-c", iterate, warc.path], repeats: repeats)
                table.row("Korean crawl \(label), \(records) records: `ingest --dry-run` over FastWARC iterating them (target ≤ 2×)",
                          String(format: "%.1f×", fast.ratio),
                          String(format: "%.2f s against %.2f s (Python's start included), median of %d pairs",
                                 fast.a.seconds, fast.b.seconds, repeats))
            }
            let inflate = compare(ingest, ["/bin/sh", "-c", "gzip -dc '\(warc.path)' > /dev/null"], repeats: repeats)
            table.row("the same `.warc.gz` over `gzip -dc`", String(format: "%.1f×", inflate.ratio),
                      String(format: "%.2f s against %.2f s, median of %d pairs", inflate.a.seconds, inflate.b.seconds, repeats))
            let runs = max(3, repeats)
            let (rejectedCPU, readingCPU) = rejectionCPU(kmaticker: kmaticker, folder: pages, runs: runs)
            table.row("its \(files.count) pages without a ticker, as files: MB told per CPU-second (target ≥ 200)",
                      String(format: "%.0f MB/s", Double(bytes) / 1e6 / max(rejectedCPU, 1e-6)),
                      String(format: "%.0f MB; `ingest --dry-run DIR`: %.2f s of CPU, file reads included; `cat` of the same files: %.2f s; median of %d",
                             Double(bytes) / 1e6, rejectedCPU, readingCPU, runs))
        }
    }

    static func run(kmaticker: String, work: URL, utf8Folder: URL, utf8Bytes: Int, crawlPages: Int,
                    largeStore: String?, repeats: Int, table: inout Table) throws {
        // Saved pages against reading them.
        let pages = compare([kmaticker, "ingest", "--dry-run", utf8Folder.path],
                            ["/bin/sh", "-c", "cat '\(utf8Folder.path)'/* > /dev/null"], repeats: repeats)
        table.row("saved UTF-8 pages: `ingest --dry-run DIR` against `cat DIR/*` (target ≤ 4×)",
                  String(format: "%.1f×", pages.ratio),
                  String(format: "%.0f MB/s against %.0f MB/s, median of %d pairs", Double(utf8Bytes) / 1e6 / pages.a.seconds,
                         Double(utf8Bytes) / 1e6 / pages.b.seconds, repeats))

        // A crawl: pages without a ticker, loose and as an archive.
        let crawl = work.appendingPathComponent("crawl"), warc = work.appendingPathComponent("crawl.warc.gz")
        let crawlBytes = try writeCrawl(count: crawlPages, folder: crawl, warc: warc)
        let runs = max(3, repeats)
        let (rejectedCPU, readingCPU) = rejectionCPU(kmaticker: kmaticker, folder: crawl, runs: runs)
        table.row("pages without a ticker, rejected per CPU-second (target ≥ 1 GB/s per core)",
                  String(format: "%.0f MB/s", Double(crawlBytes) / 1e6 / max(rejectedCPU, 1e-6)),
                  String(format: "%d English pages, %.0f MB; the whole process, file reads included: %.2f s of CPU; `cat` of the same files alone: %.2f s (%.0f MB/s), median of %d",
                         crawlPages, Double(crawlBytes) / 1e6, rejectedCPU, readingCPU, Double(crawlBytes) / 1e6 / max(readingCPU, 1e-6), runs))
        // The rejection itself, in this process, on pages already in memory: decoding (the
        // UTF-8 check) and the byte scan, what a page without a ticker costs after it is read.
        let crawlFiles = try FileManager.default.contentsOfDirectory(atPath: crawl.path).sorted()
        let crawlPagesInMemory = try crawlFiles.map {
            CapturedPage(bytes: [UInt8](try Data(contentsOf: crawl.appendingPathComponent($0))), origin: PageOrigin(path: $0))
        }
        let parser = TickerParser(registry: .asos)
        var cannotHold = 0
        let decision = Measure.median(max(3, repeats)) {
            Measure.seconds { cannotHold = crawlPagesInMemory.filter { (try? parser.prepare($0))?.cannotHoldTicker == true }.count }
        }
        precondition(cannotHold == crawlPagesInMemory.count, "every crawl page must be rejected by the scan")
        table.row("the same pages' rejection in memory, one core: UTF-8 check and byte scan (`TickerParser.prepare`)",
                  String(format: "%.0f MB/s", Double(crawlBytes) / 1e6 / decision),
                  String(format: "%d pages already read, median of %d", crawlPagesInMemory.count, max(3, repeats)))
        let archive = compare([kmaticker, "ingest", "--dry-run", warc.path],
                              ["/bin/sh", "-c", "gzip -dc '\(warc.path)' > /dev/null"], repeats: repeats)
        table.row("that crawl as one `.warc.gz`: `gzip -dc`'s time over `ingest --dry-run`'s (target ≥ 0.8)",
                  String(format: "%.2f", 1 / archive.ratio),
                  String(format: "%.2f s against %.2f s, median of %d pairs", archive.a.seconds, archive.b.seconds, repeats))
        // FastWARC (PyPI: a WARC reader in C++ with Python bindings) merely iterating the records.
        let python = ["\(FileManager.default.currentDirectoryPath)/.build/venv-bench/bin/python", "/usr/bin/python3"]
            .first { Measure.shell("'\($0)' -c 'import fastwarc' 2>/dev/null && echo yes") == "yes" }
        if let python {
            let iterate = "import sys\nfrom fastwarc.warc import ArchiveIterator\nprint(sum(1 for _ in ArchiveIterator(open(sys.argv[1], 'rb'))))"
            let fast = compare([kmaticker, "ingest", "--dry-run", warc.path], [python, "-c", iterate, warc.path], repeats: repeats)
            table.row("that `.warc.gz`: FastWARC iterating its records over `ingest --dry-run` (target: above 1)",
                      String(format: "%.2f", 1 / fast.ratio),
                      String(format: "%.2f s against %.2f s (Python's start included), median of %d pairs",
                             fast.a.seconds, fast.b.seconds, repeats))
        } else {
            table.note("FastWARC is not installed, so the archive is not compared with it (dev/install-bench-peers puts it in .build/venv-bench)")
        }
        try koreanCrawl(kmaticker: kmaticker, work: work, records: crawlPages >= 1000 ? 1500 : 200, python: python,
                        repeats: repeats, table: &table)

        // Starting, and exporting, against the sqlite3 shell on the same store.
        guard let largeStore else { return }
        let start = compare([kmaticker, "query", "--db", largeStore, "--station", "대전", "--limit", "1"],
                            ["sqlite3", largeStore, "select 1"], repeats: max(repeats, 7))
        table.row("a one-row query against `sqlite3 STORE 'select 1'` (target ≤ 3×)", String(format: "%.1f×", start.ratio),
                  String(format: "%.1f ms against %.1f ms, median of %d pairs", start.a.seconds * 1000, start.b.seconds * 1000, max(repeats, 7)))
        // The build people install (scripts/package): the Swift runtime linked in, so the loader
        // has far fewer libraries to map and symbols to bind.
        let packaged = FileManager.default.currentDirectoryPath + "/.build/static/release/kmaticker"
        if FileManager.default.isExecutableFile(atPath: packaged) {
            let startStatic = compare([packaged, "query", "--db", largeStore, "--station", "대전", "--limit", "1"],
                                      ["sqlite3", largeStore, "select 1"], repeats: max(repeats, 7))
            table.row("the same, the packaged build (`--static-swift-stdlib`, as scripts/package makes it) (target ≤ 3×)",
                      String(format: "%.1f×", startStatic.ratio),
                      String(format: "%.1f ms against %.1f ms, median of %d pairs", startStatic.a.seconds * 1000,
                             startStatic.b.seconds * 1000, max(repeats, 7)))
            // What scripts/package installs: that binary, stripped.
            let stripped = work.appendingPathComponent("kmaticker-stripped").path
            Measure.shell("strip -o '\(stripped)' '\(packaged)'")
            if let size = try? FileManager.default.attributesOfItem(atPath: stripped)[.size] as? Int {
                table.row("the packaged binary's installed size (stripped, as scripts/package installs it) (target ≤ 15 MB)",
                          String(format: "%.1f MB", Double(size) / 1e6), "`strip` of `.build/static/release/kmaticker`")
            }
        } else {
            table.note("the packaged build's start is not measured: build it first with `swift build -c release --static-swift-stdlib --scratch-path .build/static --product kmaticker` (scripts/package does)")
        }
        let query = work.appendingPathComponent("export.sql")
        try Data("""
            SELECT strftime('%Y-%m-%dT%H:%M:%S+09:00', o.observed_at + 32400, 'unixepoch'), o.station_id,
                   coalesce(s.name_ko, o.label), o.condition, o.temperature_c, o.station_source, p.source, o.label,
                   o.position, p.time_source
            FROM observations AS o JOIN pages AS p ON p.id = o.page_id LEFT JOIN stations AS s ON s.id = o.station_id
            ORDER BY o.observed_at, o.page_id, o.position;
            """.utf8).write(to: query)
        let rows = Int(Measure.shell("sqlite3 '\(largeStore)' 'select count(*) from observations'")) ?? 0
        let export = compare([kmaticker, "export", "--db", largeStore],
                             ["/bin/sh", "-c", "sqlite3 -csv '\(largeStore)' < '\(query.path)'"], repeats: repeats)
        table.row("`export` of \(rows.formatted()) observations to CSV (targets ≥ 1,000,000 rows/s, ≥ 5× the `sqlite3` shell)",
                  String(format: "%.0f rows/s, %.1f×", Double(rows) / export.a.seconds, 1 / export.ratio),
                  String(format: "%.2f s against the shell's %.2f s for the same query with strftime, median of %d pairs",
                         export.a.seconds, export.b.seconds, repeats))
    }
}
