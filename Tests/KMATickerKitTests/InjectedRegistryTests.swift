import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerInput
@testable import KMATickerKit
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerReport
@testable import KMATickerStore

/// A small registry of its own: 서울 and 대전 as compiled in, and 999 가상, which the compiled
/// registry lacks.
enum SmallRegistry {
    static let registry: StationRegistry = {
        let asos = StationRegistry.asos
        let gasang = Station(id: 999, nameKorean: "가상", nameEnglish: "Gasang", latitude: 36.5, longitude: 127.5,
                             elevationMeters: 50, province: "충남")
        return try! StationRegistry(stations: [asos.station(id: 108)!, asos.station(id: 133)!, gasang])
    }()
}

/// Reports take their stations from the store they read, which its writer brought in step with
/// the registry it was given: a store written with a small registry of its own (one station the
/// compiled registry lacks, 999 가상) is reported with that registry, in every report that used
/// to take the compiled one by default (`--station`, `stations`, `--latest`, `--wide`, chart).
@Suite struct InjectedRegistryReportTests {
    let directory: TemporaryDirectory
    let path: String
    let now = Date(timeIntervalSince1970: TimeInterval(KSTDateTime(year: 2025, month: 8, day: 19, hour: 12)!.unixSeconds))

    static let registry = SmallRegistry.registry

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("custom.sqlite")
        let store = try ObservationStore(path: path, access: .readWrite, registry: Self.registry)
        let parser = TickerParser(registry: Self.registry)
        // In station order, as the ticker prints.
        for (time, text) in [("2025-08-18 10:00", "  • 흐림대전28.0℃\n  • 맑음가상25.0℃\n"),
                             ("2025-08-18 11:00", "  • 맑음대전29.0℃\n  • 비가상24.5℃\n")] {
            let page = try parser.parse(Array((text + "기상청 제공\n").utf8), file: time, time: KSTDateTime(parsing: time)!)
            _ = try store.store(page, provenance: PageProvenance(source: time, path: time, sha256: time))
        }
    }

    func query(_ report: ObservationQuery.Report, _ configure: (inout ObservationQuery) throws -> Void = { _ in }) throws -> String {
        var query = ObservationQuery(report: report, format: .csv)
        try configure(&query)
        let output = StringTextOutput()
        // Opened as the command line opens it, with the compiled registry: the report does not use it.
        _ = try query.run(store: try ObservationStore(path: path, access: .readOnly, registry: .asos), to: output, now: now)
        return output.text
    }

    @Test func theStoresOwnStationsAreTheReportsStations() throws {
        let stations = try query(.stations)
        #expect(stations == """
            station_id,station,name_en,province,lat,lon,elevation_m,observations,first_observed_at,last_observed_at\r
            108,서울,Seoul,서울,37.57142,126.9658,85.67,0,,\r
            133,대전,Daejeon,대전,36.37199,127.3721,67.79,2,2025-08-18T10:00:00+09:00,2025-08-18T11:00:00+09:00\r
            999,가상,Gasang,충남,36.5,127.5,50.0,2,2025-08-18T10:00:00+09:00,2025-08-18T11:00:00+09:00\r

            """)
        // --station is found in them, by name, number or English name.
        for name in ["가상", "999", "gasang"] {
            let series = try query(.observations(newestFirst: false)) { $0.stations = [name] }
            #expect(series.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[1] } == ["999", "999"], "\(name)")
        }
        // --latest goes through them: 999 is there, and no station of the compiled registry's.
        let latest = try query(.latest)
        #expect(latest.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[2] } == ["대전", "가상"])
        // --wide names its columns from them.
        #expect(try query(.wide).hasPrefix("observed_at,대전,가상\r\n"))
        // The chart names its series from them.
        var chart = ObservationQuery(report: .observations(newestFirst: false), format: .csv)
        chart.stations = ["가상"]
        let svg = try ChartQuery(chart).svg(store: try ObservationStore(path: path, access: .readOnly, registry: .asos), now: now)
        #expect(svg.contains("가상 (999)"))
    }

    @Test func aStationTheStoreDoesNotKnowIsUnknownEvenIfCompiledIn() throws {
        // 부산 (159) is in the compiled registry, not in this store's.
        #expect(throws: StationLookupError.self) { try query(.observations(newestFirst: false)) { $0.stations = ["부산"] } }
    }
}

/// The registry given to an ingest or an extract is the one every step uses: an extract
/// shard's lines are checked against it when they load back (they were checked against the
/// compiled registry, whatever the ingest was given).
@Suite struct InjectedRegistryIngestTests {
    @Test func anExtractShardLoadsBackWithTheRegistryItWasExtractedWith() throws {
        let directory = try TemporaryDirectory()
        let page = try directory.write("page.txt", "최종편집: 2025-08-18 10:40\n  • 흐림대전28.0℃\n  • 맑음가상25.0℃\n기상청 제공\n")
        var shard: [UInt8] = []
        let extracted = try Extractor.extract([.file(page)], options: ExtractOptions(jobs: 1), registry: SmallRegistry.registry,
                                              write: { shard += $0 }, report: { _ in })
        #expect(extracted.observations == 2)
        let shardPath = try directory.write("page.ndjson", bytes: shard)
        var events: [IngestEvent] = []
        let ingested = try Ingestor(options: IngestOptions(storePath: directory.path("s.sqlite")), registry: SmallRegistry.registry)
            .ingest([.file(shardPath)]) { events.append($0) }
        #expect(ingested.pagesStored == 1, "\(events)")
        #expect(ingested.pagesFailed == 0, "\(events)")
    }
}
