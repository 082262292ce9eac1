/// Turns a saved file's bytes into a ``PageText``: gunzip, decide the charset, decode to UTF-8
/// once, then read it as KMA's feed, an HTML page or a text capture, with Hangul in NFC.
///
/// Owns compiled patterns: one per thread.
public final class PageReader {
    /// The most bytes a page may have after decompression.
    public static let maximumPageBytes = 256 << 20

    private let charsetDetector = CharsetDetector()

    public init() {}

    /// The page in `bytes`, or why they are not one.
    public func read(_ bytes: [UInt8]) throws(PageError) -> PageText {
        var bytes = bytes
        if Gzip.isCompressed(bytes) { bytes = try Gzip.decompress(bytes, limit: Self.maximumPageBytes) }
        guard !bytes.isEmpty else { throw .empty }
        let decision = charsetDetector.decide(bytes)
        // UTF-16 is full of NUL bytes; everything else with them is binary.
        if !decision.charset.hasPrefix("UTF-16"), Self.looksBinary(bytes) { throw .binary }
        var charset = decision.charset
        var decoded = try TextDecoder.utf8(from: bytes[decision.bomLength...], charset: charset)
        if decision.evidence == .fewestErrors, decoded.replacements > 0 {
            // Undeclared and not valid UTF-8: a UTF-8 page with a few broken bytes, or a CP949
            // page. Keep whichever reading breaks less.
            let asUTF8 = try TextDecoder.utf8(from: bytes[...], charset: "UTF-8")
            if asUTF8.replacements < decoded.replacements { (charset, decoded) = ("UTF-8", asUTF8) }
        }
        // More than one byte in ten undecodable: not text in this charset at all.
        if decoded.replacements * 10 > bytes.count {
            throw .undecodable("\(decoded.replacements) of \(bytes.count) bytes are not valid \(charset)")
        }
        let body = decoded.bytes
        guard body.contains(where: { !Self.isASCIIWhitespace($0) }) else { throw .blank }

        if FeedReader.looksLikeFeed(body) {
            return PageText(format: .feed, charset: charset, charsetEvidence: decision.evidence,
                            lines: [], feed: try FeedReader.read(body))
        }
        if Self.looksLikeMarkup(body) {
            let html = HTMLTextExtractor.read(utf8: body)
            return PageText(format: .html, charset: charset, charsetEvidence: decision.evidence,
                            lines: html.lines.map { PageLine(text: HangulNormalization.nfc($0.text), number: $0.number) },
                            metadata: html.metadata)
        }
        let text = String(decoding: body, as: UTF8.self)
        var lines: [PageLine] = []
        var number = 0
        // "\r\n" is one Character in Swift, so split on newline characters, not on "\n".
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            lines.append(PageLine(text: HangulNormalization.nfc(String(line)), number: number))
        }
        return PageText(format: .text, charset: charset, charsetEvidence: decision.evidence, lines: lines)
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
    static func looksLikeMarkup(_ bytes: [UInt8]) -> Bool {
        bytes.first(where: { !isASCIIWhitespace($0) }) == UInt8(ascii: "<")
    }

    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
