import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerInput
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerText

/// Issue 23: a Korean page without a ticker is rejected by a byte scan (``TickerEvidenceScan``)
/// instead of being read whole. The scan is a necessary condition: no page the full reader reads
/// (a ticker, or a malformed one) may be rejected. One test per part of the rule, then the
/// differential over every fixture, real page, generated rendering and generated prose page,
/// counting what is rejected so that a scan that rejects nothing fails too.
@Suite struct TickerEvidenceScanTests {
    static let scan = TickerEvidenceScan(registry: .asos)

    static func finding(_ text: String, markup: Bool = true) -> TickerEvidenceScan.Finding {
        scan.scan(Array(text.utf8), markup: markup)
    }

    static func mayHold(_ text: String, markup: Bool = true) -> Bool { finding(text, markup: markup).mayHoldTicker }

    // MARK: The parts of the rule

    @Test func aTickerPasses() {
        #expect(Self.mayHold("흐림속초27.8℃ 비북강릉29.0℃ 구름조금북창원 흐림26.8℃", markup: false))
        #expect(Self.mayHold("<ul><li>흐림속초27.8&#8451;</li><li>비북강릉29.0&#8451;</li></ul><p>기상청 제공</p>"))
        #expect(Self.mayHold(Array(repeating: "<li>맑음서울 3.0&#8451;</li>", count: 4).joined()))
    }

    /// Part 1: a ticker names its stations.
    @Test func withoutAStationNameThePageIsRejected() {
        let nameless = "<li>흐림 27.8℃</li><li>비 29.0℃</li><p>기상청 제공</p>"
        #expect(Self.finding(nameless).names == 0)
        #expect(!Self.mayHold(nameless))
        #expect(Self.mayHold(nameless + "<li>맑음서울 3.0℃</li>"))
    }

    /// Part 2: an item that is evidence on its own (a unit, or parts next to each other).
    @Test func withoutAnItemOfItsOwnThePageIsRejected() {
        // A name, the credit, condition words, but no number, unit or two parts together.
        let page = "<p>서울시청 앞에서 행사가 열렸다. 맑음 같은 날씨를 기다린다. 흐림 없이.</p><p>기상청 제공</p>"
        let finding = Self.finding(page)
        #expect(finding.names == 1 && finding.credit && finding.conditions == 2 && !finding.evidence)
        #expect(!finding.mayHoldTicker)
        // Each thing that makes an item of its own.
        for addition in ["<p>27.8℃</p>", "<p>3도</p>", "<p>3 <b>도</b></p>", "<p>29.3&deg;</p>", "<p>29.3&#176;</p>",
                         "<p>대전 31</p>", "<p>대전 -</p>", "<p>흐림대전</p>", "<p>흐림 <span>대전</span></p>",
                         "<p>대전 <img src=\"x.gif\" alt=\"흐림\"></p>", "<p>-대전</p>", "<p>−대전</p>",
                         "<p>맑음신도시28.0</p>", "<p>대전 영하 3</p>", "<p>대전 ３１．５</p>"] {
            #expect(Self.finding(page + addition).evidence, "\(addition)")
        }
        // Things that do not: a name in a word, a hyphen of a word, a number far off.
        for addition in ["<p>대전시청 앞 광장</p>", "<p>a-대전</p>", "<p>대전 시청 앞 20곳</p>"] {
            #expect(!Self.finding(page + addition).evidence, "\(addition)")
        }
    }

    /// Part 3: the credit, or two condition words and four names (a block without the credit
    /// needs ten items, one in six with a condition word, in passes that each print a name).
    @Test func withoutTheCreditOrTwoConditionWordsAndFourNamesThePageIsRejected() {
        let fourNames = "<p>서울 27.8℃ 대전 3.0℃ 부산 4.0℃ 광주 5.0℃</p>"
        #expect(Self.finding(fourNames + "<p>맑음</p>").conditions == 1)
        #expect(!Self.mayHold(fourNames + "<p>맑음</p>"))
        #expect(Self.mayHold(fourNames + "<p>맑음</p><p>흐림</p>"))
        // Three names and two condition words: a ticker needs the credit then.
        let threeNames = "<p>서울 27.8℃ 대전 3.0℃ 부산 4.0℃</p><p>맑음</p><p>흐림</p>"
        #expect(Self.finding(threeNames).names == 3)
        #expect(!Self.mayHold(threeNames))
        // With the credit, one name and no condition word may be a ticker.
        let oneName = "<p>서울 27.8℃</p>"
        #expect(!Self.mayHold(oneName))
        #expect(Self.mayHold(oneName + "<p>기상청 제공</p>"))
        #expect(Self.mayHold(oneName + "<p>기상청 <b>제공</b></p>"))
        #expect(Self.mayHold(oneName + "<p>기상청 제<b>공</b></p>"))
        #expect(Self.mayHold(oneName + "<p>기상청\u{200B}제공</p>"))
        #expect(!Self.mayHold(oneName + "<p>기상청은 밝혔다</p>"))
        // A placeholder before a name counts as a condition word.
        #expect(Self.mayHold(fourNames + "<p>맑음</p><p>-동두천</p>"))
    }

    /// `비가`, `눈이` start words; `비 `, `비북강릉`, `비3.0` are conditions (the tokenizer's rule).
    @Test func oneSyllableConditionsGluedToAWordAreNone() {
        #expect(Self.finding("<p>서울 27.8℃ 비가 오고 눈이 온다</p>").conditions == 0)
        #expect(Self.finding("<p>서울 27.8℃ 비 오고 눈 온다</p>").conditions == 2)
        #expect(Self.finding("<p>비북강릉 29.0℃</p>").conditions == 1)
        #expect(Self.finding("<p>비 또는 눈</p>").conditions >= 1)
    }

    /// Words split by markup or by scalars the tokenizer drops are read as the tokenizer reads them.
    @Test func wordsAreReadAsTheTextReaderJoinsThem() {
        #expect(Self.finding("<p>서<b>울</b> 27.8℃</p>").names == 1)
        #expect(Self.finding("<p>서\u{200B}울 27.8℃</p>").names == 1)
        #expect(Self.finding("<p>흐<i>림</i>서울 27.8℃</p>").conditions == 1)
        #expect(Self.finding("<p>기상<b>청</b> 제공</p>").credit)
    }

    /// What the scan cannot judge, it keeps.
    @Test func whatTheScanCannotJudgeIsRead() {
        for page in ["<p>\u{1112}\u{1173}\u{1105}\u{1175}\u{11B7}</p>",  // 흐림 in conjoining jamo
                     "<p>&#xD750;&#xB9BC;</p>", "<p>&#49436;&#50872;</p>",  // Hangul by reference
                     "<p>서&shy;울</p>", "<p>서&#8203;울</p>",
                     "<iframe srcdoc=\"&lt;li&gt;흐림속초27.8℃\"></iframe>"] {
            #expect(Self.finding(page).unsure, "\(page)")
        }
    }

    /// A tag is looked through up to 8 KB (a page of unclosed tags would cost a search to its
    /// end at every word); past that, the scan keeps the page.
    @Test func aTagTooLongToLookThroughKeepsThePage() {
        let long = String(repeating: "x", count: 9000)
        #expect(Self.finding("<p>서<span title=\"\(long)\">울</span> 27.8℃</p>").unsure)
        #expect(Self.finding("<p>서울 <span title=\"\(long)\">27.8</span></p>").evidence)
        #expect(Self.finding("<p>서울 <a \(long)").evidence)
        // A short one is looked through.
        #expect(!Self.finding("<p>서울 <span title=\"x\">시청</span></p>").evidence)
    }

    /// Pages an adversarial tester built in two rounds (issue 23's review): real tickers the
    /// reader reads whole that the scan rejected. The credit with another space between its words (`&ensp;`,
    /// U+202F, `&NBSP;`), in an `alt`, or split by a tag with `>` in an attribute; condition
    /// words with a space other than U+0020 inside (`구름&nbsp;많음`, a tab, a tag); the `-`
    /// placeholder as a reference (`&minus;`); `비` before a name split by `<wbr>` or U+200B.
    static let stationsAndValues = [("속초", "27.8"), ("철원", "28.2"), ("동두천", "28.0"), ("파주", "29.4"), ("대관령", "22.2"),
                                    ("춘천", "26.7"), ("백령도", "27.6"), ("북강릉", "29.0"), ("강릉", "29.4"), ("동해", "29.5")]
    static func ten(_ item: (String, String) -> String) -> String {
        "<ul>" + stationsAndValues.map { "<li>" + item($0.0, $0.1) + "</li>" }.joined() + "</ul>"
    }
    static let adversarialTickers: [(page: String, markup: Bool)] = [
        ("<p>맑음서울29.3℃</p><p>기상청&ensp;제공</p>", true),
        ("<p>맑음서울29.3℃</p><p><img src=\"kma.png\" alt=\"기상청\"> 제공</p>", true),
        ("맑음서울29.3℃\n기상청&NBSP;제공\n", false),
        ("맑음서울29.3℃\n기상청\u{202F}제공\n", false),
        ("<p>맑음서울29.3℃</p><p>기상청 <a href=\"/kma\" title=\"a>b\">제공</a></p>", true),
        ("<p>맑음서울29.3℃</p><p>기상청<style>p{}</style>제공</p>", true),
        (ten { "구름&nbsp;많음\($0)\($1)℃" }, true),
        (stationsAndValues.map { "구름\t많음\($0.0)\($0.1)℃" }.joined(separator: "\n"), false),
        (ten { "구름 <b>많음</b>\($0)\($1)℃" }, true),
        (ten { "&minus;\($0) \($1)℃" }, true),
        (ten { "&#45;\($0) \($1)℃" }, true),
        (ten { name, value in "비\(name.prefix(1))<wbr>\(name.dropFirst())\(value)℃" }, true),
        (stationsAndValues.map { "비\($0.0.prefix(1))\u{200B}\($0.0.dropFirst())\($0.1)℃" }.joined(separator: "\n"), false),
        // A second round: a word split by an element the reader leaves out, completed or begun
        // by an `alt`, split by a tag with `>` in a quoted attribute or by a control byte
        // libxml2 drops; the placeholder after the name, or behind a comment holding `<`.
        ("<p>흐림속<script>1</script>초27.8℃ 기상청 제공</p>", true),
        ("<p>흐림속초27.8℃ 기상<style>b{}</style>청 제공</p>", true),
        (ten { "흐<object>1</object>림\($0)\($1)℃" }, true),
        (ten { "-<script>1</script>\($0) \($1)℃" }, true),
        ("<p>흐림속<img alt=\"초\">27.8℃ 기상청 제공</p>", true),
        ("<ul><li>흐림<img src=\"w.png\" alt=\"속\">초27.8℃</li></ul><p>기상청 제공</p>", true),
        ("<ul><li>흐림속초27.8℃</li><li>구름많음철원28.2℃</li></ul><p>기상청 <img src=\"w.png\" alt=\"제\">공</p>", true),
        ("<p>흐림속<b title=\"a>b\">초</b>27.8℃ 기상청 제공</p>", true),
        ("<p>흐림속\u{01}초27.8℃ 기상청 제공</p>", true),
        (stationsAndValues.map { "\($0.0) -\n\($0.1)℃" }.joined(separator: "\n"), false),
        ("<table>" + stationsAndValues.map { "<tr><td>\($0.0)<td>-<td>\($0.1)℃" }.joined() + "</table>", true),
        (ten { "-<!--<b>-->\($0) \($1)℃" }, true),
    ]

    @Test(arguments: 0..<adversarialTickers.count)
    func anAdversarialTickerIsRead(index: Int) throws {
        let (page, markup) = Self.adversarialTickers[index]
        // The reader, whole, reads it as a ticker: so the scan must keep it.
        let parsed = try TickerParser(registry: .asos, readsRegions: false)
            .parse(Array(page.utf8), file: markup ? "p.html" : "p.txt", time: Self.time)
        #expect(!parsed.observations.isEmpty)
        #expect(Self.mayHold(page, markup: markup), "\(Self.finding(page, markup: markup))")
    }

    /// Tags chained by stray `>` (`<b>도><b>도>…`) made the look back for a number before `도`
    /// walk to the page's start at every `도`; it stops at 4 KB and says "may".
    @Test func aLongWalkBackSaysMay() {
        let page = "<html><body>" + String(repeating: "<b>도>", count: 5000) + "</body></html>"
        #expect(Self.finding(page).evidence)
    }

    /// A text capture has no markup: `<` is text there.
    @Test func aTextCaptureHasNoTags() {
        #expect(Self.finding("서울 < 27.8℃", markup: false).evidence)
        #expect(Self.finding("서울 <b 27.8℃ >", markup: false).evidence)
    }

    // MARK: No page the full reader reads is rejected

    /// A fixed time, so that a page's missing header is no reason to fail.
    static let time = KSTDateTime(year: 2025, month: 1, day: 10, hour: 12, minute: 0)!

    /// What the full reader (whole pages) and the scan say of one page.
    struct Verdict {
        var read: Bool
        var rejected: Bool
    }

    static func verdict(_ bytes: [UInt8], file: String, whole: TickerParser, regions: TickerParser) -> Verdict? {
        let read: Bool
        do {
            let page = try whole.parse(bytes, file: file, time: time)
            read = !page.observations.isEmpty
        } catch .noTicker {
            read = false
        } catch .empty, .blank, .binary, .undecodable, .tooLarge {
            return nil  // not a page: the scan is never asked
        } catch {
            read = true  // a malformed ticker, or a ticker without a time: the reader read it
        }
        guard let prepared = try? regions.prepare(CapturedPage(bytes: bytes, origin: PageOrigin(path: file))),
              prepared.decoded.format != .feed else { return nil }
        return Verdict(read: read, rejected: prepared.cannotHoldTicker)
    }

    /// Tallies of a corpus.
    struct Tally: CustomStringConvertible {
        var pages = 0, read = 0, negatives = 0, rejected = 0
        var wronglyRejected: [String] = []
        mutating func add(_ verdict: Verdict?, _ name: String) {
            guard let verdict else { return }
            pages += 1
            if verdict.read { read += 1 } else { negatives += 1 }
            if verdict.rejected { rejected += 1 }
            if verdict.read && verdict.rejected { wronglyRejected.append(name) }
        }
        var description: String { "\(pages) pages, \(read) read, \(negatives) without a ticker, \(rejected) rejected by the scan" }
    }

    static func fixturePages(in folder: String, suffixes: [String]) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.url(folder).path)) ?? []
        return names.filter { name in suffixes.contains { name.hasSuffix($0) } }.sorted().map { folder.isEmpty ? $0 : folder + "/" + $0 }
    }

    @Test func noFixturePageTheReaderReadsIsRejected() throws {
        let whole = TickerParser(registry: .asos, readsRegions: false), regions = TickerParser(registry: .asos)
        var tickers = Tally(), prose = Tally()
        let tickerPages = Self.fixturePages(in: "", suffixes: [".html", ".txt"]) + Self.fixturePages(in: "forms", suffixes: [".html", ".txt"])
            + Self.fixturePages(in: "archives", suffixes: [".html"])
        for name in tickerPages {
            tickers.add(Self.verdict(try Fixtures.bytes(name), file: name, whole: whole, regions: regions), name)
        }
        for name in Self.fixturePages(in: RealNegativesTests.folder, suffixes: [".html", ".txt"]) {
            prose.add(Self.verdict(try Fixtures.bytes(name), file: name, whole: whole, regions: regions), name)
        }
        #expect(tickers.wronglyRejected.isEmpty, "rejected, yet read: \(tickers.wronglyRejected)")
        #expect(prose.wronglyRejected.isEmpty, "rejected, yet read: \(prose.wronglyRejected)")
        // The seed, the four markup fixtures, the 28 forms and the 3 saved pages of the archive
        // fixtures are all read; none of them is rejected.
        #expect(tickers.pages == 36 && tickers.read == 36, "\(tickers)")
        // Real weather articles: the scan rejects some and keeps the rest for the reader.
        #expect(prose.negatives == 91, "\(prose)")
        #expect(prose.rejected > 0, "\(prose)")
        print("TickerEvidenceScan on fixtures — tickers: \(tickers); weather articles: \(prose)")
    }

    @Test func noRenderingIsRejected() {
        let whole = TickerParser(registry: .asos, readsRegions: false), regions = TickerParser(registry: .asos)
        var tally = Tally()
        for index in 0..<300 {
            let seed = TickerRenderer.seed(forRendering: index, runSeed: TickerRenderingPropertyTests.defaultSeed ^ 0xE71D)
            for prose in [false, true] {
                let rendering = TickerRenderer.rendering(seed: seed, prose: prose)
                tally.add(Self.verdict(Array(rendering.page.utf8), file: rendering.fileName, whole: whole, regions: regions),
                          "seed \(String(seed, radix: 16)), prose \(prose)")
            }
        }
        #expect(tally.wronglyRejected.isEmpty, "rejected, yet read: \(tally.wronglyRejected.prefix(10))")
        #expect(tally.read == tally.pages, "\(tally)")
    }

    @Test func generatedProseIsRejectedOrRead() {
        let whole = TickerParser(registry: .asos, readsRegions: false), regions = TickerParser(registry: .asos)
        var tally = Tally()
        for index in 0..<300 {
            let page = WeatherProse.page(seed: TickerRenderer.seed(forRendering: index, runSeed: 0x5CA4))
            tally.add(Self.verdict(Array(page.text.utf8), file: page.fileName, whole: whole, regions: regions), "prose \(index)")
        }
        #expect(tally.wronglyRejected.isEmpty, "rejected, yet read: \(tally.wronglyRejected.prefix(10))")
        #expect(tally.negatives == tally.pages)
        print("TickerEvidenceScan on generated weather prose: \(tally)")
    }
}
