import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerModel
@testable import KMATickerReport
@testable import KMATickerStore

/// The fast CSV export (``ObservationCSVEncoder``) writes exactly what the general writer
/// (``CSVWriter`` over ``ObservationRecord`` cells) writes, on stores of random values chosen
/// to hit every rule: quoting, the formula guard, NULLs, Hangul, negative zero, temperatures
/// with more than one decimal.
@Suite struct ObservationCSVEncoderTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    static let pieces = ["대전", "속초", "=SUM(A1)", "+1", "@x", "\tTab", "\rCR", "a,b", "say \"hi\"", "line\nbreak",
                         "-", "맑음", "구름조금", "홍성(예)", "", " lead", "trail ", "ㄷㅈ", "'quoted'", "é"]

    func randomText(_ generator: inout SplitMix64) -> String {
        (0..<Int.random(in: 1...3, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
    }

    func randomTemperature(_ generator: inout SplitMix64) -> Double? {
        switch Int.random(in: 0..<8, using: &generator) {
        case 0: return nil
        case 1: return -0.0
        case 2: return Double.random(in: -1000...1000, using: &generator)
        case 3: return [1e-5, 123456.789, 0.1 + 0.2, 1e21, -33.333][Int.random(in: 0..<5, using: &generator)]
        default: return Double(Int.random(in: -600...600, using: &generator)) / 10
        }
    }

    /// A store of `pages` pages with random observations; the path.
    func randomStore(seed: UInt64, pages: Int) throws -> String {
        var generator = SplitMix64(seed: seed)
        let path = directory.path("random-\(seed).sqlite")
        let store = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        let stations = StationRegistry.asos.stations
        for pageNumber in 0..<pages {
            let time = KSTDateTime(unixSeconds: 1_755_481_200 + Int64(pageNumber / 2) * 600)
            var observations: [Observation] = []
            for position in 1...Int.random(in: 1...12, using: &generator) {
                let resolved = Bool.random(using: &generator)
                let station = stations.randomElement(using: &generator)!
                observations.append(Observation(
                    position: position, stationID: resolved ? station.id : nil, station: resolved ? station.nameKorean : nil,
                    label: Bool.random(using: &generator) ? randomText(&generator) : nil,
                    stationSource: resolved ? [.ticker, .inferred, .feed][Int.random(in: 0..<3, using: &generator)] : .unresolved,
                    condition: Bool.random(using: &generator) ? randomText(&generator) : nil, conditionIsKnown: false,
                    temperatureC: randomTemperature(&generator), line: position))
            }
            let page = TickerPage(format: .text, charset: "UTF-8", time: PageTime(time: time, source: .lastEditHeader),
                                  capturedAt: nil, printedTime: nil, observations: observations, diagnostics: [])
            _ = try store.store(page, provenance: PageProvenance(source: randomText(&generator), path: "p\(pageNumber)",
                                                                  sha256: "page-\(seed)-\(pageNumber)"))
        }
        return path
    }

    /// What the general writer makes of the same rows.
    func generalCSV(_ path: String, style: TimeStyle, byteOrderMark: Bool, newestFirst: Bool) throws -> String {
        let output = StringTextOutput()
        let writer = CSVWriter(columns: ObservationRecord.columns(style), output: output,
                               spreadsheet: SpreadsheetOptions(byteOrderMark: byteOrderMark))
        let store = try ObservationStore(path: path, access: .readOnly, registry: .asos)
        try store.forEachObservation(ObservationFilter(), newestFirst: newestFirst) { try writer.append($0.cells(style)) }
        try writer.finish()
        return output.text
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func fastCSVIsTheGeneralWritersBytes(seed: UInt64) throws {
        let path = try randomStore(seed: seed, pages: 40)
        for (excel, newestFirst) in [(false, false), (true, false), (false, true)] {
            var query = ObservationQuery(report: .observations(newestFirst: newestFirst), format: .csv)
            query.excel = excel
            let output = StringTextOutput()
            let outcome = try query.run(store: try ObservationStore(path: path, access: .readOnly, registry: .asos), to: output)
            let expected = try generalCSV(path, style: excel ? .spreadsheet : .iso8601, byteOrderMark: excel, newestFirst: newestFirst)
            #expect(output.text == expected, "seed \(seed), excel \(excel), newest first \(newestFirst)")
            // No value holds CRLF, so the rows are the CRLFs after the header's.
            #expect(outcome.rows == expected.components(separatedBy: "\r\n").count - 2)
        }
    }

    @Test func temperaturesAreSwiftsOwnText() {
        var generator = SplitMix64(seed: 42)
        var values: [Double] = [0, -0.0, 0.1, -0.1, 27.8, 30.0, -2.5, 59.9, 1e-5, 1e15, 1e16, 0.05, 0.15, 123.45, .greatestFiniteMagnitude]
        for _ in 0..<20_000 { values.append(Double(Int.random(in: -100_000...100_000, using: &generator)) / 10) }
        for _ in 0..<2_000 { values.append(Double.random(in: -1e6...1e6, using: &generator)) }
        for value in values {
            var bytes = ByteBuffer(capacity: 1)
            ObservationCSVEncoder.appendTemperature(value, to: &bytes)
            #expect(String(decoding: bytes.bytes, as: UTF8.self) == "\(value)")
        }
    }

    @Test func integersAreTheirDecimalDigits() {
        for value: Int64 in [0, 7, 10, 133, -1, -90, Int64.max, Int64.min + 1] {
            var bytes = ByteBuffer(capacity: 1)
            ObservationCSVEncoder.appendInteger(value, to: &bytes)
            #expect(String(decoding: bytes.bytes, as: UTF8.self) == String(value))
        }
    }

    /// Text longer than the buffer, quoted or guarded: the buffer grows, and the cell is the
    /// general writer's (``CSV`` over ``SpreadsheetGuard``).
    @Test func textLargerThanTheBufferIsWrittenWhole() {
        let long = String(repeating: "흐림속초27.8℃,", count: 5_000)
        for text in [long, "=" + long, String(repeating: "\"", count: 70_000), "비", "+1", ""] {
            var bytes = ByteBuffer(capacity: 1)
            Array(text.utf8).withUnsafeBufferPointer { ObservationCSVEncoder.appendText($0, to: &bytes) }
            #expect(String(decoding: bytes.bytes, as: UTF8.self) == CSV.field(SpreadsheetGuard.text(.text(text))))
        }
    }
}
