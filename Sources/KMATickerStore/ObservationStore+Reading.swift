import KMATickerModel

/// Per-station facts for `kmaticker stations`.
public struct StationSummary: Sendable, Equatable {
    public var observations: Int
    public var first: KSTDateTime
    public var last: KSTDateTime
}

/// One station's temperatures over one KST hour or day.
public struct TemperatureAggregate: Sendable, Equatable {
    /// The period's start, KST.
    package var periodStart: KSTDateTime
    public var stationID: Int
    public var station: String
    package var minimumC: Double?
    package var maximumC: Double?
    package var meanC: Double?
    /// Observations with a temperature (what min, max and mean are over).
    package var temperatureCount: Int
    /// All observations, with a temperature or not.
    package var observationCount: Int
}

/// Reading the store. Every value reaches SQL as a bound parameter.
extension ObservationStore {
    /// The SQL and values of the observation report (`query`, `export` in every format,
    /// `--wide`, `chart`): the one statement that reads observations for it, stepped by
    /// ``ObservationRowReader`` for every printer, the byte-level CSV export's included.
    static func observationsQuery(_ filter: ObservationFilter, newestFirst: Bool) -> (String, [SQLiteValue]) {
        let (whereSQL, values) = filter.whereClause()
        let direction = newestFirst ? "DESC" : "ASC"
        // Without a station, the time index gives the order. Newest first is DESC on its first
        // column and ASC on the others, which the index gives only in part; left to choose, the
        // planner then scans the table and sorts all of it (even for LIMIT 1), where reading the
        // index backwards leaves only each time's few rows to order. With stations, the
        // station-time index is the better one, and the planner takes it.
        let index = filter.stationIDs.isEmpty ? " INDEXED BY observations_by_time" : ""
        var sql = ObservationRowReader.columns + index + "\n\(whereSQL)\nORDER BY o.observed_at \(direction), o.page_id, o.position"
        if let limit = filter.limit { sql += " LIMIT \(max(0, limit))" }
        return (sql, values)
    }

    /// The SQL of the latest report (`query --latest`), run once per station with the
    /// station's number bound first, then `values`: the same columns as
    /// ``observationsQuery(_:newestFirst:)``'s.
    static func latestQuery(_ filter: ObservationFilter) -> (String, [SQLiteValue]) {
        var perStation = filter
        perStation.stationIDs = []
        perStation.limit = nil
        let (whereSQL, values) = perStation.whereClause(adding: ["o.station_id = ?"])
        return (ObservationRowReader.columns + "\n\(whereSQL)\nORDER BY o.observed_at DESC LIMIT 1", values)
    }

    /// Runs `body` for SQL errors as ``StoreError``s.
    private func reading<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError {
            throw StoreError.database(path: path, error)
        }
    }

    /// The stations this store knows, from its `stations` table: what every report resolves
    /// `--station` against, lists and names columns and series by.
    ///
    /// The table, not the registry compiled into this kmaticker, because it is what the
    /// store's observations were written against and what their rows are named from: the
    /// writer brings it in step with its registry in the transaction that stores pages
    /// (``StationTableSync``), so a store written by an older or newer kmaticker (or with
    /// another registry) is described by its own stations, and a report never names a row
    /// from one list and finds `--station` in another.
    package func stationRegistry() throws -> StationRegistry {
        try reading {
            let statement = try database.prepare("""
                SELECT id, name_ko, name_en, lat, lon, elevation_m, province FROM stations ORDER BY id
                """)
            var stations: [Station] = []
            while try statement.step() {
                stations.append(Station(
                    id: Int(statement.integer(at: 0) ?? 0), nameKorean: statement.text(at: 1) ?? "",
                    nameEnglish: statement.text(at: 2) ?? "", latitude: statement.real(at: 3) ?? 0,
                    longitude: statement.real(at: 4) ?? 0, elevationMeters: statement.real(at: 5),
                    province: statement.text(at: 6) ?? ""))
            }
            return try StationRegistry(stations: stations)
        }
    }

    /// The printed names of the observations no station was resolved for (`독도`), as stored.
    package func unresolvedLabels() throws -> Set<String> {
        try reading {
            let statement = try database.prepare("SELECT DISTINCT label FROM observations WHERE station_id IS NULL AND label IS NOT NULL")
            var labels: Set<String> = []
            while try statement.step() { if let label = statement.text(at: 0) { labels.insert(label) } }
            return labels
        }
    }

    /// Calls `body` with every observation `filter` selects, newest or oldest first; rows
    /// stream from SQLite, never all held at once. Each is the ``ObservationRow``'s record.
    package func forEachObservation(_ filter: ObservationFilter, newestFirst: Bool,
                                   _ body: (ObservationRecord) throws -> Void) throws {
        try forEachObservationRow(filter, newestFirst: newestFirst) { try body($0.record) }
    }

    /// Calls `body` with every observation `filter` selects, newest or oldest first, as an
    /// ``ObservationRow``, valid only during the call: what every printer of the observation
    /// report reads (the byte-level CSV export its columns' bytes). Returns the rows passed.
    @discardableResult
    package func forEachObservationRow(_ filter: ObservationFilter, newestFirst: Bool,
                                       _ body: (ObservationRow) throws -> Void) throws -> Int {
        try reading {
            let (sql, values) = Self.observationsQuery(filter, newestFirst: newestFirst)
            return try ObservationRowReader(database: database).forEach(sql, values, body)
        }
    }

    /// Calls `body` with each station's most recent observation within `filter`, by station
    /// number, at most `filter.limit` of them: one index lookup per station rather than a scan
    /// of the store. The stations are the filter's, else every one in the store's table.
    package func forEachLatestObservationRow(_ filter: ObservationFilter, _ body: (ObservationRow) throws -> Void) throws {
        try reading {
            let ids = filter.stationIDs.isEmpty ? try stationRegistry().stations.map(\.id) : filter.stationIDs
            let (sql, values) = Self.latestQuery(filter)
            let reader = try ObservationRowReader(database: database)
            var count = 0
            for id in ids where count < filter.limit ?? .max {
                count += try reader.forEach(sql, [.integer(Int64(id))] + values, body)
            }
        }
    }

    /// Min, max, mean and count of temperatures per station and KST period (3600 s for
    /// hours, 86400 s for days), oldest first. A missing temperature is left out of min, max
    /// and mean (never taken as 0) but counted in `observationCount`.
    package func temperatureAggregates(_ filter: ObservationFilter, periodSeconds: Int64) throws -> [TemperatureAggregate] {
        try reading {
            let (whereSQL, values) = filter.whereClause(adding: ["o.station_id IS NOT NULL"])
            // KST periods: shift to KST before cutting into hours or days.
            let statement = try database.prepare("""
                SELECT (o.observed_at + \(KSTDateTime.offsetSeconds)) / ?1 AS period, o.station_id, s.name_ko,
                       min(o.temperature_c), max(o.temperature_c), avg(o.temperature_c),
                       count(o.temperature_c), count(*)
                FROM observations AS o JOIN stations AS s ON s.id = o.station_id
                \(whereSQL)
                GROUP BY period, o.station_id
                ORDER BY period, o.station_id
                """ + (filter.limit.map { " LIMIT \(max(0, $0))" } ?? ""))
            try statement.bind([.integer(periodSeconds)] + values)
            var rows: [TemperatureAggregate] = []
            while try statement.step() {
                let period = statement.integer(at: 0) ?? 0
                rows.append(TemperatureAggregate(
                    periodStart: KSTDateTime(unixSeconds: period * periodSeconds - KSTDateTime.offsetSeconds),
                    stationID: Int(statement.integer(at: 1) ?? 0), station: statement.text(at: 2) ?? "",
                    minimumC: statement.real(at: 3), maximumC: statement.real(at: 4), meanC: statement.real(at: 5),
                    temperatureCount: Int(statement.integer(at: 6) ?? 0),
                    observationCount: Int(statement.integer(at: 7) ?? 0)))
            }
            return rows
        }
    }

    /// How many observations each station has, and the first and last time.
    package func stationSummaries() throws -> [Int: StationSummary] {
        try reading {
            let statement = try database.prepare("""
                SELECT station_id, count(*), min(observed_at), max(observed_at) FROM observations
                WHERE station_id IS NOT NULL GROUP BY station_id
                """)
            var summaries: [Int: StationSummary] = [:]
            while try statement.step() {
                summaries[Int(statement.integer(at: 0) ?? 0)] = StationSummary(
                    observations: Int(statement.integer(at: 1) ?? 0),
                    first: KSTDateTime(unixSeconds: statement.integer(at: 2) ?? 0),
                    last: KSTDateTime(unixSeconds: statement.integer(at: 3) ?? 0))
            }
            return summaries
        }
    }

    /// The stations that have observations within `filter`, by number.
    package func stationIDs(_ filter: ObservationFilter) throws -> [Int] {
        try reading {
            let (whereSQL, values) = filter.whereClause(adding: ["o.station_id IS NOT NULL"])
            let statement = try database.prepare("SELECT DISTINCT o.station_id FROM observations AS o \(whereSQL) ORDER BY o.station_id")
            try statement.bind(values)
            var ids: [Int] = []
            while try statement.step() { ids.append(Int(statement.integer(at: 0) ?? 0)) }
            return ids
        }
    }

    /// Observations within `filter` whose station is unresolved: what a per-station report
    /// (`--every`, `--latest`, `--wide`) leaves out, so that it can say how many. None when
    /// the filter names stations (an unresolved row has none to match).
    package func unresolvedCount(_ filter: ObservationFilter) throws -> Int {
        guard filter.stationIDs.isEmpty else { return 0 }
        return try reading {
            var unbounded = filter
            unbounded.limit = nil
            let (whereSQL, values) = unbounded.whereClause(adding: ["o.station_id IS NULL"])
            let statement = try database.prepare("SELECT count(*) FROM observations AS o \(whereSQL)")
            try statement.bind(values)
            return try statement.step() ? Int(statement.integer(at: 0) ?? 0) : 0
        }
    }
}
