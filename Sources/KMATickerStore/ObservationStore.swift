import CSQLite
import FoundationEssentials
import Glibc
import KMATickerModel

/// How a command uses the store.
public enum StoreAccess: Sendable, Equatable {
    /// `query`, `export`, `stations`, `chart`: the file is opened read-only and never created,
    /// migrated or changed; a store from an earlier kmaticker is read as it is.
    case readOnly
    /// `ingest`: a missing store (and its folder) is made; an older one is migrated, and its
    /// stations brought in step with the registry, in the first write's transaction.
    case readWrite
    /// `ingest --dry-run`: written like ``readWrite`` inside one transaction that is always
    /// rolled back, and no setting that lasts (the journal mode) is changed: not a byte of the
    /// file changes.
    case dryRun

    var writes: Bool { self != .readOnly }
}

/// The SQLite time series of observations (schema: `schema.sql`).
///
/// It is written through a ``WriteSession``: one page in one savepoint, all its observations or
/// none, a commit per batch of pages. An observation's identity is (station, time), or (page,
/// position) for an unresolved item; storing an identity again adds nothing, and a different
/// value for it is reported, never overwritten (``StoredValueComparison``).
public final class ObservationStore {
    /// The store's file.
    public let path: String
    /// How it was opened.
    public let access: StoreAccess
    let database: SQLiteDatabase
    private let registry: StationRegistry
    /// The statements a page write uses, compiled when the writer's transaction has brought the
    /// schema up to date (an older store lacks columns they name).
    private var statements: PreparedStatements?
    private var findPageByDigest: SQLiteStatement?
    /// Multi-row inserts by row count.
    private var multiRowInserts: [Int: SQLiteStatement] = [:]
    /// The schema version as committed (`PRAGMA user_version`).
    package private(set) var storedVersion: Int
    /// Whether the committed stations table is in step with ``registry``.
    private var registryInStep = false
    /// Why the rollback of a session dropped with a batch open failed (its deinit could not
    /// throw): its transaction is still open, and the next write transaction says why.
    var droppedSessionRollbackError: SQLiteError?

    /// The schema version this kmaticker writes (`PRAGMA user_version`).
    package static let schemaVersion = 6
    /// The oldest schema version the reading commands read as it is (every column they read
    /// is in version 1).
    package static let oldestReadableVersion = 1
    /// `PRAGMA application_id` of every kmaticker store: "KMAT".
    package static let applicationID: Int64 = 0x4B4D_4154

    /// Opens the store at `path` for `access`. A file that is not a kmaticker store, or is from
    /// a newer kmaticker, is refused and left untouched; with ``StoreAccess/readOnly`` a
    /// missing or empty file is refused too. A writer brings the stations table in step with
    /// `registry` (no default: the caller says which); reading takes the table as it is
    /// (``stationRegistry()``).
    public init(path: String, access: StoreAccess, registry: StationRegistry) throws(StoreError) {
        self.path = path
        self.access = access
        self.registry = registry
        let inMemory = path == ":memory:"
        var status = stat()
        let exists = !inMemory && stat(path, &status) == 0
        if exists, status.st_mode & S_IFMT == S_IFDIR {
            throw .cannotOpen(path: path, reason: "it is a folder; name a file for the store, e.g. --db \(PathComponents.joined(path, "observations.sqlite"))")
        }
        if !inMemory, !exists {
            guard access.writes else { throw .missing(path: path) }
            try Self.prepareFolder(for: path)
        }
        if access == .readOnly, exists, status.st_size == 0 { throw .empty(path: path) }
        if access == .readWrite, exists {
            // Said now, in the system's words (a read-only mount, a file of another user's):
            // SQLite would open the file read-only without a word and fail at the first write.
            if Glibc.access(path, W_OK) != 0 {
                throw .cannotOpen(path: path, reason: "the file is read-only (\(Self.describe(errno))); query and export can still read it")
            }
            let folder = PathComponents.deletingLast(of: path)
            if Glibc.access(folder.isEmpty ? "." : folder, W_OK) != 0 {
                throw .cannotOpen(path: path, reason: "its folder cannot be written (\(Self.describe(errno))), and SQLite keeps the store's journal there; query and export can still read it")
            }
        }
        do {
            database = try Self.open(path, access: access)
        } catch {
            if error.meansNotADatabase { throw Self.notAStoreOrDamaged(path, error) }
            throw .cannotOpen(path: path, reason: error.message)
        }
        database.setBusyTimeout(milliseconds: 10_000)
        do {
            storedVersion = try Self.checkIdentity(of: database, at: path, access: access)
            if access.writes { try Self.prepareForWriting(database, at: path, dryRun: access == .dryRun) }
        } catch let error as StoreError {
            throw error
        } catch let error as SQLiteError {
            throw error.meansNotADatabase ? Self.notAStoreOrDamaged(path, error) : .database(path: path, error)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
        // A new file is made a whole store at once: schema and stations in one transaction.
        if access == .readWrite, storedVersion == 0 { try bringUpToDate() }
    }

    /// A read-only connection; a WAL store on read-only media (where SQLite cannot make its
    /// `-shm` file) is opened as immutable instead.
    private static func open(_ path: String, access: StoreAccess) throws(SQLiteError) -> SQLiteDatabase {
        guard access == .readOnly else { return try SQLiteDatabase(path: path, mode: .readWrite(create: true)) }
        let database = try SQLiteDatabase(path: path, mode: .readOnly)
        do {
            _ = try database.integer("PRAGMA application_id")
            _ = try database.integer("SELECT count(*) FROM sqlite_schema")
            return database
        } catch let error where error.code == SQLITE_CANTOPEN || error.code == SQLITE_READONLY {
            return try SQLiteDatabase(path: path, mode: .immutable)
        }
    }

    /// Makes the folder a new store at `path` goes in, and says now, before any page is read,
    /// when it cannot be made or written (a read-only mount, a HOME that may not be written).
    package static func prepareFolder(for path: String) throws(StoreError) {
        let folder = PathComponents.deletingLast(of: path)
        let checked = folder.isEmpty ? "." : folder
        // mkdir -p, one folder at a time, so that the one that fails is named with its reason.
        var made = checked.hasPrefix("/") ? "" : "."
        for component in checked.split(separator: "/") {
            made += "/" + component
            var status = stat()
            if stat(made, &status) == 0 {
                guard status.st_mode & S_IFMT == S_IFDIR else {
                    throw .cannotOpen(path: path, reason: "\(shown(made)) is a file, not a folder")
                }
                continue
            }
            if mkdir(made, 0o777) != 0, errno != EEXIST {
                throw .cannotOpen(path: path, reason: "cannot create the folder \(shown(made)) (\(describe(errno))); name a store elsewhere with --db")
            }
        }
        if Glibc.access(checked, W_OK) != 0 {
            throw .cannotOpen(path: path, reason: "the folder \(checked) cannot be written (\(describe(errno))); name a store elsewhere with --db")
        }
    }

    /// A folder as built above, without the `./` a relative path was given.
    private static func shown(_ folder: String) -> String { folder.hasPrefix("./") ? String(folder.dropFirst(2)) : folder }

    /// `strerror`'s words, lowercased at the start as in the rest of a message.
    private static func describe(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    /// A file SQLite finds no database or damaged: a damaged store when it is an SQLite file
    /// (its header says so) or holds kmaticker's tables, else no store at all.
    private static func notAStoreOrDamaged(_ path: String, _ error: SQLiteError) -> StoreError {
        var head = [UInt8](repeating: 0, count: 16)
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if descriptor >= 0 {
            _ = head.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 16) }
            close(descriptor)
        }
        return head == Array("SQLite format 3\0".utf8) ? .damaged(path: path, detail: error.message) : .notAStore(path: path)
    }

    /// Reads what the file is, changing nothing: a foreign file is refused untouched. Returns
    /// the stored schema version (0 for a new, empty file).
    private static func checkIdentity(of database: SQLiteDatabase, at path: String, access: StoreAccess) throws -> Int {
        let applicationID = try database.integer("PRAGMA application_id")
        let version = Int(try database.integer("PRAGMA user_version"))
        let objectCount = try database.integer("SELECT count(*) FROM sqlite_schema")
        if applicationID == Self.applicationID {
            // A version no kmaticker wrote (0, negative, absurdly large) is a damaged header.
            guard version >= Self.oldestReadableVersion, version < 1000 else {
                throw StoreError.damaged(path: path, detail: "its header gives schema version \(version), which no kmaticker writes")
            }
            guard version <= Self.schemaVersion else {
                throw StoreError.newerVersion(path: path, found: version, supported: Self.schemaVersion)
            }
            return version
        }
        guard applicationID == 0, version == 0, objectCount == 0 else {
            // kmaticker's tables under another header: a store whose first page was damaged.
            let tables = try database.integer("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('observations', 'pages', 'stations')")
            if tables == 3 { throw StoreError.damaged(path: path, detail: "its header is not a kmaticker store's, but its tables are") }
            throw StoreError.notAStore(path: path)
        }
        if access == .readOnly { throw StoreError.empty(path: path) }
        return 0
    }

    /// Connection settings for the writer. (A new file gets its schema in the first write
    /// transaction.)
    private static func prepareForWriting(_ database: SQLiteDatabase, at path: String, dryRun: Bool) throws {
        // A file the process may not write opens read-only without a word from SQLite: say so
        // now, not at the first page.
        if database.isReadOnly {
            throw StoreError.cannotOpen(path: path, reason: "the file is read-only (permission denied); query and export can still read it")
        }
        // WAL with synchronous=NORMAL: a commit does not wait for the disk; a power cut can lose
        // the last commits but never corrupts the store (an application crash loses nothing).
        // An 8 MiB page cache keeps a batch's dirty index pages in memory until its commit (16 MiB
        // was no faster and took ingest of 10,000 pages over the 64 MB memory target), and a
        // checkpoint every 32 MiB of WAL rather than every 4 MiB writes the hot index pages to the
        // store less often. (None of these writes the file when it is already a WAL store.)
        // A dry run leaves the journal mode as it is: it lasts, in the file's header.
        //
        // temp_store = MEMORY keeps each page's savepoint journal (the pages it changed, as they
        // were before it, for a rollback to the savepoint) in memory. By default it spills past
        // 64 KiB to a file in /var/tmp, and a page's observations touch a hundred index pages:
        // writing and discarding that file was two thirds of ingest's write calls. It holds no
        // committed data, so durability is as before; it is dropped at each RELEASE.
        if !dryRun { try database.execute("PRAGMA journal_mode = WAL") }
        try database.execute("""
            PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -8192; PRAGMA wal_autocheckpoint = 8192
            """)
    }

    // MARK: Writing

    /// A session that writes pages into the store, each all or nothing, and commits them in
    /// batches (``WriteSession``): the one way the store is written.
    package func beginWriteSession(batching: WriteSession.Batching = .standard) -> WriteSession {
        precondition(access.writes, "a store opened read-only is never written")
        return WriteSession(store: self, batching: batching)
    }

    /// Stores one page in a session of its own, committed at once (in a dry run, rolled back).
    /// A page the store refuses throws, and nothing of it is stored.
    package func store(_ page: TickerPage, provenance: PageProvenance, now: Date = Date()) throws(StoreError) -> PageWriteResult {
        let session = beginWriteSession()
        switch try session.write(page, provenance: provenance, now: now) {
        case .written(let result):
            try session.finish()
            return result
        case .refused(_, let error):
            try session.rollBack()
            throw .database(path: path, error)
        }
    }

    /// Brings the store up to date in a transaction of its own: a new store's schema and
    /// stations, an older store's migration, the stations in step with the registry. (A write
    /// session does the same in its first transaction.)
    func bringUpToDate() throws(StoreError) {
        do {
            try beginWriteTransaction()
            try commitWriteTransaction()
        } catch {
            throw .database(path: path, error)
        }
    }

    /// Begins the writer's transaction, which first makes a new store's schema, or migrates an
    /// older store, and brings the stations table in step with the registry, so all of it is
    /// committed with the first pages, or rolled back with them (a dry run): no half-made
    /// store is ever seen.
    func beginWriteTransaction() throws(SQLiteError) {
        do {
            try database.beginTransaction()
        } catch {
            throw droppedSessionRollbackError.map(error.withRollbackError) ?? error
        }
        droppedSessionRollbackError = nil
        do {
            try updateSchemaAndStations()
        } catch {
            throw rollBackWriteTransaction(after: error)
        }
    }

    /// Inside the open transaction: the schema migrated, the stations in step, the write
    /// statements compiled.
    private func updateSchemaAndStations() throws(SQLiteError) {
        if storedVersion < Self.schemaVersion {
            // Read again under the write lock: another process may have just made or migrated it.
            if try database.integer("SELECT count(*) FROM sqlite_schema") == 0 {
                try database.execute(StoreSchema.sql)
            } else {
                try StoreMigrations.migrate(database, to: Self.schemaVersion)
            }
            statements = nil
            multiRowInserts = [:]
        }
        if !registryInStep { try StationTableSync.bringInStep(database, with: registry) }
        if statements == nil { statements = try PreparedStatements(database) }
    }

    /// Commits the writer's transaction; a commit that fails is rolled back.
    func commitWriteTransaction() throws(SQLiteError) {
        precondition(access == .readWrite, "a dry run is never committed")
        do {
            try database.commitTransaction()
        } catch {
            forgetUncommittedSchema()
            throw error
        }
        storedVersion = Self.schemaVersion
        registryInStep = true
    }

    /// Rolls back the writer's transaction (a dry run ends this way).
    func rollBackWriteTransaction() throws(SQLiteError) {
        defer { forgetUncommittedSchema() }
        try database.rollBackTransaction()
    }

    /// Rolls back the writer's transaction after `error`: returns `error`, with the rollback's
    /// own failure attached when there was one.
    func rollBackWriteTransaction(after error: SQLiteError) -> SQLiteError {
        defer { forgetUncommittedSchema() }
        return database.rollingBack(after: error)
    }

    /// After a rollback: what the transaction made, migrated or brought in step is gone, and
    /// so are the statements compiled against it.
    private func forgetUncommittedSchema() {
        statements = nil
        multiRowInserts = [:]
        findPageByDigest = nil
        registryInStep = false
    }

    /// The page with these bytes, if stored: stored at `time` when it is known before reading
    /// the page (`--at`, a capture time), or at a time the page itself gave otherwise (a feed's
    /// hours are summed).
    package func storedPage(sha256: String, at time: KSTDateTime?) throws(StoreError) -> StoredPage? {
        do {
            return try findStoredPage(sha256: sha256, at: time)
        } catch {
            throw .database(path: path, error)
        }
    }

    func findStoredPage(sha256: String, at time: KSTDateTime?) throws(SQLiteError) -> StoredPage? {
        // A new file has no pages (nor, until the first write's transaction, a table for them).
        guard storedVersion > 0 || !database.isAutocommit else { return nil }
        if findPageByDigest == nil { findPageByDigest = try Self.prepareFindPageByDigest(database) }
        guard let statement = findPageByDigest else { return nil }
        // An aggregate always has a row: reset it when read, or the open statement would
        // keep a read transaction, and a later BEGIN IMMEDIATE fail at once with SQLITE_BUSY.
        defer { statement.reset() }
        try statement.bind([.text(sha256), time.map { .integer($0.unixSeconds) } ?? .null])
        guard try statement.step(), let source = statement.text(at: 0) else { return nil }
        return StoredPage(source: source,
                          observedAt: KSTDateTime(unixSeconds: statement.integer(at: 1) ?? 0),
                          timeSource: statement.text(at: 2) ?? "", itemCount: Int(statement.integer(at: 3) ?? 0))
    }

    /// Without a time: pages whose time came from what they print (the same bytes print the
    /// same time), not from --at or a capture time. Every column it reads is in version 1.
    private static func prepareFindPageByDigest(_ database: SQLiteDatabase) throws(SQLiteError) -> SQLiteStatement {
        try database.prepare("""
            SELECT min(source), min(observed_at), min(time_source), sum(item_count) FROM pages
            WHERE sha256 = ?1 AND (CASE WHEN ?2 IS NULL THEN time_source NOT IN ('at-option', 'warc-date', 'http-date', 'mhtml-date', 'singlefile-saved-date', 'file-mtime')
                                        ELSE observed_at = ?2 END)
            """)
    }

    /// Writes one page inside the writer's transaction (a ``WriteSession`` puts it in a
    /// savepoint of its own).
    func writePage(_ page: TickerPage, provenance: PageProvenance, now: Date) throws(SQLiteError) -> PageWriteResult {
        guard let statements, !database.isAutocommit else {
            throw SQLiteError.internalError("the store was written outside the writer's transaction")
        }
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
                throw SQLiteError.internalError("page row vanished", sql: statements.findPage.sql)
            }
            statements.findPage.reset()
            pageID = id
        }

        let result = pageIsNew
            ? try writeObservationsOfNewPage(page, pageID: pageID, observedAt: observedAt, source: provenance.source,
                                             using: statements)
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
                                            source: String, using statements: PreparedStatements) throws(SQLiteError) -> PageWriteResult {
        var stored: [Int: StoredValue] = [:]
        let atTime = statements.findAtTime
        try atTime.bind([.integer(observedAt)])
        while try atTime.step() {
            if let id = atTime.integer(at: 0) {
                stored[Int(id)] = StoredValue(condition: atTime.text(at: 1), temperatureC: atTime.real(at: 2),
                                              source: atTime.text(at: 3) ?? "")
            }
        }
        var result = PageWriteResult()
        var newRows: [Observation] = []
        newRows.reserveCapacity(page.observations.count)
        for observation in page.observations {
            guard let id = observation.stationID else { newRows.append(observation); continue }
            let comparison = StoredValueComparison.compare(observation, with: stored[id])
            guard comparison == .new else { comparison.count(into: &result); continue }
            // A station twice in one page: the first is stored, the second compared with it.
            stored[id] = StoredValue(condition: observation.condition, temperatureC: observation.temperatureC, source: source)
            newRows.append(observation)
        }
        for chunk in stride(from: 0, to: newRows.count, by: Self.rowsPerInsert) {
            let rows = newRows[chunk..<min(newRows.count, chunk + Self.rowsPerInsert)]
            let insert = try multiRowInsert(rows.count)
            insert.reset()
            var column: Int32 = 1
            for observation in rows {
                try insert.bind(pageID, at: column)
                try insert.bind(Int64(observation.position), at: column + 1)
                try insert.bind(observedAt, at: column + 2)
                try insert.bind(observation.stationID.map { Int64($0) }, at: column + 3)
                try insert.bind(observation.stationSource.rawValue, at: column + 4)
                try insert.bind(observation.label, at: column + 5)
                try insert.bind(observation.condition, at: column + 6)
                try insert.bind(Int64(observation.conditionIsKnown ? 1 : 0), at: column + 7)
                try insert.bind(observation.temperatureC, at: column + 8)
                column += 9
            }
            guard try insert.runBound() == rows.count else {
                throw SQLiteError.internalError("a new page's observations collided with stored ones", sql: insert.sql)
            }
        }
        result.new = newRows.count
        return result
    }

    /// Rows per multi-row INSERT (9 values each, well under SQLite's parameter limit).
    private static let rowsPerInsert = 100

    /// `INSERT INTO observations … VALUES (…), (…), …` for `rows` rows, prepared once per size.
    private func multiRowInsert(_ rows: Int) throws(SQLiteError) -> SQLiteStatement {
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
                                           using statements: PreparedStatements) throws(SQLiteError) -> PageWriteResult {
        var result = PageWriteResult()
        for observation in page.observations {
            let insert = statements.insertObservation
            insert.reset()
            try insert.bind(pageID, at: 1)
            try insert.bind(Int64(observation.position), at: 2)
            try insert.bind(observedAt, at: 3)
            try insert.bind(observation.stationID.map { Int64($0) }, at: 4)
            try insert.bind(observation.stationSource.rawValue, at: 5)
            try insert.bind(observation.label, at: 6)
            try insert.bind(observation.condition, at: 7)
            try insert.bind(Int64(observation.conditionIsKnown ? 1 : 0), at: 8)
            try insert.bind(observation.temperatureC, at: 9)
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
                throw SQLiteError.internalError("insert ignored but no row found", sql: existing.sql)
            }
            StoredValueComparison.compare(observation, with: StoredValue(
                condition: existing.text(at: 0), temperatureC: existing.real(at: 1), source: existing.text(at: 2) ?? ""))
                .count(into: &result)
            existing.reset()
        }
        return result
    }

    /// The number of stored observations.
    package func observationCount() throws(StoreError) -> Int {
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
        let recordCounts: SQLiteStatement
        let insertObservation: SQLiteStatement
        let findByStation: SQLiteStatement
        let findUnresolved: SQLiteStatement
        let findAtTime: SQLiteStatement

        init(_ database: SQLiteDatabase) throws(SQLiteError) {
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
