import ArgumentParser
import KMATickerKit

struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show stored observations, newest first.",
        discussion: "--station takes a Korean name (대전), an alias (홍성(예)), an ASOS number (133) or the English name (Daejeon); repeat it for several stations.")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("A station to show (all when omitted).", valueName: "name"))
    var station: [String] = []

    @Option(help: "Output format: table, csv or json.")
    var format: OutputFormat = .table

    func run() throws {
        let query = ObservationQuery(stations: station, format: format, newestFirst: true)
        let count = try QueryRunner.run(query, storePath: store.path, outputPath: nil)
        if count == 0 {
            printToStandardError(station.isEmpty ? "no observations stored" : "no observations stored for \(station.joined(separator: ", "))")
        }
    }
}
