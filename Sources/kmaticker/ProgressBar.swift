import Foundation
import Glibc
import KMATickerKit

/// A one-line progress bar on standard error, drawn only when standard error is a terminal
/// (never into a log file or a pipe) and there is more than one file.
final class ProgressBar {
    private let total: Int
    private let enabled: Bool
    private var done = 0
    private var visible = false
    private var lastDrawn = Date.distantPast

    init(total: Int) {
        self.total = total
        enabled = total > 1 && isatty(STDERR_FILENO) == 1
    }

    func advance() {
        done += 1
        // At most ten redraws a second: drawing must not cost what ingesting costs.
        if Date().timeIntervalSince(lastDrawn) > 0.1 || done == total { redraw() }
    }

    func redraw() {
        guard enabled else { return }
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileDescriptorWriting.toStandardError("\r\(bar) \(done)/\(total) files")
        visible = true
        lastDrawn = Date()
    }

    /// Erases the bar so that a message can take its line.
    func clear() {
        guard enabled, visible else { return }
        FileDescriptorWriting.toStandardError("\r\u{1B}[2K")
        visible = false
    }
}
