import KMATickerModel

/// Splits a line of page text into ``TickerPiece``s: condition words, station names and
/// temperatures wherever they stand (`흐림속초27.8℃`, `서울 맑음 29.3℃`, `-동두천 8.8℃`,
/// `영하 3.2도`, `맑음고창 ℃`), the text around them, and known non-items (`광고`).
///
/// Words match longest first (`구름조금` before `구름…`, `북창원` before `창원`, `고창군` before
/// `고창`). A number is read only where it starts a word: `3O.3℃` and `2025-08-18` are unknown
/// text, never a temperature.
///
/// Immutable after `init`; shareable across threads.
final class TickerTokenizer: Sendable {
    /// A word the tokenizer knows: its scalars in ``wordScalars`` (conditions without their
    /// inner spaces) and its token in ``wordTokens``. Plain values, so that the lookup, which
    /// runs at every syllable of a page, copies nothing that is reference counted.
    private struct Word: Sendable {
        let scalarStart: Int32
        let scalarCount: Int16
        let tokenIndex: Int16
        /// Conditions may print spaces inside (`비 또는 눈`, `비또는눈`); names may not.
        let allowsInnerSpaces: Bool
    }

    private let wordScalars: [Unicode.Scalar]
    private let wordTokens: [TickerToken]
    /// Words ordered by first syllable, longest first; those starting with syllable `s` are
    /// `words[wordStarts[s - U+AC00] ..< wordStarts[s - U+AC00 + 1]]`.
    private let words: [Word]
    private let wordStarts: [Int32]
    /// ``TickerVocabulary/standaloneSigns`` and the values they span, kept here: they are
    /// looked at for most scalars of a page.
    private let standaloneSigns: [Unicode.Scalar]
    private let standaloneSignValues: ClosedRange<UInt32>

    /// Text that stands inside tickers and is no item: the credit, ads, slider buttons,
    /// headings. Compared without spaces.
    static let nonItemWords: Set<String> = [
        "기상청", "제공", "기상청제공", "광고", "AD", "Ad", "ad", "PR", "날씨", "오늘의", "오늘의날씨",
        "오늘날씨", "현재날씨", "전국날씨", "지역날씨", "날씨정보", "더보기", "이전", "다음", "닫기", "열기",
        "전체", "전국", "현재", "prev", "next", "Prev", "Next", "PREV", "NEXT", "stop", "play",
    ]

    private static let longestNonItemWord = nonItemWords.map(\.unicodeScalars.count).max() ?? 0

    /// ``nonItemWords`` as scalars: a word of prose is looked up without making a `String` of
    /// it (which was a quarter of reading a long Korean page), nor hashing it (a twentieth). The
    /// text is NFC, as the words are, so comparing scalars is comparing strings.
    private static let nonItemWordScalars: [[Unicode.Scalar]] = nonItemWords.map { Array($0.unicodeScalars) }

    /// The first scalar and the length of each of ``nonItemWordScalars``: most words of prose
    /// match none, and are told so without comparing their scalars.
    private static let nonItemWordKeys: [(first: Unicode.Scalar, count: Int)] = nonItemWordScalars.map { ($0[0], $0.count) }

    static func isNonItemWord<Scalars: Collection<Unicode.Scalar>>(_ scalars: Scalars) -> Bool {
        let count = scalars.count
        guard count <= longestNonItemWord, let first = scalars.first else { return false }
        for (index, key) in nonItemWordKeys.enumerated() where key.first == first && key.count == count {
            if nonItemWordScalars[index].elementsEqual(scalars) { return true }
        }
        return false
    }

    /// The words the tokenizer knows, ordered by first syllable, longest first: condition words
    /// (their inner spaces left out; `spaces`: they may print them) and the registry's printed
    /// names. ``TickerEvidenceScan`` looks for the same words in a page's bytes.
    static func words(registry: StationRegistry) -> [(scalars: [Unicode.Scalar], token: TickerToken, spaces: Bool)] {
        var entries: [(scalars: [Unicode.Scalar], token: TickerToken, spaces: Bool)] = []
        for condition in ConditionVocabulary.knownWords where condition != ConditionVocabulary.noObservation {
            entries.append((Array(condition.unicodeScalars.filter { $0 != " " }), .condition(condition), true))
        }
        for (name, station) in registry.printedNames + registry.namesWithoutSiGun {
            entries.append((Array(name.unicodeScalars), .station(id: station.id, printed: name), false))
        }
        return entries.filter { $0.scalars.first.map(Self.isSyllable) ?? false }
            .sorted { ($0.scalars[0].value, $1.scalars.count) < ($1.scalars[0].value, $0.scalars.count) }
    }

    init(registry: StationRegistry) {
        let entries = Self.words(registry: registry)
        var scalars: [Unicode.Scalar] = [], tokens: [TickerToken] = [], words: [Word] = []
        var starts = [Int32](repeating: 0, count: 0xD7A4 - 0xAC00 + 1)
        for entry in entries {
            words.append(Word(scalarStart: Int32(scalars.count), scalarCount: Int16(entry.scalars.count),
                              tokenIndex: Int16(tokens.count), allowsInnerSpaces: entry.spaces))
            scalars += entry.scalars
            tokens.append(entry.token)
            starts[Int(entry.scalars[0].value - 0xAC00) + 1] += 1
        }
        for index in 1..<starts.count { starts[index] += starts[index - 1] }
        wordScalars = scalars
        wordTokens = tokens
        self.words = words
        wordStarts = starts
        standaloneSigns = TickerVocabulary.standaloneSigns
        standaloneSignValues = TickerVocabulary.standaloneSignValues
    }

    /// Appends the pieces of one line's folded scalars `s` to `pieces`, in order. A page's
    /// lines are tokenized into one array (``TokenizedPage``): nothing is allocated per line.
    func appendPieces(of s: UnsafeBufferPointer<Unicode.Scalar>, to pieces: inout [TickerPiece]) {
        let firstPiece = pieces.count
        var unknownStart: Int?
        var spaceBefore = true

        func flushUnknown(upTo end: Int) {
            guard let start = unknownStart else { return }
            unknownStart = nil
            let scalars = s[start..<end]
            let kind: TickerPiece.Kind
            // Non-items are short words: most unknown text (prose) is never made a string.
            if Self.isNonItemWord(scalars) {
                kind = .nonItem
            } else {
                let isWord = scalars.count <= 10 && scalars.allSatisfy { Self.isSyllable($0) || $0 == "(" || $0 == ")" }
                let hasDigits = !isWord && scalars.contains { Self.isDigit($0) || isStandaloneSign($0) }
                kind = .unknown(isWord: isWord, hasDigits: hasDigits)
            }
            pieces.append(TickerPiece(kind: kind, range: start..<end, spaceBefore: spaceBefore, spaceAfter: false))
            spaceBefore = false
        }
        var lastTokenEnd = -1
        func append(_ token: TickerToken, _ range: Range<Int>) {
            flushUnknown(upTo: range.lowerBound)
            lastTokenEnd = range.upperBound
            pieces.append(TickerPiece(kind: .token(token), range: range, spaceBefore: spaceBefore, spaceAfter: false))
            spaceBefore = false
        }

        var index = 0
        while index < s.count {
            let scalar = s[index]
            // `27,8℃`: a comma between digits is no separator but part of one word of text.
            let isDecimalComma = scalar == "," && index > 0 && index + 1 < s.count && Self.isDigit(s[index - 1])
                && Self.isDigit(s[index + 1])
            if Self.isSeparator(scalar), !isDecimalComma {
                flushUnknown(upTo: index)
                if pieces.count > firstPiece { pieces[pieces.count - 1].spaceAfter = true }
                spaceBefore = true
                index += 1
                continue
            }
            // `2025-08-18`, `3O.3℃`: one word of text, whose parts are no numbers of their own.
            // Right after a token (`˚C` of `-21.0˚C34.4˚C`) a new word starts whatever came before.
            let afterToken = unknownStart == nil && lastTokenEnd == index
            let startsWord = index == 0 || afterToken || !(Self.isASCIIWordScalar(s[index - 1])
                || ((s[index - 1] == "-" || s[index - 1] == ",") && index >= 2 && Self.isASCIIWordScalar(s[index - 2])))
            if startsWord, canStartTemperature(scalar), let (end, token) = temperature(in: s, at: index) {
                append(token, index..<end)
                index = end
                continue
            }
            if scalar == "-", unknownStart == nil || !Self.isASCIIWordScalar(s[index - 1]) {
                var end = index
                while end < s.count, s[end] == "-" { end += 1 }
                // `-동두천` and a `-` of its own (a table cell): the placeholder; `- 흐림속초…`,
                // `- 속초 …`: a bullet.
                if end - index == 1, end == s.count || (s[end] != " " && !startsCondition(s, at: end)) {
                    append(.noCondition, index..<end)
                } else {
                    // A bullet or a separator (`- 흐림속초27.8℃`, `---`).
                    flushUnknown(upTo: index)
                    if pieces.count > firstPiece { pieces[pieces.count - 1].spaceAfter = true }
                    spaceBefore = true
                }
                index = end
                continue
            }
            if Self.isSyllable(scalar), let (length, token) = word(in: s, at: index),
               !isInsideAWord(token, in: s, from: index, length: length, afterUnknown: unknownStart != nil) {
                append(token, index..<(index + length))
                index += length
                continue
            }
            if unknownStart == nil { unknownStart = index }
            index += 1
        }
        flushUnknown(upTo: s.count)
        if pieces.count > firstPiece { pieces[pieces.count - 1].spaceAfter = true }
    }

    // MARK: Words

    /// The longest known word at `index`: its length in folded scalars (inner spaces included).
    private func word(in s: UnsafeBufferPointer<Unicode.Scalar>, at index: Int) -> (Int, TickerToken)? {
        let syllable = Int(s[index].value - 0xAC00)
        var candidate = Int(wordStarts[syllable])
        let end = Int(wordStarts[syllable + 1])
        while candidate < end {
            let word = words[candidate]
            candidate += 1
            var textIndex = index, wordIndex = 0
            let count = Int(word.scalarCount), start = Int(word.scalarStart)
            while wordIndex < count, textIndex < s.count {
                if word.allowsInnerSpaces, wordIndex > 0, s[textIndex] == " " { textIndex += 1; continue }
                guard s[textIndex] == wordScalars[start + wordIndex] else { break }
                textIndex += 1
                wordIndex += 1
            }
            if wordIndex == count { return (textIndex - index, wordTokens[Int(word.tokenIndex)]) }
        }
        return nil
    }

    /// A station name with unknown syllables glued to both sides is part of a longer word
    /// (`한파주의보` holds 파주), not a name; a ticker glues names to known words and numbers.
    /// A one-syllable condition with an unknown syllable glued after it is the start of a word
    /// (`비슷하겠다`, `비가`, `눈이`), not rain or snow: a ticker glues `비` and `눈` to a station
    /// name (`비북강릉29.0℃`), a number or nothing.
    private func isInsideAWord(_ token: TickerToken, in s: UnsafeBufferPointer<Unicode.Scalar>, from index: Int, length: Int,
                               afterUnknown: Bool) -> Bool {
        let end = index + length
        let unknownAfter = end < s.count && Self.isSyllable(s[end]) && word(in: s, at: end) == nil
            && !(s[end] == "영" && end + 1 < s.count && (s[end + 1] == "하" || s[end + 1] == "상"))
        switch token {
        case .station:
            return afterUnknown && index > 0 && Self.isSyllable(s[index - 1]) && unknownAfter
        case .condition where length == 1:
            return unknownAfter
        default:
            return false
        }
    }

    private func startsCondition(_ s: UnsafeBufferPointer<Unicode.Scalar>, at index: Int) -> Bool {
        guard index < s.count, Self.isSyllable(s[index]), let (_, token) = word(in: s, at: index) else { return false }
        if case .condition = token { return true }
        return false
    }

    // MARK: Temperatures

    /// A temperature (or a bare number) starting at `index`, and where it ends:
    /// `[영하|영상] [-|--|+] [digits[.digits]] [space] unit`, or digits alone.
    private func temperature(in s: UnsafeBufferPointer<Unicode.Scalar>, at index: Int) -> (Int, TickerToken)? {
        var cursor = index
        var negative = false, hasWordSign = false
        if s[cursor] == "영", cursor + 1 < s.count, s[cursor + 1] == "하" || s[cursor + 1] == "상" {
            negative = s[cursor + 1] == "하"
            hasWordSign = true
            cursor += 2
            if cursor < s.count, s[cursor] == " " { cursor += 1 }
        }
        var dashes = 0
        while cursor < s.count, s[cursor] == "-", dashes < 2 { dashes += 1; cursor += 1 }
        if dashes == 0, cursor < s.count, s[cursor] == "+" { cursor += 1 }
        let digitsStart = cursor
        while cursor < s.count, Self.isDigit(s[cursor]) { cursor += 1 }
        let integerDigits = cursor - digitsStart
        if integerDigits > 0, cursor < s.count, s[cursor] == "." {
            cursor += 1
            while cursor < s.count, Self.isDigit(s[cursor]) { cursor += 1 }
        }
        let numberEnd = cursor
        let hasNumber = integerDigits > 0
        // A year, a phone number, a count: not a temperature (the caller keeps it as text).
        guard integerDigits <= 3, !(hasWordSign && !hasNumber) else { return nil }

        var unitStart = numberEnd
        if hasNumber, unitStart < s.count, s[unitStart] == " " { unitStart += 1 }
        // A unit runs into no letters (`27.8°Cx` is no temperature); a number after it is the
        // next item of a ticker printed without spaces (`-21.0˚C34.4˚C`).
        if let (unitEnd, isCelsius) = unit(in: s, at: unitStart, afterNumber: hasNumber),
           unitEnd == s.count || !Self.isASCIILetter(s[unitEnd]) {
            if !isCelsius {
                return (unitEnd, .foreignUnit(String(String.UnicodeScalarView(s[index..<unitEnd]))))
            }
            guard hasNumber else { return (unitEnd, .celsius(nil)) }  // `℃`, `-℃`, `--℃`
            guard dashes <= 1, var value = Self.number(s[digitsStart..<numberEnd]) else { return nil }
            if negative || dashes == 1 { value = -value }
            return (unitEnd, .celsius(value))
        }
        // No unit: a bare number, when it ends a word (`27.8` of a cut-off item, `1.` of a list).
        guard hasNumber, !hasWordSign, dashes <= 1,
              numberEnd == s.count || !Self.isASCIIWordScalar(s[numberEnd]) else { return nil }
        return (numberEnd, .bareNumber(String(String.UnicodeScalarView(s[index..<numberEnd]))))
    }

    /// The value of `digits[.digits]` (a trailing dot allowed), as `Double(String)` reads it.
    /// A ticker's number has a digit or two after the dot: it is read from the scalars, without
    /// a String per candidate (building those was a twelfth of reading a small capture). The
    /// digits make an integer and a power of ten that a Double holds exactly, so the one
    /// division is rounded once, to the Double nearest the decimal, as strtod's. A longer
    /// number goes through `Double(String)`.
    static func number<Scalars: Collection<Unicode.Scalar>>(_ scalars: Scalars) -> Double? {
        var mantissa: UInt64 = 0
        var digits = 0, fractionDigits = 0, afterDot = false
        for scalar in scalars {
            if scalar == "." { afterDot = true; continue }
            mantissa = mantissa &* 10 &+ UInt64(scalar.value - 0x30)
            digits += 1
            if afterDot { fractionDigits += 1 }
        }
        guard digits > 0 else { return nil }
        if digits <= 15 { return Double(mantissa) / powersOfTen[fractionDigits] }
        var text = String(String.UnicodeScalarView(scalars))
        if text.hasSuffix(".") { text.removeLast() }
        return Double(text)
    }

    /// 10⁰ … 10¹⁵, each exact in a Double.
    private static let powersOfTen: [Double] = (0...15).map { (0..<$0).reduce(1.0) { value, _ in value * 10 } }

    /// The unit at `index` (``TickerVocabulary/units``): its end and whether it is Celsius. A
    /// syllable (`도`) only after a number; a degree sign alone is Celsius, with its letter (after
    /// a space, too) what the letter says.
    private func unit(in s: UnsafeBufferPointer<Unicode.Scalar>, at index: Int, afterNumber: Bool) -> (Int, Bool)? {
        guard index < s.count, let unit = TickerVocabulary.unit(s[index]), afterNumber || !unit.isSyllable else { return nil }
        switch unit.meaning {
        case .celsius: return (index + 1, true)
        case .fahrenheit: return (index + 1, false)
        case .degree:
            var next = index + 1
            if next < s.count, s[next] == " ", next + 1 < s.count, TickerVocabulary.degreeLetter(s[next + 1]) != nil { next += 1 }
            if next < s.count, let meaning = TickerVocabulary.degreeLetter(s[next]) { return (next + 1, meaning == .celsius) }
            return (index + 1, true)
        }
    }

    // MARK: Scalar classes

    static func isSyllable(_ scalar: Unicode.Scalar) -> Bool { (0xAC00...0xD7A3).contains(scalar.value) }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { (0x30...0x39).contains(scalar.value) }

    /// Letters, digits and the dot: scalars that make one word with a number next to them.
    static func isASCIIWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) || value == 0x2E
    }

    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }

    private func canStartTemperature(_ scalar: Unicode.Scalar) -> Bool {
        Self.isDigit(scalar) || scalar == "-" || scalar == "+" || scalar == "영" || isStandaloneSign(scalar)
    }

    /// A unit's sign that is a unit on its own (``TickerVocabulary/standaloneSigns``).
    private func isStandaloneSign(_ scalar: Unicode.Scalar) -> Bool {
        standaloneSignValues.contains(scalar.value) && standaloneSigns.contains(scalar)
    }

    /// Whitespace, bullets and the separators sites print between items.
    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "|", "/", ",", ":", ";", "·", "ㆍ", "•", "∙", "●", "◦", "▪", "‣", "*", "▶", "►", "◀",
             "◁", "▷", "<", ">", "‹", "›", "«", "»", "[", "]", "\"", "'", "…", "｜", "\u{FFFC}",
             "■", "□", "○", "◎", "◆", "◇", "※", "▲", "△", "▼", "▽", "☞", "→", "★", "☆", ")":
            return true
        default:
            return false
        }
    }
}
