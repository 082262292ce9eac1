import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerModel
@testable import KMATickerParsing

/// The real page (`Fixtures/000_24a8cc3d9cd846fc.txt`, byte for byte the shared seed) against
/// its golden observations.
@Suite struct SeedGoldenTests {
    /// Observations rendered one per line, every field, for a golden file.
    static func render(_ page: TickerPage) -> String {
        var text = "# time: \(page.time.time.iso8601) (\(page.time.source.rawValue)), format: \(page.format.rawValue)\n"
        text += "position,line,station_id,station,label,station_source,condition,condition_known,temperature_c\n"
        for o in page.observations {
            text += [String(o.position), String(o.line), o.stationID.map(String.init) ?? "", o.station ?? "",
                     o.label ?? "", o.stationSource.rawValue, o.condition ?? "", o.conditionIsKnown ? "1" : "0",
                     o.temperatureC.map { "\($0)" } ?? ""].joined(separator: ",") + "\n"
        }
        for d in page.diagnostics { text += "# \(d)\n" }
        return text
    }

    @Test func seedMatchesGoldenObservations() throws {
        let page = try TickerParser(registry: .asos).parse(try Fixtures.bytes(Fixtures.seedName), file: Fixtures.seedName)
        try Fixtures.expectMatchesGolden(Self.render(page), "000_24a8cc3d9cd846fc.observations.csv")
    }

    /// A golden file is an oracle written by hand: a difference fails and leaves the output
    /// beside the build, and the oracle stays as written (no switch rewrites it).
    @Test func aDifferenceFailsAndLeavesTheGoldenFileAsWritten() throws {
        let name = "sfc_web_map.observations.csv"
        let before = try Fixtures.bytes(name)
        withKnownIssue { try Fixtures.expectMatchesGolden("not what the feed holds\n", name) }
        #expect(try Fixtures.bytes(name) == before)
        let kept = Fixtures.actualOutputDirectory.appendingPathComponent(name)
        #expect(try String(contentsOf: kept, encoding: .utf8) == "not what the feed holds\n")
    }

    @Test func seedHas97ItemsWithTheFourNamelessStationsInferred() throws {
        let page = try TickerParser(registry: .asos).parse(try Fixtures.bytes(Fixtures.seedName), file: Fixtures.seedName)
        #expect(page.observations.count == 97)
        #expect(page.time == PageTime(time: KSTDateTime(year: 2025, month: 8, day: 18, hour: 10, minute: 40)!,
                                      source: .lastEditHeader))
        let inferred = page.observations.filter { $0.stationSource == .inferred }
        #expect(inferred.map(\.stationID) == [93, 181, 239, 296])
        #expect(inferred.map(\.station) == ["북춘천", "서청주", "세종", "북부산"])
        // Every station of the registry appears exactly once, in registry order.
        #expect(page.observations.compactMap(\.stationID) == StationRegistry.asos.stations.map(\.id))
        #expect(page.diagnostics.isEmpty)
    }

    @Test func daejeonIsClearAt30Point3() throws {
        let page = try TickerParser(registry: .asos).parse(try Fixtures.bytes(Fixtures.seedName), file: Fixtures.seedName)
        let daejeon = try #require(page.observations.first { $0.stationID == 133 })
        #expect(daejeon.condition == "맑음")
        #expect(daejeon.temperatureC == 30.3)
        #expect(daejeon.stationSource == .ticker)
    }

    @Test func bukchangwonsMissingTemperatureStaysMissing() throws {
        let page = try TickerParser(registry: .asos).parse(try Fixtures.bytes(Fixtures.seedName), file: Fixtures.seedName)
        let bukchangwon = try #require(page.observations.first { $0.stationID == 255 })
        #expect(bukchangwon.temperatureC == nil)
        #expect(bukchangwon.condition == "구름조금")
    }

    @Test func shareButtonBulletIsNotAnObservation() throws {
        let page = try TickerParser(registry: .asos).parse(try Fixtures.bytes(Fixtures.seedName), file: Fixtures.seedName)
        #expect(page.observations.allSatisfy { $0.line >= 3 && $0.line <= 99 })
    }

    @Test func fixtureIsTheSharedSeedByteForByte() throws {
        let shared = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/seeds/\(Fixtures.seedName)")
        // The shared folder sits beside the repository in CI and in development; a lone clone
        // has only the fixture, and its checksum pins it instead.
        let fixture = try Fixtures.bytes(Fixtures.seedName)
        if let original = FileManager.default.contents(atPath: shared.path) {
            #expect([UInt8](original) == fixture)
        }
        #expect(fixture.count == 4904)
    }
}
