import Foundation
import Testing
import KMATickerTestSupport

/// The reading commands take their stations from the store's `stations` table, the one their
/// rows are named from, not from the registry compiled into the binary: a store whose table
/// names 133 otherwise (as one written by another kmaticker's registry would) is queried,
/// listed, widened and charted by that name.
@Suite struct StoreStationsTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
        let ingested = try kmaticker.run(["ingest", "--db", store, Fixtures.url(Fixtures.seedName).path])
        try #require(ingested.status == 0, "\(ingested.stderr)")
        _ = try SQLiteShell.run(store, "UPDATE stations SET name_ko = '대전광역시', name_en = 'Daejeon Metropolitan' WHERE id = 133")
    }

    @Test func stationsQueryExportAndChartReadTheStoresStationsTable() throws {
        let query = try kmaticker.run(["query", "--db", store, "--station", "대전광역시", "--format", "csv"])
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout.contains(",133,대전광역시,맑음,30.3,ticker,"), "\(query.stdout)")
        #expect(try kmaticker.run(["query", "--db", store, "--station", "daejeon metropolitan", "--format", "csv"]).stdout == query.stdout)

        let stations = try kmaticker.run(["stations", "--db", store, "--station", "133", "--format", "csv"])
        #expect(stations.stdout.split(separator: "\r\n").last?.hasPrefix("133,대전광역시,Daejeon Metropolitan,") == true, "\(stations.stdout)")

        let wide = try kmaticker.run(["export", "--db", store, "--wide", "--station", "133", "--station", "108"])
        #expect(wide.stdout.hasPrefix("observed_at,서울,대전광역시\r\n"), "\(wide.stdout)")

        let svg = directory.path("daejeon.svg")
        let chart = try kmaticker.run(["chart", "--db", store, "--station", "133", "--out", svg])
        #expect(chart.status == 0, "\(chart.stderr)")
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("대전광역시 (133)"))

        // The name the table no longer has is no station of this store's.
        let old = try kmaticker.run(["query", "--db", store, "--station", "대전"])
        #expect(old.status == 64)
    }
}
