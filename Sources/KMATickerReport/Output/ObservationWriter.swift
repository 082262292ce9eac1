import KMATickerStore

/// Prints the observation report (`query`, `export`): each ``ObservationRow`` the store reads,
/// in one format. The report hands every row to one of these and formats nothing itself:
/// CSV is written from the row's bytes (``ObservationCSVWriter``), every other format
/// through its ``ReportWriter`` (``ObservationCellWriter``).
///
/// As a ``ReportWriter`` does, a printer stops at its sink's first failure: ``append(_:)``
/// and ``finish()`` throw the ``OutputError``.
protocol ObservationWriter: AnyObject {
    /// The rows appended so far.
    var count: Int { get }
    /// Writes one row.
    func append(_ row: ObservationRow) throws(OutputError)
    /// Ends the output (the header when no row came, a JSON array's end, a table's layout).
    func finish() throws(OutputError)
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
/// a row's ``ObservationRow/record`` as cells.
final class ObservationCellWriter: ObservationWriter {
    private let writer: any ReportWriter
    private let style: TimeStyle

    init(_ writer: any ReportWriter, style: TimeStyle) {
        self.writer = writer
        self.style = style
    }

    var count: Int { writer.count }
    func append(_ row: ObservationRow) throws(OutputError) { try writer.append(row.record.cells(style)) }
    func finish() throws(OutputError) { try writer.finish() }
}
