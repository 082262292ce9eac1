import CSQLite
import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerStore

/// Issue 12, "a write session with per-page outcomes": each page in its own savepoint inside a
/// batch; a page the store refuses fails alone; the store's own faults are told apart by
/// SQLite's extended result codes.
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

    @Test func aRefusedPageInABatchCostsOnlyItself() throws {
        let store = try ObservationStore(path: directory.path("s.sqlite"), access: .readWrite, registry: .asos)
        try store.beginBatch()
        #expect(try store.store(try page("  • 맑음대전30.3℃\n"), provenance: provenance("a.txt")).new == 1)
        var refused = try page("  • 흐림속초27.8℃\n  • 맑음서울29.0℃\n", at: "2025-08-18 11:40")
        // No registry has station 99999: the foreign key refuses the page's second row, after
        // its page row and first observation were written.
        refused.observations[1].stationID = 99999
        var fault: SQLiteFault?
        do {
            _ = try store.store(refused, provenance: provenance("b.txt"))
        } catch {
            if case .database(_, let sqliteError) = error { fault = sqliteError.fault }
        }
        #expect(fault?.isPageRefused == true)
        if case .pageRefused(let reason) = fault { #expect(reason.hasPrefix("it names a station the store's station table lacks")) }
        // The batch goes on, and commits the pages around the refused one.
        #expect(store.isInBatch)
        #expect(try store.store(try page("  • 비북강릉29.0℃\n", at: "2025-08-18 12:40"), provenance: provenance("c.txt")).new == 1)
        try store.commitBatch()
        #expect(try store.observationCount() == 2)
        #expect(try store.database.integer("SELECT count(*) FROM pages") == 2)
        #expect(try store.database.integer("SELECT count(*) FROM pages WHERE source = 'b.txt'") == 0)
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
        try store.beginBatch()
        try store.commitBatch()
        let database = try SQLiteDatabase(path: path, create: false)
        #expect(try database.integer("SELECT id FROM stations WHERE name_ko = '대전'") == 133)
        #expect(try database.integer("SELECT id FROM stations WHERE name_ko = '서울'") == 108)
    }

    @Test func aStationNoLongerListedKeepsItsRowForItsObservations() throws {
        let path = directory.path("s.sqlite")
        let store = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        _ = try store.store(try page("  • 맑음대전30.3℃\n"), provenance: PageProvenance(source: "a.txt", path: "a.txt", sha256: "a"))
        let newer = try ObservationStore(path: path, access: .readWrite, registry: try registry(without: [133]))
        try newer.beginBatch()
        try newer.commitBatch()
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
        try store.beginBatch()
        try store.commitBatch()
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
