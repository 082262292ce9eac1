import Foundation

/// The SQLite time series of observations (schema: `schema.sql`).
///
/// One page is written in one transaction: all its observations or none. An observation's
/// identity is (station, time), or (page, position) for an unresolved item; storing an
/// identity again adds nothing, and a different value for it is reported, never overwritten.
public final class ObservationStore {
    /// The store's file.
    public let path: String
    let database: SQLiteDatabase
    private let statements: PreparedStatements
    /// Multi-row inserts by row count.
    private var multiRowInserts: [Int: SQLiteStatement] = [:]

    /// The schema version this kmaticker writes (`PRAGMA user_version`).
    public static let schemaVersion = 3
    /// `PRAGMA application_id` of every kmaticker store: "KMAT".
    public static let applicationID: Int64 = 0x4B4D_4154

    /// Opens the store at `path`. With `create`, a missing store (and its folder) is made;
    /// without, a missing store is ``StoreError/missing(path:)``. A file that is not a
    /// kmaticker store, or is from a newer kmaticker, is refused and left untouched.
    public init(path: String, create: Bool, registry: StationRegistry = .asos) throws(StoreError) {
        self.path = path
        let inMemory = path == ":memory:"
        if !inMemory, !FileManager.default.fileExists(atPath: path) {
            guard create else { throw .missing(path: path) }
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw .cannotOpen(path: path, reason: "cannot create the folder \(folder): \(error.localizedDescription)")
                }
            }
        }
        do {
            database = try SQLiteDatabase(path: path, create: create)
        } catch {
            throw .cannotOpen(path: path, reason: error.message)
        }
        database.setBusyTimeout(milliseconds: 10_000)
        do {
            try Self.prepareSchema(of: database, at: path, registry: registry)
            statements = try PreparedStatements(database)
        } catch let error as StoreError {
            throw error
        } catch let error as SQLiteError {
            throw error.meansNotADatabase ? .notAStore(path: path) : .database(path: path, error)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Checks what the file is before changing anything, then makes a new store or accepts
    /// an existing one.
    private static func prepareSchema(of database: SQLiteDatabase, at path: String,
                                      registry: StationRegistry) throws {
        // These reads change nothing, so a foreign file is refused untouched.
        let applicationID = try database.integer("PRAGMA application_id")
        let version = Int(try database.integer("PRAGMA user_version"))
        let objectCount = try database.integer("SELECT count(*) FROM sqlite_schema")
        // WAL with synchronous=NORMAL: a commit does not wait for the disk; a power cut can lose
        // the last commits but never corrupts the store (an application crash loses nothing).
        // A 16 MiB page cache keeps a batch's dirty index pages in memory until its commit, and a
        // checkpoint every 32 MiB of WAL rather than every 4 MiB writes the hot index pages to the
        // store less often.
        let connectionSettings = """
            PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
            PRAGMA cache_size = -16384; PRAGMA wal_autocheckpoint = 8192
            """
        if applicationID == Self.applicationID {
            guard version <= Self.schemaVersion else {
                throw StoreError.newerVersion(path: path, found: version, supported: Self.schemaVersion)
            }
            try database.execute(connectionSettings)
            if version < Self.schemaVersion {
                try StoreMigrations.migrate(database, from: version, to: Self.schemaVersion)
            }
            return
        }
        guard applicationID == 0, version == 0, objectCount == 0 else {
            throw StoreError.notAStore(path: path)
        }
        // A new, empty file: WAL first (it cannot change inside a transaction), then the whole
        // schema and the registry in one transaction, so no half-made store is ever seen. The
        // check is made again under the write lock: another process may have just made it.
        try database.execute(connectionSettings)
        try database.inTransaction {
            guard try database.integer("SELECT count(*) FROM sqlite_schema") == 0 else { return }
            try database.execute(StoreSchema.sql)
            let insert = try database.prepare(
                "INSERT INTO stations (id, name_ko, name_en, lat, lon, elevation_m, province) VALUES (?, ?, ?, ?, ?, ?, ?)")
            for station in registry.stations {
                try insert.run([
                    .integer(Int64(station.id)), .text(station.nameKorean), .text(station.nameEnglish),
                    .real(station.latitude), .real(station.longitude),
                    station.elevationMeters.map(SQLiteValue.real) ?? .null, .text(station.province),
                ])
            }
        }
    }

    /// Stores one parsed page as one transaction (a savepoint during a dry run).
    public func store(_ page: TickerPage, provenance: PageProvenance, now: Date = Date()) throws(StoreError) -> PageWriteResult {
        do {
            return try database.inTransaction {
                try write(page, provenance: provenance, now: now, using: statements)
            }
        } catch let error as SQLiteError {
            throw .database(path: path, error)
        } catch {
            throw .database(path: path, SQLiteError(code: 1, message: "\(error)", sql: nil))
        }
    }

    /// The page with these bytes, if stored: stored at `time` when it is known before reading
    /// the page (`--at`, a capture time), or at a time the page itself gave otherwise (a feed's
    /// hours are summed).
    public func storedPage(sha256: String, at time: KSTDateTime?) throws(StoreError) -> StoredPage? {
        do {
            let statement = statements.findPageByDigest
            // An aggregate always has a row: reset it when read, or the open statement would
            // keep a read transaction, and a later BEGIN IMMEDIATE fail at once with SQLITE_BUSY.
            defer { statement.reset() }
            try statement.bind([.text(sha256), time.map { .integer($0.unixSeconds) } ?? .null])
            guard try statement.step(), let source = statement.text(at: 0) else { return nil }
            return StoredPage(source: source,
                              observedAt: KSTDateTime(unixSeconds: statement.integer(at: 1) ?? 0),
                              timeSource: statement.text(at: 2) ?? "", itemCount: Int(statement.integer(at: 3) ?? 0))
        } catch {
            throw .database(path: path, error)
        }
    }

    /// Opens a batch: pages stored until ``commitBatch()`` are committed together, each page
    /// still all-or-nothing inside it (a savepoint). One commit per batch instead of one per
    /// page is what lets an archive go in quickly; a crash loses the open batch, whole pages only.
    public func beginBatch() throws(StoreError) {
        do { try database.execute("BEGIN IMMEDIATE") } catch { throw .database(path: path, error) }
    }

    /// Commits the open batch.
    public func commitBatch() throws(StoreError) {
        do { try database.execute("COMMIT") } catch { throw .database(path: path, error) }
    }

    /// Discards the open batch (a dry run ends this way).
    public func rollBackBatch() throws(StoreError) {
        do { try database.execute("ROLLBACK") } catch { throw .database(path: path, error) }
    }

    /// Whether a batch is open.
    public var isInBatch: Bool { !database.isAutocommit }

    private func write(_ page: TickerPage, provenance: PageProvenance, now: Date,
                       using statements: PreparedStatements) throws -> PageWriteResult {
        let observedAt = page.time.time.unixSeconds
        let pageID: Int64
        let pageIsNew: Bool
        if try statements.insertPage.run([
            .text(provenance.source), .text(provenance.path), .text(provenance.sha256),
            provenance.byteCount.map { .integer(Int64($0)) } ?? .null, .text(page.charset),
            .text(page.format.rawValue), .integer(observedAt), .text(page.time.source.rawValue),
            .integer(Int64(page.observations.count)), .integer(Int64(page.diagnostics.count)),
            .integer(Int64(now.timeIntervalSince1970)),
            provenance.record.map(SQLiteValue.text) ?? .null, provenance.uri.map(SQLiteValue.text) ?? .null,
            page.capturedAt.map { .integer($0.time.unixSeconds) } ?? .null,
            page.capturedAt.map { .text($0.source.rawValue) } ?? .null,
            page.printedTime.map { .text($0.text) } ?? .null, page.printedTime.map { .text($0.source.rawValue) } ?? .null,
        ]) == 1 {
            pageID = database.lastInsertRowID
            pageIsNew = true
        } else {
            pageIsNew = false
            try statements.findPage.bind([.text(provenance.sha256), .integer(observedAt)])
            guard try statements.findPage.step(), let id = statements.findPage.integer(at: 0) else {
                throw SQLiteError(code: 1, message: "page row vanished", sql: statements.findPage.sql)
            }
            pageID = id
        }

        let result = pageIsNew
            ? try writeObservationsOfNewPage(page, pageID: pageID, observedAt: observedAt, source: provenance.source)
            : try writeObservationsOneByOne(page, pageID: pageID, observedAt: observedAt, using: statements)
        try statements.recordCounts.run([
            .integer(Int64(result.new)), .integer(Int64(result.alreadyStored)),
            .integer(Int64(result.conflicts.count)), .integer(Int64(page.diagnostics.count + result.conflicts.count)),
            .integer(pageID),
        ])
        return result
    }

    /// A page the store has never seen: one query reads what the store holds at the page's
    /// time, each observation is told new, already stored or conflicting here, and the new ones
    /// go in with one multi-row INSERT. (The writer holds the write lock, so nothing can change
    /// in between.) An unresolved item's identity includes this new page, so it is always new.
    private func writeObservationsOfNewPage(_ page: TickerPage, pageID: Int64, observedAt: Int64,
                                            source: String) throws -> PageWriteResult {
        var stored: [Int: (condition: String?, temperature: Double?, source: String)] = [:]
        let atTime = statements.findAtTime
        try atTime.bind([.integer(observedAt)])
        while try atTime.step() {
            if let id = atTime.integer(at: 0) {
                stored[Int(id)] = (atTime.text(at: 1), atTime.real(at: 2), atTime.text(at: 3) ?? "")
            }
        }
        var result = PageWriteResult()
        var newRows: [Observation] = []
        newRows.reserveCapacity(page.observations.count)
        for observation in page.observations {
            guard let id = observation.stationID else { newRows.append(observation); continue }
            if let existing = stored[id] {
                if existing.condition == observation.condition && existing.temperature == observation.temperatureC {
                    result.alreadyStored += 1
                } else {
                    result.conflicts.append(ObservationConflict(
                        incoming: observation, storedCondition: existing.condition,
                        storedTemperatureC: existing.temperature, storedSource: existing.source))
                }
                continue
            }
            // A station twice in one page: the first is stored, the second compared with it.
            stored[id] = (observation.condition, observation.temperatureC, source)
            newRows.append(observation)
        }
        for chunk in stride(from: 0, to: newRows.count, by: Self.rowsPerInsert) {
            let rows = newRows[chunk..<min(newRows.count, chunk + Self.rowsPerInsert)]
            let insert = try multiRowInsert(rows.count)
            insert.reset()
            var column: Int32 = 1
            for observation in rows {
                insert.bind(pageID, at: column)
                insert.bind(Int64(observation.position), at: column + 1)
                insert.bind(observedAt, at: column + 2)
                insert.bind(observation.stationID.map { Int64($0) }, at: column + 3)
                insert.bind(observation.stationSource.rawValue, at: column + 4)
                insert.bind(observation.label, at: column + 5)
                insert.bind(observation.condition, at: column + 6)
                insert.bind(Int64(observation.conditionIsKnown ? 1 : 0), at: column + 7)
                insert.bind(observation.temperatureC, at: column + 8)
                column += 9
            }
            guard try insert.runBound() == rows.count else {
                throw SQLiteError(code: 1, message: "a new page's observations collided with stored ones", sql: insert.sql)
            }
        }
        result.new = newRows.count
        return result
    }

    /// Rows per multi-row INSERT (9 values each, well under SQLite's parameter limit).
    private static let rowsPerInsert = 100

    /// `INSERT INTO observations … VALUES (…), (…), …` for `rows` rows, prepared once per size.
    private func multiRowInsert(_ rows: Int) throws -> SQLiteStatement {
        if let statement = multiRowInserts[rows] { return statement }
        let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
        let statement = try database.prepare("""
            INSERT INTO observations (page_id, position, observed_at, station_id, station_source,
                                      label, condition, condition_known, temperature_c)
            VALUES \(values) ON CONFLICT DO NOTHING
            """)
        multiRowInserts[rows] = statement
        return statement
    }

    /// A page stored before (same bytes and time): each observation in turn, by its identity.
    private func writeObservationsOneByOne(_ page: TickerPage, pageID: Int64, observedAt: Int64,
                                           using statements: PreparedStatements) throws -> PageWriteResult {
        var result = PageWriteResult()
        for observation in page.observations {
            let insert = statements.insertObservation
            insert.reset()
            insert.bind(pageID, at: 1)
            insert.bind(Int64(observation.position), at: 2)
            insert.bind(observedAt, at: 3)
            insert.bind(observation.stationID.map { Int64($0) }, at: 4)
            insert.bind(observation.stationSource.rawValue, at: 5)
            insert.bind(observation.label, at: 6)
            insert.bind(observation.condition, at: 7)
            insert.bind(Int64(observation.conditionIsKnown ? 1 : 0), at: 8)
            insert.bind(observation.temperatureC, at: 9)
            let inserted = try insert.runBound()
            if inserted == 1 { result.new += 1; continue }

            // The identity is taken: the same values are "already stored", others a conflict.
            let existing: SQLiteStatement
            if let stationID = observation.stationID {
                existing = statements.findByStation
                try existing.bind([.integer(Int64(stationID)), .integer(observedAt)])
            } else {
                existing = statements.findUnresolved
                try existing.bind([.integer(pageID), .integer(Int64(observation.position))])
            }
            guard try existing.step() else {
                throw SQLiteError(code: 1, message: "insert ignored but no row found", sql: existing.sql)
            }
            let storedCondition = existing.text(at: 0)
            let storedTemperature = existing.real(at: 1)
            if storedCondition == observation.condition && storedTemperature == observation.temperatureC {
                result.alreadyStored += 1
            } else {
                result.conflicts.append(ObservationConflict(
                    incoming: observation, storedCondition: storedCondition,
                    storedTemperatureC: storedTemperature, storedSource: existing.text(at: 2) ?? ""))
            }
        }
        return result
    }

    /// The number of stored observations.
    public func observationCount() throws(StoreError) -> Int {
        do {
            return Int(try database.integer("SELECT count(*) FROM observations"))
        } catch {
            throw .database(path: path, error)
        }
    }

    /// The statements every page write uses, compiled once per store.
    private struct PreparedStatements {
        let insertPage: SQLiteStatement
        let findPage: SQLiteStatement
        let findPageByDigest: SQLiteStatement
        let recordCounts: SQLiteStatement
        let insertObservation: SQLiteStatement
        let findByStation: SQLiteStatement
        let findUnresolved: SQLiteStatement
        let findAtTime: SQLiteStatement

        init(_ database: SQLiteDatabase) throws {
            // Counts start at zero and are filled in once the page's observations are written;
            // a page ingested again keeps the counts of its first ingest.
            insertPage = try database.prepare("""
                INSERT INTO pages (source, path, sha256, byte_count, charset, format, observed_at, time_source,
                                   item_count, warning_count, ingested_at, record, uri, captured_at, capture_source,
                                   printed_time, printed_time_source,
                                   new_count, already_stored_count, conflict_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, -1, 0, 0)
                ON CONFLICT (sha256, observed_at) DO NOTHING
                """)
            findPage = try database.prepare("SELECT id FROM pages WHERE sha256 = ? AND observed_at = ?")
            // Without a time: pages whose time came from what they print (the same bytes print
            // the same time), not from --at or a capture time.
            findPageByDigest = try database.prepare("""
                SELECT min(source), min(observed_at), min(time_source), sum(item_count) FROM pages
                WHERE sha256 = ?1 AND (CASE WHEN ?2 IS NULL THEN time_source NOT IN ('at-option', 'warc-date', 'http-date', 'mhtml-date', 'singlefile-saved-date', 'file-mtime')
                                            ELSE observed_at = ?2 END)
                """)
            recordCounts = try database.prepare("""
                UPDATE pages SET new_count = ?, already_stored_count = ?, conflict_count = ?, warning_count = ?
                WHERE id = ? AND new_count = -1
                """)
            insertObservation = try database.prepare("""
                INSERT INTO observations (page_id, position, observed_at, station_id, station_source,
                                          label, condition, condition_known, temperature_c)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)
            findByStation = try database.prepare("""
                SELECT o.condition, o.temperature_c, p.source FROM observations AS o
                JOIN pages AS p ON p.id = o.page_id WHERE o.station_id = ? AND o.observed_at = ?
                """)
            findAtTime = try database.prepare("""
                SELECT o.station_id, o.condition, o.temperature_c, p.source FROM observations AS o
                JOIN pages AS p ON p.id = o.page_id WHERE o.observed_at = ? AND o.station_id IS NOT NULL
                """)
            findUnresolved = try database.prepare("""
                SELECT o.condition, o.temperature_c, p.source FROM observations AS o
                JOIN pages AS p ON p.id = o.page_id
                WHERE o.station_id IS NULL AND o.page_id = ? AND o.position = ?
                """)
        }
    }
}
