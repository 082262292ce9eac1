import KMATickerModel

/// One observation as every observation report reads it: its own columns straight from
/// SQLite's row, valid until the next row; the station's name and the page's source and time
/// source from the ``ObservationRowReader``'s tables, so that SQLite joins nothing per row.
///
/// The one row type of the reports: the byte-level CSV export reads its columns' bytes
/// (``ObservationCSVEncoder``), every other printer its ``record``.
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

    /// The row as a value that outlives the call: the same columns, as text and numbers. A
    /// station source the store does not know reads as `unresolved`; a station the store
    /// does not know shows its label.
    package var record: ObservationRecord {
        ObservationRecord(
            observedAt: KSTDateTime(unixSeconds: observedAt),
            stationID: stationID.map { Int($0) },
            station: stationName.map { String(decoding: $0, as: UTF8.self) } ?? statement.text(at: 2),
            condition: statement.text(at: 3),
            temperatureC: temperature,
            stationSource: StationSource(rawValue: statement.text(at: 5) ?? "") ?? .unresolved,
            source: page.sourceText,
            label: statement.text(at: 2),
            position: Int(position),
            timeSource: page.timeSourceText)
    }
}

/// Steps through the observations a report selects, as ``ObservationRow``s: the observations
/// table alone (``columns``), read through an index; station names read once, a page's
/// columns once per page (a page's rows are consecutive in time order: they share its time).
///
/// It runs SQL it is given, never its own: ``ObservationStore/observationsQuery(_:newestFirst:)``
/// and ``ObservationStore/latestQuery(_:)`` build every statement it steps.
package final class ObservationRowReader {
    /// What a row shows of its page.
    package final class PageColumns {
        package let source: [UInt8]
        package let timeSource: [UInt8]
        /// The same as text, made when first asked (never by the byte-level export).
        package private(set) lazy var sourceText = String(decoding: source, as: UTF8.self)
        package private(set) lazy var timeSourceText = String(decoding: timeSource, as: UTF8.self)

        init(source: [UInt8], timeSource: [UInt8]) {
            self.source = source
            self.timeSource = timeSource
        }
    }

    /// The SELECT list every observation report reads, in ``ObservationRow``'s column order.
    static let columns = """
        SELECT o.observed_at, o.station_id, o.label, o.condition, o.temperature_c, o.station_source,
               o.page_id, o.position
        FROM observations AS o
        """

    private let database: SQLiteDatabase
    private let stationNames: [Int64: [UInt8]]
    private let pageLookup: SQLiteStatement
    /// The last row's page, kept from one statement to the next (the latest report's rows
    /// mostly share the newest page).
    private var lastPage: (id: Int64, columns: PageColumns?)?
    /// The last statement run, run again for the same SQL (the latest report's, per station).
    private var lastStatement: SQLiteStatement?

    init(database: SQLiteDatabase) throws {
        self.database = database
        var names: [Int64: [UInt8]] = [:]
        let stations = try database.prepare("SELECT id, name_ko FROM stations")
        while try stations.step() {
            if let id = stations.integer(at: 0), let name = stations.textBytes(at: 1) { names[id] = Array(name) }
        }
        stationNames = names
        pageLookup = try database.prepare("SELECT source, time_source FROM pages WHERE id = ?")
    }

    /// Runs `sql` (which selects ``columns``) with `values` and calls `body` for each row; returns
    /// the rows passed. A row whose page is missing is passed over, as the join it stands for
    /// would (the foreign key keeps it from happening).
    @discardableResult
    func forEach(_ sql: String, _ values: [SQLiteValue], _ body: (ObservationRow) throws -> Void) throws -> Int {
        let statement = try lastStatement.flatMap { $0.sql == sql ? $0 : nil } ?? database.prepare(sql)
        lastStatement = statement
        try statement.bind(values)
        // The loop's state in locals: a class's stored properties are checked for exclusive
        // access at each use, which a million rows would feel.
        var page = lastPage
        defer { lastPage = page }
        var count = 0
        while try statement.step() {
            let pageID = statement.integer(at: 6) ?? 0
            if page?.id != pageID { page = (pageID, try pageColumns(pageID)) }
            guard let columns = page?.columns else { continue }
            let name = statement.integer(at: 1).flatMap { stationNames[$0] }
            try body(ObservationRow(statement: statement, stationName: name, page: columns))
            count += 1
        }
        return count
    }

    /// What a row shows of page `id`, or `nil` when there is no such page.
    private func pageColumns(_ id: Int64) throws -> PageColumns? {
        try pageLookup.bind([.integer(id)])
        defer { pageLookup.reset() }
        guard try pageLookup.step() else { return nil }
        return PageColumns(source: pageLookup.textBytes(at: 0).map(Array.init) ?? [],
                           timeSource: pageLookup.textBytes(at: 1).map(Array.init) ?? [])
    }
}
