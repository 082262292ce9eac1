import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerModel

@Suite struct RegistryTests {
    let registry = StationRegistry.asos

    @Test func bundledRegistryHas97StationsInAscendingOrder() {
        #expect(registry.stations.count == 97)
        #expect(registry.stations.map(\.id) == registry.stations.map(\.id).sorted())
        #expect(registry.stations.first?.nameKorean == "속초")
        #expect(registry.stations.last?.nameKorean == "북부산")
        #expect(registry.station(id: 251)?.elevationMeters == nil)
        #expect(registry.station(id: 133)?.elevationMeters == 67.79)
    }

    @Test func goChangAndGoChangGunAreTwoStations() {
        #expect(registry.station(named: "고창")?.id == 172)
        #expect(registry.station(named: "고창군")?.id == 251)
    }

    @Test func longestSuffixPrefersTheLongerName() throws {
        let match = try #require(registry.longestNameSuffix(of: "구름조금북창원"))
        #expect(match.station.id == 255)
        #expect(match.prefix == "구름조금")
    }

    @Test func typosGetSuggestions() {
        #expect(registry.find("대젼") == .unknown(suggestions: registry.suggestions(for: "대젼")))
        #expect(registry.suggestions(for: "대젼").first?.id == 133)
        #expect(registry.suggestions(for: "Daejon").first?.id == 133)
        #expect(registry.suggestions(for: "zzzzzzzzzzzz").isEmpty)
    }

    /// `kmaticker --version` gives the registry's date: it belongs to these bytes. A changed
    /// asos_stations.csv fails here until its date (StationRegistry.asosDate) and this digest
    /// are changed with it.
    @Test func registryDateBelongsToTheCompiledFile() throws {
        let file = Fixtures.directory.deletingLastPathComponent().appendingPathComponent("Sources/KMATickerModel/Registry/asos_stations.csv")
        let digest = try ProcessRunner.run("/usr/bin/sha256sum", [file.path]).stdoutText.prefix(64)
        #expect(digest == "d0d17c4dd1bf3c26410325a58ca371db63b474f0481bc46846bda97847f2c4ba")
        #expect(StationRegistry.asosDate == "2026-11-25")
    }

    @Test func bundledRegistryIsTheSharedOne() throws {
        let shared = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/data/asos_stations.csv")
        let bundled = PackageResources.asos_stations_csv
        #expect(bundled.count == 5203)
        if let original = FileManager.default.contents(atPath: shared.path) {
            #expect([UInt8](original) == bundled)
        }
    }
}
