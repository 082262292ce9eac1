import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import KMATickerTestSupport
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerReport
@testable import KMATickerStore

/// Reports over a small store whose every value is known, checked against hand-computed results.
@Suite struct ReportTests {
    let directory: TemporaryDirectory
    let path: String
    let now = Date(timeIntervalSince1970: TimeInterval(KSTDateTime(year: 2025, month: 8, day: 19, hour: 12)!.unixSeconds))

    /// 대전: 10:05 28.0, 10:40 30.0, 11:10 (no temperature), 11:50 31.5 on 8-18, 09:00 20.0 on 8-19.
    /// 서울: 10:05 -2.5 (눈), 11:50 -4.0 (눈) on 8-18.
    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("r.sqlite")
        let store = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        let parser = TickerParser(registry: .asos)
        let pages: [(String, String)] = [
            ("2025-08-18 10:05", "  • 눈서울-2.5℃\n  • 맑음대전28.0℃\n"),
            ("2025-08-18 10:40", "  • 맑음대전30.0℃\n"),
            ("2025-08-18 11:10", "  • 흐림대전\n"),
            ("2025-08-18 11:50", "  • 눈서울−4.0℃\n  • 맑음대전31.5℃\n"),
            ("2025-08-19 09:00", "  • 비대전20.0℃\n"),
        ]
        for (time, text) in pages {
            // KMA's credit after the items: a one-item list is a ticker only with it (TickerRecognizer).
            let page = try parser.parse(Array((text + "기상청 제공\n").utf8), file: time, time: KSTDateTime(parsing: time)!)
            _ = try store.store(page, provenance: PageProvenance(source: time, path: time, sha256: time))
        }
    }

    func run(_ query: ObservationQuery) throws -> String {
        let output = StringTextOutput()
        try run(query, to: output)
        return output.text
    }

    func run(_ query: ObservationQuery, to output: TextOutput) throws {
        _ = try query.run(store: try ObservationStore(path: path, access: .readOnly, registry: .asos), to: output, now: now)
    }

    func query(_ report: ObservationQuery.Report, _ format: OutputFormat = .csv,
               _ configure: (inout ObservationQuery) throws -> Void = { _ in }) throws -> String {
        var query = ObservationQuery(report: report, format: format)
        try configure(&query)
        return try run(query)
    }

    /// The sparkline is the report's last line, written through the report's own sink (not
    /// `print`): a sink that fails at that line fails the report.
    @Test func theSparklineIsWrittenThroughTheReportsSink() throws {
        let plain = try query(.observations(newestFirst: true), .table) { $0.stations = ["대전"] }
        let withSparkline = try query(.observations(newestFirst: true), .table) { $0.stations = ["대전"]; $0.sparkline = true }
        // 대전, oldest first: 28.0, 30.0, none, 31.5, 20.0 (28.0 is 8/11.5 of the way up: ▆).
        #expect(withSparkline == plain + "▆▇ █▁  20.0–31.5℃ (4)\n")
        // Nothing is drawn under no rows.
        #expect(try query(.observations(newestFirst: true), .table) { $0.stations = ["부산"]; $0.sparkline = true }
                == (try query(.observations(newestFirst: true), .table) { $0.stations = ["부산"] }))

        var query = ObservationQuery(report: .observations(newestFirst: true), format: .table)
        query.stations = ["대전"]
        let counting = TextOutputTests.FailingOutput(accepting: .max)
        try run(query, to: counting)
        query.sparkline = true
        let failing = TextOutputTests.FailingOutput(accepting: counting.writes)
        #expect(throws: OutputError.closedByReader) { try run(query, to: failing) }
        #expect(failing.writes == counting.writes + 1)
    }

    @Test func hourlyAggregatesAgainstHandComputedValues() throws {
        let csv = try query(.every(.hour)) { $0.stations = ["대전"] }
        #expect(csv == """
            period,station_id,station,min_c,max_c,mean_c,count,observations\r
            2025-08-18 10:00,133,대전,28.0,30.0,29.0,2,2\r
            2025-08-18 11:00,133,대전,31.5,31.5,31.5,1,2\r
            2025-08-19 09:00,133,대전,20.0,20.0,20.0,1,1\r

            """)
    }

    @Test func dailyAggregatesLeaveMissingTemperaturesOut() throws {
        let csv = try query(.every(.day)) { $0.since = try .since("2025-08-18"); $0.until = try .until("2025-08-18") }
        // 대전: (28.0 + 30.0 + 31.5) / 3 = 29.833… → 29.83, over 3 of 4 observations.
        // 서울: (-2.5 + -4.0) / 2 = -3.25.
        #expect(csv == """
            period,station_id,station,min_c,max_c,mean_c,count,observations\r
            2025-08-18,108,서울,-4.0,-2.5,-3.25,2,2\r
            2025-08-18,133,대전,28.0,31.5,29.83,3,4\r

            """)
    }

    @Test func windowsConditionsAndLimit() throws {
        let since = try query(.observations(newestFirst: true), .tsv) { $0.since = try .since("2025-08-18 11:00"); $0.until = try .until("2025-08-18 23:00") }
        #expect(since.split(separator: "\n").dropFirst().map { $0.split(separator: "\t")[0] }
                == ["2025-08-18T11:50:00+09:00", "2025-08-18T11:50:00+09:00", "2025-08-18T11:10:00+09:00"])
        let snow = try query(.observations(newestFirst: false), .tsv) { $0.conditions = ["눈".decomposedStringWithCanonicalMapping] }
        #expect(snow.split(separator: "\n").dropFirst().map { $0.split(separator: "\t")[4] } == ["-2.5", "-4.0"])
        let limited = try query(.observations(newestFirst: true), .ndjson) { $0.limit = 2 }
        #expect(limited.split(separator: "\n").count == 2)
        let relative = try query(.observations(newestFirst: true), .ndjson) { $0.since = try .since("24h") }
        #expect(relative == #"{"observed_at":"2025-08-19T09:00:00+09:00","station_id":133,"station":"대전","condition":"비","temperature_c":20.0,"station_source":"ticker","source":"2025-08-19 09:00","label":"대전","position":1,"time_source":"at-option"}"# + "\n")
    }

    @Test func latestIsEachStationsNewestWithItsAge() throws {
        let csv = try query(.latest)
        #expect(csv == """
            observed_at,station_id,station,condition,temperature_c,station_source,source,age,age_seconds\r
            2025-08-18T11:50:00+09:00,108,서울,눈,-4.0,ticker,2025-08-18 11:50,24h 10m,87000\r
            2025-08-19T09:00:00+09:00,133,대전,비,20.0,ticker,2025-08-19 09:00,3h 00m,10800\r

            """)
    }

    @Test func limitCountsRowsOfEveryReport() throws {
        let latest = try query(.latest, .ndjson) { $0.limit = 1 }
        #expect(latest.split(separator: "\n").count == 1)
        // --wide counts times (rows), not observations.
        let wide = try query(.wide) { $0.limit = 2 }
        #expect(wide.split(separator: "\r\n").count == 1 + 2)
    }

    @Test func sinceTakesTheISOTimesExportWrites() throws {
        let csv = try query(.observations(newestFirst: false), .tsv) { $0.since = try .since("2025-08-19T09:00:00+09:00") }
        #expect(csv.split(separator: "\n").count == 1 + 1)
    }

    @Test func sinceAfterUntilIsAnError() {
        #expect(throws: TimeBoundError(option: "--since", value: "2025-08-19", reason: "it is after --until 2025-08-18: no time is in both")) {
            try query(.observations(newestFirst: false)) { $0.since = try .since("2025-08-19"); $0.until = try .until("2025-08-18") }
        }
    }

    @Test func wideTableHasAColumnPerStation() throws {
        let csv = try query(.wide)
        #expect(csv == """
            observed_at,서울,대전\r
            2025-08-18T10:05:00+09:00,-2.5,28.0\r
            2025-08-18T10:40:00+09:00,,30.0\r
            2025-08-18T11:10:00+09:00,,\r
            2025-08-18T11:50:00+09:00,-4.0,31.5\r
            2025-08-19T09:00:00+09:00,,20.0\r

            """)
    }

    @Test func excelHasABOMAndLocalTimes() throws {
        let csv = try query(.observations(newestFirst: false)) { $0.excel = true; $0.limit = 1 }
        #expect(csv.unicodeScalars.first == "\u{FEFF}")
        // The oldest page's first item: 서울 (108) is printed before 대전 (133), in ASOS order.
        #expect(csv.contains("\r\n2025-08-18 10:05:00,108,서울,눈,-2.5,"))
    }

    @Test func stationsReportCountsAndTimes() throws {
        let csv = try query(.stations)
        let lines = csv.split(separator: "\r\n")
        #expect(lines.count == 98)
        #expect(lines.contains("108,서울,Seoul,서울,37.57142,126.9658,85.67,2,2025-08-18T10:05:00+09:00,2025-08-18T11:50:00+09:00"))
        #expect(lines.contains("251,고창군,Gochanggun,전북,35.42661,126.697,,0,,"))
    }

    @Test func jsonIsOneArray() throws {
        let json = try query(.every(.day), .json)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.count == 3)
        #expect(rows[1]["mean_c"] as? Double == 29.83)
        #expect(rows[0]["min_c"] as? Double == -4.0)
    }
}

@Suite struct SpreadsheetGuardTests {
    func csv(_ cells: [Cell]) throws -> String {
        let output = StringTextOutput()
        let writer = CSVWriter(columns: cells.indices.map { Column("c\($0)") }, output: output)
        try writer.append(cells)
        try writer.finish()
        return String(output.text.split(separator: "\r\n")[1])
    }

    @Test func formulaLikeTextIsEscaped() throws {
        #expect(SpreadsheetGuard.text(.text("=HYPERLINK(\"x\")")) == "'=HYPERLINK(\"x\")")
        #expect(SpreadsheetGuard.text(.text("+1")) == "'+1")
        #expect(SpreadsheetGuard.text(.text("@SUM(A1)")) == "'@SUM(A1)")
        #expect(SpreadsheetGuard.text(.text("\tx")) == "'\tx")
        #expect(SpreadsheetGuard.text(.text("\rx")) == "'\rx")
        #expect(try csv([.text("=1+1"), .text("맑음")]) == "'=1+1,맑음")
    }

    @Test func numbersAndDashesAreNeverAltered() throws {
        #expect(try csv([.number(-2.3), .number("-4.5"), .text("-"), .text("맑음")]) == "-2.3,-4.5,-,맑음")
    }
}

@Suite struct PictureTests {
    @Test func sparklineScalesToTheSeries() {
        #expect(Sparkline.render([20, 25, nil, 30]) == "▁▅ █  20.0–30.0℃ (3)")
        #expect(Sparkline.render([20]) == nil)
        #expect(Sparkline.render([1, 1]) == "▅▅  1.0–1.0℃ (2)")
    }

    @Test func chartGapsSplitTheLine() {
        let hour: Int64 = 3600
        let points: [(time: Int64, celsius: Double?)] = [(0, 1), (hour, 2), (2 * hour, nil), (3 * hour, 3), (4 * hour, 4), (20 * hour, 5), (21 * hour, 6)]
        #expect(TemperatureChart.segments(points).map { $0.map(\.celsius) } == [[1, 2], [3, 4], [5, 6]])
    }

    @Test func chartIsWellFormedSVG() throws {
        let series = [ChartSeries(name: "대전 (133) & <co>", points: [(0, 28.0), (3600, nil), (7200, 30.5), (10_800, 31.0)]),
                      ChartSeries(name: "서울 (108)", points: [(0, -2.5), (3600, -4.0)])]
        let svg = try #require(TemperatureChart.svg(series, title: "기온"))
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = ElementCollector()
        parser.delegate = collector
        #expect(parser.parse(), "SVG does not parse: \(String(describing: parser.parserError))")
        #expect(collector.elements.first == "svg")
        // 대전 is split by its missing reading: one isolated point, one line; 서울 one line.
        #expect(collector.elements.filter { $0 == "polyline" }.count == 2)
        #expect(collector.texts.contains("대전 (133) & <co>"))
        #expect(collector.texts.contains("KST"))
        #expect(TemperatureChart.svg([ChartSeries(name: "x", points: [(0, nil)])], title: "") == nil)
    }
}

/// Records element names and text, to look inside parsed SVG.
final class ElementCollector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    /// The text of each element that has any, whole (the parser hands it over in pieces).
    var texts: [String] = []
    private var current = ""
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(name)
        current = ""
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { texts.append(trimmed) }
        current = ""
    }
}
