import KMATickerModel

/// The text of a one-line progress bar: `[####------]  45%  123/579  85 pages/s  0:05 left  a.html`,
/// fitted to a terminal's width. A pure function of the numbers, so that what a terminal shows
/// is tested without one.
public enum ProgressLine {
    /// The line for `done` of `total` files, `pages` pages read in `elapsed` seconds, at most
    /// `width - 1` cells wide: writing the last column makes many terminals wrap before the
    /// next `\r`, which would leave a copy of the bar behind on every redraw.
    ///
    /// What does not fit goes, in this order: the file's name (cut to its end first), the
    /// `done/total` count, the bar; the percentage, the rate and the time left stay while
    /// they fit at all.
    public static func render(done: Int, total: Int, pages: Int, elapsed: Double, width: Int, name: String = "") -> String {
        let usable = max(0, width - 1)
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let percent = String(Int(fraction * 100)) + "%"
        let rate = elapsed > 0 && pages > 0 ? formatRate(Double(pages) / elapsed) : "-"
        // The time left from the files' pace: the total is counted in files.
        let left = done > 0 && elapsed > 0 ? formatDuration(elapsed / Double(done) * Double(total - done)) : "-:--"
        let count = "\(done)/\(total)"
        let full = [padded(percent, 4), count, "\(rate) pages/s", "\(left) left"].joined(separator: "  ")
        let short = [padded(percent, 4), "\(rate) pages/s", "\(left) left"].joined(separator: "  ")
        let minimumBar = 8, maximumBar = 30
        var line: String
        if usable - DisplayWidth.of(full) - 1 >= minimumBar + 2 {
            line = bar(fraction, cells: min(maximumBar, usable - DisplayWidth.of(full) - 1 - 2)) + " " + full
        } else if usable - DisplayWidth.of(short) - 1 >= minimumBar + 2 {
            line = bar(fraction, cells: min(maximumBar, usable - DisplayWidth.of(short) - 1 - 2)) + " " + short
        } else {
            line = cut(short, to: usable)
        }
        let room = usable - DisplayWidth.of(line) - 2
        let fileName = PathComponents.last(of: name)
        if room >= 6, !fileName.isEmpty { line += "  " + keepingEnd(fileName, cells: room) }
        return line
    }

    /// `[####------]`: ASCII, as the block characters are "ambiguous width" in Unicode and
    /// take two cells in terminals set up for Korean text.
    static func bar(_ fraction: Double, cells: Int) -> String {
        let filled = Int((fraction * Double(cells)).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: cells - filled) + "]"
    }

    /// `8.5`, `85`, `1234`: one decimal below ten.
    static func formatRate(_ perSecond: Double) -> String {
        perSecond < 10 ? String(cFormat: "%.1f", perSecond) : String(Int(perSecond.rounded()))
    }

    /// `0:05`, `12:34`, `1:02:03`.
    static func formatDuration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(cFormat: "%d:%02d:%02d", hours, minutes, secs) : String(cFormat: "%d:%02d", minutes, secs)
    }

    private static func padded(_ text: String, _ cells: Int) -> String { DisplayWidth.pad(text, to: cells, leading: true) }

    /// The first characters of `text` that fit in `cells`.
    private static func cut(_ text: String, to cells: Int) -> String {
        var result = "", used = 0
        for character in text {
            let width = DisplayWidth.of(String(character))
            if used + width > cells { break }
            result.append(character)
            used += width
        }
        return result
    }

    /// `text`, or `...` and its last characters when it is wider than `cells`: a file's name
    /// differs from its neighbours' at the end (`page-0041.html`).
    private static func keepingEnd(_ text: String, cells: Int) -> String {
        guard DisplayWidth.of(text) > cells else { return text }
        var tail = "", used = 3
        for character in text.reversed() {
            let width = DisplayWidth.of(String(character))
            if used + width > cells { break }
            tail.insert(character, at: tail.startIndex)
            used += width
        }
        return "..." + tail
    }
}
