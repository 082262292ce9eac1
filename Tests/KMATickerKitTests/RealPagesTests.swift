import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerInput
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerText

/// The same ticker in every markup, charset and format kmaticker reads gives the same
/// observations; each markup has its golden output.
@Suite struct RealPagesTests {
    static let markups = ["markup_li_img_alt.html", "markup_div_spans_euckr.html",
                          "markup_dd_meta_time.html", "markup_table_cells.html"]

    /// What must agree across formats: station, condition, °C, in order.
    static func values(_ page: TickerPage) -> [String] {
        page.observations.map { "\($0.stationID.map(String.init) ?? "-") \($0.condition ?? "-") \($0.temperatureC.map { "\($0)" } ?? "-")" }
    }

    static func seed() throws -> TickerPage {
        try TickerParser(registry: .asos).parse(try Fixtures.bytes(Fixtures.seedName), file: Fixtures.seedName)
    }

    @Test(arguments: markups)
    func markupMatchesGolden(name: String) throws {
        let page = try TickerParser(registry: .asos).parse(try Fixtures.bytes(name), file: name)
        let base = name.replacingOccurrences(of: ".html", with: "")
        try Fixtures.expectMatchesGolden(SeedGoldenTests.render(page), base + ".observations.csv")
    }

    @Test(arguments: markups)
    func markupGivesTheSeedsObservations(name: String) throws {
        let page = try TickerParser(registry: .asos).parse(try Fixtures.bytes(name), file: name)
        #expect(Self.values(page) == Self.values(try Self.seed()))
        #expect(page.observations.map(\.stationSource) == (try Self.seed()).observations.map(\.stationSource))
        #expect(page.time.time == KSTDateTime(year: 2025, month: 8, day: 18, hour: 10, minute: 40))
        #expect(page.diagnostics.isEmpty)
    }

    @Test func eachMarkupsTimeSourceIsRecorded() throws {
        let sources = try Self.markups.map { try TickerParser(registry: .asos).parse(try Fixtures.bytes($0), file: $0).time.source }
        #expect(sources == [.lastEditHeader, .updatedHeader, .articleModifiedTime, .updatedHeader])
    }

    @Test func utf8HTMLEucKRHTMLNFDTextAndFeedAgree() throws {
        let utf8 = try TickerParser(registry: .asos).parse(try Fixtures.bytes("markup_li_img_alt.html"), file: "u")
        let euckr = try TickerParser(registry: .asos).parse(try Fixtures.bytes("markup_div_spans_euckr.html"), file: "e")
        let seedText = String(decoding: try Fixtures.bytes(Fixtures.seedName), as: UTF8.self)
        let nfd = try TickerParser(registry: .asos).parse(Array(seedText.decomposedStringWithCanonicalMapping.utf8), file: "n")
        let feed = try TickerParser(registry: .asos).parse(try Fixtures.bytes("sfc_web_map.xml"), file: "f")
        #expect(euckr.charset == "CP949")
        #expect(Self.values(utf8) == Self.values(euckr))
        #expect(Self.values(utf8) == Self.values(nfd))
        #expect(Self.values(utf8) == Self.values(feed))
    }

    @Test func cp949OnlySyllablesSurvive() throws {
        let text = try PageReader().read(try Fixtures.bytes("markup_div_spans_euckr.html"))
        #expect(text.charset == "CP949")
        #expect(text.charsetEvidence == .declared)
        #expect(text.lines.contains { $0.text.contains("똠방각하, 뷁") })
    }

    @Test func undeclaredCP949IsRecognizedByItsBytes() throws {
        let page = "<html><body><p>최종편집: 2025-08-18 10:40</p><ul><li>흐림서울29.0℃</li><li>맑음대전30.3℃</li></ul><p>기상청 제공</p><p>똠</p></body></html>"
        let bytes = try #require(page.data(using: .init(rawValue: 0x8000_0422)))  // CP949
        let text = try PageReader().read([UInt8](bytes))
        #expect(text.charset == "CP949")
        #expect(text.charsetEvidence == .fewestErrors)
        #expect(try TickerParser(registry: .asos).parse([UInt8](bytes), file: "x").observations.map(\.stationID) == [108, 133])
    }

    @Test(arguments: ["euc-kr", "EUC-KR", "ks_c_5601-1987", "x-windows-949", "cp949", "korean"])
    func everyEucKRLabelMeansCP949(label: String) throws {
        let page = "<html><head><meta charset=\"\(label)\"></head><body><p>똠</p></body></html>"
        let bytes = [UInt8](try #require(page.data(using: .init(rawValue: 0x8000_0422))))
        let text = try PageReader().read(bytes)
        #expect(text.charset == "CP949")
        #expect(text.lines.map(\.text) == ["똠"])
    }

    @Test func utf16WithBOM() throws {
        let page = "최종편집: 2025-08-18 10:40\n  • 맑음대전30.3℃\n기상청 제공\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + Array(page.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let parsed = try TickerParser(registry: .asos).parse(bytes, file: "utf16.txt")
        #expect(parsed.charset == "UTF-16LE")
        #expect(parsed.observations.first?.temperatureC == 30.3)
    }

    @Test func bytesThatAreNoTextAreRefused() throws {
        // 0x80 and 0xFF start nothing in UTF-8 or CP949. (Most other high-byte pairs are valid
        // CP949, so random high bytes decode as random Hangul and are caught as "no ticker".)
        let junk = (0..<2000).map { $0 % 3 == 0 ? UInt8(0x80) : UInt8(0xFF) }
        #expect(throws: PageError.self) { try PageReader().read(junk) }
        do {
            _ = try PageReader().read(junk)
        } catch {
            #expect("\(error)".hasPrefix("the file is not text kmaticker can decode"))
        }
    }

    @Test func gzippedPageReadsLikeThePage() throws {
        let compressed = [UInt8](try gzipped(Fixtures.url(Fixtures.seedName)))
        #expect(Gzip.isCompressed(compressed))
        #expect(try TickerParser(registry: .asos).parse(compressed, file: "seed.txt.gz") == (try Self.seed()).withFile("seed.txt.gz"))
    }

    @Test func damagedGzipIsRefused() {
        #expect(throws: PageError.undecodable("the gzip data ends early")) {
            try PageReader().read([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4B])
        }
    }
}

@Suite struct FeedTests {
    func parse(_ locals: String, weather: String = #"year="2025" month="08" day="18" hour="10""#) throws -> TickerPage {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<current>\n<weather \(weather)>\n\(locals)\n</weather>\n</current>\n"
        return try TickerParser(registry: .asos).parse(Array(xml.utf8), file: "sfc_web_map.xml")
    }

    @Test func feedFixture() throws {
        let page = try TickerParser(registry: .asos).parse(try Fixtures.bytes("sfc_web_map.xml"), file: "sfc_web_map.xml")
        #expect(page.format == .feed)
        #expect(page.time == PageTime(time: KSTDateTime(year: 2025, month: 8, day: 18, hour: 10)!, source: .feed))
        #expect(page.observations.count == 97)
        #expect(page.observations.allSatisfy { $0.stationSource == .feed })
        #expect(page.observations.first { $0.stationID == 255 }?.temperatureC == nil)
        try Fixtures.expectMatchesGolden(SeedGoldenTests.render(page), "sfc_web_map.observations.csv")
    }

    @Test func dashesAreMissingValues() throws {
        let page = try parse(#"<local stn_id="95" icon="" desc="-" ta="-" rn_hr1="0.0">철원</local>"#)
        let observation = try #require(page.observations.first)
        #expect(observation.stationID == 95)
        #expect(observation.condition == nil)
        #expect(observation.temperatureC == nil)
        #expect(page.diagnostics.isEmpty)
    }

    /// `Double()` took these (issue 12): inf was stored and exported, 0x1A became 26.0, nan
    /// vanished without a word. Each is now missing, with a warning.
    @Test(arguments: ["inf", "nan", "0x1A", "1e2", "+3", "130.0"])
    func temperaturesThatAreNoDecimalReadingAreMissingAndSaid(value: String) throws {
        let page = try parse(#"<local stn_id="90" desc="흐림" ta="\#(value)">속초</local>"#)
        #expect(page.observations.first?.temperatureC == nil)
        #expect(page.diagnostics.count == 1)
        #expect(page.diagnostics.first?.message.contains(value) == true)
    }

    /// A number and a name that disagree: the number decides, and the page says so (issue 12).
    @Test func aNameThatIsAnotherStationsIsSaid() throws {
        let page = try parse(#"<local stn_id="90" desc="맑음" ta="29.0">서울</local>"#)
        #expect(page.observations.first?.stationID == 90)
        #expect(page.diagnostics.map(\.message) == ["station number 90 is 속초, but the feed names it '서울' (108); stored as 90 속초"])
    }

    @Test func negativeTemperatureAndSnow() throws {
        let page = try parse(#"<local stn_id="115" icon="11" desc="눈" ta="-0.7" sd_day="0.1">울릉도</local>"#)
        #expect(page.observations.first?.temperatureC == -0.7)
        #expect(page.observations.first?.condition == "눈")
    }

    @Test func unknownStationNumberIsKeptUnresolved() throws {
        let page = try parse(#"<local stn_id="999" desc="맑음" ta="1.0">신도시</local>"#)
        #expect(page.observations.first?.stationSource == .unresolved)
        #expect(page.observations.first?.label == "신도시")
        #expect(page.diagnostics.map(\.message) == ["station number 999 '신도시' is not in the registry, kept as printed"])
    }

    @Test func feedWithoutAValidHourHasNoTime() {
        #expect(throws: PageError.noTime) { try parse(#"<local stn_id="90" desc="맑음" ta="1.0">속초</local>"#, weather: #"year="2025""#) }
    }
}

extension TickerPage {
    /// The same page as if read from another file (diagnostics name the file).
    func withFile(_ file: String) -> TickerPage {
        var copy = self
        copy.diagnostics = diagnostics.map { Diagnostic(file: file, line: $0.line, message: $0.message) }
        return copy
    }
}
