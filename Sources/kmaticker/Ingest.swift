import ArgumentParser
import KMATickerInput
import KMATickerKit
import KMATickerModel
import KMATickerReport
import KMATickerStore

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        // Named here, not derived from the type: deriving it demangles the type's name at every start.
        commandName: "ingest",
        abstract: "Read saved pages and store their weather ticker observations.",
        discussion: """
            Each argument is a saved page (HTML in UTF-8 or EUC-KR/CP949, a text capture, \
            KMA's feed XML, a SingleFile page, a page saved with its HTTP head by wget or \
            curl), a web archive (WARC, .warc.gz, MHTML), any of \
            them gzipped; a folder (every file in it, recursively, recognized by content); or \
            - for standard input. A page is stored whole or not at all; one that cannot be \
            read is named on stderr with the reason and the others go on. Bytes already \
            ingested are recognized and not read again. A page is stored at the time it was \
            captured when its archive records it, else at the time it prints.
            """)

    @OptionGroup var store: StoreOptions

    @OptionGroup var reading: ReadingOptions

    @Flag(help: "Read and count everything, write nothing.")
    var dryRun = false

    @Flag(name: [.short, .long], help: "Print each page's result and each item skipped, not only the run's summary (a single file always gets its line), and name what in a page looks like ticker items but is no ticker: every Korean page is then read whole, which is slower on a crawl.")
    var verbose = false

    @Argument(help: ArgumentHelp("Saved pages, folders of them, or - for standard input.", valueName: "path"), completion: .file())
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one page to ingest") }
    }

    func run() throws {
        let inputs = IngestInput.expand(paths)
        let options = IngestOptions(storePath: store.path, time: try reading.time,
                                    fileModificationIsCaptureTime: reading.timeFrom == .mtime,
                                    inferStations: !reading.noInfer, dryRun: dryRun, namesBlocksThatAreNoTicker: verbose)
        // One file gets its line; the many pages of an archive, or of an extract shard (whose
        // pages name the files they came from), only with -v.
        let oneFile = inputs.count == 1
        func showEachPage(_ origin: PageOrigin) -> Bool { verbose || (oneFile && !origin.isOneOfMany) }
        let progress = ProgressBar(total: inputs.count)
        // Each line is written at once; a reader that has gone (`| head -1`) or a failing
        // stdout must not stop the ingest: the lines are dropped and the summary goes to stderr.
        let output = FileTextOutput.standardOutput()
        func say(_ line: String) {
            output.write(line + "\n")
            output.flush()
        }
        var pagesNotShown = 0
        let summary: IngestSummary
        do {
            summary = try Ingestor(options: options, registry: .asos).ingest(inputs, progress: progress.update) { event in
                switch event {
                case .stored(let origin, let page, let result):
                    if showEachPage(origin) { progress.clear(); say("\(origin): \(Self.describe(result, page: page))") } else { pagesNotShown += 1 }
                case .alreadyIngested(let origin, let page):
                    if showEachPage(origin) {
                        progress.clear()
                        say("\(origin): 0 new, \(page.itemCount) already stored (these bytes were ingested before, as \(page.source) at \(page.observedAt))")
                    } else {
                        pagesNotShown += 1
                    }
                case .failed(let origin, let reason):
                    progress.clear()
                    printToStandardError("\(origin): error: \(reason)")
                case .skipped(let origin, let reason):
                    if verbose { progress.clear(); printToStandardError("\(origin): skipped: \(reason)") }
                case .warning(let diagnostic):
                    progress.clear()
                    printToStandardError(diagnostic.description)
                    progress.redraw()
                case .notATicker(let origin, let block):
                    // Prose in an article is no ticker and no problem: said only when asked.
                    if verbose { progress.clear(); printToStandardError(block.report(file: origin.description)) }
                }
            }
        } catch {
            // The store stopped the run: what was committed and what was lost with it are said.
            progress.clear()
            throw ExitStatus.forFailure(error)
        }
        progress.clear()
        let summaryLine = dryRun ? "dry run, nothing written: " + summary.description(dryRun: true) : summary.description(dryRun: false)
        // A skipped file is counted even alone: nothing is passed over without a word.
        if inputs.count > 1 || summary.pagesRead + summary.skipped > 1 || summary.skipped > 0 || pagesNotShown > 0 || dryRun {
            say(summaryLine)
        }
        // Standard output failed: the pages' lines were lost, so the summary is said on stderr
        // (even for one file, whose line would have been the summary).
        let outputStatus = output.failure.map { failure in
            let status = ExitStatus.forFailure(failure)
            printToStandardError(summaryLine)
            return status
        }
        let status = ExitStatus.forInputs(failed: summary.pagesFailed, withUnreadableItems: summary.pagesWithUnreadableItems,
                                          output: outputStatus ?? .success)
        if status != .success { throw status }
    }

    /// `97 new`, `0 new, 97 already stored`, with the page's time and what was inferred.
    static func describe(_ result: PageWriteResult, page: TickerPage) -> String {
        var parts = ["\(result.new) new"]
        if result.alreadyStored > 0 { parts.append("\(result.alreadyStored) already stored") }
        if !result.conflicts.isEmpty { parts.append("\(result.conflicts.count) conflicting") }
        if !page.rejectedItems.isEmpty { parts.append("\(page.rejectedItems.count) unreadable") }
        let inferred = page.observations.filter { $0.stationSource == .inferred }.count
        let unresolved = page.observations.filter { $0.stationSource == .unresolved }.count
        var details = ["\(page.time.time) from \(page.time.source.rawValue)"]
        if let printed = page.printedTime, page.time.source != printed.source {
            details.append("prints \(printed.text)")
        }
        if page.charset != "UTF-8" { details.append(page.charset) }
        if inferred > 0 { details.append("\(inferred) inferred") }
        if unresolved > 0 { details.append("\(unresolved) unresolved") }
        return parts.joined(separator: ", ") + " (" + details.joined(separator: ", ") + ")"
    }
}
