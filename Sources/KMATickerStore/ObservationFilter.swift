import KMATickerModel

/// Which observations a report covers. Every field narrows; empty means no narrowing.
public struct ObservationFilter: Sendable, Equatable {
    package var stationIDs: [Int] = []
    /// Printed names of observations with no resolved station (`독도`, as `export` lists them
    /// with `station_source` unresolved), NFC: selected alongside ``stationIDs``.
    package var unresolvedLabels: [String] = []
    /// Inclusive Unix-second bounds.
    public var since: Int64?
    public var until: Int64?
    /// Condition words as printed, NFC (`눈`, `구름많음`).
    public var conditions: [String] = []
    public var limit: Int?

    package init(stationIDs: [Int] = [], since: Int64? = nil, until: Int64? = nil,
                conditions: [String] = [], limit: Int? = nil) {
        self.stationIDs = stationIDs
        self.since = since
        self.until = until
        self.conditions = conditions.map(HangulNormalization.nfc)
        self.limit = limit
    }

    /// The SQL conditions on `observations AS o` and their bound values, in order; `extra`
    /// conditions (with no values) are added.
    func whereClause(adding extra: [String] = []) -> (sql: String, values: [SQLiteValue]) {
        var clauses = extra
        var values: [SQLiteValue] = []
        var stationClauses: [String] = []
        if !stationIDs.isEmpty {
            stationClauses.append("o.station_id IN (" + Array(repeating: "?", count: stationIDs.count).joined(separator: ", ") + ")")
            values += stationIDs.map { .integer(Int64($0)) }
        }
        if !unresolvedLabels.isEmpty {
            stationClauses.append("(o.station_id IS NULL AND o.label IN (" + Array(repeating: "?", count: unresolvedLabels.count).joined(separator: ", ") + "))")
            values += unresolvedLabels.map { .text($0) }
        }
        if !stationClauses.isEmpty { clauses.append(stationClauses.count == 1 ? stationClauses[0] : "(" + stationClauses.joined(separator: " OR ") + ")") }
        if let since { clauses.append("o.observed_at >= ?"); values.append(.integer(since)) }
        if let until { clauses.append("o.observed_at <= ?"); values.append(.integer(until)) }
        if !conditions.isEmpty {
            clauses.append("o.condition IN (" + Array(repeating: "?", count: conditions.count).joined(separator: ", ") + ")")
            values += conditions.map { .text($0) }
        }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), values)
    }
}
