/// Finds the ticker among a page's lines: the longest run of consecutive lines that parse as
/// ticker items. Blank lines do not break a run; any other line does, so bullets elsewhere
/// (share buttons, menus, article lists) never join the ticker.
struct TickerLocator {
    let itemParser: TickerItemParser

    /// Bullet marks that text captures put before list items (`  • 흐림속초27.8℃`).
    /// `-` is not one: it is the "no observation" condition word.
    private static let bulletMarks: Set<Unicode.Scalar> = ["•", "·", "∙", "●", "◦", "▪", "‣", "*", "▶", "►"]

    /// What the locator found.
    struct Found {
        /// The items of the longest run, in printed order; empty when the page has no ticker.
        var items: [TickerItem]
        /// The line right after the run when it starts like an item but is not one: the ticker
        /// was cut off mid-item (`구름많음32.`) or an item is malformed.
        var brokenItemAfter: PageLine?
        /// The first line shaped almost like an item, for a page with no whole one.
        var firstNearItem: PageLine?
    }

    func find(in lines: [PageLine]) -> Found {
        var best: [TickerItem] = []
        var bestNext: PageLine?
        var run: [TickerItem] = []
        var firstNearItem: PageLine?
        for line in lines {
            let text = Self.strippingBullet(Substring(line.text))
            if text.isEmpty { continue }
            if let item = itemParser.parse(text, line: line.number) {
                run.append(item)
                continue
            }
            let nearItem = Self.looksLikeBrokenItem(text)
            if nearItem, firstNearItem == nil { firstNearItem = PageLine(text: String(text), number: line.number) }
            if run.count > best.count {
                best = run
                bestNext = nearItem ? PageLine(text: String(text), number: line.number) : nil
            }
            run.removeAll(keepingCapacity: true)
        }
        if run.count > best.count { (best, bestNext) = (run, nil) }
        return Found(items: best, brokenItemAfter: bestNext, firstNearItem: firstNearItem)
    }

    /// A short line starting with a condition word that is not a whole item.
    static func looksLikeBrokenItem(_ text: Substring) -> Bool {
        text.utf8.count <= 48 && ConditionVocabulary.longestKnownPrefix(of: text) != nil
            && text.unicodeScalars.contains { ("0"..."9").contains($0) }
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
