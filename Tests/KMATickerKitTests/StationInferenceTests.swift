import Testing
import KMATickerTestSupport
@testable import KMATickerModel
@testable import KMATickerParsing

/// Nameless items get the one station their named neighbours leave, and nothing else.
@Suite struct StationInferenceTests {
    let registry = StationRegistry.asos

    func item(_ stationID: Int?) -> TickerItem {
        let station = stationID.flatMap(registry.station(id:))
        return TickerItem(condition: "맑음", conditionIsKnown: true, label: station?.nameKorean,
                          station: station, temperatureC: 20.0, line: 1)
    }

    func sources(_ ids: [Int?], enabled: Bool = true) -> [String] {
        StationInference.observations(from: ids.map(item), registry: registry, enabled: enabled)
            .observations.map { "\($0.stationID.map(String.init) ?? "-"):\($0.stationSource.rawValue)" }
    }

    @Test func gapOfExactlyOneStationIsInferred() {
        // 90 속초, ?, 95 철원: the registry has only 93 북춘천 between them.
        #expect(sources([90, nil, 95]) == ["90:ticker", "93:inferred", "95:ticker"])
    }

    @Test func gapOfTwoStationsStaysUnresolved() {
        // Between 90 and 98 lie 93 and 95.
        #expect(sources([90, nil, 98]) == ["90:ticker", "-:unresolved", "98:ticker"])
    }

    @Test func twoNamelessItemsInARowStayUnresolved() {
        #expect(sources([90, nil, nil, 98]) == ["90:ticker", "-:unresolved", "-:unresolved", "98:ticker"])
    }

    @Test func lastItemUsesTheEndOfTheRegistry() {
        #expect(sources([294, 295, nil]) == ["294:ticker", "295:ticker", "296:inferred"])
    }

    @Test func firstItemUsesTheStartOfTheRegistry() {
        #expect(sources([nil, 93]) == ["90:inferred", "93:ticker"])
    }

    @Test func neighboursOutOfOrderLeaveItUnresolved() {
        #expect(sources([95, nil, 90]) == ["95:ticker", "-:unresolved", "90:ticker"])
    }

    @Test func noInferLeavesEveryNamelessItemUnresolved() {
        #expect(sources([90, nil, 95], enabled: false) == ["90:ticker", "-:unresolved", "95:ticker"])
    }

    @Test func unresolvedItemIsReported() {
        let result = StationInference.observations(from: [item(90), item(nil), item(98)], registry: registry, enabled: true)
        #expect(result.notes.map(\.message) == [
            "nameless item at position 2 left unresolved: the registry has 2 stations between its neighbours, not 1",
        ])
    }

    @Test func seedWithNoInferKeepsFourUnresolved() throws {
        let page = try TickerParser(registry: .asos, inferStations: false).parse(try Fixtures.bytes(Fixtures.seedName), file: "seed")
        #expect(page.observations.filter { $0.stationSource == .unresolved }.map(\.position) == [2, 42, 61, 97])
        #expect(page.observations.filter { $0.stationSource == .inferred }.isEmpty)
    }
}
