import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerKit
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerStore

/// A store written by kmaticker's first schema (Fixtures/store_v1_seed.sqlite: the seed,
/// ingested by version 1) is migrated in place and ends with exactly the newest schema.
@Suite struct StoreMigrationTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    /// Columns and indexes of every table, and every view, as SQLite describes them.
    func schemaDescription(_ path: String) throws -> [String] {
        let database = try SQLiteDatabase(path: path, create: false)
        var description: [String] = []
        let tables = try database.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        var names: [String] = []
        while try tables.step() { names.append(tables.text(at: 0) ?? "") }
        for table in names {
            let columns = try database.prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)")
            try columns.bind([.text(table)])
            while try columns.step() {
                description.append("\(table).\(columns.text(at: 0) ?? "") \(columns.text(at: 1) ?? "") notnull=\(columns.integer(at: 2) ?? 0) pk=\(columns.integer(at: 3) ?? 0)")
            }
        }
        let indexes = try database.prepare("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name")
        while try indexes.step() { description.append("index \(indexes.text(at: 0) ?? "") on \(indexes.text(at: 1) ?? ""): \(indexes.text(at: 2) ?? "-")") }
        // Views by their SQL, whitespace aside (a migration step's text is indented in Swift):
        // a view migrated in must be the very query schema.sql makes.
        let views = try database.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'view' ORDER BY name")
        while try views.step() {
            let sql = (views.text(at: 1) ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            description.append("view \(views.text(at: 0) ?? ""): \(sql)")
        }
        return description
    }

    func copyOfVersion1() throws -> String {
        let path = directory.path("v1.sqlite")
        try FileManager.default.copyItem(at: Fixtures.url("store_v1_seed.sqlite"), to: URL(fileURLWithPath: path))
        return path
    }

    @Test func fixtureIsAVersion1Store() throws {
        let database = try SQLiteDatabase(path: try copyOfVersion1(), create: false)
        #expect(try database.integer("PRAGMA user_version") == 1)
        #expect(try database.integer("SELECT count(*) FROM pragma_table_info('pages') WHERE name = 'byte_count'") == 0)
    }

    @Test func version1StoreIsMigratedInPlaceKeepingItsObservations() throws {
        let path = try copyOfVersion1()
        let store = try ObservationStore(path: path, access: .readWrite, registry: .asos)
        // Opening changes nothing: the first write transaction migrates.
        #expect(try store.database.integer("PRAGMA user_version") == 1)
        try store.bringUpToDate()
        #expect(try store.observationCount() == 97)
        #expect(try store.database.integer("PRAGMA user_version") == Int64(ObservationStore.schemaVersion))
        // Pages stored before version 2 do not know their size.
        #expect(try store.database.integer("SELECT count(*) FROM pages WHERE byte_count IS NULL") == 1)
        // And it takes new pages, which do.
        let page = try TickerParser(registry: .asos).parse(Array("최종편집: 2025-08-18 11:40\n  • 맑음대전31.0℃\n기상청 제공\n".utf8), file: "new.txt")
        #expect(try store.store(page, provenance: PageProvenance(source: "new.txt", path: "new.txt", sha256: "n", byteCount: 42)).new == 1)
        #expect(try store.database.integer("SELECT byte_count FROM pages WHERE source = 'new.txt'") == 42)
    }

    @Test func migratedStoreHasTheNewestSchema() throws {
        let migrated = try copyOfVersion1()
        let store = try ObservationStore(path: migrated, access: .readWrite, registry: .asos)
        try store.bringUpToDate()
        let fresh = directory.path("fresh.sqlite")
        _ = try ObservationStore(path: fresh, access: .readWrite, registry: .asos)
        #expect(try schemaDescription(migrated) == (try schemaDescription(fresh)))
        #expect(try schemaDescription(fresh).filter { $0.hasPrefix("view ") }.map { $0.prefix { $0 != ":" } }
                == ["view daily_temperatures", "view hourly_temperatures", "view latest_by_station", "view observations_kst"])
    }

    @Test func everyMigrationStepLeadsToTheNewestVersion() {
        #expect(StoreMigrations.steps.map(\.from) == Array(1..<ObservationStore.schemaVersion))
    }
}

/// Every input the fuzzer ever crashed or hung on (Fixtures/fuzz/, named after what it broke)
/// reads without a crash, in both reading modes.
@Suite struct FuzzRegressionTests {
    static let crashers: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: Fixtures.url("fuzz").path)) ?? []).filter { $0 != "README.md" }.sorted()
    }()

    @Test func fuzzFolderHoldsOnlyRegressions() throws {
        // The folder exists (kept by its README) and everything in it is read below.
        #expect(FileManager.default.fileExists(atPath: Fixtures.url("fuzz/README.md").path))
    }

    @Test(arguments: crashers)
    func crasherReadsWithoutCrashing(name: String) throws {
        let bytes = try Fixtures.bytes("fuzz/" + name)
        _ = try? TickerParser(registry: .asos).parse(bytes, file: name)
        _ = try? TickerParser(registry: .asos, readsRegions: false).parse(bytes, file: name)
        for case .page(let page) in InputLayer.items(in: bytes, name: name, registry: .asos) {
            _ = try? TickerParser(registry: .asos).parse(page, options: TimeOptions())
        }
    }
}
