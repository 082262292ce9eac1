/// Writes a report's rows in one ``OutputFormat`` to a ``TextOutput``: ``append(_:)`` per row,
/// then ``finish()``. One type per format (``TableWriter``, ``CSVWriter``, ``TSVWriter``,
/// ``JSONArrayWriter``, ``NDJSONWriter``), made by ``OutputFormat/writer(columns:to:spreadsheet:)``.
///
/// A writer stops at the sink's first failure: ``append(_:)`` and ``finish()`` throw the
/// sink's ``OutputError`` and write nothing more, so that a report whose reader has gone
/// (`| head`) or whose disk is full stops reading rows instead of formatting them for nobody.
public protocol ReportWriter: AnyObject {
    /// The rows appended so far.
    var count: Int { get }
    /// Writes one row: one cell per column.
    func append(_ cells: [Cell]) throws(OutputError)
    /// Ends the output (a header when no row came, a JSON array's end, a table's layout).
    func finish() throws(OutputError)
}

extension OutputFormat {
    /// The writer of this format for rows of `columns`; a table is shaped by `table`.
    package func writer(columns: [Column], to output: TextOutput,
                       spreadsheet: SpreadsheetOptions = SpreadsheetOptions(),
                       table: TableShape = TableShape()) -> any ReportWriter {
        switch self {
        case .table: TableWriter(columns: columns, output: output, shape: table)
        case .csv: CSVWriter(columns: columns, output: output, spreadsheet: spreadsheet)
        case .tsv: TSVWriter(columns: columns, output: output)
        case .json: JSONArrayWriter(columns: columns, output: output)
        case .ndjson: NDJSONWriter(columns: columns, output: output)
        }
    }
}
