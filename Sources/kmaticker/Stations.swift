import ArgumentParser
import Glibc
import KMATickerReport

struct Stations: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named here, not derived from the type: deriving it demangles the type's name at every start.
        commandName: "stations",
        abstract: "List the station registry with how many observations the store holds for each, and the first and last time.")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Only this station (as for query); repeat for several.", valueName: "name"), completion: .stationNames)
    var station: [String] = []

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    func run() throws {
        var query = ObservationQuery(report: .stations, format: format)
        query.stations = station
        // As query's: a table for a terminal leaves out its least useful columns to fit.
        query.table = TableShape(terminalWidth: format == .table ? TerminalWidth.of(STDOUT_FILENO) : nil)
        _ = try QueryRunner.run(query, storePath: store.path, outputPath: nil)
    }
}
