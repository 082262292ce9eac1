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
    private var stationNames: [Int64: [UInt8]] = [:]
    private let pageLookup: SQLiteStatement
    private var currentPageID: Int64?
    private var currentPage: PageColumns?
    /// The last statement run, run again for the same SQL (the latest report's, per station).
    private var lastStatement: SQLiteStatement?

    init(database: SQLiteDatabase) throws {
        self.database = database
        let stations = try database.prepare("SELECT id, name_ko FROM stations")
        while try stations.step() {
            if let id = stations.integer(at: 0), let name = stations.textBytes(at: 1) { stationNames[id] = Array(name) }
        }
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
        var count = 0
        while try statement.step() {
            guard let page = try page(statement.integer(at: 6) ?? 0) else { continue }
            let name = statement.integer(at: 1).flatMap { stationNames[$0] }
            try body(ObservationRow(statement: statement, stationName: name, page: page))
            count += 1
        }
        return count
    }

    /// The page's columns, read when the page differs from the last row's.
    private func page(_ id: Int64) throws -> PageColumns? {
        if id == currentPageID { return currentPage }
        currentPageID = id
        try pageLookup.bind([.integer(id)])
        currentPage = try pageLookup.step()
            ? PageColumns(source: pageLookup.textBytes(at: 0).map(Array.init) ?? [],
                          timeSource: pageLookup.textBytes(at: 1).map(Array.init) ?? [])
            : nil
        pageLookup.reset()
        return currentPage
    }
}
