import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerStore

@Suite struct StoreTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    func page(_ text: String) throws -> TickerPage {
        // KMA's credit after the items: a one-item list is a ticker only with it (TickerRecognizer).
        try TickerParser(registry: .asos).parse(Array(("최종편집: 2025-08-18 10:40\n" + text + "기상청 제공\n").utf8), file: "t.txt")
    }

    /// Provenance for a page named `name`; the name stands in for the bytes' digest.
    func provenance(_ name: String) -> PageProvenance {
        PageProvenance(source: name, path: "/pages/" + name, sha256: "sha-of-" + name)
    }

    func records(_ store: ObservationStore, stations: [Int]? = nil) throws -> [ObservationRecord] {
        var all: [ObservationRecord] = []
        try store.forEachObservation(ObservationFilter(stationIDs: stations ?? []), newestFirst: false) { all.append($0) }
        return all
    }

    @Test func schemaInTheBinaryIsSchemaSQL() throws {
        let file = Fixtures.directory.deletingLastPathComponent().appendingPathComponent("schema.sql")
        #expect(StoreSchema.sql == (try String(contentsOf: file, encoding: .utf8)))
    }

    @Test func storingTwiceAddsNothing() throws {
        let store = try ObservationStore(path: directory.path("s.sqlite"), access: .readWrite, registry: .asos)
        let seed = try TickerParser(registry: .asos).parse(try Fixtures.bytes(Fixtures.seedName), file: "seed")
        let first = try store.store(seed, provenance: provenance("seed.txt"))
        #expect(first.new == 97)
        #expect(first.alreadyStored == 0)
        let second = try store.store(seed, provenance: provenance("seed.txt"))
        #expect(second.new == 0)
        #expect(second.alreadyStored == 97)
        #expect(second.conflicts.isEmpty)
        #expect(try store.observationCount() == 97)
    }

    @Test func samePageUnderAnotherNameIsAlreadyStoredForKnownStations() throws {
        let store = try ObservationStore(path: directory.path("s.sqlite"), access: .readWrite, registry: .asos)
        let seed = try TickerParser(registry: .asos, inferStations: false).parse(try Fixtures.bytes(Fixtures.seedName), file: "seed")
        #expect(try store.store(seed, provenance: provenance("a.txt")).new == 97)
        // Known stations are identified by (station, time); the four unresolved by (page, position).
        let again = try store.store(seed, provenance: provenance("b.txt"))
        #expect(again.alreadyStored == 93)
        #expect(again.new == 4)
    }

    @Test func differentValueForAStoredIdentityIsAConflictAndKeepsTheStoredValue() throws {
        let store = try ObservationStore(path: directory.path("s.sqlite"), access: .readWrite, registry: .asos)
        _ = try store.store(try page("  • 맑음대전30.3℃\n"), provenance: provenance("a.txt"))
        let result = try store.store(try page("  • 흐림대전29.0℃\n"), provenance: provenance("b.txt"))
        #expect(result.new == 0)
        #expect(result.conflicts.count == 1)
        #expect(result.conflicts.first?.storedTemperatureC == 30.3)
        #expect(result.conflicts.first?.storedSource == "a.txt")
        #expect(try records(store).map(\.temperatureC) == [30.3])
    }

    @Test func aPageIsStoredWholeOrNotAtAll() throws {
        let store = try ObservationStore(path: directory.path("s.sqlite"), access: .readWrite, registry: .asos)
        var broken = try page("  • 맑음서울29.0℃\n  • 맑음대전30.3℃\n")
        // A station the registry (and so the stations table) lacks violates the foreign key on
        // the second row, after the page row and the first observation were written.
        broken.observations[1].stationID = 999
        #expect(throws: StoreError.self) { try store.store(broken, provenance: provenance("broken.txt")) }
        #expect(try store.observationCount() == 0)
        #expect(try records(store).isEmpty)
        #expect(try store.store(try page("  • 맑음대전30.3℃\n"), provenance: provenance("ok.txt")).new == 1)
    }

    @Test func missingTemperatureIsStoredAsNull() throws {
        let store = try ObservationStore(path: directory.path("s.sqlite"), access: .readWrite, registry: .asos)
        _ = try store.store(try page("  • 구름조금북창원\n"), provenance: provenance("a.txt"))
        let record = try #require(try records(store).first)
        #expect(record.temperatureC == nil)
        #expect(record.station == "북창원")
    }

    @Test func queryReadsOneStationNewestFirst() throws {
        let store = try ObservationStore(path: directory.path("s.sqlite"), access: .readWrite, registry: .asos)
        let parser = TickerParser(registry: .asos)
        for (hour, temperature) in [(9, 28.0), (11, 31.0), (10, 30.3)] {
            let text = "  • 맑음서울20.0℃\n  • 맑음대전\(temperature)℃\n기상청 제공\n"
            _ = try store.store(try parser.parse(Array(text.utf8), file: "p", time: KSTDateTime(year: 2025, month: 8, day: 18, hour: hour)!), provenance: provenance("p\(hour).txt"))
        }
        var seen: [Double?] = []
        try store.forEachObservation(ObservationFilter(stationIDs: [133]), newestFirst: true) { seen.append($0.temperatureC) }
        #expect(seen == [31.0, 30.3, 28.0])
    }

    @Test func missingStoreIsReportedNotCreated() {
        let path = directory.path("none.sqlite")
        #expect(throws: StoreError.missing(path: path)) { try ObservationStore(path: path, access: .readOnly, registry: .asos) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func fileThatIsNotSQLiteIsRefusedUntouched() throws {
        let path = try directory.write("notes.sqlite", String(repeating: "not a database\n", count: 100))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notAStore(path: path)) { try ObservationStore(path: path, access: .readWrite, registry: .asos) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func anotherProgramsDatabaseIsRefused() throws {
        let path = directory.path("other.sqlite")
        _ = try SQLiteShell.run(path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');")
        #expect(throws: StoreError.notAStore(path: path)) { try ObservationStore(path: path, access: .readWrite, registry: .asos) }
    }

    @Test func storeFromANewerKmatickerIsRefused() throws {
        let path = directory.path("newer.sqlite")
        _ = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        let database = try SQLiteDatabase(path: path, create: false)
        try database.execute("PRAGMA user_version = 99")
        #expect(throws: StoreError.newerVersion(path: path, found: 99, supported: ObservationStore.schemaVersion)) {
            try ObservationStore(path: path, access: .readOnly, registry: .asos)
        }
    }

    @Test func newStoreUsesWALAndCarriesTheRegistry() throws {
        let path = directory.path("wal.sqlite")
        _ = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        let database = try SQLiteDatabase(path: path, create: false)
        let mode = try database.prepare("PRAGMA journal_mode")
        #expect(try mode.step())
        #expect(mode.text(at: 0) == "wal")
        #expect(try database.integer("SELECT count(*) FROM stations") == 97)
        #expect(try database.integer("PRAGMA user_version") == Int64(ObservationStore.schemaVersion))
    }

    @Test func storeIsMadeInItsMissingFolder() throws {
        let path = directory.path("a/b/c/store.sqlite")
        _ = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func hostileLabelIsStoredAsText() throws {
        let store = try ObservationStore(path: directory.path("s.sqlite"), access: .readWrite, registry: .asos)
        var hostile = try page("  • 맑음대전30.3℃\n")
        hostile.observations[0].stationID = nil
        hostile.observations[0].stationSource = .unresolved
        hostile.observations[0].label = "'); DROP TABLE observations; --"
        hostile.observations[0].station = hostile.observations[0].label
        #expect(try store.store(hostile, provenance: provenance("x'); DROP TABLE pages; --.txt")).new == 1)
        #expect(try records(store).first?.station == "'); DROP TABLE observations; --")
    }
}

@Suite struct StoreLocationTests {
    @Test func precedence() {
        #expect(StoreLocation.path(explicit: "/x.sqlite", environment: ["KMATICKER_DB": "/y.sqlite"]) == "/x.sqlite")
        #expect(StoreLocation.path(explicit: nil, environment: ["KMATICKER_DB": "/y.sqlite", "XDG_DATA_HOME": "/d"]) == "/y.sqlite")
        #expect(StoreLocation.path(explicit: nil, environment: ["XDG_DATA_HOME": "/d", "HOME": "/h"]) == "/d/kmaticker/observations.sqlite")
        #expect(StoreLocation.path(explicit: nil, environment: ["HOME": "/h"]) == "/h/.local/share/kmaticker/observations.sqlite")
        // A relative XDG_DATA_HOME is invalid by the spec and ignored.
        #expect(StoreLocation.path(explicit: nil, environment: ["XDG_DATA_HOME": "rel", "HOME": "/h"]) == "/h/.local/share/kmaticker/observations.sqlite")
    }
}
