/// Turns a saved page's bytes into lines of text: decides text capture or HTML, decodes, and
/// normalizes Hangul to NFC line by line.
public enum PageReader {
    /// The lines of `bytes`, or why they are not a page.
    public static func read(_ bytes: [UInt8]) throws(PageError) -> PageText {
        guard !bytes.isEmpty else { throw .empty }
        if looksBinary(bytes) { throw .binary }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }  // UTF-8 BOM
        guard body.contains(where: { !isASCIIWhitespace($0) }) else { throw .blank }

        if looksLikeMarkup(body) {
            let lines = HTMLTextExtractor.lines(ofUTF8: body)
            return PageText(format: .html, lines: lines.map { PageLine(text: HangulNormalization.nfc($0.text), number: $0.number) })
        }
        // Invalid UTF-8 becomes U+FFFD: one bad byte in an article must not lose the ticker.
        let text = String(decoding: body, as: UTF8.self)
        var lines: [PageLine] = []
        var number = 0
        // "\r\n" is one Character in Swift, so split on newline characters, not on "\n".
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            lines.append(PageLine(text: HangulNormalization.nfc(String(line)), number: number))
        }
        return PageText(format: .text, lines: lines)
    }

    /// NUL bytes or many control characters in the first 4 KiB: an image, an archive, an
    /// executable, not a page. (A text or HTML page has neither.)
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(4096)
        var controls = 0
        for byte in sample {
            if byte == 0 { return true }
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C { controls += 1 }
        }
        return controls * 20 > sample.count  // more than 5 %
    }

    /// A document whose first non-blank character is `<` is markup.
    static func looksLikeMarkup(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.first(where: { !isASCIIWhitespace($0) }) == UInt8(ascii: "<")
    }

    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
