import CByteSearch
import KMATickerModel

/// Tells, from a page's UTF-8 bytes in one pass (``kmaticker_scan_ticker_evidence``), that it
/// cannot hold a KMA ticker, without building its lines or a tree: most pages of a Korean
/// crawl are told so at the speed of a byte scan instead of being read whole.
///
/// It is a necessary condition, derived from the recognizer's rule (``TickerRecognizer``) and the
/// tokenizer's words. A page the full reader would read (a ticker, even a malformed one) passes:
///
/// 1. **A station's name.** A ticker names its stations: more than half of its items print a
///    registry name (rule 3), so the page holds one of the tokenizer's names.
/// 2. **An item that is evidence on its own.** A ticker starts and ends with one
///    (``TickerLocator``), and such an item holds a temperature with a unit (`℃ ° ˚ ℉ º`, their
///    references, `도` after a number), or a number, `-` or a word sign next to a name or a
///    condition word, or a condition word next to a name (``ItemDraft/isEvidence``). "Next to" is
///    read through what the tokenizer passes between an item's parts and what the text reader
///    removes: spaces, separators, tags, comments, marks, and one unknown word (`맑음신도시28.0`);
///    a tag that may hold text (`<img alt>`, anything non-ASCII in it) counts as next to.
/// 3. **The credit, or two condition words and four names.** A block without KMA's credit needs
///    ten items (rule 4) and 6.5 of 10 points (rule 5); without the credit's point, its standing
///    (≤ 3), order (≤ 2) and Celsius signs (≤ 1) leave at least 0.5 to come from condition
///    words, 3 × the share of items printing one: one item in six, two of ten. Its ten items
///    fall into passes (a scroller's repeat starts one), each printing a name, the longest
///    naming more than half of its own (rule 3): with the longest of p items, at least
///    ⌈10/p⌉ − 1 + ⌊p/2⌋ + 1 names, four at the least (two passes of five). So the page holds
///    `기상청 제공`, or two condition words as the tokenizer reads them (a one-syllable `비` or
///    `눈` glued to a syllable that starts no word is the start of a word: `비가`, `눈이`; a `-`
///    placeholder before a name counts as one) and four names. The credit is taken loosely:
///    `기상청` with `제공` anywhere after it (what the text makes the one space between them is
///    many things: references, other spaces, tags, an `alt`).
///
/// Everywhere the scan cannot be sure, it keeps the page: words are looked for at every syllable
/// (overlaps only count more), anywhere in the bytes (in scripts and attributes too), and
/// across tags and the scalars the tokenizer drops (`서<b>울</b>`, `서\u{200B}울`); a condition
/// word's inner space may be any space, reference or tag (`구름&nbsp;많음`); any reference before
/// a name may be a `-` (`&minus;동두천`), and a `-` after a name counts too (`속초 -`); a word
/// whose part stands in an `alt` or whose middle holds an element the reader leaves out (a
/// script, a style sheet, an object) is taken as there; a `>` in a quoted attribute does not end
/// a tag; the control bytes libxml2 drops are dropped; looking past a part or back from one stops
/// at 4 KB, saying "may"; a page with
/// conjoining jamo (which NFC composes), a reference to Hangul or to a dropped scalar, or a
/// document inside an attribute (`srcdoc`) is read. `TickerEvidenceScanTests` holds one test per
/// part, and checks on every fixture, real page and generated rendering that no page the full
/// reader reads is rejected.
///
/// Immutable after `init`; shareable across threads.
final class TickerEvidenceScan: Sendable {
    /// What a scan found, as counts (for tests and measurements).
    struct Finding: Equatable {
        var names: Int
        var conditions: Int
        var evidence: Bool
        var credit: Bool
        var unsure: Bool
        /// Whether the page may hold a ticker, and must be read to know (the rule as the C
        /// states it, ``kmaticker_evidence_suffices``).
        var mayHoldTicker: Bool
    }

    private let starts: [Int32]
    private let offsets: [Int32]
    private let bytes: [UInt8]
    private let kinds: [UInt8]
    private let firsts: [UInt8]
    private let shortFirsts: [UInt8]
    private let spacedFirsts: [UInt8]
    private let pairs: [UInt8]
    private let longest: Int32

    /// `기상청` and `제공`: the credit's words, looked for as the words are.
    static let creditWords = ("기상청", "제공")

    init(registry: StationRegistry) {
        var words = TickerTokenizer.words(registry: registry).map { entry -> (scalars: [Unicode.Scalar], kind: Int32) in
            if case .station = entry.token { return (entry.scalars, Int32(KMATICKER_WORD_NAME)) }
            return (entry.scalars, Int32(KMATICKER_WORD_CONDITION))
        }
        words.append((Array(Self.creditWords.0.unicodeScalars), Int32(KMATICKER_WORD_CREDIT)))
        words.append((Array(Self.creditWords.1.unicodeScalars), Int32(KMATICKER_WORD_CREDIT_TAIL)))
        words.sort { ($0.scalars[0].value, $1.scalars.count) < ($1.scalars[0].value, $0.scalars.count) }
        var starts = [Int32](repeating: 0, count: 0xD7A4 - 0xAC00 + 1)
        var offsets: [Int32] = [], bytes: [UInt8] = [], kinds: [UInt8] = []
        var firsts = [UInt8](repeating: 0, count: (0xD7A4 - 0xAC00 + 7) / 8), shortFirsts = firsts, spacedFirsts = firsts
        var pairs = [UInt8](repeating: 0, count: 1 << 13)
        for word in words {
            let syllable = Int(word.scalars[0].value - 0xAC00)
            firsts[syllable >> 3] |= 1 << (syllable & 7)
            if word.kind == Int32(KMATICKER_WORD_CONDITION) { spacedFirsts[syllable >> 3] |= 1 << (syllable & 7) }
            if word.scalars.count >= 2, (0xAC00...0xD7A3).contains(word.scalars[1].value) {
                let bit = Int(kmaticker_pair_bit(Int32(syllable), Int32(word.scalars[1].value - 0xAC00)))
                pairs[bit >> 3] |= 1 << (bit & 7)
            } else {
                shortFirsts[syllable >> 3] |= 1 << (syllable & 7)
            }
            offsets.append(Int32(bytes.count))
            bytes += Array(String(String.UnicodeScalarView(word.scalars)).utf8)
            kinds.append(UInt8(word.kind))
            starts[Int(word.scalars[0].value - 0xAC00) + 1] += 1
        }
        offsets.append(Int32(bytes.count))
        for index in 1..<starts.count { starts[index] += starts[index - 1] }
        self.starts = starts
        self.offsets = offsets
        self.bytes = bytes
        self.kinds = kinds
        self.firsts = firsts
        self.shortFirsts = shortFirsts
        self.spacedFirsts = spacedFirsts
        self.pairs = pairs
        longest = Int32(words.map(\.scalars.count).max() ?? 0)
    }

    /// Scans `utf8` (HTML when `markup`, where `<…>` are tags; a text capture otherwise). Stops as
    /// soon as the page must be read, so counts are then partial.
    func scan(_ utf8: [UInt8], markup: Bool) -> Finding {
        var found = kmaticker_ticker_evidence()
        starts.withUnsafeBufferPointer { starts in
            offsets.withUnsafeBufferPointer { offsets in
                bytes.withUnsafeBufferPointer { bytes in
                    kinds.withUnsafeBufferPointer { kinds in
                        firsts.withUnsafeBufferPointer { firsts in
                            shortFirsts.withUnsafeBufferPointer { shortFirsts in
                                spacedFirsts.withUnsafeBufferPointer { spacedFirsts in
                                    pairs.withUnsafeBufferPointer { pairs in
                                        var lexicon = kmaticker_lexicon(
                                            starts: starts.baseAddress, offsets: offsets.baseAddress, bytes: bytes.baseAddress,
                                            kinds: kinds.baseAddress, firsts: firsts.baseAddress, shortFirsts: shortFirsts.baseAddress,
                                            spacedFirsts: spacedFirsts.baseAddress, pairs: pairs.baseAddress, longest: longest,
                                            markup: markup ? 1 : 0)
                                        utf8.withUnsafeBufferPointer { page in
                                            kmaticker_scan_ticker_evidence(&lexicon, page.baseAddress, page.count, markup ? 1 : 0, &found)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Finding(names: Int(found.names), conditions: Int(found.conditions), evidence: found.evidence != 0,
                       credit: found.credit != 0, unsure: found.unsure != 0,
                       mayHoldTicker: kmaticker_evidence_suffices(&found) != 0)
    }
}
