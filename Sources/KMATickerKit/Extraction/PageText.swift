/// One line of a page's text, as a reader sees it: a line of a text capture, or one block
/// (list item, paragraph, table cell, …) of an HTML page.
public struct PageLine: Sendable, Equatable {
    /// The text, NFC, whitespace as printed.
    public var text: String
    /// 1-based line in the file the text starts on.
    public var number: Int

    public init(text: String, number: Int) {
        self.text = text
        self.number = number
    }
}

/// What kind of document a file turned out to be.
public enum PageFormat: String, Sendable {
    /// A browser's or crawler's rendering of a page as plain text (the seed).
    case text
    /// A saved HTML page.
    case html
}

/// A page reduced to lines of text, ready for the ticker parser.
public struct PageText: Sendable, Equatable {
    public var format: PageFormat
    public var lines: [PageLine]

    public init(format: PageFormat, lines: [PageLine]) {
        self.format = format
        self.lines = lines
    }
}
