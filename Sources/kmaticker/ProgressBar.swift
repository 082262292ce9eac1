import FoundationEssentials
import Glibc
import KMATickerKit
import KMATickerReport

/// A one-line progress bar on standard error, drawn only when standard error is a terminal
/// (never into a log file or a pipe) and there is more than one file. It moves as files are
/// read (``IngestProgress``), and is drawn to the terminal's width (``ProgressLine``), read
/// again at each redraw so that a resized window is followed.
final class ProgressBar {
    private let enabled: Bool
    private let started = Date()
    private var state: IngestProgress?
    private var visible = false
    private var lastDrawn = Date.distantPast

    init(total: Int) {
        enabled = total > 1 && isatty(STDERR_FILENO) == 1
    }

    func update(_ progress: IngestProgress) {
        state = progress
        // At most ten redraws a second: drawing must not cost what ingesting costs.
        if Date().timeIntervalSince(lastDrawn) > 0.1 || progress.filesDone == progress.filesTotal { redraw() }
    }

    func redraw() {
        guard enabled, let state else { return }
        let line = ProgressLine.render(done: state.filesDone, total: state.filesTotal, pages: state.pagesRead,
                                       elapsed: Date().timeIntervalSince(started),
                                       width: TerminalWidth.of(STDERR_FILENO) ?? 80, name: state.path)
        // `ESC [K` erases what a longer line before left to the right.
        FileDescriptorWriting.toStandardError("\r" + line + "\u{1B}[K")
        visible = true
        lastDrawn = Date()
    }

    /// Erases the bar so that a message can take its line, or the run's end leaves none.
    func clear() {
        guard enabled, visible else { return }
        FileDescriptorWriting.toStandardError("\r\u{1B}[2K")
        visible = false
    }
}
