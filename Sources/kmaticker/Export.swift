import ArgumentParser
import KMATickerKit

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every stored observation, oldest first (CSV by default).",
        discussion: """
            CSV is RFC 4180 (CRLF line ends), header first. Columns: observed_at (ISO 8601, \
            +09:00), station_id, station, condition, temperature_c, station_source (ticker, \
            inferred or unresolved), source (the page's file name), then label, position and \
            time_source. A missing value is an empty cell.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Output format: csv, json or table.")
    var format: OutputFormat = .csv

    @Option(help: ArgumentHelp("Write to this file instead of standard output (it appears only when complete).", valueName: "file"))
    var out: String?

    func run() throws {
        let query = ObservationQuery(format: format, newestFirst: false)
        _ = try QueryRunner.run(query, storePath: store.path, outputPath: out)
    }
}
