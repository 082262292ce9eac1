import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerStore

/// The views schema.sql defines for tools that show a store's tables as they are (Datasette):
/// their values checked against the seed's expectations and hand-made pages, not against
/// kmaticker's own reports.
@Suite struct StoreViewsTests {
    let directory: TemporaryDirectory
    let store: ObservationStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try ObservationStore(path: directory.path("views.sqlite"), access: .readWrite, registry: .asos)
    }

    /// Stores a one-page capture printed at `time` (KST, "YYYY-MM-DD HH:MM") with `items`.
    func storePage(_ name: String, at time: String, _ items: String) throws {
        // KMA's credit after the items: a one-item list is a ticker only with it (TickerRecognizer).
        let page = try TickerParser(registry: .asos).parse(Array("최종편집: \(time)\n\(items)기상청 제공\n".utf8), file: name)
        _ = try store.store(page, provenance: PageProvenance(source: name, path: "/pages/" + name, sha256: "sha-of-" + name))
    }

    /// Every row of `sql`, each column as SQLite renders it as text (30.3, 31.0), "NULL" for NULL.
    func rows(_ sql: String) throws -> [[String]] {
        let statement = try store.database.prepare(sql)
        var rows: [[String]] = []
        while try statement.step() {
            rows.append((0..<statement.columnCount).map { statement.text(at: $0) ?? "NULL" })
        }
        return rows
    }

    /// The seed's expected observations (Fixtures/000_24a8cc3d9cd846fc.observations.csv, made by
    /// hand from the page): position → station_id, station, label, station_source, condition,
    /// temperature_c, with "NULL" for an empty cell.
    func seedExpectations() throws -> [[String]] {
        let csv = try String(contentsOf: Fixtures.url("000_24a8cc3d9cd846fc.observations.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst()
        return lines.map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.isEmpty ? "NULL" : String($0) }
            // position,line,station_id,station,label,station_source,condition,condition_known,temperature_c
            return [cells[0], cells[2], cells[3], cells[4], cells[5], cells[6], cells[8]]
        }
    }

    @Test func observationsKSTShowsEverySeedObservationWithKSTTimeAndStationName() throws {
        let seed = try TickerParser(registry: .asos).parse(try Fixtures.bytes(Fixtures.seedName), file: Fixtures.seedName)
        _ = try store.store(seed, provenance: PageProvenance(source: Fixtures.seedName, path: Fixtures.seedName, uri: "https://example.com/1", sha256: "s"))
        let viewed = try rows("""
            SELECT position, station_id, station, coalesce(label, 'NULL'), station_source, condition, temperature_c
            FROM observations_kst ORDER BY position
            """)
        #expect(viewed.count == 97)
        #expect(viewed == (try seedExpectations()))
        // The page's time, 2025-08-18 10:40 KST (01:40 UTC), and where it came from.
        #expect(try rows("SELECT DISTINCT observed_at_kst, observed_at, source, time_source, uri FROM observations_kst")
                == [["2025-08-18 10:40", "2025-08-18T10:40:00+09:00", Fixtures.seedName, "last-edit-header", "https://example.com/1"]])
        // An inferred row prints no name; the view shows the registry's.
        #expect(try rows("SELECT station, label FROM observations_kst WHERE position = 2") == [["북춘천", "NULL"]])
    }

    @Test func anUnresolvedStationShowsItsNameAsPrinted() throws {
        // (부산 after it: a ticker names registry stations on more than half its items.)
        try storePage("a.txt", at: "2025-08-18 10:40", "  • 맑음대전30.3℃\n  • 흐림가상섬25.0℃\n  • 흐림부산31.0℃\n")
        #expect(try rows("SELECT station_id, station, station_source FROM observations_kst ORDER BY position")
                == [["133", "대전", "ticker"], ["NULL", "가상섬", "unresolved"], ["159", "부산", "ticker"]])
        // And it is in no per-station view.
        #expect(try rows("SELECT station FROM latest_by_station ORDER BY station_id") == [["대전"], ["부산"]])
        #expect(try rows("SELECT station FROM daily_temperatures ORDER BY station_id") == [["대전"], ["부산"]])
    }

    /// 대전 at 10:40, 11:10 and (no temperature) 11:40 KST on the 18th, and 08:30 KST on the 19th,
    /// which is still the 18th in UTC (23:30): the periods must be cut in KST.
    func storeFourPagesOfDaejeon() throws {
        try storePage("a.txt", at: "2025-08-18 10:40", "  • 맑음대전30.3℃\n  • 구름조금북창원\n")
        try storePage("b.txt", at: "2025-08-18 11:10", "  • 맑음대전31.0℃\n")
        try storePage("c.txt", at: "2025-08-18 11:40", "  • 맑음대전\n")
        try storePage("d.txt", at: "2025-08-19 08:30", "  • 흐림대전24.5℃\n")
    }

    @Test func hourlyTemperaturesLeaveAMissingTemperatureOut() throws {
        try storeFourPagesOfDaejeon()
        #expect(try rows("SELECT * FROM hourly_temperatures") == [
            // period, station_id, station, min_c, max_c, mean_c, count, observations
            ["2025-08-18 10:00", "133", "대전", "30.3", "30.3", "30.3", "1", "1"],
            ["2025-08-18 10:00", "255", "북창원", "NULL", "NULL", "NULL", "0", "1"],
            ["2025-08-18 11:00", "133", "대전", "31.0", "31.0", "31.0", "1", "2"],
            ["2025-08-19 08:00", "133", "대전", "24.5", "24.5", "24.5", "1", "1"],
        ])
    }

    @Test func dailyTemperaturesAreKSTDays() throws {
        try storeFourPagesOfDaejeon()
        #expect(try rows("SELECT * FROM daily_temperatures") == [
            // (30.3 + 31.0) / 2 = 30.65: the missing one is not a 0 (that would make 20.43).
            ["2025-08-18", "133", "대전", "30.3", "31.0", "30.65", "2", "3"],
            ["2025-08-18", "255", "북창원", "NULL", "NULL", "NULL", "0", "1"],
            ["2025-08-19", "133", "대전", "24.5", "24.5", "24.5", "1", "1"],
        ])
    }

    @Test func latestByStationIsEachStationsNewestObservation() throws {
        try storeFourPagesOfDaejeon()
        #expect(try rows("SELECT observed_at_kst, station_id, station, condition, temperature_c, source FROM latest_by_station") == [
            ["2025-08-19 08:30", "133", "대전", "흐림", "24.5", "d.txt"],
            ["2025-08-18 10:40", "255", "북창원", "구름조금", "NULL", "a.txt"],
        ])
    }
}
