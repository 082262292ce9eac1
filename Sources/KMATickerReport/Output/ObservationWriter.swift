import KMATickerStore

/// The rows of the observation report as the store hands them over: a function that calls its
/// argument with each ``ObservationRow``, in report order.
typealias ObservationRows = (_ body: (ObservationRow) throws -> Void) throws -> Void

/// Prints the observation report (`query`, `export`): the ``ObservationRow``s the store reads,
/// in one format. The report hands every row to one of these and formats nothing itself:
/// CSV is written from the rows' bytes (``ObservationCSVWriter``), every other format through
/// its ``ReportWriter`` (``ObservationCellWriter``), `--wide` pivoted (``WideTableWriter``).
///
/// A printer takes the whole stream of rows, so that the state it keeps from row to row lives
/// in its own locals (a class's stored properties are checked for exclusive access at every
/// use). As a ``ReportWriter`` does, it stops at its sink's first failure and throws the
/// ``OutputError``.
protocol ObservationWriter {
    /// Writes each row `rows` hands over, then ends the output (the header when no row came,
    /// a JSON array's end, a table's layout); returns the rows written.
    func write(_ rows: ObservationRows) throws -> Int
}

extension OutputFormat {
    /// The printer of the observation report in this format, its times in `style`.
    func observationWriter(style: TimeStyle, to output: TextOutput, spreadsheet: SpreadsheetOptions,
                           table: TableShape) -> any ObservationWriter {
        switch self {
        case .csv:
            ObservationCSVWriter(style: style, output: output, spreadsheet: spreadsheet)
        case .table, .tsv, .json, .ndjson:
            ObservationCellWriter(writer(columns: ObservationRecord.columns(style), to: output, spreadsheet: spreadsheet,
                                         table: table), style: style)
        }
    }
}

/// The observation report through a ``ReportWriter`` of its ``ObservationRecord/columns(_:)``:
/// each row's ``ObservationRow/record`` as cells.
struct ObservationCellWriter: ObservationWriter {
    let writer: any ReportWriter
    let style: TimeStyle

    init(_ writer: any ReportWriter, style: TimeStyle) {
        self.writer = writer
        self.style = style
    }

    func write(_ rows: ObservationRows) throws -> Int {
        try rows { try writer.append($0.record.cells(style)) }
        try writer.finish()
        return writer.count
    }
}
