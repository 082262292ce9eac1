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
    ]

    /// Migrates `database` to the newest version inside the writer's open transaction (it holds
    /// the write lock, so two processes never migrate at once: the second finds the work done).
    /// Reading never migrates; a dry run's rollback undoes it.
    static func migrate(_ database: SQLiteDatabase, to newest: Int) throws {
        precondition(!database.isAutocommit, "a migration runs inside the writer's transaction")
        let current = Int(try database.integer("PRAGMA user_version"))
        guard current < newest else { return }
        for step in steps where step.from >= current && step.from < newest {
            try database.execute(step.sql)
        }
        try database.execute("PRAGMA user_version = \(newest)")
    }
}
