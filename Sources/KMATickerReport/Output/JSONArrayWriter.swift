/// One JSON array of objects keyed by column name, one object per line, streamed: `[` before
/// the first row, `]` at the end; `[]` when there is no row.
public final class JSONArrayWriter: ReportWriter {
    private let columns: [Column]
    private let output: TextOutput
    public private(set) var count = 0

    package init(columns: [Column], output: TextOutput) {
        self.columns = columns
        self.output = output
    }

    public func append(_ cells: [Cell]) throws(OutputError) {
        precondition(cells.count == columns.count, "a row must have one cell per column")
        try output.checkFailure()
        output.write((count == 0 ? "[\n" : ",\n") + "  " + JSON.object(columns, cells))
        count += 1
        try output.checkFailure()
    }

    public func finish() throws(OutputError) {
        try output.checkFailure()
        output.write(count == 0 ? "[]\n" : "\n]\n")
        try output.checkFailure()
    }
}
