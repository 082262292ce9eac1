import ArgumentParser
import Glibc
import KMATickerReport

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named here, not derived from the type: deriving it demangles the type's name at every start.
        commandName: "export",
        abstract: "Write stored observations, oldest first (CSV by default).",
        discussion: """
            CSV is RFC 4180 (CRLF line ends), header first. Columns: observed_at (ISO 8601, \
            +09:00), station_id, station, condition, temperature_c, station_source (ticker, \
            inferred, unresolved or feed), source (the page's file name), then label, position \
            and time_source. A missing value is an empty cell. In CSV and TSV a text cell that \
            starts with =, +, @, a tab or a CR is prefixed with ' so that spreadsheets do not \
            run it; numbers are never changed.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var filter: FilterOptions
    @OptionGroup var limit: LimitOption

    @Option(help: "Output format.")
    var format: OutputFormat = .csv

    @Flag(help: "For Excel and LibreOffice: CSV in UTF-8 with a byte order mark, CRLF, times as local KST \"2025-08-18 10:40:00\".")
    var excel = false

    @Flag(help: "One row per time and one temperature column per station, for charting.")
    var wide = false

    @Option(help: ArgumentHelp("Write to this file instead of standard output (it appears only when complete; a link's target is written, a FIFO or device in place; - is standard output).", valueName: "file"), completion: .file())
    var out: String?

    // A workbook is an option of its own, not a --format: it is binary and zipped whole when
    // complete (to standard output only then, for `--xlsx -`), and query and stations, which
    // share --format, do not write one.
    @Option(help: ArgumentHelp("Write an Excel workbook (.xlsx) to this file instead of CSV (- for standard output): times as date-time cells, temperatures as numbers, the header frozen (it appears only when complete).", valueName: "file"), completion: .file(extensions: ["xlsx"]))
    var xlsx: String?

    func validate() throws {
        if excel, format != .csv { throw ValidationError("--excel writes CSV; leave out --format \(format.rawValue)") }
        if let out, let ext = fileExtension(out), ["xlsx", "xls", "ods"].contains(ext) {
            throw ValidationError("--out \(out) would get \(format.rawValue.uppercased()) text in a file named as a spreadsheet; write a workbook with --xlsx \(out), or name the file .\(format == .table ? "txt" : format.rawValue)")
        }
        if xlsx != nil {
            if out != nil { throw ValidationError("--xlsx names the workbook's file; leave out --out") }
            if excel { throw ValidationError("--excel writes CSV for spreadsheets and --xlsx a workbook; give one of them") }
            if format != .csv { throw ValidationError("--xlsx writes a workbook; leave out --format \(format.rawValue)") }
        }
    }

    func run() throws {
        var query = ObservationQuery(report: wide ? .wide : .observations(newestFirst: false), format: format)
        query.excel = excel
        filter.apply(to: &query)
        limit.apply(to: &query)
        let rows: Int
        if let xlsx {
            rows = try QueryRunner.runWorkbook(query, storePath: store.path, path: xlsx)
        } else {
            // A table written to a terminal (not to --out) fits its width, as query's does.
            query.table = TableShape(terminalWidth: format == .table && out == nil ? TerminalWidth.of(STDOUT_FILENO) : nil)
            rows = try QueryRunner.run(query, storePath: store.path, outputPath: out)
        }
        // The header alone was written: said, as query says it.
        if rows == 0 { printToStandardError("no observations match; only the header was written") }
    }
}
