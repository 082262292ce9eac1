/// One JSON object per line, keyed by column name, and nothing else: no header, and no output
/// at all when there is no row.
public final class NDJSONWriter: ReportWriter {
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
        output.write(JSON.object(columns, cells) + "\n")
        count += 1
        try output.checkFailure()
    }

    public func finish() throws(OutputError) {
        try output.checkFailure()
    }
}
