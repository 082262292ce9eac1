/// How a store written by an earlier kmaticker becomes a store of ``ObservationStore/schemaVersion``:
/// one step per version, applied in order, all in one transaction with the version bump.
///
/// `schema.sql` is always the newest schema; a test migrates a version-1 store and compares
/// its schema with a new store's, so the two cannot drift apart.
enum StoreMigrations {
    /// SQL that takes a store from version `from` to `from + 1`.
    static let steps: [(from: Int, sql: String)] = [
        // 2: each page keeps its file's size.
        (1, "ALTER TABLE pages ADD COLUMN byte_count INTEGER"),
        // 3: pages inside archives (record, address), and every time a page has.
        (2, """
            ALTER TABLE pages ADD COLUMN record TEXT;
            ALTER TABLE pages ADD COLUMN uri TEXT;
            ALTER TABLE pages ADD COLUMN captured_at INTEGER;
            ALTER TABLE pages ADD COLUMN capture_source TEXT;
            ALTER TABLE pages ADD COLUMN printed_time TEXT;
            ALTER TABLE pages ADD COLUMN printed_time_source TEXT
            """),
        // 4: which registry the stations table was last brought in step with. Empty here: the
        // writer fills it when it brings the stations in step, in the same transaction.
        (3, """
            CREATE TABLE registry_version (
                digest        TEXT    NOT NULL,
                station_count INTEGER NOT NULL,
                synced_at     INTEGER NOT NULL
            ) STRICT
            """),
        // 5: views for tools that show the tables as they are (Datasette): KST times, station
        // names, each station's latest observation, hourly and daily temperatures. The same
        // text as schema.sql's (a test compares them).
        (4, """
            CREATE VIEW observations_kst AS
            SELECT o.id,
                   strftime('%Y-%m-%d %H:%M', o.observed_at + 32400, 'unixepoch') AS observed_at_kst,
                   strftime('%Y-%m-%dT%H:%M:%S+09:00', o.observed_at + 32400, 'unixepoch') AS observed_at,
                   o.station_id,
                   coalesce(s.name_ko, o.label) AS station,
                   o.condition,
                   o.temperature_c,
                   o.station_source,
                   p.source,
                   o.label,
                   o.position,
                   p.time_source,
                   p.uri
            FROM observations AS o
            JOIN pages AS p ON p.id = o.page_id
            LEFT JOIN stations AS s ON s.id = o.station_id
            ORDER BY o.observed_at DESC, o.page_id, o.position;

            CREATE VIEW latest_by_station AS
            SELECT k.*
            FROM (SELECT id, max(observed_at) FROM observations WHERE station_id IS NOT NULL GROUP BY station_id) AS latest
            JOIN observations_kst AS k ON k.id = latest.id
            ORDER BY k.station_id;

            CREATE VIEW hourly_temperatures AS
            SELECT strftime('%Y-%m-%d %H:00', o.observed_at + 32400, 'unixepoch') AS period,
                   o.station_id,
                   s.name_ko AS station,
                   min(o.temperature_c) AS min_c,
                   max(o.temperature_c) AS max_c,
                   round(avg(o.temperature_c), 2) AS mean_c,
                   count(o.temperature_c) AS count,
                   count(*) AS observations
            FROM observations AS o
            JOIN stations AS s ON s.id = o.station_id
            GROUP BY period, o.station_id
            ORDER BY period, o.station_id;

            CREATE VIEW daily_temperatures AS
            SELECT strftime('%Y-%m-%d', o.observed_at + 32400, 'unixepoch') AS period,
                   o.station_id,
                   s.name_ko AS station,
                   min(o.temperature_c) AS min_c,
                   max(o.temperature_c) AS max_c,
                   round(avg(o.temperature_c), 2) AS mean_c,
                   count(o.temperature_c) AS count,
                   count(*) AS observations
            FROM observations AS o
            JOIN stations AS s ON s.id = o.station_id
            GROUP BY period, o.station_id
            ORDER BY period, o.station_id;
            """),
        // 6: the time index in the order reports read (time, page, position): an export
        // streams from it instead of sorting each time's rows. Rebuilt once, in the writer's
        // first transaction (seconds for a store of millions).
        (5, """
            DROP INDEX observations_by_time;
            CREATE INDEX observations_by_time ON observations (observed_at, page_id, position)
            """),
    ]

    /// Migrates `database` to the newest version inside the writer's open transaction (it holds
    /// the write lock, so two processes never migrate at once: the second finds the work done).
    /// Reading never migrates; a dry run's rollback undoes it.
    static func migrate(_ database: SQLiteDatabase, to newest: Int) throws(SQLiteError) {
        precondition(!database.isAutocommit, "a migration runs inside the writer's transaction")
        let current = Int(try database.integer("PRAGMA user_version"))
        guard current < newest else { return }
        for step in steps where step.from >= current && step.from < newest {
            try database.execute(step.sql)
        }
        try database.execute("PRAGMA user_version = \(newest)")
    }
}
