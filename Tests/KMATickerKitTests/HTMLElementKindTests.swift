import Foundation
import Testing
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerText

/// One element table (``HTMLElementKind``) for the HTML extractor and the region scan: a unit
/// the extractor reads is never hidden from the scan, and one it does not read never draws a
/// region. `<textarea>` and SVG's `<text>` are read, as a browser shows them; SVG's `<title>`,
/// which a browser does not draw, is not.
@Suite struct HTMLElementKindTests {
    /// A page with a marker `‹n›℃` inside every element of the table and the SVG ones, each in a
    /// place where a browser would keep it; the markers' names, by number.
    static func pageWithEveryElement() -> (html: String, markers: [String]) {
        var markers: [String] = []
        func marker(_ name: String) -> String {
            markers.append(name)
            return "‹\(markers.count - 1)›℃"
        }
        var html = "<html><head><title>\(marker("head title"))</title><style>.a::after{content:'\(marker("head style"))'}</style>"
        html += "<meta property='og:updated_time' content='\(marker("meta content"))'></head><body>\n"
        let placedByHand: Set<String> = ["html", "head", "body", "title", "desc", "metadata", "caption", "tbody", "td", "tfoot",
                                         "th", "thead", "tr", "table", "option", "select", "li", "dt", "dd"]
        for name in HTMLElementKind.table.keys.sorted() where !placedByHand.contains(name) {
            html += "<\(name)>\(marker(name))</\(name)>\n"
        }
        html += "<table><caption>\(marker("caption"))</caption><thead><tr><th>\(marker("th"))</th></tr></thead>"
        html += "<tbody><tr><td>\(marker("td"))</td></tr></tbody><tfoot><tr><td>\(marker("tfoot td"))</td></tr></tfoot></table>\n"
        html += "<ul><li>\(marker("li"))</li></ul><dl><dt>\(marker("dt"))</dt><dd>\(marker("dd"))</dd></dl>\n"
        html += "<select><option>\(marker("option in select"))</option></select>\n"
        html += "<textarea name='memo'>\(marker("textarea")) <b>\(marker("b in textarea"))</b></textarea>\n"
        html += "<svg viewBox='0 0 10 10'><title>\(marker("svg title"))</title><desc>\(marker("svg desc"))</desc>"
        html += "<metadata>\(marker("svg metadata"))</metadata><style>\(marker("svg style"))</style>"
        html += "<text x='1' y='2'>\(marker("svg text"))<tspan>\(marker("svg tspan"))</tspan></text>"
        html += "<g><text>\(marker("svg text in g"))</text></g></svg>\n"
        html += "<span>\(marker("span"))<svg><use href='#sun'/></svg>\(marker("span after an icon"))</span>\n"
        html += "</body></html>"
        return (html, markers)
    }

    @Test func regionScanAndExtractorAgreeOnEveryElement() throws {
        let (html, markers) = Self.pageWithEveryElement()
        let bytes = Array(html.utf8)
        let read = HTMLTextExtractor.read(utf8: bytes).lines.map(\.text).joined(separator: "\n")
        let hidden = bytes.withUnsafeBufferPointer { PageRegions.hiddenRanges($0) }
        let units = bytes.withUnsafeBufferPointer { PageRegions.unitStarts(in: $0) }
        #expect(units.count == markers.count)
        var shown: [String] = []
        for (number, name) in markers.enumerated() {
            let printed = "‹\(number)›℃"
            // Where its `℃` starts.
            let offset = try #require(bytes.firstRange(of: Array(printed.utf8))).upperBound - 3
            #expect(units.contains(offset), "\(name)")
            let extracted = read.contains(printed)
            let scanned = !hidden.contains { $0.contains(offset) }
            #expect(extracted == scanned, "\(name): the extractor \(extracted ? "reads" : "leaves out") its text, the region scan \(scanned ? "counts" : "hides") its unit")
            if extracted { shown.append(name) }
        }
        // What a browser shows.
        for name in ["textarea", "b in textarea", "svg text", "svg tspan", "svg text in g", "span", "span after an icon", "noscript", "template", "div", "td"] {
            #expect(shown.contains(name), "\(name)")
        }
        for name in ["head title", "head style", "script", "style", "svg title", "svg desc", "svg metadata", "svg style", "option in select", "object", "iframe"] {
            #expect(!shown.contains(name), "\(name)")
        }
    }

    /// `<textarea>` is a line of its own; SVG's `<text>` runs with the text around it, and an
    /// SVG icon glued to an item's words does not split the item (as when SVG was skipped).
    @Test func textareaAndSVGTextAreReadAsABrowserShowsThem() throws {
        let html = """
            <html><body><div>앞<textarea>흐림서울29.0℃</textarea>뒤</div>
            <ul><li>맑음<svg class="icon"><title>해</title><use href="#sun"/></svg>대전30.3℃</li>
            <li><svg><text>흐림</text></svg>부산27.1℃</li></ul></body></html>
            """
        let lines = try PageReader().read(Array(html.utf8)).lines.map(\.text)
        #expect(lines == ["앞", "흐림서울29.0℃", "뒤", "맑음대전30.3℃", "흐림부산27.1℃"])
    }

    /// Tickers printed in a textarea and in SVG text, with units in SVG titles, a select and
    /// scripts around them: reading the regions gives what reading the whole page gives.
    @Test func tickersInTextareaAndSVGReadTheSameBothWays() {
        let items = "<li>흐림서울29.0℃</li><li>맑음대전30.3℃</li><li>흐림부산27.1℃</li>"
        let article = String(repeating: "<p>다른 기사 본문입니다. 시민들은 더위를 피했다.</p>\n", count: 400)
        let around = "<svg><title>맑음광주1.0℃</title></svg><select><option>흐림강릉2.0℃</option></select>"
        let pages = [
            "<textarea>흐림서울29.0℃\n맑음대전30.3℃\n흐림부산27.1℃</textarea>",
            "<svg><text>흐림서울29.0℃</text><text>맑음대전30.3℃</text><text>흐림부산27.1℃</text></svg>",
            "<ul>\(items)</ul>",
        ].map { ticker in
            "<html><body><div>최종편집: 2025-08-18 10:40</div>\(around)\(article)\(ticker)<p>기상청 제공</p>\(around)\(article)</body></html>"
        }
        for page in pages {
            PageRegionsTests().expectSameBothWays(Array(page.utf8))
        }
    }
}
