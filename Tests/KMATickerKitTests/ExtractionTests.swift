import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerText

@Suite struct ExtractionTests {
    @Test func htmlListItemsBecomeLines() throws {
        let html = """
            <!DOCTYPE html><html><head><title>최종편집: 1999-01-01 00:00</title>
            <style>li::before { content: "맑음서울1.0℃" }</style></head>
            <body><div class="top">최종편집: 2025-08-18 10:40</div>
            <ul class="weather">
              <li><img src="w/04.png" alt="흐림">속초<span>27.8</span>&#8451;</li>
              <li>흐림26.8&#8451;</li>
              <li>구름조금북창원</li>
            </ul>
            <script>document.write("<li>맑음서울1.0℃</li>")</script>
            <ul><li>해당된 기사를 공유합니다</li></ul>
            </body></html>
            """
        let text = try PageReader().read(Array(html.utf8))
        #expect(text.format == .html)
        #expect(text.lines.map(\.text) == [
            "최종편집: 2025-08-18 10:40", "흐림속초27.8℃", "흐림26.8℃", "구름조금북창원", "해당된 기사를 공유합니다",
        ])
        #expect(text.lines[1].number == 5)
    }

    @Test func htmlPageParsesLikeItsTextCapture() throws {
        let html = """
            <html><body><p>최종편집: 2025-08-18 10:40</p><ul>
            <li>흐림속초27.8℃</li><li>흐림26.8℃</li><li>구름많음철원28.2℃</li>
            </ul><p>기상청 제공</p></body></html>
            """
        let capture = "최종편집: 2025-08-18 10:40\n\n  • 흐림속초27.8℃\n  • 흐림26.8℃\n  • 구름많음철원28.2℃\n기상청 제공\n"
        let fromHTML = try TickerParser(registry: .asos).parse(Array(html.utf8), file: "p.html")
        let fromText = try TickerParser(registry: .asos).parse(Array(capture.utf8), file: "p.txt")
        #expect(fromHTML.observations.map(\.stationID) == [90, 93, 95])
        #expect(fromHTML.observations.map(\.temperatureC) == fromText.observations.map(\.temperatureC))
        #expect(fromHTML.observations.map(\.stationID) == fromText.observations.map(\.stationID))
        #expect(fromHTML.time == fromText.time)
    }

    @Test func scriptAndStyleTextIsNotPageText() throws {
        let html = "<html><body><script>var t='맑음서울1.0℃';</script><style>.x{}</style><p>본문</p></body></html>"
        #expect(try PageReader().read(Array(html.utf8)).lines.map(\.text) == ["본문"])
    }

    @Test func decomposedHangulParsesLikeComposed() throws {
        let seed = try String(decoding: Fixtures.bytes(Fixtures.seedName), as: UTF8.self)
        let decomposed = seed.decomposedStringWithCanonicalMapping
        #expect(Array(decomposed.utf8) != Array(seed.utf8))
        let fromNFD = try TickerParser(registry: .asos).parse(Array(decomposed.utf8), file: "nfd.txt")
        let fromNFC = try TickerParser(registry: .asos).parse(Array(seed.utf8), file: "nfc.txt")
        #expect(fromNFD.observations == fromNFC.observations)
        // What is stored is NFC, byte for byte.
        #expect(fromNFD.observations.compactMap(\.condition).allSatisfy {
            Array($0.utf8) == Array($0.precomposedStringWithCanonicalMapping.utf8)
        })
    }

    @Test func nfcLeavesComposedTextAlone() {
        #expect(!HangulNormalization.needsComposition("흐림속초27.8℃"))
        #expect(HangulNormalization.needsComposition("흐림".decomposedStringWithCanonicalMapping))
        // Each kind it looks for, at the end of a line too: a combining mark, jamo, extended jamo.
        for composing in ["e\u{0301}", "\u{1100}", "\u{A960}", "\u{D7B0}", "\u{11A8}"] {
            #expect(HangulNormalization.needsComposition("흐림 " + composing), "\(composing.unicodeScalars.first!.value)")
        }
        #expect(!HangulNormalization.needsComposition("흐림 가 ℃ é"))
        #expect(HangulNormalization.nfc("대전".decomposedStringWithCanonicalMapping).utf8.elementsEqual("대전".utf8))
    }

    @Test func crlfAndBOMAreHandled() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("최종편집: 2025-08-18 10:40\r\n  • 맑음대전30.3℃\r\n기상청 제공\r\n".utf8)
        let page = try TickerParser(registry: .asos).parse(bytes, file: "crlf.txt")
        #expect(page.observations.map(\.stationID) == [133])
        #expect(page.observations.first?.temperatureC == 30.3)
    }

    @Test func invalidUTF8InTheArticleDoesNotLoseTheTicker() throws {
        var bytes = Array("최종편집: 2025-08-18 10:40\n  • 맑음대전30.3℃\n기상청 제공\n".utf8)
        bytes += [0xC3, 0x28, 0xFF, 0x0A]
        #expect(try TickerParser(registry: .asos).parse(bytes, file: "bad.txt").observations.count == 1)
    }

    @Test func badInputsSayWhy() {
        #expect(throws: PageError.empty) { try PageReader().read([]) }
        #expect(throws: PageError.blank) { try PageReader().read(Array(" \n\t\n".utf8)) }
        #expect(throws: PageError.binary) { try PageReader().read([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]) }
        #expect(throws: PageError.noTicker(notTickers: [])) {
            try TickerParser(registry: .asos).parse(Array("최종편집: 2025-08-18 10:40\n뉴스\n  • 해당된 기사를 공유합니다\n".utf8), file: "x")
        }
    }

    @Test func theLongestRunOfItemsIsTheTicker() throws {
        let text = """
            최종편집: 2025-08-18 10:40
              • 맑음서울30.0℃
            기사 제목
              • 흐림속초27.8℃
              • 흐림26.8℃

              • 구름많음철원28.2℃
            기상청 제공
            """
        let page = try TickerParser(registry: .asos).parse(Array(text.utf8), file: "runs.txt")
        #expect(page.observations.map(\.stationID) == [90, 93, 95])
        #expect(page.observations.map(\.position) == [1, 2, 3])
    }
}
