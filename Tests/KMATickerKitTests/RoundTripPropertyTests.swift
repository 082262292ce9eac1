import Foundation
import Testing
@testable import KMATickerModel
@testable import KMATickerParsing

/// Random tickers, rendered the ways pages print them, parse back to what was rendered.
@Suite struct RoundTripPropertyTests {
    struct GeneratedItem {
        let station: Station
        let printsName: Bool
        let condition: String
        let temperature: Double?
    }

    static let conditions = ConditionVocabulary.knownWords.filter { $0 != ConditionVocabulary.noObservation }
    static let units = ["℃", "°C", "˚C", " ℃"]

    /// A ticker over a random ordered subset of the registry. A name is dropped only where
    /// inference can recover it: between two named neighbours with no other station between.
    static func ticker(_ generator: inout SplitMix64) -> [GeneratedItem] {
        let stations = StationRegistry.asos.stations.filter { _ in Int.random(in: 0..<4, using: &generator) > 0 }
        var items = stations.map { station in
            GeneratedItem(
                station: station, printsName: true,
                condition: conditions.randomElement(using: &generator)!,
                temperature: Int.random(in: 0..<10, using: &generator) == 0 ? nil
                    : Double(Int.random(in: -250...399, using: &generator)) / 10)
        }
        let all = StationRegistry.asos.stations.map(\.id)
        for index in items.indices.dropFirst().dropLast() where Int.random(in: 0..<5, using: &generator) == 0 {
            let (before, here, after) = (items[index - 1], items[index], items[index + 1])
            guard before.printsName, after.printsName,
                  all.firstIndex(of: here.station.id)! - all.firstIndex(of: before.station.id)! == 1,
                  all.firstIndex(of: after.station.id)! - all.firstIndex(of: here.station.id)! == 1 else { continue }
            items[index] = GeneratedItem(station: here.station, printsName: false, condition: here.condition,
                                         temperature: here.temperature)
        }
        return items
    }

    static func text(_ item: GeneratedItem, unit: String) -> String {
        let temperature = item.temperature.map { String(format: "%.1f", $0) + unit } ?? ""
        return item.condition + (item.printsName ? item.station.nameKorean : "") + temperature
    }

    func expectParsesBack(_ items: [GeneratedItem], from page: TickerPage) {
        #expect(page.observations.count == items.count)
        for (observation, item) in zip(page.observations, items) {
            #expect(observation.stationID == item.station.id)
            #expect(observation.stationSource == (item.printsName ? .ticker : .inferred))
            #expect(observation.condition == item.condition)
            #expect(observation.temperatureC == item.temperature)
        }
    }

    @Test func textCapturesParseBack() throws {
        var generator = SplitMix64(seed: 2025_08_18)
        for _ in 0..<200 {
            let items = Self.ticker(&generator)
            guard !items.isEmpty else { continue }
            var text = "최종편집: 2025-08-18 10:40\n\n"
            for item in items {
                text += "  • " + Self.text(item, unit: Self.units.randomElement(using: &generator)!) + "\n"
            }
            text += "기상청 제공\n  • 해당된 기사를 공유합니다\n"
            expectParsesBack(items, from: try TickerParser(registry: .asos).parse(Array(text.utf8), file: "generated.txt"))
        }
    }

    @Test func htmlPagesParseBack() throws {
        var generator = SplitMix64(seed: 0xC0FFEE)
        for _ in 0..<100 {
            let items = Self.ticker(&generator)
            guard !items.isEmpty else { continue }
            var html = "<html><head><script>var w = '맑음서울1.0℃';</script></head><body><p>최종편집: 2025-08-18 10:40</p><ul>"
            for item in items {
                let temperature = item.temperature.map { "<span>" + String(format: "%.1f", $0) + "</span>&#8451;" } ?? ""
                html += "<li><img src='w.png' alt='\(item.condition)'>"
                    + (item.printsName ? "<em>\(item.station.nameKorean)</em>" : "") + temperature + "</li>\n"
            }
            html += "</ul><ul><li>해당된 기사를 공유합니다</li></ul></body></html>"
            expectParsesBack(items, from: try TickerParser(registry: .asos).parse(Array(html.utf8), file: "generated.html"))
        }
    }
}
