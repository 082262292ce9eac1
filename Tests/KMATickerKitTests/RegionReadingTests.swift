import Foundation
import Testing
import KMATickerInput
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerText

/// The text layer decides how much of a page is read (``PageReader/read(_:regionsFirst:regions:wholePage:)``):
/// the regions first, and the whole page only when the parser's ``RegionVerdict`` says they do
/// not settle it. No error is a signal to read again: one thrown while reading the regions is
/// the page's answer.
@Suite struct RegionReadingTests {
    /// A page of real size with its ticker and time near the top, so that it has regions.
    static let page: [UInt8] = {
        var html = "<html><body><div>최종편집: 2025-08-18 10:40</div><ul><li>흐림서울29.0℃</li><li>맑음대전30.3℃</li></ul>"
        html += "<p>기상청 제공</p>" + String(repeating: "<p>다른 기사 본문입니다. 시민들은 더위를 피했다.</p>\n", count: 3000)
        return Array((html + "</body></html>").utf8)
    }()

    /// What each part of a reading was given.
    final class Log {
        var regions: [PageText] = []
        var wholePages: [PageText] = []
    }

    func read(_ bytes: [UInt8], regionsFirst: Bool = true, verdict: RegionVerdict<String>) throws(PageError) -> (String, Log) {
        let reader = PageReader(), log = Log()
        let output = try reader.read(try reader.decode(bytes), regionsFirst: regionsFirst,
                                     regions: { text throws(PageError) -> RegionVerdict<String> in
                                         log.regions.append(text)
                                         return verdict
                                     },
                                     wholePage: { text throws(PageError) -> String in
                                         log.wholePages.append(text)
                                         return "whole"
                                     })
        return (output, log)
    }

    @Test func regionsThatSettleThePageAreAllThatIsRead() throws {
        let (output, log) = try read(Self.page, verdict: .settled("regions"))
        #expect(output == "regions")
        #expect(log.regions.count == 1 && log.wholePages.isEmpty)
        // Only the regions: the long article below the ticker is not among the lines.
        let lines = log.regions[0].lines
        #expect(lines.contains(.regionBreak) && lines.count < 100)
        #expect(lines.map(\.text).contains("흐림서울29.0℃"))
    }

    @Test func regionsThatDoNotSettleThePageHaveItReadWhole() throws {
        let (output, log) = try read(Self.page, verdict: .readWholePage)
        #expect(output == "whole")
        #expect(log.regions.count == 1 && log.wholePages.count == 1)
        #expect(!log.wholePages[0].lines.contains(.regionBreak) && log.wholePages[0].lines.count > 3000)
        #expect(log.wholePages[0] == (try PageReader().read(Self.page)))
    }

    /// A page with no unit outside hidden elements has no regions: it is read whole once, and
    /// the parser is never asked about regions.
    @Test func pageWithoutRegionsIsReadWholeOnce() throws {
        let page = Array("<html><body><p>최종편집: 2025-08-18 10:40</p><ul><li>맑음대전</li><li>구름조금북창원</li></ul></body></html>".utf8)
        let (output, log) = try read(page, verdict: .settled("regions"))
        #expect(output == "whole")
        #expect(log.regions.isEmpty && log.wholePages.count == 1)
    }

    @Test func readingWholePagesNeverAsksAboutRegions() throws {
        let (output, log) = try read(Self.page, regionsFirst: false, verdict: .settled("regions"))
        #expect(output == "whole")
        #expect(log.regions.isEmpty && log.wholePages.count == 1)
    }

    /// An error while reading the regions is not a request to read the whole page.
    @Test func errorFromTheRegionsIsTheAnswer() {
        let reader = PageReader()
        var wholePageRead = false
        #expect(throws: PageError.noTime) {
            try reader.read(try reader.decode(Self.page), regionsFirst: true,
                            regions: { _ throws(PageError) -> RegionVerdict<Int> in throw .noTime },
                            wholePage: { _ throws(PageError) -> Int in
                                wholePageRead = true
                                return 0
                            })
        }
        #expect(!wholePageRead)
    }

    /// The parser's verdicts: settled by the regions when the ticker and a time of a kind they
    /// settle are in them; the whole page otherwise (a ticker at a region's edge, a time far
    /// below). Both give what reading the whole page gives.
    @Test func tickerParserSettlesOnlyWhatTheRegionsHold() throws {
        var farTime = "<html><body><ul><li>흐림서울29.0℃</li><li>맑음대전30.3℃</li></ul><p>기상청 제공</p>"
        farTime += String(repeating: "<p>본문 문단입니다. 시민들은 더위를 피했다.</p>\n", count: 2000)
        farTime += "<footer>최종편집: 2025-08-18 10:40</footer></body></html>"
        for (bytes, settled) in [(Self.page, true), (Array(farTime.utf8), false)] {
            let reader = PageReader()
            let regionText = try reader.text(of: try reader.decode(bytes), regionsOnly: true)
            let verdict = try TickerParser(registry: .asos).parse(regionsOf: regionText, file: "p", hints: CaptureHints(), options: TimeOptions())
            if case .settled = verdict { #expect(settled) } else { #expect(!settled) }
            let regions = try TickerParser(registry: .asos, readsRegions: true).parse(bytes, file: "p")
            let whole = try TickerParser(registry: .asos, readsRegions: false).parse(bytes, file: "p")
            #expect(regions == whole)
            #expect(regions.observations.count == 2 && regions.time.source == .lastEditHeader)
        }
    }
}
