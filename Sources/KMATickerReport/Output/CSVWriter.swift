/// RFC 4180 CSV, streamed: the header (after a byte order mark for `--excel`) before the first
/// row, or alone when there is none; CRLF line ends; text guarded by ``SpreadsheetGuard``.
public final class CSVWriter: ReportWriter {
    private let columns: [Column]
    private let output: TextOutput
    private let spreadsheet: SpreadsheetOptions
    private var headerWritten = false
    public private(set) var count = 0

    package init(columns: [Column], output: TextOutput, spreadsheet: SpreadsheetOptions = SpreadsheetOptions()) {
        self.columns = columns
        self.output = output
        self.spreadsheet = spreadsheet
    }

    public func append(_ cells: [Cell]) throws(OutputError) {
        precondition(cells.count == columns.count, "a row must have one cell per column")
        try output.checkFailure()
        writeHeaderOnce()
        output.write(CSV.line(cells.map(SpreadsheetGuard.text)))
        count += 1
        try output.checkFailure()
    }

    public func finish() throws(OutputError) {
        try output.checkFailure()
        // An empty report is still a valid file: its header.
        writeHeaderOnce()
        try output.checkFailure()
    }

    private func writeHeaderOnce() {
        guard !headerWritten else { return }
        headerWritten = true
        output.write(Self.header(columns.map(\.name), spreadsheet: spreadsheet))
    }

    /// The header line, after a byte order mark when the spreadsheet options ask for one: this
    /// writer's, and the byte-level export's (``ObservationCSVEncoder``).
    static func header(_ names: [String], spreadsheet: SpreadsheetOptions) -> String {
        (spreadsheet.byteOrderMark ? "\u{FEFF}" : "") + CSV.line(names)
    }
}
