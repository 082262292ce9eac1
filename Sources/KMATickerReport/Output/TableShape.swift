/// Which of a report's columns a terminal table shows: the ones named (`--columns`), or, for
/// a terminal of a known width, as many as fit (``TableFit``). Files and pipes get neither, and
/// every table column.
public struct TableShape: Sendable, Equatable {
    /// Column names in the order to show them; `nil` for the report's own choice.
    public var columns: [String]?
    /// The terminal's width in cells; `nil` when the table is not for a terminal.
    public var terminalWidth: Int?

    public init(columns: [String]? = nil, terminalWidth: Int? = nil) {
        self.columns = columns
        self.terminalWidth = terminalWidth
    }
}
