import KMATickerText

/// A page's lines made ready for the grouper: every line's folded scalars (``TickerText``) in
/// one array for the whole page, every line's pieces (``TickerTokenizer``) in another, and
/// where each line's part of them is.
///
/// Reading a page therefore allocates a few arrays per page, not two or three per line: a
/// Korean article has thousands of lines, and making each its own arrays (and releasing them)
/// was a fifth of reading one. The arrays are filled first and shared after, so that no line's
/// view ever makes one of them be copied on write.
final class TokenizedPage {
    /// Where one line's scalars, printed offsets and pieces are in the page's arrays.
    struct Span {
        var scalars: Range<Int>
        /// `nil` when nothing of the line was folded (most lines): each scalar is where it was
        /// printed.
        var printedOffsets: Range<Int>?
        var pieces: Range<Int>
        var isRegionBreak: Bool
    }

    let pageLines: [PageLine]
    let scalars: [Unicode.Scalar]
    let printedOffsets: [Int]
    let pieces: [TickerPiece]
    let spans: [Span]

    /// Where the arrays go back when the page is done with (see ``Buffers``).
    private let buffers: Buffers?

    /// Folds and tokenizes `lines` (``PageLine/regionBreak`` marks a break between regions),
    /// filling `buffers`' arrays when given.
    init(lines: [PageLine], tokenizer: TickerTokenizer, reusing buffers: Buffers? = nil) {
        var scalars: [Unicode.Scalar] = [], offsets: [Int] = [], pieces: [TickerPiece] = [], spans: [Span] = []
        if let buffers {
            swap(&scalars, &buffers.scalars)
            swap(&offsets, &buffers.printedOffsets)
            swap(&pieces, &buffers.pieces)
            scalars.removeAll(keepingCapacity: true)
            offsets.removeAll(keepingCapacity: true)
            pieces.removeAll(keepingCapacity: true)
        }
        let bytes = lines.reduce(0) { $0 + $1.text.utf8.count }
        scalars.reserveCapacity(bytes)
        // About a piece per word: reserved once rather than grown by copying.
        pieces.reserveCapacity(bytes / 6)
        spans.reserveCapacity(lines.count)
        for line in lines {
            if line == .regionBreak {
                spans.append(Span(scalars: scalars.count..<scalars.count, printedOffsets: nil,
                                  pieces: pieces.count..<pieces.count, isRegionBreak: true))
                continue
            }
            let scalarStart = scalars.count, pieceStart = pieces.count
            let folded = TickerText.fold(line, into: &scalars, offsets: &offsets)
            scalars.withUnsafeBufferPointer { buffer in
                tokenizer.appendPieces(of: UnsafeBufferPointer(rebasing: buffer[scalarStart...]), to: &pieces)
            }
            spans.append(Span(scalars: scalarStart..<scalars.count, printedOffsets: folded,
                              pieces: pieceStart..<pieces.count, isRegionBreak: false))
        }
        pageLines = lines
        self.scalars = scalars
        printedOffsets = offsets
        self.pieces = pieces
        self.spans = spans
        self.buffers = buffers
    }

    deinit {
        guard let buffers else { return }
        // Kept up to a size: one huge page should not hold its memory for the rest of a run.
        if scalars.capacity <= Buffers.largestKept { buffers.scalars = scalars }
        if printedOffsets.capacity <= Buffers.largestKept { buffers.printedOffsets = printedOffsets }
        if pieces.capacity <= Buffers.largestKept / 8 { buffers.pieces = pieces }
    }

    /// The arrays a reader keeps from one page to the next. A page's arrays are a few hundred
    /// KB, which malloc maps afresh and the kernel zeroes page by page for each page read
    /// (a tenth of reading a Korean crawl in system time); given back when a page is done,
    /// they are filled again by the next. One per thread, as the reader is.
    final class Buffers {
        fileprivate var scalars: [Unicode.Scalar] = []
        fileprivate var printedOffsets: [Int] = []
        fileprivate var pieces: [TickerPiece] = []
        /// Elements kept at most (of scalars; an eighth as many pieces, which are larger).
        static let largestKept = 1 << 20

        init() {}
    }

    /// The page's lines, each a view of its part of the page.
    var lines: [TokenizedLine] { spans.indices.map { TokenizedLine(page: self, index: $0) } }
}

/// A line of page text and its pieces: a view of one line of a ``TokenizedPage``.
struct TokenizedLine {
    let page: TokenizedPage
    let index: Int

    var text: TickerText { TickerText(page: page, line: index) }
    var pieces: PageSlice<TickerPiece> { PageSlice(page.pieces, page.spans[index].pieces) }
    /// Stands between two regions of a page read in parts (``PageLine/regionBreak``).
    var isRegionBreak: Bool { page.spans[index].isRegionBreak }
}

/// One line's part of an array of the whole page, indexed from 0 like an array of its own.
struct PageSlice<Element>: RandomAccessCollection {
    private let base: [Element]
    private let range: Range<Int>

    init(_ base: [Element], _ range: Range<Int>) {
        self.base = base
        self.range = range
    }

    var startIndex: Int { 0 }
    var endIndex: Int { range.count }

    subscript(position: Int) -> Element {
        precondition(position >= 0 && position < range.count, "index out of the line")
        return base[range.lowerBound + position]
    }
}
