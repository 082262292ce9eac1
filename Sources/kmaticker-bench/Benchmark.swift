import Foundation
import KMATickerParsing

/// `kmaticker-bench`: generates its own corpus, measures extraction, ingest, inserts, queries
/// and memory, and prints one Markdown table. See BENCHMARKS.md for the method.
///
///     swift run -c release kmaticker-bench              # the full run (10,000 pages, 1M and 10M stores)
///     swift run -c release kmaticker-bench --quick      # a smoke run in seconds
///     swift run -c release kmaticker-bench --profile DIR  # stage by stage, over DIR's pages
///     swift run -c release kmaticker-bench --scan [-v] DIR  # which pages are rejected unread
@main
struct Benchmark {
    struct Options {
        var pages = 10_000
        var smallCaptures = 10_000
        var storeSizes = [1_000_000, 10_000_000]
        var repeats = 3
        var queryRepeats = 7
        var kmaticker = ""
        var work = FileManager.default.temporaryDirectory.appendingPathComponent("kmaticker-bench").path
        /// Leave the corpus in `work` afterwards (for `--profile`).
        var keep = false

        init(_ arguments: [String]) {
            var rest = arguments[...]
            while let argument = rest.popFirst() {
                switch argument {
                case "--quick":
                    pages = 40; smallCaptures = 200; storeSizes = [20_000]; repeats = 1; queryRepeats = 3
                case "--pages": pages = Int(rest.popFirst() ?? "") ?? pages
                case "--small": smallCaptures = Int(rest.popFirst() ?? "") ?? smallCaptures
                case "--stores": storeSizes = (rest.popFirst() ?? "").split(separator: ",").compactMap { Int($0) }
                case "--kmaticker": kmaticker = rest.popFirst() ?? ""
                case "--work": work = rest.popFirst() ?? work
                case "--keep": keep = true
                default: FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8)); exit(64)
                }
            }
            if kmaticker.isEmpty {
                // Beside this binary in the build folder.
                kmaticker = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                    .appendingPathComponent("kmaticker").path
            }
        }
    }

    static func main() throws {
        if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "--profile" {
            return try Profile.run(folder: CommandLine.arguments[2])
        }
        if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "--scan" {
            return try ScanReport.run(folder: CommandLine.arguments.last!, listsPages: CommandLine.arguments.contains("-v"))
        }
        let options = Options(Array(CommandLine.arguments.dropFirst()))
        guard FileManager.default.isExecutableFile(atPath: options.kmaticker) else {
            print("no kmaticker binary at \(options.kmaticker); build it first: swift build -c release")
            exit(1)
        }
        var table = Table()
        let work = URL(fileURLWithPath: options.work)
        try? FileManager.default.removeItem(at: work)
        let utf8Folder = work.appendingPathComponent("utf8"), cp949Folder = work.appendingPathComponent("cp949")
        let smallFolder = work.appendingPathComponent("small")
        for folder in [utf8Folder, cp949Folder, smallFolder] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        // The corpus.
        var corpus = Corpus()
        var utf8Bytes = 0, cp949Bytes = 0
        let generation = try Measure.seconds {
            for index in 0..<options.pages {
                let page = corpus.page(index)
                if index % 2 == 0 {
                    let data = Data(page.utf8)
                    utf8Bytes += data.count
                    try data.write(to: utf8Folder.appendingPathComponent(String(format: "page-%06d.html", index)))
                } else {
                    let data = Corpus.cp949(page)
                    cp949Bytes += data.count
                    try data.write(to: cp949Folder.appendingPathComponent(String(format: "page-%06d.html", index)))
                }
            }
            for index in 0..<options.smallCaptures {
                try Data(corpus.capture(index).utf8).write(to: smallFolder.appendingPathComponent(String(format: "cap-%06d.txt", index)))
            }
        }
        let pagesPerHalf = (options.pages + 1) / 2
        table.note("corpus: \(options.pages) pages (\(mb(utf8Bytes + cp949Bytes)) MB, about \(kb((utf8Bytes + cp949Bytes) / max(1, options.pages))) KB each, half UTF-8, half CP949) and \(options.smallCaptures) text captures, generated in \(String(format: "%.1f", generation)) s")

        // 1. Extraction + parsing in this process, one core.
        for (name, folder, bytes) in [("UTF-8", utf8Folder, utf8Bytes), ("CP949", cp949Folder, cp949Bytes)] {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().prefix(500)
            let pages = try files.map { [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))) }
            let total = pages.reduce(0) { $0 + $1.count }
            let parser = TickerParser(registry: .asos)
            var observations = 0
            let seconds = Measure.median(options.repeats) {
                Measure.seconds { for page in pages { observations = (try? parser.parse(page, file: "p"))?.observations.count ?? -1 } }
            }
            precondition(observations == 97, "the benchmark's pages must parse: \(observations)")
            _ = bytes
            table.row("extraction + parsing, \(name) pages, one core", String(format: "%.0f MB/s", Double(total) / 1e6 / seconds),
                      "\(pages.count) pages in memory, median of \(options.repeats)")
        }

        // 2. End to end: kmaticker ingest DIR into a fresh store.
        var peakRSS = 0
        for (name, folder, bytes) in [("UTF-8", utf8Folder, utf8Bytes), ("CP949", cp949Folder, cp949Bytes)] {
            var runs: [ProcessRun] = []
            for _ in 0..<options.repeats {
                let store = work.appendingPathComponent("e2e.sqlite").path
                removeStore(store)
                let run = Measure.run([options.kmaticker, "ingest", "--db", store, folder.path])
                precondition(run.status == 0, "ingest failed (\(run.status))")
                runs.append(run)
            }
            let seconds = runs.map(\.seconds).sorted()[runs.count / 2]
            peakRSS = max(peakRSS, runs.map(\.maxRSSKilobytes).max() ?? 0)
            table.row("`kmaticker ingest DIR`, \(name) pages", String(format: "%.0f MB/s", Double(bytes) / 1e6 / seconds),
                      String(format: "%.0f pages/s, %.0f observations/s; %d pages, %.2f s, median of %d", Double(pagesPerHalf) / seconds,
                             Double(pagesPerHalf * 97) / seconds, pagesPerHalf, seconds, options.repeats))
        }

        // 3. Many small files: the per-file cost.
        let smallRuns = (0..<options.repeats).map { _ -> Double in
            let store = work.appendingPathComponent("small.sqlite").path
            removeStore(store)
            let run = Measure.run([options.kmaticker, "ingest", "--db", store, smallFolder.path])
            precondition(run.status == 0, "ingest of the captures failed")
            return run.seconds
        }.sorted()
        table.row("\(options.smallCaptures) small text captures, one `ingest`", String(format: "%.2f s", smallRuns[smallRuns.count / 2]),
                  String(format: "%.0f files/s, median of %d", Double(options.smallCaptures) / smallRuns[smallRuns.count / 2], options.repeats))

        // 4. Peak memory of one ingest of every page.
        let store = work.appendingPathComponent("all.sqlite").path
        removeStore(store)
        let all = Measure.run([options.kmaticker, "ingest", "--db", store, utf8Folder.path, cp949Folder.path])
        precondition(all.status == 0)
        table.row("peak memory (max RSS), ingest of all \(options.pages) pages", "\(all.maxRSSKilobytes / 1024) MB",
                  String(format: "one process, %.1f s; the per-half runs above peaked at %d MB", all.seconds, peakRSS / 1024))

        // 5. Inserts: the store against sqlite3's own .import of the same rows.
        try InsertComparison.run(captures: smallFolder, count: min(options.smallCaptures, 2000), work: work, table: &table)

        // 6. Queries on large stores, whole process; against the peers on the first.
        var peersDone = false
        for size in options.storeSizes {
            let path = work.appendingPathComponent("q\(size).sqlite").path
            let built = try LargeStore.build(path: path, observations: size, kmaticker: options.kmaticker, seed: smallFolder)
            for (label, arguments) in [
                ("one station's series, last 100 (`query --station 대전 --limit 100`)", ["query", "--station", "대전", "--limit", "100"]),
                ("one station's whole series as CSV (`query --station 대전 --format csv`)", ["query", "--station", "대전", "--format", "csv"]),
                ("each station's latest (`query --latest`)", ["query", "--latest"]),
            ] {
                let seconds = Measure.median(options.queryRepeats) {
                    Measure.run([options.kmaticker] + arguments + ["--db", path]).seconds
                }
                table.row("\(label), \(size.formatted()) observations", String(format: "%.1f ms", seconds * 1000),
                          "median of \(options.queryRepeats) runs; store built in \(String(format: "%.0f", built)) s")
            }
            if !peersDone {
                // 7. Side by side with cat, gzip -dc and the sqlite3 shell.
                try Peers.run(kmaticker: options.kmaticker, work: work, utf8Folder: utf8Folder, utf8Bytes: utf8Bytes,
                              crawlPages: max(40, options.pages / 5), largeStore: path, repeats: max(3, options.repeats),
                              table: &table)
                peersDone = true
            }
            removeStore(path)
        }

        table.machine()
        print(table.markdown)
        if !options.keep { try? FileManager.default.removeItem(at: work) }
    }

    static func removeStore(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static func mb(_ bytes: Int) -> String { String(format: "%.0f", Double(bytes) / 1e6) }
    static func kb(_ bytes: Int) -> String { String(format: "%.0f", Double(bytes) / 1e3) }
}

/// The result table.
struct Table {
    private var rows: [(String, String, String)] = []
    private var notes: [String] = []

    mutating func row(_ what: String, _ result: String, _ detail: String) {
        rows.append((what, result, detail))
        FileHandle.standardError.write(Data("\(what): \(result) (\(detail))\n".utf8))
    }

    mutating func note(_ text: String) { notes.append(text) }

    mutating func machine() {
        let cpu = Measure.shell("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2")
        let cores = Measure.shell("nproc")
        let memory = Measure.shell("free -g | awk '/Mem:/ {print $2}'")
        let swift = Measure.shell("swift --version 2>/dev/null | head -1")
        let sqlite = Measure.shell("sqlite3 --version | cut -d' ' -f1")
        note("machine: \(cpu), \(cores) cores, \(memory) GiB; \(swift); SQLite \(sqlite); release build")
    }

    var markdown: String {
        var text = "| measurement | result | details |\n|---|---|---|\n"
        for (what, result, detail) in rows { text += "| \(what) | \(result) | \(detail) |\n" }
        return text + "\n" + notes.map { "- \($0)" }.joined(separator: "\n") + "\n"
    }
}
