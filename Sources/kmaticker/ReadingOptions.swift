import ArgumentParser
import KMATickerModel
import KMATickerParsing

/// How pages are read, for `ingest` and `extract` alike: their time and station inference.
struct ReadingOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The pages' time, KST, instead of their capture time or what they print (e.g. \"2025-08-18 10:40\").",
        valueName: "YYYY-MM-DD HH:MM"))
    var at: String?

    @Option(help: ArgumentHelp(
        "Where a page without a capture time in its archive takes its time: 'page' (the time it prints) or 'mtime' (its file's modification time).",
        valueName: "page|mtime"))
    var timeFrom: TimeFrom = .page

    enum TimeFrom: String, ExpressibleByArgument, CaseIterable {
        case page, mtime
    }

    @Flag(help: "Leave nameless items unresolved instead of inferring their station from the ticker's order.")
    var noInfer = false

    func validate() throws {
        if let at, KSTDateTime(parsing: at) == nil {
            throw ValidationError("--at takes a KST time as \"YYYY-MM-DD HH:MM\", e.g. \"2025-08-18 10:40\"; got '\(at)'")
        }
    }

    /// `--at`, read (``validate()`` has checked it).
    var time: KSTDateTime? { at.flatMap(KSTDateTime.init(parsing:)) }

    var timeOptions: TimeOptions { TimeOptions(at: time, fileModificationIsCaptureTime: timeFrom == .mtime) }
}
