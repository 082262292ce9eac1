import Testing
import KMATickerTestSupport
@testable import KMATickerStore

/// The queries people run use the store's indexes, not a scan (EXPLAIN QUERY PLAN).
@Suite struct QueryPlanTests {
    let directory: TemporaryDirectory
    let store: ObservationStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try ObservationStore(path: directory.path("plan.sqlite"), access: .readWrite)
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
}
