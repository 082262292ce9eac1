import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerModel
@testable import KMATickerParsing

/// Issue 21: real Korean weather writing (Fixtures/prose: 81 excerpts of news articles, TV
/// weather scripts, English and French pages, 10 of them also wrapped in HTML) gives no
/// observation. Each page names stations next to temperatures in the forms articles use —
/// lists inside sentences, △/▲ bullet lists, pairs and ranges, forecast tables, `°C` in
/// English and French — and none of them is the KMA ticker. At 5229b6a, 75 of the 81 pages
/// gave 351 observations (Fixtures/prose/README.md).
@Suite struct RealNegativesTests {
    static let folder = "prose"

    /// Every page of the corpus, text and HTML.
    static let pages: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.url(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".html") }.sorted()
    }()

    /// A fixed time, so that a page's missing or date-only header is no reason to fail.
    static let time = KSTDateTime(year: 2025, month: 1, day: 10, hour: 12, minute: 0)!

    @Test func theCorpusIsThere() {
        // 81 text pages and 10 HTML pages; a folder that went missing must not pass as "no rows".
        #expect(Self.pages.filter { $0.hasSuffix(".txt") }.count == 81)
        #expect(Self.pages.filter { $0.hasSuffix(".html") }.count == 10)
    }

    @Test func everyPageNamesItsSource() throws {
        let sources = try String(contentsOf: Fixtures.url(Self.folder + "/SOURCES.csv"), encoding: .utf8)
        // `file,url,…`: the file name has no comma; a URL with one is quoted.
        let rows = sources.split(separator: "\n").dropFirst()
        let byFile = Dictionary(rows.map { row in
            let file = row.prefix { $0 != "," }
            let rest = row.dropFirst(file.count + 1)
            let url = rest.hasPrefix("\"") ? rest.dropFirst().prefix { $0 != "\"" } : rest.prefix { $0 != "," }
            return (String(file), String(url))
        }, uniquingKeysWith: { first, _ in first })
        for page in Self.pages {
            let url = try #require(byFile[page], "\(page) has no row in SOURCES.csv")
            #expect(url.hasPrefix("http://") || url.hasPrefix("https://"), "\(page): \(url)")
        }
    }

    /// Read in regions (the default) and whole: no page is a ticker, not even a malformed one.
    @Test(arguments: pages, [true, false])
    func weatherProseGivesNoObservation(page: String, readsRegions: Bool) throws {
        let bytes = try Fixtures.bytes(Self.folder + "/" + page)
        let parser = TickerParser(registry: .asos, readsRegions: readsRegions)
        do {
            let parsed = try parser.parse(bytes, file: page, time: Self.time)
            Issue.record("\(page): \(parsed.observations.count) observations from weather prose, the first \(String(describing: parsed.observations.first))")
        } catch .noTicker {
            // Expected: prose is no ticker.
        } catch {
            Issue.record("\(page): \(error), expected no ticker")
        }
    }
}
