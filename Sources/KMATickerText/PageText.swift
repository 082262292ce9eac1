import KMATickerModel

/// One line of a page's text, as a reader sees it: a line of a text capture, or one block
/// (list item, paragraph, table cell, …) of an HTML page.
package struct PageLine: Sendable, Equatable {
    /// The text, NFC, whitespace as printed.
    public var text: String
    /// 1-based line in the file the text starts on.
    public var number: Int
    /// Where the text moves on to a later line of the file, for a block whose text spans
    /// several (`<li>` parts on lines of their own, a one-line ticker of `<span>`s written over
    /// many lines): empty for most lines.
    package var lineChanges: [LineChange]

    /// From `scalarOffset` (in `text`'s Unicode scalars) on, the text is on file line `line`.
    package struct LineChange: Sendable, Equatable {
        package var scalarOffset: Int
        public var line: Int
    }

    package init(text: String, number: Int, lineChanges: [LineChange] = []) {
        self.text = text
        self.number = number
        self.lineChanges = lineChanges
    }

    /// The file line of the scalar at `scalarOffset`.
    public func line(atScalar scalarOffset: Int) -> Int {
        lineChanges.last { $0.scalarOffset <= scalarOffset }?.line ?? number
    }

    /// Stands between two regions of a page read in parts, so that no run of ticker items
    /// joins across the gap. (U+FFFC is no ticker item and no time.)
    package static let regionBreak = PageLine(text: "\u{FFFC}", number: 0)
}

/// A page decoded and reduced to what the parsers read.
public struct PageText: Sendable, Equatable {
    public var format: PageFormat
    /// The charset the bytes were decoded from (`UTF-8`, `CP949`, …) and why.
    public var charset: String
    package var charsetEvidence: CharsetEvidence
    /// Lines of visible text (empty for a feed).
    package var lines: [PageLine]
    /// `<meta property|name=… content=…>` of an HTML page, first value per key.
    package var metadata: [String: String]
    /// The feed's content, for ``PageFormat/feed``.
    package var feed: FeedSnapshot?
    /// What decoding the bytes left out (an odd last byte of UTF-16), for the page's warnings.
    package var decodingNotes: [String]

    package init(format: PageFormat, charset: String = "UTF-8", charsetEvidence: CharsetEvidence = .validUTF8,
                lines: [PageLine], metadata: [String: String] = [:], feed: FeedSnapshot? = nil,
                decodingNotes: [String] = []) {
        self.format = format
        self.charset = charset
        self.charsetEvidence = charsetEvidence
        self.lines = lines
        self.metadata = metadata
        self.feed = feed
        self.decodingNotes = decodingNotes
    }
}
