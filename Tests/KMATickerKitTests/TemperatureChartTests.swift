import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import KMATickerReport

/// The chart's series styles, its wrapped title and its fonts, read back from the SVG.
@Suite struct TemperatureChartTests {
    /// `count` stations with two hourly points each.
    func series(_ count: Int) -> [ChartSeries] {
        (0..<count).map { index in
            ChartSeries(name: "관측소\(index) (\(100 + index))",
                        points: [(1_755_478_800, Double(index)), (1_755_482_400, Double(index) + 0.5)])
        }
    }

    /// Every element's name and attributes, and the text of each <tspan>, in document order.
    final class Elements: NSObject, XMLParserDelegate {
        var all: [(name: String, attributes: [String: String])] = []
        var tspans: [String] = []
        private var inTspan = false
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            all.append((name, attributes))
            if name == "tspan" { inTspan = true; tspans.append("") }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "tspan" { inTspan = false }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inTspan { tspans[tspans.count - 1] += string }
        }
    }

    func parse(_ svg: String) throws -> Elements {
        let elements = Elements()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = elements
        #expect(parser.parse(), "not XML: \(parser.parserError.map { "\($0)" } ?? "")")
        return elements
    }

    @Test func twentyFourStationsAreTwentyFourDifferentLines() throws {
        let svg = try #require(TemperatureChart.svg(series(24), title: "t"))
        let elements = try parse(svg)
        // Each station's line: the colour of its group, the dashes of its polyline.
        var styles: [String] = []
        var colour = ""
        for element in elements.all {
            if element.name == "g" { colour = element.attributes["stroke"] ?? "" }
            if element.name == "polyline" { styles.append(colour + " / " + (element.attributes["stroke-dasharray"] ?? "solid")) }
        }
        #expect(styles.count == 24)
        #expect(Set(styles).count == 24, "\(styles)")
        // At least twelve colours before any repeats (the old palette repeated after 8).
        #expect(Set(styles.prefix(12).map { $0.split(separator: " ")[0] }).count == 12)
        // The legend draws each line as it is drawn in the plot.
        let legend = elements.all.filter { $0.name == "line" && $0.attributes["stroke-width"] == "2.5" }
            .map { ($0.attributes["stroke"] ?? "") + " / " + ($0.attributes["stroke-dasharray"] ?? "solid") }
        #expect(legend == styles)
    }

    @Test func aLongTitleWrapsWithinTheWidthAndThePlotMovesDown() throws {
        let title = "기온 (°C): " + series(24).map(\.name).joined(separator: ", ")
        let svg = try #require(TemperatureChart.svg(series(24), title: title))
        let elements = try parse(svg)
        let width = try #require(Double(elements.all[0].attributes["width"] ?? ""))
        let lines = elements.tspans
        #expect(lines.count > 1)
        // Estimated as the terminal would count it: a Hangul syllable 2 cells, others 1; a
        // cell at most 0.6 of the 15 px font.
        for line in lines {
            let cells = line.unicodeScalars.reduce(0) { $0 + ((0xAC00...0xD7A3).contains($1.value) ? 2 : 1) }
            #expect(60 + Double(cells) * 15 * 0.6 <= width, "runs off: \(line)")
        }
        // Nothing is lost in the wrapping.
        #expect(lines.joined(separator: " ") == title)
        // The plot's frame starts below the title's last line (15 px font, lines 19 px apart).
        let lastBaseline = 24 + Double(lines.count - 1) * 19
        let frame = try #require(elements.all.first { $0.name == "rect" && $0.attributes["stroke"] == "#999" })
        #expect(try #require(Double(frame.attributes["y"] ?? "")) > lastBaseline + 5)
    }

    @Test func aShortTitleIsOneLine() throws {
        let elements = try parse(try #require(TemperatureChart.svg(series(1), title: "기온 (°C): 대전 (133)")))
        #expect(elements.tspans == ["기온 (°C): 대전 (133)"])
    }

    @Test func fontsIncludeTheKoreanFontsOfEachSystem() throws {
        let elements = try parse(try #require(TemperatureChart.svg(series(1), title: "t")))
        #expect(elements.all[0].attributes["font-family"]
                == "'Noto Sans CJK KR', 'NanumGothic', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif")
    }
}
