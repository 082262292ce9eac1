/// Columns aligned for a terminal, by display width (a Hangul syllable is two cells wide).
/// It holds every row until ``finish()``, as the widths depend on all of them. It shows the
/// columns `shape` names, or those `inTable`, fitted to the terminal's width when it has one.
public final class TableWriter: ReportWriter {
    /// The columns rows are kept for: those named, or those `inTable`.
    private let columns: [Column]
    /// Where each of `columns` is in a row as appended.
    private let cellIndices: [Int]
    /// The report's column count: one cell each in a row.
    private let reportColumns: Int
    private let terminalWidth: Int?
    private let output: TextOutput
    private var rows: [[String]] = []
    public var count: Int { rows.count }

    /// - Precondition: every name in `shape.columns` is one of `columns` (the command line
    ///   checks them first, against ``ObservationQuery/columnNames``).
    package init(columns: [Column], output: TextOutput, shape: TableShape = TableShape()) {
        if let names = shape.columns {
            cellIndices = names.map { name in
                guard let index = columns.firstIndex(where: { $0.name == name }) else {
                    preconditionFailure("no column \(name) in this report")
                }
                return index
            }
            // Columns the user named are shown whatever the terminal's width.
            terminalWidth = nil
        } else {
            cellIndices = columns.indices.filter { columns[$0].inTable }
            terminalWidth = shape.terminalWidth
        }
        self.columns = cellIndices.map { columns[$0] }
        reportColumns = columns.count
        self.output = output
    }

    public func append(_ cells: [Cell]) throws(OutputError) {
        precondition(cells.count == reportColumns, "a row must have one cell per column")
        // Nothing is written yet, but a sink that already failed will take nothing.
        try output.checkFailure()
        rows.append(cellIndices.map { cells[$0].plainText })
    }

    public func finish() throws(OutputError) {
        try output.checkFailure()
        var kept = Array(columns.indices)
        if let terminalWidth {
            let widths = TableLayout.widths(header: columns.map { $0.tableHeader ?? $0.name }, rows: rows)
            kept = TableFit.keptColumns(names: columns.map(\.name), widths: widths, terminalWidth: terminalWidth)
        }
        let shown = kept.map { columns[$0] }
        let header = shown.map { $0.tableHeader ?? $0.name }
        let rightAligned = Set(shown.indices.filter { shown[$0].rightAligned })
        let keptRows = kept.count == columns.count ? rows : rows.map { row in kept.map { row[$0] } }
        output.write(TableLayout.render(header: header, rows: keptRows, rightAligned: rightAligned))
        try output.checkFailure()
    }
}

/// Lays out rows as aligned columns for a terminal.
enum TableLayout {
    /// Each column's width in cells: its widest cell, or its header.
    static func widths(header: [String], rows: [[String]]) -> [Int] {
        var widths = header.map(DisplayWidth.of)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], DisplayWidth.of(cell)) }
        }
        return widths
    }

    static func render(header: [String], rows: [[String]], rightAligned: Set<Int>) -> String {
        let widths = widths(header: header, rows: rows)
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, cell in
                DisplayWidth.pad(cell, to: widths[column], leading: rightAligned.contains(column))
            }
            // Trailing spaces help nobody.
            var text = padded.joined(separator: String(repeating: " ", count: TableFit.separator))
            while text.last == " " { text.removeLast() }
            return text + "\n"
        }
        return ([line(header)] + rows.map(line)).joined()
    }
}
