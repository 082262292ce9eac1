import Foundation
import KMATickerModel
import KMATickerParsing
import KMATickerText

/// `kmaticker-bench --profile DIR`: where one page's time goes, stage by stage, over the first
/// 200 pages of DIR, in this process.
enum Profile {
    static func run(folder: String) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().prefix(200)
        let pages = try files.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))) }
        let total = Double(pages.reduce(0) { $0 + $1.count })
        func stage(_ name: String, _ body: () throws -> Void) rethrows {
            let seconds = try Measure.seconds(body)
            print(name.padding(toLength: 40, withPad: " ", startingAt: 0),
                  String(format: "%6.0f MB/s  %6.3f ms/page", total / 1e6 / seconds, seconds * 1000 / Double(pages.count)))
        }
        let reader = PageReader()
        var decoded: [PageReader.DecodedPage] = []
        try stage("decode: gunzip, charset, UTF-8") { decoded = try pages.map { try reader.decode($0) } }
        var texts: [PageText] = []
        try stage("text of the whole page (libxml2)") { texts = try decoded.map { try reader.text(of: $0, regionsOnly: false) } }
        var regions: [[Range<Int>]?] = []
        stage("find regions (byte search)") { regions = decoded.map { reader.regions(of: $0) } }
        print("  region bytes per page:", regions.map { ($0 ?? []).map(\.count).reduce(0, +) }.reduce(0, +) / max(1, regions.count),
              "in", regions.map { $0?.count ?? 0 }.reduce(0, +) / max(1, regions.count), "regions")
        var regionTexts: [PageText] = []
        try stage("text of the regions only") { regionTexts = try decoded.map { try reader.text(of: $0, regionsOnly: true) } }
        print("  regions' lines per page:", regionTexts.map(\.lines.count).reduce(0, +) / max(1, regionTexts.count),
              "of", texts.map(\.lines.count).reduce(0, +) / max(1, texts.count))
        let parser = TickerParser(registry: .asos)
        try stage("parse lines: ticker, time, inference") { for text in regionTexts { _ = try parser.parse(text, file: "p") } }
        try stage("whole: TickerParser.parse(bytes)") { for page in pages { _ = try parser.parse(page, file: "p") } }
        stage("SHA-256 of the file") { for page in pages { _ = SHA256Digest.hex(of: page) } }
    }
}
