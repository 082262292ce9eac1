/// Splits one line of page text into a ticker item: condition + station name + temperature,
/// run together (`비북강릉29.0℃`), any part possibly missing (`흐림26.8℃`, `구름조금북창원`).
///
/// Longest match on both words: `구름조금` before `구름…`, `북창원` before `창원`, `고창군`
/// before `고창`. A line that is not shaped like an item (a share button, a menu entry, a
/// sentence) gives `nil`.
final class TickerItemParser {
    private let registry: StationRegistry
    /// A temperature and its unit at the end of the item: `27.8℃`, `-2.3 °C`, `−4.5˚C`,
    /// `30.0&#8451;` (the entity left undecoded in a text capture).
    private let temperaturePattern: PCRE2Regex
    private let temperatureValueGroup: Int

    /// Items are short; longer lines are prose and are not even matched.
    private static let maximumItemByteCount = 96
    /// Unknown words are kept only when they look like a word of a ticker (Hangul, short).
    private static let maximumUnknownWordLength = 10

    init(registry: StationRegistry) {
        self.registry = registry
        do {
            temperaturePattern = try PCRE2Regex(
                #"(?<value>[-−]?\s*\d{1,3}(?:\.\d+)?)\s*(?:℃|°\s*C|˚\s*C|&#8451;)\s*$"#)
        } catch {
            fatalError("\(error)")
        }
        temperatureValueGroup = temperaturePattern.groupNumber("value")
    }

    /// The item on `text` (already NFC, bullet and whitespace trimmed), or `nil` if the line
    /// is not a ticker item.
    func parse(_ text: Substring, line: Int) -> TickerItem? {
        guard !text.isEmpty, text.utf8.count <= Self.maximumItemByteCount else { return nil }
        var head = text
        var temperature: Double?
        if let match = temperaturePattern.firstMatch(in: text),
           let value = match.group(temperatureValueGroup, in: text),
           let whole = match.groupByteRanges[0] {
            temperature = Self.celsius(value)
            head = text.prefix(utf8ByteCount: whole.lowerBound).trimmingWhitespace()
        }

        let known = ConditionVocabulary.longestKnownPrefix(of: head)
        if let known {
            let name = known.rest.trimmingWhitespace()
            if name.isEmpty {
                return item(condition: known.word, known: true, label: nil, temperature, line)
            }
            if registry.station(named: String(name)) != nil {
                return item(condition: known.word, known: true, label: name, temperature, line)
            }
        }
        // The front is not a known word followed by a known name: look for a known name at the
        // end instead, so that an unknown condition (`폭염서울`) keeps its station.
        if let suffix = registry.longestNameSuffix(of: head) {
            let condition = suffix.prefix.trimmingWhitespace()
            if condition.isEmpty {
                // A bare name (`대전`) is a menu entry unless it carries a temperature.
                guard temperature != nil else { return nil }
                return item(condition: nil, known: false, label: head[suffix.prefix.endIndex...], temperature, line)
            }
            guard Self.looksLikeTickerWord(condition) else { return nil }
            return item(condition: String(condition), known: false, label: head[suffix.prefix.endIndex...], temperature, line)
        }
        // Without a temperature, only a known word followed by a known name (or nothing) is an
        // item; anything else could be prose.
        guard temperature != nil else { return nil }
        if let known {
            let name = known.rest.trimmingWhitespace()
            guard Self.looksLikeTickerWord(name) else { return nil }
            return item(condition: known.word, known: true, label: name, temperature, line)
        }
        if head.isEmpty { return item(condition: nil, known: false, label: nil, temperature, line) }
        guard Self.looksLikeTickerWord(head) else { return nil }
        return item(condition: String(head), known: false, label: nil, temperature, line)
    }

    private func item(condition: String?, known: Bool, label: Substring?, _ temperature: Double?,
                      _ line: Int) -> TickerItem {
        var warnings: [String] = []
        var condition = condition
        if condition == ConditionVocabulary.noObservation { condition = nil }
        if let condition, !known {
            warnings.append("unknown condition word '\(condition)', kept as printed")
        }
        let label = label.map(String.init)
        let station = label.flatMap { registry.station(named: $0) }
        if let label, station == nil {
            warnings.append("unknown station name '\(label)', kept as printed")
        }
        return TickerItem(condition: condition, conditionIsKnown: known, label: label,
                          station: station, temperatureC: temperature, line: line,
                          warnings: warnings)
    }

    /// `-2.3`, `− 4.5` → °C. U+2212 MINUS SIGN is a minus.
    private static func celsius(_ printed: Substring) -> Double? {
        var ascii = ""
        for scalar in printed.unicodeScalars where !scalar.properties.isWhitespace {
            ascii.unicodeScalars.append(scalar == "\u{2212}" ? "-" : scalar)
        }
        return Double(ascii)
    }

    /// A word that can stand in a ticker item: Hangul syllables (and the parentheses of
    /// `홍성(예)`), no spaces, short. Sentences and numbers are not.
    private static func looksLikeTickerWord(_ text: Substring) -> Bool {
        guard !text.isEmpty, text.count <= maximumUnknownWordLength else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            (0xAC00...0xD7A3).contains(scalar.value) || scalar == "(" || scalar == ")"
        }
    }
}

extension Substring {
    /// The substring without leading and trailing whitespace (including U+00A0). Works on
    /// scalars with an ASCII fast path: it runs on every line of every page.
    func trimmingWhitespace() -> Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isFastWhitespace }) else { return self[endIndex...] }
        let last = scalars.lastIndex(where: { !$0.isFastWhitespace })!
        return self[first...last]
    }

    /// The first `byteCount` UTF-8 bytes, which must end on a character boundary.
    func prefix(utf8ByteCount byteCount: Int) -> Substring {
        let end = self.utf8.index(startIndex, offsetBy: byteCount)
        return self[..<end]
    }
}

extension Unicode.Scalar {
    /// `properties.isWhitespace`, answered without the Unicode tables for ASCII and Hangul.
    var isFastWhitespace: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        if (0xAC00...0xD7A3).contains(value) { return false }
        return properties.isWhitespace
    }
}
