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
    ]

    /// Migrates `database` from `version` to the newest, in one transaction (IMMEDIATE, so two
    /// processes do not migrate at once; the second finds the work done).
    static func migrate(_ database: SQLiteDatabase, from version: Int, to newest: Int) throws {
        try database.inTransaction {
            // Another process may have migrated while this one waited for the lock.
            var current = Int(try database.integer("PRAGMA user_version"))
            for step in steps where step.from >= current && step.from < newest {
                try database.execute(step.sql)
                current = step.from + 1
            }
            try database.execute("PRAGMA user_version = \(newest)")
        }
    }
}
