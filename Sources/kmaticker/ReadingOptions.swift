import ArgumentParser
import KMATickerModel
import KMATickerParsing

/// How pages are read, for `ingest` and `extract` alike: their time and station inference.
struct ReadingOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The pages' time, KST, instead of their capture time or what they print: a date and time (\"2025-08-18 10:40\", 2025.08.18T10:40:30, \"yesterday 09:00\") or an age (30m, 2h); not in the future.",
        valueName: "when"))
    var at: String?

    @Option(help: ArgumentHelp(
        "Where a page without a capture time in its archive takes its time: 'page' (the time it prints) or 'mtime' (for a page that prints no date and time, its file's modification time).",
        valueName: "page|mtime"))
    var timeFrom: TimeFrom = .page

    enum TimeFrom: String, ExpressibleByArgument, CaseIterable {
        case page, mtime
    }

    @Flag(help: "Leave nameless items unresolved instead of inferring their station from the ticker's order.")
    var noInfer = false

    func validate() throws {
        _ = try time
    }

    /// `--at`, read by the rule `--since` and `--until` follow (``TypedTime``): a moment, not a
    /// whole day, and not in the future (a page's own future time is refused the same way).
    var time: KSTDateTime? {
        get throws {
            guard let at else { return nil }
            let now = KSTDateTime(unixSeconds: Int64(currentTime().timeIntervalSince1970))
            switch TypedTime.parse(at) {
            case nil:
                throw ValidationError("--at takes a KST date and time (\"2025-08-18 10:40\", 2025.08.18T10:40:30, \"yesterday 09:00\", or ISO 8601 as export writes it) or an age (30m, 2h); got '\(at)'")
            case .failure(let refusal)?:
                throw ValidationError("--at '\(at)': \(refusal.reason)")
            case .success(let typed)?:
                guard typed.isMoment else {
                    throw ValidationError("--at '\(at)' is a whole day; give the time of day too, e.g. --at \"\(at) 10:40\"")
                }
                guard let span = typed.span(now: now) else {
                    throw ValidationError("--at '\(at)': that is longer ago than any time kmaticker stores")
                }
                let time = KSTDateTime(unixSeconds: span.first)
                guard span.first <= now.unixSeconds + PageTime.clockTolerance else {
                    throw ValidationError("--at '\(at)' is \(time), in the future (it is now \(now)); give the time the pages were captured")
                }
                return time
            }
        }
    }

    /// (``validate()`` has read `--at`.)
    var timeOptions: TimeOptions { TimeOptions(at: try? time, fileModificationIsCaptureTime: timeFrom == .mtime) }
}
