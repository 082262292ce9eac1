import CByteSearch
import KMATickerInput
import KMATickerModel

/// Turns a saved file's bytes into a ``PageText``: gunzip, decide the charset, decode to UTF-8
/// once, then read it as KMA's feed, an HTML page or a text capture, with Hangul in NFC.
///
/// Owns compiled patterns: one per thread.
public final class PageReader {
    private let charsetDetector = CharsetDetector()
    private let regionFinder = PageRegions()

    public init() {}

    /// A file's bytes decoded to UTF-8, before its text is read.
    public struct DecodedPage: Sendable {
        public var utf8: [UInt8]
        public var charset: String
        package var charsetEvidence: CharsetEvidence
        public var format: PageFormat
        /// What decoding left out or could not read, said once per page.
        public var notes: [String] = []
        /// Whether the page can hold a ticker item, when the UTF-8 check answered it on the way
        /// (``kmaticker_utf8_check``); `nil` for a page converted from another charset.
        package var mayHoldItem: Bool?

        /// Whether the page can hold a ticker item at all: every item has a Hangul syllable or a
        /// unit, printed or as a reference (``kmaticker_may_hold_ticker_item``). Most of a crawl
        /// cannot, and need not be hashed, looked up or parsed. A UTF-8 page was answered while
        /// its bytes were checked; a page converted from another charset is scanned here, once.
        package var mayHoldTickerItem: Bool {
            mayHoldItem ?? utf8.withUnsafeBufferPointer { kmaticker_may_hold_ticker_item($0.baseAddress, $0.count) != 0 }
        }
    }

    /// The whole page in `bytes`, or why they are not one.
    public func read(_ bytes: [UInt8]) throws(PageError) -> PageText {
        try text(of: try decode(bytes), regionsOnly: false)
    }

    /// Gunzips, decides the charset, decodes to UTF-8 and tells the format.
    /// - Parameter declaredCharset: the charset the page's HTTP head or MIME part declares.
    public func decode(_ bytes: [UInt8], declaredCharset: String? = nil) throws(PageError) -> DecodedPage {
        var bytes = bytes
        if Gzip.isCompressed(bytes) { bytes = try Gzip.decompress(bytes, limit: PageBytes.maximumPageBytes) }
        guard !bytes.isEmpty else { throw .empty }
        let decision = charsetDetector.decide(bytes, transportLabel: declaredCharset)
        // UTF-16 is full of NUL bytes; everything else with them is binary.
        if !decision.charset.hasPrefix("UTF-16"), PageBytes.looksBinary(bytes) { throw .binary }
        var charset = decision.charset
        var notes: [String] = []
        var end = bytes.count
        if charset.hasPrefix("UTF-16"), (bytes.count - decision.bomLength) % 2 == 1 {
            // A stray last byte (a truncated copy, a tool's appended newline) has no partner;
            // decoded, it would end the page in a replacement character.
            end -= 1
            notes.append("the file has an odd number of bytes, which UTF-16 text cannot have: its last byte is left out")
        }
        // Bytes found valid UTF-8 to decide the charset are their own decoding.
        var decoded: (bytes: [UInt8], replacements: Int, mayHoldItem: Bool?)
        if let mayHoldItem = decision.mayHoldItem {
            decoded = (bytes, 0, mayHoldItem)
        } else {
            decoded = try TextDecoder.utf8(from: bytes[decision.bomLength..<end], charset: charset)
        }
        if decision.evidence == .fewestErrors, decoded.replacements > 0 {
            // Undeclared and not valid UTF-8: a UTF-8 page with a few broken bytes, or a CP949
            // page. Keep whichever reading breaks less.
            let asUTF8 = try TextDecoder.utf8(from: bytes[...], charset: "UTF-8")
            if asUTF8.replacements < decoded.replacements { (charset, decoded) = ("UTF-8", asUTF8) }
        }
        var evidence = decision.evidence
        if decision.evidence == .transport, decoded.replacements > 0 {
            // Servers mislabel pages (a CP949 page sent as UTF-8): when the page's own
            // declaration or its bytes read with fewer errors, they win.
            let own = charsetDetector.decide(bytes)
            let ownReading = try TextDecoder.utf8(from: bytes[own.bomLength...], charset: own.charset)
            if ownReading.replacements < decoded.replacements {
                (charset, decoded, evidence) = (own.charset, ownReading, own.evidence)
            }
        }
        // More than one byte in ten undecodable: not text in this charset at all.
        if decoded.replacements * 10 > bytes.count {
            throw .undecodable("\(decoded.replacements) of \(bytes.count) bytes are not valid \(charset)")
        }
        let body = decoded.bytes
        guard body.contains(where: { !Self.isASCIIWhitespace($0) }) else { throw .blank }
        let format: PageFormat = FeedReader.looksLikeFeed(body) ? .feed : Self.looksLikeMarkup(body) ? .html : .text
        return DecodedPage(utf8: body, charset: charset, charsetEvidence: evidence, format: format, notes: notes,
                           mayHoldItem: decoded.mayHoldItem)
    }

    /// Reads as much of the page as settles it and hands the lines to a parser: first only the
    /// regions where a ticker or a page time can be (``PageRegions``), when `regionsFirst` and the
    /// page has any; then the whole page, when `regions` finds that they do not settle it. A page
    /// without regions (and a feed) is read whole at once, and `wholePage` decides.
    ///
    /// The parser says whether what it read is settled (a ``RegionVerdict``); what is read, and
    /// in what order, is decided here, so that no parser reads a page again on its own.
    package func read<Output>(_ page: DecodedPage, regionsFirst: Bool,
                              regions: (PageText) throws(PageError) -> RegionVerdict<Output>,
                              wholePage: (PageText) throws(PageError) -> Output) throws(PageError) -> Output {
        if regionsFirst, let regionText = try regionText(of: page), case .settled(let output) = try regions(regionText) {
            return output
        }
        return try wholePage(try text(of: page, regionsOnly: false))
    }

    /// The page's text. With `regionsOnly`, only the regions where a ticker or a page time can
    /// be (``PageRegions``) are read, and the whole page when it has none.
    public func text(of page: DecodedPage, regionsOnly: Bool) throws(PageError) -> PageText {
        if regionsOnly, let regionText = try regionText(of: page) { return regionText }
        return try text(of: page, regions: nil)
    }

    /// The text of the page's regions only, each edge inside the page marked by
    /// ``PageLine/regionBreak``; `nil` when it has none (no unit outside hidden elements, a
    /// document in an attribute, a feed).
    private func regionText(of page: DecodedPage) throws(PageError) -> PageText? {
        guard let regions = regions(of: page) else { return nil }
        return try text(of: page, regions: regions)
    }

    /// The text of `regions` of the page (`nil`: the whole page).
    private func text(of page: DecodedPage, regions: [Range<Int>]?) throws(PageError) -> PageText {
        func made(_ lines: [PageLine], metadata: [String: String] = [:], feed: FeedSnapshot? = nil) -> PageText {
            PageText(format: page.format, charset: page.charset, charsetEvidence: page.charsetEvidence,
                     lines: lines, metadata: metadata, feed: feed, decodingNotes: page.notes)
        }
        switch page.format {
        case .feed:
            return made([], feed: try FeedReader.read(page.utf8))
        case .html:
            let html = HTMLTextExtractor.read(utf8: page.utf8, regions: regions)
            return made(html.lines.map { PageLine(text: HangulNormalization.nfc($0.text), number: $0.number, lineChanges: $0.lineChanges) },
                        metadata: html.metadata)
        case .text:
            let regions = regions ?? [0..<page.utf8.count]
            var lines: [PageLine] = []
            var newlinesBefore = 0, counted = 0
            for region in regions {
                // Regions are sorted: count on from the previous one's start.
                newlinesBefore += Self.newlines(in: page.utf8[counted..<region.lowerBound])
                counted = region.lowerBound
                if region.lowerBound > 0 { lines.append(.regionBreak) }
                // Split the bytes on LF and drop a CR before it (CRLF files); splitting the String
                // on "\n" would miss CRLF, which Swift counts as one Character.
                let regionLines = page.utf8[region].split(separator: 0x0A, omittingEmptySubsequences: false)
                for (offset, line) in regionLines.enumerated() {
                    let text = line.last == 0x0D ? line.dropLast() : line
                    lines.append(PageLine(text: HangulNormalization.nfc(String(decoding: text, as: UTF8.self)),
                                          number: newlinesBefore + 1 + offset))
                }
                if region.upperBound < page.utf8.count { lines.append(.regionBreak) }
            }
            return made(lines)
        }
    }

    /// The byte ranges ``text(of:regionsOnly:)`` reads of `page` (for profiling); `nil` means
    /// the whole page.
    public func regions(of page: DecodedPage) -> [Range<Int>]? {
        switch page.format {
        case .html: return regionFinder.html(page.utf8)
        case .text: return regionFinder.text(page.utf8)
        case .feed: return nil
        }
    }

    /// The number of LF bytes, found with memchr.
    static func newlines(in bytes: ArraySlice<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard var cursor = buffer.baseAddress else { return 0 }
            let end = cursor + buffer.count
            var count = 0
            while cursor < end, let hit = kmaticker_memchr(cursor, 0x0A, end - cursor) {
                count += 1
                cursor = hit + 1
            }
            return count
        }
    }

    /// A document that starts with markup (a tag, an end tag, a comment, a doctype, an XML
    /// declaration) is HTML; so is one with an HTML document's tags near its top after some text
    /// (a server's warning line, a byte order mark's debris): read as text, its tags would run
    /// into the ticker's items. A text capture may start with `<` too (`<속보> 기상청 …`,
    /// `<날씨>`), which the HTML parser would join into one line and strip of its `<`.
    static func looksLikeMarkup(_ bytes: [UInt8]) -> Bool {
        if let start = bytes.firstIndex(where: { !isASCIIWhitespace($0) }), startsWithMarkup(bytes[start...]) { return true }
        let top = bytes.prefix(4096).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return top.withUnsafeBufferPointer { buffer in
            ["<!doctype html", "<html", "<head", "<body"].contains { tag in
                let needle = Array(tag.utf8)
                return kmaticker_memmem(buffer.baseAddress, buffer.count, needle, needle.count) != nil
            }
        }
    }

    /// Whether `bytes` open with a tag (`<div`, `<br/>`, `</p>`: an ASCII letter after `<` or
    /// `</`, then the name's letters, digits, `-`, `:` or `_`, then whitespace, `>` or `/`),
    /// a comment, a doctype, a CDATA section or a processing instruction (`<?xml`). An HTML
    /// parser reads `<` before anything else (Hangul, a digit, a space) as text.
    static func startsWithMarkup(_ bytes: ArraySlice<UInt8>) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        func opens(_ lowercasePrefix: String) -> Bool {
            bytes.count >= lowercasePrefix.utf8.count
                && zip(bytes, lowercasePrefix.utf8).allSatisfy { (isLetter($0) ? $0 | 0x20 : $0) == $1 }
        }
        guard bytes.first == UInt8(ascii: "<") else { return false }
        if opens("<!--") || opens("<!doctype") || opens("<![cdata[") { return true }
        var name = bytes.dropFirst()
        if name.first == UInt8(ascii: "?") { return name.dropFirst().first.map(isLetter) ?? false }
        if name.first == UInt8(ascii: "/") { name = name.dropFirst() }
        guard let first = name.first, isLetter(first) else { return false }
        let rest = name.dropFirst().drop { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x3A || $0 == 0x5F }
        // A name that runs to the end of what was read is a tag cut short.
        guard let after = rest.first else { return true }
        return isASCIIWhitespace(after) || after == UInt8(ascii: ">") || after == UInt8(ascii: "/")
    }

    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
