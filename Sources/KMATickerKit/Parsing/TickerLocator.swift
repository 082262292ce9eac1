/// Finds the ticker among a page's lines: the longest run of consecutive lines that parse as
/// ticker items. Blank lines do not break a run; any other line does, so bullets elsewhere
/// (share buttons, menus, article lists) never join the ticker.
struct TickerLocator {
    let itemParser: TickerItemParser

    /// Bullet marks that text captures put before list items (`  • 흐림속초27.8℃`).
    /// `-` is not one: it is the "no observation" condition word.
    private static let bulletMarks: Set<Unicode.Scalar> = ["•", "·", "∙", "●", "◦", "▪", "‣", "*", "▶", "►"]

    /// The items of the longest run, in printed order; empty when the page has no ticker.
    func items(in lines: [PageLine]) -> [TickerItem] {
        var best: [TickerItem] = []
        var run: [TickerItem] = []
        for line in lines {
            let text = Self.strippingBullet(Substring(line.text))
            if text.isEmpty { continue }
            if let item = itemParser.parse(text, line: line.number) {
                run.append(item)
            } else {
                if run.count > best.count { best = run }
                run.removeAll(keepingCapacity: true)
            }
        }
        return run.count > best.count ? run : best
    }

    /// The line without surrounding whitespace and a leading bullet mark.
    static func strippingBullet(_ line: Substring) -> Substring {
        var text = line.trimmingWhitespace()
        if let first = text.unicodeScalars.first, bulletMarks.contains(first) {
            text = text[text.unicodeScalars.index(after: text.startIndex)...].trimmingWhitespace()
        }
        return text
    }
}
