import FoundationEssentials
import KMATickerModel

/// Brings a store's `stations` table in step with the registry compiled into kmaticker, so
/// that a store made by an earlier kmaticker takes pages naming stations added since, and
/// every command reads the same names. Runs in the writer's open transaction; the registry's
/// digest is recorded in `registry_version`, so a store already in step costs one read.
enum StationTableSync {
    static func bringInStep(_ database: SQLiteDatabase, with registry: StationRegistry, now: Date = Date()) throws(SQLiteError) {
        precondition(!database.isAutocommit, "the stations are brought in step inside the writer's transaction")
        let recorded = try database.prepare("SELECT digest FROM registry_version")
        let digest = try recorded.step() ? recorded.text(at: 0) : nil
        recorded.reset()
        guard digest != registry.digest else { return }

        // Names are UNIQUE: a stored name the registry now gives another station (a rename, two
        // stations trading names) is set aside first, so the upsert below never trips on it.
        // A station the registry no longer lists keeps its row and name for the observations
        // that name it, unless the registry has given that name to another station.
        var stored: [(id: Int, name: String)] = []
        let rows = try database.prepare("SELECT id, name_ko FROM stations")
        while try rows.step() { stored.append((Int(rows.integer(at: 0) ?? 0), rows.text(at: 1) ?? "")) }
        let setAside = try database.prepare("UPDATE stations SET name_ko = '#' || id || ' ' || name_ko WHERE id = ?")
        for row in stored {
            let renamed = registry.station(id: row.id).map { $0.nameKorean != row.name } ?? false
            let nameTaken = registry.station(named: row.name).map { $0.id != row.id } ?? false
            if renamed || nameTaken { try setAside.run([.integer(Int64(row.id))]) }
        }

        let upsert = try database.prepare("""
            INSERT INTO stations (id, name_ko, name_en, lat, lon, elevation_m, province) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name_ko = excluded.name_ko, name_en = excluded.name_en, lat = excluded.lat,
                lon = excluded.lon, elevation_m = excluded.elevation_m, province = excluded.province
            """)
        for station in registry.stations {
            try upsert.run([
                .integer(Int64(station.id)), .text(station.nameKorean), .text(station.nameEnglish),
                .real(station.latitude), .real(station.longitude),
                station.elevationMeters.map(SQLiteValue.real) ?? .null, .text(station.province),
            ])
        }
        try database.execute("DELETE FROM registry_version")
        try database.prepare("INSERT INTO registry_version (digest, station_count, synced_at) VALUES (?, ?, ?)")
            .run([.text(registry.digest), .integer(Int64(registry.stations.count)), .integer(Int64(now.timeIntervalSince1970))])
    }
}
