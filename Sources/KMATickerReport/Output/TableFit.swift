/// Fits a table to a terminal by leaving out its least useful columns: a table wider than the
/// terminal wraps every row in two, and is then harder to read than one with fewer columns.
public enum TableFit {
    /// Column names in the order they are given up: where the row came from (`source`, the
    /// page's file) and how the station was found matter least on a terminal; the station's
    /// number repeats its name. The rest (time, station, condition, temperature) is the point.
    /// For `stations`, the registry's details go before the station's number, and the count of
    /// observations (the point of that report) goes last but one.
    package static let leastUseful = ["source", "station_source", "name_en", "province", "elevation_m", "lon", "lat",
                                     "station_id", "first_observed_at", "observations", "count", "age"]

    /// Two spaces between columns, as ``TableWriter`` lays them out.
    public static let separator = 2

    /// The indices of the columns to keep, in order: all of them when the table fits in
    /// `terminalWidth` cells, else without the least useful ones, one at a time, until it
    /// fits or nothing more may go (then it wraps, as it would have).
    ///
    /// - Parameters:
    ///   - names: the columns' names.
    ///   - widths: each column's width in cells (its widest cell or header).
    package static func keptColumns(names: [String], widths: [Int], terminalWidth: Int) -> [Int] {
        precondition(names.count == widths.count, "one width per column")
        var kept = Array(names.indices)
        func tableWidth() -> Int { kept.reduce(0) { $0 + widths[$1] } + separator * max(0, kept.count - 1) }
        for name in leastUseful where tableWidth() > terminalWidth {
            kept.removeAll { names[$0] == name }
        }
        return kept
    }
}
