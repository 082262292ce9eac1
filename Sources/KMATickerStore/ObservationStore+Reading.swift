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
    public var periodStart: KSTDateTime
    public var stationID: Int
    public var station: String
    public var minimumC: Double?
    public var maximumC: Double?
    public var meanC: Double?
    /// Observations with a temperature (what min, max and mean are over).
    public var temperatureCount: Int
    /// All observations, with a temperature or not.
    public var observationCount: Int
}

/// Reading the store. Every value reaches SQL as a bound parameter.
extension ObservationStore {
    /// The SELECT list that makes an ``ObservationRecord``.
    private static let recordColumns = """
        SELECT o.observed_at, o.station_id, coalesce(s.name_ko, o.label), o.condition,
               o.temperature_c, o.station_source, p.source, o.label, o.position, p.time_source
        FROM observations AS o
        JOIN pages AS p ON p.id = o.page_id
        LEFT JOIN stations AS s ON s.id = o.station_id
        """

    private static func record(_ statement: SQLiteStatement) -> ObservationRecord {
        ObservationRecord(
            observedAt: KSTDateTime(unixSeconds: statement.integer(at: 0) ?? 0),
            stationID: statement.integer(at: 1).map { Int($0) },
            station: statement.text(at: 2),
            condition: statement.text(at: 3),
            temperatureC: statement.real(at: 4),
            stationSource: StationSource(rawValue: statement.text(at: 5) ?? "") ?? .unresolved,
            source: statement.text(at: 6) ?? "",
            label: statement.text(at: 7),
            position: Int(statement.integer(at: 8) ?? 0),
            timeSource: statement.text(at: 9) ?? "")
    }

    /// The SQL and values behind ``forEachObservation(_:newestFirst:_:)``.
    static func observationsQuery(_ filter: ObservationFilter, newestFirst: Bool) -> (String, [SQLiteValue]) {
        let (whereSQL, values) = filter.whereClause()
        let direction = newestFirst ? "DESC" : "ASC"
        var sql = recordColumns + "\n\(whereSQL)\nORDER BY o.observed_at \(direction), o.page_id, o.position"
        if let limit = filter.limit { sql += " LIMIT \(max(0, limit))" }
        return (sql, values)
    }

    /// The SQL behind ``latestObservations(_:registry:)``, run once per station with the
    /// station's number bound first, then `values`.
    static func latestQuery(_ filter: ObservationFilter) -> (String, [SQLiteValue]) {
        var perStation = filter
        perStation.stationIDs = []
        perStation.limit = nil
        let (whereSQL, values) = perStation.whereClause(adding: ["o.station_id = ?"])
        return (recordColumns + "\n\(whereSQL)\nORDER BY o.observed_at DESC LIMIT 1", values)
    }

    /// Runs `body` for SQL errors as ``StoreError``s.
    private func reading<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError {
            throw StoreError.database(path: path, error)
        }
    }

    /// Calls `body` with every observation `filter` selects, newest or oldest first; rows
    /// stream from SQLite, never all held at once.
    public func forEachObservation(_ filter: ObservationFilter = ObservationFilter(), newestFirst: Bool,
                                   _ body: (ObservationRecord) throws -> Void) throws {
        try reading {
            let (sql, values) = Self.observationsQuery(filter, newestFirst: newestFirst)
            let statement = try database.prepare(sql)
            try statement.bind(values)
            while try statement.step() { try body(Self.record(statement)) }
        }
    }

    /// Calls `body` with every observation `filter` selects, in the order of
    /// ``forEachObservation(_:newestFirst:_:)``, as an ``ObservationRow``: for encoders that read
    /// the columns' bytes without making records (the CSV export). The row is valid only during
    /// the call.
    package func forEachObservationRow(_ filter: ObservationFilter, newestFirst: Bool,
                               _ body: (ObservationRow) throws -> Void) throws {
        try reading { try ObservationRowReader(database: database).forEach(filter, newestFirst: newestFirst, body) }
    }

    /// Each station's most recent observation within `filter`, by station number: one index
    /// lookup per station rather than a scan of the store.
    public func latestObservations(_ filter: ObservationFilter, registry: StationRegistry) throws -> [ObservationRecord] {
        try reading {
            let (sql, values) = Self.latestQuery(filter)
            let statement = try database.prepare(sql)
            let ids = filter.stationIDs.isEmpty ? registry.stations.map(\.id) : filter.stationIDs
            var records: [ObservationRecord] = []
            for id in ids {
                try statement.bind([.integer(Int64(id))] + values)
                if try statement.step() { records.append(Self.record(statement)) }
            }
            return records
        }
    }

    /// Min, max, mean and count of temperatures per station and KST period (3600 s for
    /// hours, 86400 s for days), oldest first. A missing temperature is left out of min, max
    /// and mean (never taken as 0) but counted in `observationCount`.
    public func temperatureAggregates(_ filter: ObservationFilter, periodSeconds: Int64) throws -> [TemperatureAggregate] {
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
    public func stationSummaries() throws -> [Int: StationSummary] {
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
    public func stationIDs(_ filter: ObservationFilter) throws -> [Int] {
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
    public func unresolvedCount(_ filter: ObservationFilter) throws -> Int {
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
