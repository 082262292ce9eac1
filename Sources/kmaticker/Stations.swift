import ArgumentParser
import KMATickerKit

struct Stations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the station registry with how many observations the store holds for each, and the first and last time.")

    @OptionGroup var store: StoreOptions

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    func run() throws {
        _ = try QueryRunner.run(ObservationQuery(report: .stations, format: format), storePath: store.path, outputPath: nil)
    }
}
