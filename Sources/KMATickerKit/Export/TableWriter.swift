/// Columns aligned for a terminal, by display width (a Hangul syllable is two cells wide).
/// It holds every row until ``finish()``, as the widths depend on all of them; columns not
/// `inTable` are left out.
public final class TableWriter: ReportWriter {
    private let columns: [Column]
    private let output: TextOutput
    private var rows: [[String]] = []
    public var count: Int { rows.count }

    public init(columns: [Column], output: TextOutput) {
        self.columns = columns
        self.output = output
    }

    public func append(_ cells: [Cell]) throws(OutputError) {
        precondition(cells.count == columns.count, "a row must have one cell per column")
        // Nothing is written yet, but a sink that already failed will take nothing.
        try output.checkFailure()
        rows.append(zip(columns, cells).filter { $0.0.inTable }.map { $0.1.plainText })
    }

    public func finish() throws(OutputError) {
        try output.checkFailure()
        let shown = columns.filter(\.inTable)
        let header = shown.map { $0.tableHeader ?? $0.name }
        let rightAligned = Set(shown.indices.filter { shown[$0].rightAligned })
        output.write(TableLayout.render(header: header, rows: rows, rightAligned: rightAligned))
        try output.checkFailure()
    }
}

/// Lays out rows as aligned columns for a terminal.
enum TableLayout {
    static func render(header: [String], rows: [[String]], rightAligned: Set<Int>) -> String {
        var widths = header.map(DisplayWidth.of)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], DisplayWidth.of(cell)) }
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, cell in
                DisplayWidth.pad(cell, to: widths[column], leading: rightAligned.contains(column))
            }
            // Trailing spaces help nobody.
            var text = padded.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text + "\n"
        }
        return ([line(header)] + rows.map(line)).joined()
    }
}
