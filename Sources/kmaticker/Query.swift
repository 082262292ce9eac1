import ArgumentParser
import Glibc
import KMATickerModel
import KMATickerReport

struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named here, not derived from the type: deriving it demangles the type's name at every start.
        commandName: "query",
        abstract: "Show stored observations, newest first; or each station's latest, or hourly or daily aggregates.",
        discussion: """
            --latest: each station's most recent observation, with its age. \
            --every hour|day: per station and KST hour or day, the minimum, maximum and mean \
            temperature and how many observations had one (count) and in all (observations); \
            a missing temperature is left out, never taken as 0. In a terminal, a query for \
            one station ends with a sparkline of its temperatures.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var filter: FilterOptions
    @OptionGroup var limit: LimitOption

    @Flag(help: "Each station's most recent observation and its age.")
    var latest = false

    @Option(help: ArgumentHelp("Aggregate temperatures per station and KST hour or day.", valueName: "hour|day"))
    var every: AggregationPeriod?

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("The table's columns, in this order (names as in --format csv's header). In a terminal, by default, the least useful columns are left out until the table fits its width.", valueName: "a,b,c"),
            transform: { $0.split(separator: ",").map { String($0).trimmingWhitespace() } })
    var columns: [String]?

    private var report: ObservationQuery.Report {
        latest ? .latest : every.map { .every($0) } ?? .observations(newestFirst: true)
    }

    func validate() throws {
        if latest, every != nil { throw ValidationError("--latest and --every are different reports; give one") }
        if let columns {
            if format != .table { throw ValidationError("--columns chooses a table's columns; --format \(format.rawValue) writes every column") }
            let allowed = ObservationQuery(report: report, format: format).columnNames ?? []
            if columns.isEmpty { throw ValidationError("--columns needs at least one column: \(allowed.joined(separator: ","))") }
            for name in columns where !allowed.contains(name) {
                throw ValidationError("no column '\(name)' in this report; its columns are \(allowed.joined(separator: ","))")
            }
        }
    }

    func run() throws {
        var query = ObservationQuery(report: report, format: format)
        filter.apply(to: &query)
        limit.apply(to: &query)
        // Only a table for a terminal is fitted to its width: a file or a pipe gets every column.
        query.table = TableShape(columns: columns, terminalWidth: format == .table ? TerminalWidth.of(STDOUT_FILENO) : nil)
        // A table for a terminal, of one station's observations, ends with their sparkline.
        query.sparkline = format == .table && filter.station.count == 1 && isatty(STDOUT_FILENO) == 1
        let count = try QueryRunner.run(query, storePath: store.path, outputPath: nil)
        if count == 0 { printToStandardError("no observations match") }
    }
}
