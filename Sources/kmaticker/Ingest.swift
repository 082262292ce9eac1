import ArgumentParser
import KMATickerKit

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read saved pages and store their weather ticker observations.",
        discussion: """
            Each FILE is a saved page: HTML (UTF-8) or a text capture. A page is stored whole \
            or not at all; a file that cannot be read is named on stderr with the reason and \
            the others go on. Ingesting the same page again adds nothing.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp(
        "The pages' time, KST, instead of what they print (e.g. \"2025-08-18 10:40\").",
        valueName: "YYYY-MM-DD HH:MM"))
    var at: String?

    @Flag(help: "Leave nameless items unresolved instead of inferring their station from the ticker's order.")
    var noInfer = false

    @Argument(help: ArgumentHelp("Saved pages.", valueName: "file"))
    var files: [String]

    func validate() throws {
        if let at, KSTDateTime(parsing: at) == nil {
            throw ValidationError("--at takes a KST time as \"YYYY-MM-DD HH:MM\", e.g. \"2025-08-18 10:40\"; got '\(at)'")
        }
        if files.isEmpty { throw ValidationError("name at least one page to ingest") }
    }

    func run() throws {
        let options = IngestOptions(storePath: store.path, time: at.flatMap(KSTDateTime.init(parsing:)),
                                    inferStations: !noInfer)
        let summary: IngestSummary
        do {
            summary = try Ingestor(options: options).ingest(files) { event in
                switch event {
                case .stored(let file, let page, let result):
                    print("\(file): \(Self.describe(result, page: page))")
                case .failed(let file, let reason):
                    printToStandardError("\(file): error: \(reason)")
                case .warning(let diagnostic):
                    printToStandardError(diagnostic.description)
                }
            }
        } catch {
            printToStandardError("kmaticker: error: \(error)")
            throw ExitStatus.storeFailed
        }
        if files.count > 1 {
            print("\(files.count) files: \(summary.filesStored) stored, \(summary.filesFailed) failed; "
                  + "\(summary.new) new, \(summary.alreadyStored) already stored, "
                  + "\(summary.conflicts) conflicting, \(summary.warnings) warnings")
        }
        if summary.filesFailed > 0 { throw ExitStatus.inputFailed }
    }

    /// `97 new`, `0 new, 97 already stored`, with the page's time and what was inferred.
    static func describe(_ result: PageWriteResult, page: TickerPage) -> String {
        var parts = ["\(result.new) new"]
        if result.alreadyStored > 0 { parts.append("\(result.alreadyStored) already stored") }
        if !result.conflicts.isEmpty { parts.append("\(result.conflicts.count) conflicting") }
        let inferred = page.observations.filter { $0.stationSource == .inferred }.count
        let unresolved = page.observations.filter { $0.stationSource == .unresolved }.count
        var details = ["\(page.time.time) from \(page.time.source.rawValue)"]
        if inferred > 0 { details.append("\(inferred) inferred") }
        if unresolved > 0 { details.append("\(unresolved) unresolved") }
        return parts.joined(separator: ", ") + " (" + details.joined(separator: ", ") + ")"
    }
}
