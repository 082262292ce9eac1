import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerText

/// Reading only the regions of a page (the fast path) gives exactly what reading the whole
/// page gives: observations, their line numbers, the time, the diagnostics.
@Suite struct PageRegionsTests {
    static let fixtures = ["000_24a8cc3d9cd846fc.txt", "markup_li_img_alt.html", "markup_div_spans_euckr.html",
                           "markup_dd_meta_time.html", "markup_table_cells.html"]

    func expectSameBothWays(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let regions = Result { try TickerParser(registry: .asos, readsRegions: true).parse(bytes, file: "p") }
        let whole = Result { try TickerParser(registry: .asos, readsRegions: false).parse(bytes, file: "p") }
        switch (regions, whole) {
        case (.success(let a), .success(let b)): #expect(a == b, sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)", sourceLocation: sourceLocation)
        default: Issue.record("regions: \(regions), whole page: \(whole)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: fixtures)
    func fixturesReadTheSameBothWays(name: String) throws {
        expectSameBothWays(try Fixtures.bytes(name))
    }

    @Test func regionsAreSmallAndSkipScripts() throws {
        // A page of real size: the ticker near the top, a long article, a script with ℃ far below.
        var html = "<html><head><script>" + String(repeating: "var x = 1;\n", count: 2000) + "</script></head><body>"
        html += "<div>최종편집: 2025-08-18 10:40</div><ul><li>흐림서울29.0℃</li><li>맑음대전30.3℃</li></ul><p>기상청 제공</p>"
        html += String(repeating: "<p>다른 기사 본문입니다. 시민들은 더위를 피했다.</p>\n", count: 3000)
        html += "<script>var cache = '맑음부산1.0℃';</script><!-- 흐림광주2.0℃ --></body></html>"
        let page = try PageReader().decode(Array(html.utf8))
        let regions = try #require(PageRegions().html(page.utf8))
        #expect(regions.count == 1)
        #expect(regions[0].count < 8000)
        let text = String(decoding: page.utf8[regions[0]], as: UTF8.self)
        #expect(text.contains("최종편집") && text.contains("맑음대전30.3℃"))
        #expect(!text.contains("var x") && !text.contains("cache") && !text.contains("광주"))
        expectSameBothWays(Array(html.utf8))
    }

    @Test func pageWhoseTimeIsFarFromTheTickerFallsBackToTheWholePage() throws {
        var page = "<html><body><ul><li>흐림서울29.0℃</li><li>맑음대전30.3℃</li></ul><p>기상청 제공</p>"
        page += String(repeating: "<p>본문 문단입니다. 시민들은 더위를 피했다.</p>\n", count: 2000)
        page += "<footer>최종편집: 2025-08-18 10:40</footer></body></html>"
        expectSameBothWays(Array(page.utf8))
        #expect(try TickerParser(registry: .asos).parse(Array(page.utf8), file: "p").time.source == .lastEditHeader)
    }

    @Test func tickerWithoutAnyTemperatureFallsBackToTheWholePage() {
        let page = "<html><body><p>최종편집: 2025-08-18 10:40</p><ul><li>맑음대전</li><li>구름조금북창원</li></ul><p>기상청 제공</p></body></html>"
        expectSameBothWays(Array(page.utf8))
    }

    @Test func randomPagesReadTheSameBothWays() {
        var generator = SplitMix64(seed: 77)
        for round in 0..<60 {
            let items = RoundTripPropertyTests.ticker(&generator)
            guard !items.isEmpty else { continue }
            var html = "<html><head><meta charset='utf-8'><script>var c = '맑음서울1.0℃ 흐림부산2.0℃';</script>"
            html += "<style>.t::after{content:'10℃'}</style></head><body>"
            if round % 3 == 0 { html += "<div>최종편집: 2025-08-18 10:40</div>" }
            html += String(repeating: "<p>기사 \(round): 오늘 대전은 30.3℃까지 올랐다.</p>\n", count: Int(generator.next() % 40))
            html += "<ul class='w'>" + items.map { "<li>" + RoundTripPropertyTests.text($0, unit: "℃") + "</li>\n" }.joined() + "</ul>"
            html += String(repeating: "<p>다른 기사 본문입니다.</p>\n", count: Int(generator.next() % 400))
            if round % 3 == 1 { html += "<footer>UPDATE : 2025.8.18 월 10:40</footer>" }
            html += "</body></html>"
            expectSameBothWays(Array(html.utf8))
        }
    }

    /// Pages with no Hangul and no unit (most of a crawl) are passed over without parsing; a
    /// page with any one Hangul syllable, jamo, unit or reference that may be one is parsed.
    /// Both ways agree on pages built around every such near miss.
    @Test func pagesWithoutHangulOrUnitsAreNoTickerBothWays() {
        let english = "<html><head><meta charset='utf-8'><title>News – “today”</title></head><body>"
            + String(repeating: "<p>Markets rose 3.2% on Tuesday; it was 30 degrees &amp; sunny in Seoul — café prices held.</p>\n", count: 300)
        let nearMisses = ["", "맑음대전30.3℃", "30.3℃", "30.3&#8451;", "&#xB300;&#xC804; 30.3&deg;C", "대전", "27.8°", "27.8º", "27.8˚C",
                          "\u{1103}\u{1161}\u{11AB}\u{110C}\u{1165}\u{11AB} 30.3℃", "84.7℉", "&#45824;&#51204;", "&ordm;", "&ring;",
                          "최종편집: 2025-08-18 10:40 • 맑음대전30.3℃", "&#12345678;", "ㄷㅈ 30", "30.3&deg;C", "-철원",
                          // Tickers with no unit at all: only Hangul (as text, NFD jamo, references) says so.
                          "구름조금북창원", "맑음 서울</li><li>흐림 부산", "흐림속초27.8", "&#47569;&#51020;&#45824;&#51204;",
                          "맑음대전".decomposedStringWithCanonicalMapping]
        for nearMiss in nearMisses {
            for page in [english + "<ul><li>" + nearMiss + "</li></ul></body></html>", "최종편집: 2025-08-18 10:40\n" + nearMiss + "\n"] {
                expectSameBothWays(Array(page.utf8))
            }
        }
        #expect(throws: PageError.noTicker(notTickers: [])) { try TickerParser(registry: .asos).parse(Array((english + "</body></html>").utf8), file: "p") }
        // In any charset: the check is made on the page decoded to UTF-8.
        let euckr = Array(english.utf8) + [0xB4, 0xEB, 0xC0, 0xFC, 0x20, 0x33, 0x30, 0x2E, 0x33, 0xA1, 0xC9]
        expectSameBothWays(euckr)
    }

    /// The units' byte scan (C, SSE2) finds what PCRE2 finds for the alternation of the region
    /// markers the Swift table names (``TickerVocabulary``), on bytes made of every unit's
    /// spelling, their broken halves, Hangul, quotes and `&` references, at every alignment
    /// (16-byte blocks) and past 256 units (its second call with more room).
    @Test func unitScanFindsWhatPCRE2Finds() throws {
        let markers = TickerVocabularyHeader.regionMarkers.map(\.bytes)
        let pattern = try PCRE2Regex(TickerVocabularyHeader.regionMarkers.map { "\\Q\($0.spelling)\\E" }.joined(separator: "|"), utf: false)
        var pieces: [[UInt8]] = markers + markers.map { Array($0.dropLast()) } + [
            [0xE2, 0x80, 0x9C], Array("&amp;".utf8), Array("비북강릉29.0".utf8), Array("<li>".utf8), Array(" ".utf8), [0xC2, 0xA0]]
        pieces += TickerVocabulary.units.map { Array(String($0.sign).utf8) } + TickerVocabulary.printedForms.map { Array(String($0.printed).utf8) }
        pieces += TickerVocabulary.references.map { Array($0.spelling.utf8) }
        var generator = SplitMix64(seed: 0x554E_4954)
        for round in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(generator.next() % (round % 10 == 0 ? 2000 : 60)) {
                bytes += pieces[Int(generator.next() % UInt64(pieces.count))]
            }
            bytes.withUnsafeBufferPointer { buffer in
                #expect(PageRegions.unitStarts(in: buffer) == pattern.matchStarts(inBytes: buffer), "round \(round)")
            }
        }
    }
}
