import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerReport
@testable import KMATickerStore

/// The queries people run use the store's indexes, not a scan (EXPLAIN QUERY PLAN).
@Suite struct QueryPlanTests {
    let directory: TemporaryDirectory
    let store: ObservationStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try ObservationStore(path: directory.path("plan.sqlite"), access: .readWrite, registry: .asos)
    }

    func plan(_ sql: String, _ values: [SQLiteValue]) throws -> String {
        let statement = try store.database.prepare("EXPLAIN QUERY PLAN " + sql)
        try statement.bind(values)
        var details: [String] = []
        while try statement.step() { details.append(statement.text(at: 3) ?? "") }
        return details.joined(separator: "\n")
    }

    @Test func oneStationsSeriesUsesTheStationTimeIndex() throws {
        let (sql, values) = ObservationStore.observationsQuery(ObservationFilter(stationIDs: [133], limit: 100), newestFirst: true)
        let plan = try plan(sql, values)
        #expect(plan.contains("SEARCH o USING INDEX observations_by_station_time (station_id=?)"), "\(plan)")
        // The index gives the time order: no sort of the series.
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
        #expect(!plan.contains("SCAN o"), "\(plan)")
    }

    @Test func latestUsesTheStationTimeIndexPerStation() throws {
        let (sql, values) = ObservationStore.latestQuery(ObservationFilter())
        let plan = try plan(sql, [.integer(133)] + values)
        #expect(plan.contains("SEARCH o USING INDEX observations_by_station_time (station_id=?)"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }

    @Test func aTimeWindowUsesTheTimeIndex() throws {
        let (sql, values) = ObservationStore.observationsQuery(ObservationFilter(since: 1_755_000_000), newestFirst: false)
        let plan = try plan(sql, values)
        #expect(plan.contains("USING INDEX observations_by_time (observed_at>?)"), "\(plan)")
    }

    @Test func exportStreamsInTimeOrderWithoutSortingEverything() throws {
        let (sql, values) = ObservationStore.observationsQuery(ObservationFilter(), newestFirst: false)
        let plan = try plan(sql, values)
        #expect(plan.contains("observations_by_time"), "\(plan)")
        // The index is in the report's order: no sorting, not even of each time's rows.
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }

    /// `kmaticker query` with no station: newest first, which the time index (ascending in
    /// every column) gives for the time and leaves only each time's rows to order. A plan that
    /// scanned the table and sorted all of it made `query --limit 1` on 50,000 rows 8 ms slower
    /// than the query before it, which read the same index.
    @Test func newestFirstWithoutAStationReadsTheTimeIndexBackwards() throws {
        for filter in [ObservationFilter(limit: 1), ObservationFilter(), ObservationFilter(since: 1_755_000_000, limit: 20),
                       ObservationFilter(conditions: ["맑음"], limit: 10)] {
            let (sql, values) = ObservationStore.observationsQuery(filter, newestFirst: true)
            let plan = try plan(sql, values)
            #expect(plan.contains("USING INDEX observations_by_time"), "\(filter): \(plan)")
            #expect(!plan.contains("USE TEMP B-TREE FOR ORDER BY"), "\(filter): \(plan)")
        }
    }

    // MARK: What `kmaticker export` runs

    /// `kmaticker export`'s report with no options (Export.run: the observations oldest
    /// first, CSV), narrowed as `configure` says (its filter options).
    static func defaultExport(_ configure: (inout ObservationQuery) throws -> Void = { _ in }) rethrows -> ObservationQuery {
        var query = ObservationQuery(report: .observations(newestFirst: false), format: .csv)
        try configure(&query)
        return query
    }

    /// The export's plan properties: read through an index in the report's order, no sort.
    func expectStreamsFromAnIndex(_ plan: String, index: String, _ comment: String) {
        #expect(plan.contains("USING INDEX \(index)"), "\(comment): \(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(comment): \(plan)")
        #expect(!plan.contains("SCAN o\n") && !plan.hasSuffix("SCAN o"), "\(comment): \(plan)")
    }

    @Test func theDefaultExportsSQLStreamsFromAnIndexFilteredOrNot() throws {
        let now = Date(timeIntervalSince1970: 1_755_481_200)
        let cases: [(ObservationQuery, String)] = [
            (try Self.defaultExport(), "observations_by_time"),
            (try Self.defaultExport { $0.since = try .since("2025-08-01") }, "observations_by_time"),
            (try Self.defaultExport { $0.since = try .since("2025-08-01"); $0.until = try .until("2025-08-18") }, "observations_by_time"),
            (try Self.defaultExport { $0.stations = ["대전"] }, "observations_by_station_time"),
            (try Self.defaultExport { $0.stations = ["대전"]; $0.since = try .since("7d") }, "observations_by_station_time"),
            (try Self.defaultExport { $0.conditions = ["맑음"]; $0.limit = 10 }, "observations_by_time"),
        ]
        for (query, index) in cases {
            let filter = try query.filter(now: now, registry: try store.stationRegistry())
            let (sql, values) = ObservationStore.observationsQuery(filter, newestFirst: false)
            expectStreamsFromAnIndex(try plan(sql, values), index: index, "\(filter)")
        }
    }

    /// The statement SQLite is stepping while the default export writes its rows, read from
    /// SQLite's own list of prepared statements (`sqlite_stmt`): the SQL the CSV export runs,
    /// whatever builds it. It is the store's one builder's, and streams from an index.
    @Test(.enabled(if: QueryPlanTests.sqliteListsItsStatements(), "SQLite built without SQLITE_ENABLE_STMTVTAB"))
    func theSQLTheDefaultExportRunsIsTheBuildersAndStreamsFromAnIndex() throws {
        try fillWithManyObservations()
        let now = Date(timeIntervalSince1970: 1_755_481_200)
        for (query, index) in [(try Self.defaultExport(), "observations_by_time"),
                               (try Self.defaultExport { $0.stations = ["대전"] }, "observations_by_station_time")] {
            let output = StatementWatchingOutput(database: store.database)
            let outcome = try query.run(store: store, to: output, now: now)
            try #require(outcome.rows > 300, "too few rows for a write while the rows are read")
            let running = Set(output.runningSQL)
            try #require(running.count == 1, "\(running)")
            let sql = try #require(running.first)
            let filter = try query.filter(now: now, registry: try store.stationRegistry())
            #expect(sql == ObservationStore.observationsQuery(filter, newestFirst: false).0)
            // Unbound parameters are NULL for the plan, which does not depend on them.
            expectStreamsFromAnIndex(try plan(sql, []), index: index, "\(query.stations)")
        }
    }

    static func sqliteListsItsStatements() -> Bool {
        guard let store = try? ObservationStore(path: ":memory:", access: .readWrite, registry: .asos) else { return false }
        return (try? store.database.prepare("SELECT count(*) FROM sqlite_stmt")) != nil
    }

    /// The seed, then its rows copied to 400 earlier times: over 300 rows for one station, so
    /// that the CSV export writes while it reads.
    func fillWithManyObservations() throws {
        let text = try String(contentsOf: Fixtures.url(Fixtures.seedName), encoding: .utf8)
        let page = try TickerParser(registry: .asos).parse(Array(text.utf8), file: Fixtures.seedName)
        _ = try store.store(page, provenance: PageProvenance(source: Fixtures.seedName, path: Fixtures.seedName, sha256: "seed"))
        try store.database.execute("""
            WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 400)
            INSERT INTO observations (page_id, position, observed_at, station_id, station_source, label,
                                      condition, condition_known, temperature_c)
            SELECT page_id, position, observed_at - k * 600, station_id, station_source, label, condition,
                   condition_known, temperature_c
            FROM observations, n WHERE station_id IS NOT NULL
            """)
    }
}

/// A sink that, at each write of rows, notes the SQL of the statements SQLite is stepping on
/// `database` (besides its own question).
private final class StatementWatchingOutput: TextOutput {
    let database: SQLiteDatabase
    private(set) var runningSQL: [String] = []
    var failure: OutputError? { nil }

    init(database: SQLiteDatabase) { self.database = database }

    func write(_ text: String) { watch() }
    func write(utf8 bytes: UnsafeRawBufferPointer) { watch() }

    private func watch() {
        guard let statement = try? database.prepare("SELECT sql FROM sqlite_stmt WHERE busy AND sql NOT LIKE '%sqlite_stmt%'") else { return }
        while (try? statement.step()) == true { runningSQL.append(statement.text(at: 0) ?? "") }
    }
}
