/// Tab-separated values, streamed: the header before the first row, or alone when there is
/// none; LF line ends; tabs and line breaks inside a value become spaces (TSV has no quoting);
/// text guarded by ``SpreadsheetGuard``.
public final class TSVWriter: ReportWriter {
    private let columns: [Column]
    private let output: TextOutput
    private var headerWritten = false
    public private(set) var count = 0

    package init(columns: [Column], output: TextOutput) {
        self.columns = columns
        self.output = output
    }

    public func append(_ cells: [Cell]) throws(OutputError) {
        precondition(cells.count == columns.count, "a row must have one cell per column")
        try output.checkFailure()
        writeHeaderOnce()
        output.write(cells.map { Self.field(SpreadsheetGuard.text($0)) }.joined(separator: "\t") + "\n")
        count += 1
        try output.checkFailure()
    }

    public func finish() throws(OutputError) {
        try output.checkFailure()
        writeHeaderOnce()
        try output.checkFailure()
    }

    private func writeHeaderOnce() {
        guard !headerWritten else { return }
        headerWritten = true
        output.write(columns.map(\.name).joined(separator: "\t") + "\n")
    }

    private static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "\t" || $0.isNewline }) else { return text }
        return String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }
}
