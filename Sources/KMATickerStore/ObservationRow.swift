/// One observation as the byte-level CSV export reads it (``ObservationCSVEncoder``): its own
/// columns straight from SQLite's row, valid until the next row; the station's name and the
/// page's source and time source from the ``ObservationRowReader``'s tables, so that SQLite
/// joins nothing per row.
package struct ObservationRow {
    fileprivate let statement: SQLiteStatement
    /// The station's Korean name, when the store knows the station (else the label stands in).
    package let stationName: [UInt8]?
    package let page: ObservationRowReader.PageColumns

    package var observedAt: Int64 { statement.integer(at: 0) ?? 0 }
    package var stationID: Int64? { statement.integer(at: 1) }
    /// The item's name as printed.
    package var label: UnsafeBufferPointer<UInt8>? { statement.textBytes(at: 2) }
    package var condition: UnsafeBufferPointer<UInt8>? { statement.textBytes(at: 3) }
    package var temperature: Double? { statement.real(at: 4) }
    package var stationSource: UnsafeBufferPointer<UInt8>? { statement.textBytes(at: 5) }
    package var position: Int64 { statement.integer(at: 7) ?? 0 }
}

/// Steps through the observations a filter selects, in report order, as ``ObservationRow``s:
/// the observations table alone, read through the time index; station names read once, a
/// page's columns once per page (a page's rows are consecutive: they share its time).
package struct ObservationRowReader {
    /// What a row shows of its page.
    package final class PageColumns {
        package let source: [UInt8]
        package let timeSource: [UInt8]
        init(source: [UInt8], timeSource: [UInt8]) {
            self.source = source
            self.timeSource = timeSource
        }
    }

    static let columns = """
        SELECT o.observed_at, o.station_id, o.label, o.condition, o.temperature_c, o.station_source,
               o.page_id, o.position
        FROM observations AS o
        """

    let database: SQLiteDatabase

    /// Calls `body` for each row. A row whose page is missing is passed over, as the join it
    /// stands for would (the foreign key keeps it from happening).
    func forEach(_ filter: ObservationFilter, newestFirst: Bool, _ body: (ObservationRow) throws -> Void) throws {
        var stationNames: [Int64: [UInt8]] = [:]
        let stations = try database.prepare("SELECT id, name_ko FROM stations")
        while try stations.step() {
            if let id = stations.integer(at: 0), let name = stations.textBytes(at: 1) { stationNames[id] = Array(name) }
        }
        let pageLookup = try database.prepare("SELECT source, time_source FROM pages WHERE id = ?")
        let (whereSQL, values) = filter.whereClause()
        var sql = Self.columns + "\n\(whereSQL)\nORDER BY o.observed_at \(newestFirst ? "DESC" : "ASC"), o.page_id, o.position"
        if let limit = filter.limit { sql += " LIMIT \(max(0, limit))" }
        let statement = try database.prepare(sql)
        try statement.bind(values)
        var currentPageID: Int64?
        var currentPage: PageColumns?
        while try statement.step() {
            let pageID = statement.integer(at: 6) ?? 0
            if pageID != currentPageID {
                currentPageID = pageID
                try pageLookup.bind([.integer(pageID)])
                currentPage = try pageLookup.step()
                    ? PageColumns(source: pageLookup.textBytes(at: 0).map(Array.init) ?? [],
                                  timeSource: pageLookup.textBytes(at: 1).map(Array.init) ?? [])
                    : nil
                pageLookup.reset()
            }
            guard let currentPage else { continue }
            let name = statement.integer(at: 1).flatMap { stationNames[$0] }
            try body(ObservationRow(statement: statement, stationName: name, page: currentPage))
        }
    }
}
