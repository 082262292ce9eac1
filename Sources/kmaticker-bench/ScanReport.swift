import Foundation
import KMATickerInput
import KMATickerModel
import KMATickerParsing

/// `kmaticker-bench --scan DIR`: how many of DIR's pages the parser tells without reading them
/// that they hold no ticker (``TickerParser/prepare(_:)``: the item-character scan, then the
/// ticker evidence scan), and how fast, one core, pages already in memory. With `-v`, each
/// page's verdict.
enum ScanReport {
    static func run(folder: String, listsPages: Bool) throws {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder).sorted() else {
            FileHandle.standardError.write(Data("kmaticker-bench: cannot list \(folder): no such folder, or not readable\n".utf8))
            exit(1)
        }
        let pages = try files.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))) }
        let total = Double(pages.reduce(0) { $0 + $1.count })
        let parser = TickerParser(registry: .asos)
        let captured = zip(files, pages).map { CapturedPage(bytes: $1, origin: PageOrigin(path: $0), mayLackTicker: true) }
        var rejected: [Bool] = []
        var best = Double.infinity
        for _ in 0..<3 {
            let seconds = Measure.seconds { rejected = captured.map { (try? parser.prepare($0))?.cannotHoldTicker ?? false } }
            best = min(best, seconds)
        }
        if listsPages {
            for (file, isRejected) in zip(files, rejected) { print(isRejected ? "rejected" : "read    ", file) }
        }
        let count = rejected.filter { $0 }.count
        print(String(format: "%d of %d pages (%.1f MB) rejected without being read; prepare of all: %.0f MB/s (best of 3, one core)",
                     count, pages.count, total / 1e6, total / 1e6 / best))
    }
}
