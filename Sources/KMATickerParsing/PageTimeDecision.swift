import KMATickerModel

/// Which time a page's observations are stored under, in a stated order, and what to warn
/// about: `--at` first; then the capture time from the container (WARC, MHTML, SingleFile, an
/// HTTP head); then a date and time the page prints; then, for a page that gives no time of its
/// own (none, or only a date), its file's modification time with `--time-from mtime`. A page
/// that prints only a date needs one of the others. The printed time is kept beside the one
/// chosen; a disagreement of more than a day is a warning. A time in the future (beyond
/// ``PageTime/clockTolerance``) is refused, `--at`'s as a page's own.
enum PageTimeDecision {

    struct Outcome: Equatable {
        var time: PageTime
        var capturedAt: PageTime?
        var warnings: [String]
    }

    static func decide(printed finding: PageTimeReader.Finding, capture: PageTime?, options: TimeOptions) throws(PageError) -> Outcome {
        let now = options.now ?? .now
        var warnings: [String] = []
        // A file's modification time stands in only for a page that gives no time of its own.
        var capture = capture
        if capture?.source == .fileModified, let printed = finding.printed, !printed.isDateOnly { capture = nil }
        let chosen: PageTime
        if let at = options.at {
            chosen = PageTime(time: at, source: .atOption)
        } else if let capture, capture.source != .fileModified {
            chosen = capture
        } else if let printed = finding.printed, !printed.isDateOnly {
            chosen = PageTime(time: printed.time, source: printed.source)
        } else if let capture {
            chosen = capture
        } else if let printed = finding.printed {
            throw .dateOnly(printed.time.dateText)
        } else if let impossible = finding.impossible {
            throw .impossibleTime(impossible)
        } else {
            throw .noTime
        }
        if chosen.time.unixSeconds > now.unixSeconds + PageTime.clockTolerance {
            throw .futureTime(chosen.time, source: chosen.source.rawValue)
        }
        if let capture, let printed = finding.printed {
            let disagrees = printed.isDateOnly
                ? capture.time.dateText != printed.time.dateText
                : abs(capture.time.unixSeconds - printed.time.unixSeconds) > 86_400
            let stored = options.at == nil ? "stored at the capture time" : "stored at --at"
            if disagrees, printed.isDateOnly {
                warnings.append("the page prints the date \(printed.text) (\(printed.source.rawValue)) but was captured on another day, at \(capture.time) (\(capture.source.rawValue)); \(stored)")
            } else if disagrees {
                warnings.append("the page prints \(printed.text) (\(printed.source.rawValue)) but was captured at \(capture.time) (\(capture.source.rawValue)), more than a day apart; \(stored)")
            }
        } else if capture != nil || options.at != nil, finding.printed == nil, let impossible = finding.impossible {
            warnings.append("the page's time '\(impossible)' is not a possible date and time; ignored")
        }
        return Outcome(time: chosen, capturedAt: capture, warnings: warnings)
    }
}
