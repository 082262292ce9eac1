import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerParsing
@testable import KMATickerText

/// A text capture whose first character is `<` (`<속보> 기상청 …`, `<날씨>`) is a text capture,
/// not HTML (issue 12: it was read through the HTML parser); a page is HTML when it has markup.
@Suite struct TextCaptureFormatTests {
    static let firstLines = ["<속보> 기상청, 오늘 낮 최고 35도 폭염특보", "<날씨>", "<오늘의 날씨> 전국 대체로 흐림"]

    /// The seed's golden observations with every line number one further on: what the seed
    /// gives with one line put before it.
    static func goldenOneLineDown() throws -> String {
        let golden = try String(contentsOf: Fixtures.url("000_24a8cc3d9cd846fc.observations.csv"), encoding: .utf8)
        return golden.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            guard index >= 2, !line.isEmpty, !line.hasPrefix("#") else { return String(line) }
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[1] = String(Int(fields[1])! + 1)
            return fields.joined(separator: ",")
        }.joined(separator: "\n")
    }

    @Test(arguments: firstLines)
    func captureStartingWithAngleGivesTheSeedsObservations(firstLine: String) throws {
        let bytes = Array((firstLine + "\n").utf8) + (try Fixtures.bytes(Fixtures.seedName))
        let page = try TickerParser(registry: .asos).parse(bytes, file: "capture.txt")
        #expect(page.format == .text)
        #expect(page.observations.count == 97)
        #expect(SeedGoldenTests.render(page) == (try Self.goldenOneLineDown()))
    }

    /// The first line is kept as it is printed, `<` and all (the HTML parser dropped or
    /// mangled it).
    @Test(arguments: firstLines)
    func theFirstLineIsTextAsPrinted(firstLine: String) throws {
        let text = try PageReader().read(Array((firstLine + "\n최종편집: 2025-08-18 10:40\n  • 맑음대전30.3℃\n").utf8))
        #expect(text.format == .text)
        #expect(text.lines.map(\.text) == [firstLine, "최종편집: 2025-08-18 10:40", "  • 맑음대전30.3℃", ""])
    }

    @Test(arguments: ["<속보>", "<날씨> 흐림", "< 3 >", "<3 기사", "<= 비교", "<<강조>>", "<\n", "<", "<-화살표", "<1보>"])
    func angleWithoutATagIsNotMarkup(start: String) {
        #expect(!PageReader.looksLikeMarkup(Array((start + "\n맑음대전30.3℃\n").utf8)))
    }

    @Test(arguments: ["<!DOCTYPE html><html><body>", "<!doctype html>", "<html lang=\"ko\">", "<HTML>", "<head>",
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<!-- saved page -->\n<div>", "<div class=\"weather\">",
                      "<p>", "<br/>", "<ul>\n<li>", "</div>", "<meta charset=\"utf-8\">", "<span\n class=x>",
                      "  \n\t<html>", "\r\n<!DOCTYPE html>", "<![CDATA[x]]>", "<a href=x>"])
    func markupIsHTML(start: String) {
        #expect(PageReader.looksLikeMarkup(Array((start + "\n맑음대전30.3℃\n").utf8)))
    }

    /// A capture that starts with a bracketed Hangul word but is a page's markup further on (a
    /// server's warning line, then the document) is still HTML.
    @Test func documentTagsNearTheTopStillMakeHTML() {
        #expect(PageReader.looksLikeMarkup(Array("<경고> 캐시된 페이지\n<!DOCTYPE html><html><body><ul><li>맑음대전30.3℃</li></ul>".utf8)))
    }

    @Test func htmlAfterAByteOrderMarkIsHTML() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<html><body><p>최종편집: 2025-08-18 10:40</p><ul><li>맑음대전30.3℃</li></ul></body></html>".utf8)
        let text = try PageReader().read(bytes)
        #expect(text.format == .html)
        #expect(text.lines.map(\.text) == ["최종편집: 2025-08-18 10:40", "맑음대전30.3℃"])
    }
}
