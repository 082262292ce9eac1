import Foundation
import KMATickerKit
import KMATickerModel
import KMATickerParsing
import KMATickerStore

/// The store's insert rate beside `sqlite3`'s own `.import` of the same rows as CSV into the
/// same schema (same indexes, WAL), in the same run.
enum InsertComparison {
    static func run(captures: URL, count: Int, work: URL, table: inout Table) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: captures.path).sorted().prefix(count)
        let parser = TickerParser(registry: .asos)
        let pages = try files.map { try parser.parse([UInt8](try Data(contentsOf: captures.appendingPathComponent($0))), file: $0) }
        let rows = pages.reduce(0) { $0 + $1.observations.count }

        // kmaticker's store as ingest uses it: a write session, a savepoint per page, a commit
        // per batch.
        let ours = work.appendingPathComponent("insert.sqlite").path
        Benchmark.removeStore(ours)
        let session = try ObservationStore(path: ours, access: .readWrite, registry: .asos).beginWriteSession()
        let oursSeconds = try Measure.seconds {
            for (index, page) in pages.enumerated() {
                let written = try session.write(page, provenance: PageProvenance(source: "c\(index)", path: "c\(index)", sha256: "s\(index)"))
                guard case .written = written else { preconditionFailure("the store refused capture \(index): \(written)") }
                _ = try session.commitIfDue()
            }
            try session.finish()
        }

        // sqlite3 .import of the same rows into the same schema.
        var csv = "page_id,position,observed_at,station_id,station_source,label,condition,condition_known,temperature_c\n"
        for (index, page) in pages.enumerated() {
            for o in page.observations {
                csv += "\(index + 1),\(o.position),\(page.time.time.unixSeconds),\(o.stationID.map(String.init) ?? ""),\(o.stationSource.rawValue),\(o.label ?? ""),\(o.condition ?? ""),\(o.conditionIsKnown ? 1 : 0),\(o.temperatureC.map { "\($0)" } ?? "")\n"
            }
        }
        let csvPath = work.appendingPathComponent("rows.csv").path
        try csv.write(toFile: csvPath, atomically: true, encoding: .utf8)
        let theirs = work.appendingPathComponent("import.sqlite").path
        Benchmark.removeStore(theirs)
        let schemaPath = work.appendingPathComponent("schema.sql").path
        try StoreSchema.sql.write(toFile: schemaPath, atomically: true, encoding: .utf8)
        Measure.shell("sqlite3 \(theirs) 'PRAGMA journal_mode=WAL' '.read \(schemaPath)'")
        // .import writes missing values as '', which the STRICT table refuses: import into a
        // staging table and move the rows across with NULLs, as a sqlite3 user would.
        let importRun = Measure.run(["/usr/bin/sqlite3", theirs, ".import --csv \(csvPath) staging", """
            INSERT INTO observations (page_id, position, observed_at, station_id, station_source, label, condition,
                                      condition_known, temperature_c)
            SELECT page_id, position, observed_at, nullif(station_id, ''), station_source, nullif(label, ''),
                   nullif(condition, ''), condition_known, nullif(temperature_c, '') FROM staging
            """])
        let imported = Int(Measure.shell("sqlite3 \(theirs) 'SELECT count(*) FROM observations'")) ?? 0
        precondition(imported == rows, "sqlite3 imported \(imported) of \(rows) rows")

        let oursRate = Double(rows) / oursSeconds, theirRate = Double(rows) / importRun.seconds
        table.row("inserts: kmaticker's store vs `sqlite3 .import`", String(format: "%.0f%%", oursRate / theirRate * 100),
                  String(format: "%.0f vs %.0f rows/s; %d rows, %d pages, a savepoint per page and a commit per \(WriteSession.Batching.standard.pages) vs .import to a staging table + one INSERT … SELECT", oursRate, theirRate, rows, pages.count))
    }
}

/// A store of a given size for query timings, built fast with SQL rather than page by page:
/// pages 10 minutes apart, 97 observations each.
enum LargeStore {
    /// Returns the seconds it took.
    static func build(path: String, observations: Int, kmaticker: String, seed: URL) throws -> Double {
        Benchmark.removeStore(path)
        return try Measure.seconds {
            let first = try FileManager.default.contentsOfDirectory(atPath: seed.path).sorted()[0]
            precondition(Measure.run([kmaticker, "ingest", "--db", path, seed.appendingPathComponent(first).path]).status == 0)
            let pages = max(1, observations / 97)
            Measure.shell("""
                sqlite3 \(path) 'PRAGMA synchronous=OFF' "
                BEGIN;
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(pages))
                INSERT INTO pages (source, path, sha256, charset, format, observed_at, time_source, item_count,
                                   new_count, already_stored_count, conflict_count, warning_count, ingested_at)
                SELECT 'bench-' || i || '.html', 'bench', 'sha-' || i, 'UTF-8', 'html', 1577808000 + i * 600,
                       'last-edit-header', 97, 97, 0, 0, 0, 0 FROM n;
                INSERT INTO observations (page_id, position, observed_at, station_id, station_source, label,
                                          condition, condition_known, temperature_c)
                SELECT p.id, s.rn, p.observed_at, s.id, 'ticker', s.name_ko, '맑음', 1, ((p.id * 7 + s.id) % 400) / 10.0 - 10
                FROM pages AS p JOIN (SELECT id, name_ko, row_number() OVER (ORDER BY id) AS rn FROM stations) AS s
                WHERE p.path = 'bench' ORDER BY p.id, s.id;
                COMMIT;
                ANALYZE;"
                """)
        }
    }
}
