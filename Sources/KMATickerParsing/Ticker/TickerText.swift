import KMATickerText

/// One line of page text made ready for the ticker tokenizer: the variants a site (or a
/// browser's copy of it) prints for the same character are folded to one, and the invisible
/// ones are dropped, while every scalar remembers where it was printed.
///
/// - Full-width digits, dot, minus and plus (`３１．５`, `－`) → ASCII.
/// - Minus variants before a number: U+2212 `−`, U+2013 `–`, U+2012, U+FE63 → `-`.
/// - Zero-width spaces and joiners, U+FEFF, soft hyphens (`&shy;`) and direction marks →
///   dropped, so that `서\u{200B}울` is 서울.
/// - A unit's printed forms (``TickerVocabulary/printedForms``): `º` (U+00BA) → `°`; full-width
///   `Ｃ`, `Ｆ` → ASCII.
/// - No-break, thin and other Unicode spaces → one ASCII space.
/// - Entities a text capture left undecoded: `&#8451;` → `℃`, `&deg;` and `&#176;` → `°`.
struct TickerText {
    /// The folded text.
    let scalars: PageSlice<Unicode.Scalar>
    /// For each folded scalar, the index of the scalar it came from in the printed text;
    /// `nil` when nothing was folded (most lines), and each scalar is where it was printed.
    private let printedOffsets: PageSlice<Int>?
    /// The page line the text came from (its printed text, and line numbers for reports).
    let line: PageLine

    /// Line `index` of `page`.
    init(page: TokenizedPage, line index: Int) {
        let span = page.spans[index]
        scalars = PageSlice(page.scalars, span.scalars)
        printedOffsets = span.printedOffsets.map { PageSlice(page.printedOffsets, $0) }
        line = page.pageLines[index]
    }

    /// Appends `line`'s folded scalars to `scalars` and, when anything was folded, the printed
    /// index of each to `offsets`; returns where in `offsets` those are, or `nil` for a line
    /// printed as the tokenizer reads it.
    static func fold(_ line: PageLine, into scalars: inout [Unicode.Scalar], offsets: inout [Int]) -> Range<Int>? {
        let start = scalars.count, offsetStart = offsets.count
        var folds = false
        var index = 0
        var printed = line.text.unicodeScalars.makeIterator()
        var pending: [Unicode.Scalar] = []  // an `&…;` being read
        func startOffsets() {
            guard !folds else { return }
            folds = true
            offsets.append(contentsOf: 0..<(scalars.count - start))
        }
        func fold(_ scalar: Unicode.Scalar, at printedIndex: Int) {
            let folded = Self.folded(scalar)
            if folded != scalar { startOffsets() }
            if let folded {
                scalars.append(folded)
                if folds { offsets.append(printedIndex) }
            }
        }
        while let scalar = pending.isEmpty ? printed.next() : pending.removeFirst() {
            if scalar == "&" {
                // Read as far as the longest entity, then decide.
                var lookahead: [Unicode.Scalar] = ["&"]
                while lookahead.count < Self.longestEntity, let next = printed.next() {
                    lookahead.append(next)
                    if next == ";" { break }
                }
                if let (replacement, length) = Self.entity(in: lookahead, at: 0) {
                    startOffsets()
                    scalars.append(replacement)
                    offsets.append(index)
                    index += length
                    pending = Array(lookahead[length...])
                    continue
                }
                fold("&", at: index)
                index += 1
                pending = Array(lookahead.dropFirst())
                continue
            }
            fold(scalar, at: index)
            index += 1
        }
        return folds ? offsetStart..<offsets.count : nil
    }

    private func printedOffset(_ offset: Int) -> Int { printedOffsets.map { $0[offset] } ?? offset }

    /// The printed text of folded scalars `range`, whitespace folded to single spaces.
    func printedText(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        let printed = Array(line.text.unicodeScalars)
        let start = printedOffset(range.lowerBound)
        let end = range.upperBound < scalars.count ? printedOffset(range.upperBound) : printed.count
        var text = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in printed[start..<end] {
            if Self.isWhitespace(scalar) {
                pendingSpace = !text.isEmpty
                continue
            }
            if Self.folded(scalar) == nil { continue }
            if pendingSpace { text.append(" "); pendingSpace = false }
            text.append(scalar)
        }
        return String(text)
    }

    /// The file line of folded scalar `offset`.
    func fileLine(at offset: Int) -> Int {
        guard !line.lineChanges.isEmpty else { return line.number }
        guard offset < scalars.count else { return line.line(atScalar: Int.max) }
        return line.line(atScalar: printedOffset(offset))
    }

    /// `properties.isWhitespace`, answered without the Unicode tables for ASCII and Hangul.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) }
        if isHangulSyllable(scalar) { return false }
        return scalar.properties.isWhitespace
    }

    private static func isHangulSyllable(_ scalar: Unicode.Scalar) -> Bool { (0xAC00...0xD7A3).contains(scalar.value) }

    /// `scalar` as the tokenizer sees it; `nil` to drop it.
    static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        if value < 0x80 { return value == 0x09 || value == 0x0A || value == 0x0D || value == 0x0C ? " " : scalar }
        if isHangulSyllable(scalar) { return scalar }
        switch value {
        case 0xFF10...0xFF19: return Unicode.Scalar(value - 0xFF10 + 0x30)  // ０…９
        case 0xFF0E: return "."  // ．
        case 0xFF0D, 0x2212, 0x2013, 0x2012, 0xFE63: return "-"  // －, −, –, ‒, ﹣
        case 0xFF0B: return "+"  // ＋
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD: return nil  // zero-width, soft hyphen
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return nil  // direction marks
        case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return " "
        // A unit's printed forms (º for °, full-width Ｃ): the table the C scans read too.
        default: return TickerVocabulary.folded(scalar) ?? scalar
        }
    }

    /// Entities a text capture can hold undecoded (``TickerVocabulary/references``; HTML pages
    /// have them decoded by libxml2).
    private static let entities: [(spelling: [Unicode.Scalar], scalar: Unicode.Scalar)] =
        TickerVocabulary.references.map { (Array($0.spelling.unicodeScalars), $0.scalar) }

    private static let longestEntity = entities.map(\.spelling.count).max()!

    private static func entity(in printed: [Unicode.Scalar], at index: Int) -> (Unicode.Scalar, Int)? {
        for (spelling, scalar) in entities where index + spelling.count <= printed.count {
            var matches = true
            for offset in 0..<spelling.count {
                let printedScalar = printed[index + offset]
                // Hex digits and names in any case.
                let lower = printedScalar.value < 0x80 ? Unicode.Scalar(UInt8(printedScalar.value) | (printedScalar.properties.isUppercase ? 0x20 : 0)) : printedScalar
                if lower != spelling[offset] { matches = false; break }
            }
            if matches { return (scalar, spelling.count) }
        }
        return nil
    }
}
