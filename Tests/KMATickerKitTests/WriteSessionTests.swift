import CSQLite
import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerStore

/// Issue 12, "a write session with per-page outcomes", and "the store owns its transactions":
/// each page in its own savepoint inside the session's batch; a page the store refuses fails
/// alone; the store's own faults are told apart by SQLite's extended result codes and end the
/// batch; the session, not its caller, commits.
@Suite struct WriteSessionTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    func page(_ text: String, at time: String = "2025-08-18 10:40") throws -> TickerPage {
        // KMA's credit after the items: a short list is a ticker only with it (TickerRecognizer).
        try TickerParser(registry: .asos).parse(Array(("최종편집: \(time)\n" + text + "기상청 제공\n").utf8), file: "t.txt")
    }

    func provenance(_ name: String) -> PageProvenance {
        PageProvenance(source: name, path: "/pages/" + name, sha256: "sha-of-" + name)
    }

    /// A page the store refuses is that page's outcome, not an error: its savepoint is rolled
    /// back, and the session's batch goes on and commits the pages around it.
    @Test func aRefusedPageInABatchCostsOnlyItself() throws {
        let store = try ObservationStore(path: directory.path("s.sqlite"), access: .readWrite, registry: .asos)
        let session = store.beginWriteSession()
        #expect(try session.write(try page("  • 맑음대전30.3℃\n"), provenance: provenance("a.txt")) == .written(written(new: 1)))
        var refused = try page("  • 흐림속초27.8℃\n  • 맑음서울29.0℃\n", at: "2025-08-18 11:40")
        // No registry has station 99999: the foreign key refuses the page's second row, after
        // its page row and first observation were written.
        refused.observations[1].stationID = 99999
        guard case .refused(let reason, let error) = try session.write(refused, provenance: provenance("b.txt")) else {
            Issue.record("the page was written"); return
        }
        #expect(reason.hasPrefix("it names a station the store's station table lacks"))
        #expect(error.extendedCode == ExtendedCode.constraintForeignkey)
        // The batch goes on, and commits the pages around the refused one.
        #expect(!store.database.isAutocommit)
        #expect(session.uncommittedPages == 1)
        #expect(try session.write(try page("  • 비북강릉29.0℃\n", at: "2025-08-18 12:40"), provenance: provenance("c.txt")) == .written(written(new: 1)))
        try session.finish()
        #expect(store.database.isAutocommit)
        #expect(try store.observationCount() == 2)
        #expect(try store.database.integer("SELECT count(*) FROM pages") == 2)
        #expect(try store.database.integer("SELECT count(*) FROM pages WHERE source = 'b.txt'") == 0)
    }

    func written(new: Int) -> PageWriteResult {
        var result = PageWriteResult()
        result.new = new
        return result
    }

    /// Pages committed, as another connection (another process) sees them.
    func committedPages(_ path: String) throws -> Int64 {
        try SQLiteDatabase(path: path, mode: .readOnly).integer("SELECT count(*) FROM pages")
    }

    /// The session commits when its batch is due, by pages or by time; the caller only asks.
    @Test func theSessionCommitsItsBatchWhenItIsDue() throws {
        let path = directory.path("s.sqlite")
        let store = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        let session = store.beginWriteSession(batching: .init(pages: 2, seconds: 60))
        _ = try session.write(try page("  • 맑음대전30.3℃\n", at: "2025-08-18 10:40"), provenance: provenance("a.txt"))
        #expect(try session.commitIfDue() == false)
        #expect(try committedPages(path) == 0)
        _ = try session.write(try page("  • 맑음대전30.1℃\n", at: "2025-08-18 11:40"), provenance: provenance("b.txt"))
        #expect(try session.commitIfDue() == true)
        #expect(try committedPages(path) == 2)
        #expect(session.uncommittedPages == 0)
        // A batch open longer than its seconds is due with fewer pages.
        _ = try session.write(try page("  • 맑음대전30.0℃\n", at: "2025-08-18 12:40"), provenance: provenance("c.txt"))
        #expect(try session.commitIfDue() == false)
        #expect(try session.commitIfDue(now: Date().addingTimeInterval(61)) == true)
        #expect(try committedPages(path) == 3)
        // Nothing written since the last commit: nothing can be lost.
        #expect(try session.commitIfDue() == true)
        #expect(WriteSession.Batching.standard == .init(pages: 256, seconds: 1))
    }

    @Test func aSessionDroppedBeforeItFinishesRollsBack() throws {
        let path = directory.path("s.sqlite")
        let store = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        do {
            let session = store.beginWriteSession()
            _ = try session.write(try page("  • 맑음대전30.3℃\n"), provenance: provenance("a.txt"))
            #expect(!store.database.isAutocommit)
        }
        #expect(store.database.isAutocommit)
        #expect(try store.observationCount() == 0)
        // And the store can be written again.
        #expect(try store.store(try page("  • 맑음대전30.3℃\n"), provenance: provenance("a.txt")).new == 1)
        #expect(try committedPages(path) == 1)
    }

    /// A dry run's session holds one transaction, never commits it, and rolls it back.
    @Test func aDryRunSessionNeverCommits() throws {
        let path = directory.path("s.sqlite")
        _ = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        let session = try ObservationStore(path: path, access: .dryRun, registry: .asos).beginWriteSession(batching: .init(pages: 1, seconds: 0))
        _ = try session.write(try page("  • 맑음대전30.3℃\n"), provenance: provenance("a.txt"))
        #expect(try session.commitIfDue(now: Date().addingTimeInterval(3600)) == false)
        // What the dry run wrote is seen inside it: the same bytes again are already stored.
        #expect(try session.storedPage(sha256: "sha-of-a.txt", at: nil)?.source == "a.txt")
        try session.finish()
        #expect(session.store.database.isAutocommit)
        #expect(try committedPages(path) == 0)
    }

    /// A fault of the store itself (here a full disk: the file may not grow) is thrown, and the
    /// open batch is rolled back with it; what was committed before stays.
    @Test func aStoreFaultRollsBackTheOpenBatch() throws {
        let path = directory.path("s.sqlite")
        let store = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        let seed = try TickerParser(registry: .asos).parse(try Fixtures.bytes(Fixtures.seedName), file: "seed")
        #expect(try store.store(seed, provenance: provenance("seed.txt")).new == 97)
        try store.database.execute("PRAGMA max_page_count = \(try store.database.integer("PRAGMA page_count"))")
        let later = try (11...20).map { hour in
            var later = seed
            later.time.time = try #require(KSTDateTime(year: 2025, month: 8, day: 18, hour: hour))
            return later
        }
        let session = store.beginWriteSession()
        var caught: StoreError?
        do {
            for (index, page) in later.enumerated() { _ = try session.write(page, provenance: provenance("seed-\(index).txt")) }
        } catch {
            caught = error
        }
        guard case .database(_, let error) = caught else { Issue.record("no fault: \(String(describing: caught))"); return }
        #expect(error.fault == .storeFailed(reason: "the disk is full (\(error.message))"))
        #expect(store.database.isAutocommit)
        #expect(session.uncommittedPages == 0)
        #expect(try committedPages(path) == 1)
    }

    /// Two sessions never share a transaction: the second's write is refused while the first
    /// holds a batch, and the first's batch is not touched.
    @Test func aSecondSessionCannotWriteWhileTheFirstHoldsABatch() throws {
        let path = directory.path("s.sqlite")
        let store = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        let first = store.beginWriteSession(), second = store.beginWriteSession()
        _ = try first.write(try page("  • 맑음대전30.3℃\n"), provenance: provenance("a.txt"))
        let other = try page("  • 맑음서울29.0℃\n")
        var caught: StoreError?
        do { _ = try second.write(other, provenance: provenance("b.txt")) } catch { caught = error }
        #expect(caught == .database(path: path, .transactionAlreadyOpen))
        try first.finish()
        #expect(try committedPages(path) == 1)
    }

    /// The hot insert's binds are checked: a label longer than SQLite takes (SQLITE_LIMIT_LENGTH,
    /// set low here) refuses its page, where an unchecked bind stored the row with the label
    /// of the row before it, or none.
    @Test func aValueTooLongForTheStoreRefusesItsPage() throws {
        let store = try ObservationStore(path: directory.path("s.sqlite"), access: .readWrite, registry: .asos)
        let session = store.beginWriteSession()
        // The first write compiles the statements (the schema's text is longer than the limit).
        #expect(try session.write(try page("  • 맑음대전30.3℃\n"), provenance: provenance("a.txt")) == .written(written(new: 1)))
        store.database.setLimit(SQLITE_LIMIT_LENGTH, to: 50_000)
        var long = try page("  • 맑음서울29.0℃\n  • 흐림부산28.0℃\n", at: "2025-08-18 11:40")
        long.observations[1].stationID = nil
        long.observations[1].stationSource = .unresolved
        long.observations[1].label = String(repeating: "부", count: 20_000)
        guard case .refused(let reason, let error) = try session.write(long, provenance: provenance("long.txt")) else {
            Issue.record("the page was written"); return
        }
        #expect(error.extendedCode == SQLITE_TOOBIG)
        #expect(error.message == "string or blob too big (parameter 15)")
        #expect(reason == "one of its values is larger than the store takes")
        try session.finish()
        #expect(try store.observationCount() == 1)
        #expect(try store.database.integer("SELECT count(*) FROM pages WHERE source = 'long.txt'") == 0)
    }

    /// A store write goes through a one-page session: committed when it returns, no transaction
    /// left open.
    @Test func storeWritesOnePageInASessionOfItsOwn() throws {
        let path = directory.path("s.sqlite")
        let store = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        #expect(try store.store(try page("  • 맑음대전30.3℃\n"), provenance: provenance("a.txt")).new == 1)
        #expect(store.database.isAutocommit)
        #expect(try committedPages(path) == 1)
    }

    @Test func constraintFailuresAreThePagesAndIOFailuresTheStores() {
        func fault(_ code: Int32) -> SQLiteFault { SQLiteError(extendedCode: code, message: "m", sql: nil).fault }
        #expect(fault(ExtendedCode.constraintForeignkey).isPageRefused)
        #expect(fault(ExtendedCode.constraintUnique).isPageRefused)
        #expect(fault(ExtendedCode.constraintCheck).isPageRefused)
        #expect(fault(SQLITE_CONSTRAINT | (7 << 8)).isPageRefused)  // a trigger's RAISE(ABORT)
        #expect(fault(SQLITE_TOOBIG).isPageRefused)
        #expect(fault(SQLITE_MISMATCH).isPageRefused)
        #expect(fault(SQLITE_FULL) == .storeFailed(reason: "the disk is full (m)"))
        #expect(!fault(ExtendedCode.ioerrWrite).isPageRefused)
        #expect(!fault(SQLITE_CORRUPT).isPageRefused)
        #expect(!fault(SQLITE_BUSY).isPageRefused)
        #expect(!fault(ExtendedCode.busySnapshot).isPageRefused)
        #expect(!fault(SQLITE_READONLY).isPageRefused)
        #expect(!fault(SQLITE_NOMEM).isPageRefused)
        #expect(!fault(SQLITE_ERROR).isPageRefused)
    }

    @Test func errorsAreOneLineWithTheStatementsFirstWords() {
        let error = SQLiteError(extendedCode: ExtendedCode.constraintForeignkey, message: "FOREIGN KEY constraint failed",
                                sql: "INSERT INTO observations (page_id, position,\n   observed_at) VALUES (?, ?, ?)")
        #expect(error.description == "FOREIGN KEY constraint failed (SQLITE_CONSTRAINT_FOREIGNKEY, in INSERT INTO observations …)")
        #expect(error.code == SQLITE_CONSTRAINT)
    }

    @Test func extendedResultCodesReachTheCaller() throws {
        let store = try ObservationStore(path: directory.path("s.sqlite"), access: .readWrite, registry: .asos)
        var caught: SQLiteError?
        do {
            try store.database.execute("INSERT INTO observations (page_id, position, observed_at, station_source, condition_known) VALUES (12345, 1, 0, 'ticker', 0)")
        } catch {
            caught = error
        }
        #expect(caught?.extendedCode == ExtendedCode.constraintForeignkey)
    }
}

/// "Keep the already stored / conflict decision in one pure, unit-tested function."
@Suite struct StoredValueComparisonTests {
    func observation(_ condition: String?, _ temperature: Double?) -> Observation {
        Observation(position: 1, stationID: 133, station: "대전", label: "대전", stationSource: .ticker,
                    condition: condition, conditionIsKnown: true, temperatureC: temperature, line: 2)
    }

    @Test func nothingStoredIsNew() {
        #expect(StoredValueComparison.compare(observation("맑음", 30.3), with: nil) == .new)
    }

    @Test func sameValuesAreAlreadyStored() {
        let stored = StoredValue(condition: "맑음", temperatureC: 30.3, source: "a.txt")
        #expect(StoredValueComparison.compare(observation("맑음", 30.3), with: stored) == .alreadyStored)
        // Both missing is the same, never a conflict.
        let nothing = StoredValue(condition: nil, temperatureC: nil, source: "a.txt")
        #expect(StoredValueComparison.compare(observation(nil, nil), with: nothing) == .alreadyStored)
    }

    @Test func anyDifferenceIsAConflictKeepingTheStoredValue() {
        let stored = StoredValue(condition: "맑음", temperatureC: 30.3, source: "a.txt")
        for incoming in [observation("흐림", 30.3), observation("맑음", 29.0), observation("맑음", nil), observation(nil, 30.3)] {
            guard case .conflict(let conflict) = StoredValueComparison.compare(incoming, with: stored) else {
                Issue.record("\(incoming) against \(stored) is not a conflict"); continue
            }
            #expect(conflict.storedCondition == "맑음")
            #expect(conflict.storedTemperatureC == 30.3)
            #expect(conflict.storedSource == "a.txt")
            #expect(conflict.incoming == incoming)
        }
        // A missing temperature is not 0.
        let zero = StoredValue(condition: "맑음", temperatureC: 0, source: "a.txt")
        #expect(StoredValueComparison.compare(observation("맑음", nil), with: zero) != .alreadyStored)
    }
}

/// "One registry truth": the store's stations table is brought in step with the registry in
/// the writer's transaction, and the registry's digest recorded.
@Suite struct StationTableSyncTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    /// The bundled registry without the stations in `ids`: what an older kmaticker carried.
    func registry(without ids: Set<Int>) throws -> StationRegistry {
        try StationRegistry(stations: StationRegistry.asos.stations.filter { !ids.contains($0.id) })
    }

    func page(_ text: String) throws -> TickerPage {
        // KMA's credit after the items: a one-item list is a ticker only with it (TickerRecognizer).
        try TickerParser(registry: .asos).parse(Array(("최종편집: 2025-08-18 10:40\n" + text + "기상청 제공\n").utf8), file: "t.txt")
    }

    @Test func anOlderStoreTakesStationsAddedSince() throws {
        let path = directory.path("s.sqlite")
        let older = try registry(without: [133])
        _ = try ObservationStore(path: path, access: .readWrite, registry: older)
        let database = try SQLiteDatabase(path: path, create: false)
        #expect(try database.integer("SELECT count(*) FROM stations") == 96)

        let store = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        let result = try store.store(try page("  • 맑음대전30.3℃\n"), provenance: PageProvenance(source: "a.txt", path: "a.txt", sha256: "a"))
        #expect(result.new == 1)
        #expect(try database.integer("SELECT count(*) FROM stations") == 97)
        let digest = try database.prepare("SELECT digest, station_count FROM registry_version")
        #expect(try digest.step())
        #expect(digest.text(at: 0) == StationRegistry.asos.digest)
        #expect(digest.integer(at: 1) == 97)
    }

    @Test func renamedAndSwappedNamesAreBroughtInStep() throws {
        let path = directory.path("s.sqlite")
        // An older registry in which 133 and 108 had each other's names.
        let swapped = StationRegistry.asos.stations.map { station -> Station in
            let name = station.id == 133 ? "서울" : station.id == 108 ? "대전" : station.nameKorean
            return Station(id: station.id, nameKorean: name, nameEnglish: station.nameEnglish, latitude: station.latitude,
                           longitude: station.longitude, elevationMeters: station.elevationMeters, province: station.province)
        }
        _ = try ObservationStore(path: path, access: .readWrite, registry: try StationRegistry(stations: swapped))
        let store = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        try store.bringUpToDate()
        let database = try SQLiteDatabase(path: path, create: false)
        #expect(try database.integer("SELECT id FROM stations WHERE name_ko = '대전'") == 133)
        #expect(try database.integer("SELECT id FROM stations WHERE name_ko = '서울'") == 108)
    }

    @Test func aStationNoLongerListedKeepsItsRowForItsObservations() throws {
        let path = directory.path("s.sqlite")
        let store = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        _ = try store.store(try page("  • 맑음대전30.3℃\n"), provenance: PageProvenance(source: "a.txt", path: "a.txt", sha256: "a"))
        let newer = try ObservationStore(path: path, access: .readWrite, registry: try registry(without: [133]))
        try newer.bringUpToDate()
        let database = try SQLiteDatabase(path: path, create: false)
        #expect(try database.integer("SELECT count(*) FROM stations WHERE id = 133 AND name_ko = '대전'") == 1)
        #expect(try database.integer("SELECT count(*) FROM observations WHERE station_id = 133") == 1)
    }

    @Test func aStoreInStepIsNotWrittenAgain() throws {
        let path = directory.path("s.sqlite")
        _ = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        let database = try SQLiteDatabase(path: path, create: false)
        let before = try database.integer("SELECT synced_at FROM registry_version")
        try database.execute("UPDATE registry_version SET synced_at = 1")
        let store = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        try store.bringUpToDate()
        #expect(before > 1)
        #expect(try database.integer("SELECT synced_at FROM registry_version") == 1)
    }

    /// A page's savepoint journal (what a refused page is rolled back from) stays in memory: by
    /// default SQLite writes it to a file in /var/tmp past 64 KiB, which a page of a hundred
    /// observations always passes. Durability is unchanged: a commit waits for the WAL as before
    /// (synchronous = NORMAL), and the savepoint journal never holds committed data.
    @Test func theWriterKeepsSavepointJournalsInMemory() throws {
        let store = try ObservationStore(path: directory.path("s.sqlite"), access: .readWrite, registry: .asos)
        #expect(try store.database.integer("PRAGMA temp_store") == 2)  // MEMORY
        #expect(try store.database.integer("PRAGMA synchronous") == 1)  // NORMAL
        // 8 MiB of page cache (negative: KiB): 16 MiB took ingest over the 64 MB memory target.
        #expect(try store.database.integer("PRAGMA cache_size") == -8192)
        let dryRun = try ObservationStore(path: directory.path("s.sqlite"), access: .dryRun, registry: .asos)
        #expect(try dryRun.database.integer("PRAGMA temp_store") == 2)
    }
}
