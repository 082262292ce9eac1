import Foundation

/// NFC normalization for Hangul text.
///
/// Pages saved on macOS can carry decomposed Hangul (NFD: conjoining jamo). Swift's `==`
/// treats both forms as equal, but SQLite and PCRE2 compare bytes, so every line is composed
/// before it is matched or stored. Foundation's normalization is fine per line but quadratic
/// over a whole large text, so callers normalize line by line, and only lines that need it.
public enum HangulNormalization {
    /// `text` in NFC; returns `text` unchanged (no copy) when nothing in it can decompose.
    public static func nfc(_ text: String) -> String {
        guard needsComposition(text) else { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// Whether `text` has a conjoining jamo or a combining mark, the only things NFC changes
    /// in the text kmaticker reads. Scans bytes: lines without them cost one pass.
    static func needsComposition(_ text: String) -> Bool {
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            // U+0300…U+036F (combining diacritics) are 0xCC 0x80 … 0xCD 0xAF;
            // U+1100…U+11FF (conjoining jamo) are 0xE1 0x84 0x80 … 0xE1 0x87 0xBF;
            // U+A960…, U+D7B0… (extended jamo) start with 0xEA 0xA5 and 0xED 0x9E/0x9F.
            switch byte {
            case 0xCC, 0xCD: return true
            case 0xE1:
                if let next = iterator.next(), (0x84...0x87).contains(next) { return true }
            case 0xEA:
                if let next = iterator.next(), next == 0xA5 { return true }
            case 0xED:
                if let next = iterator.next(), next == 0x9E || next == 0x9F { return true }
            default: continue
            }
        }
        return false
    }
}
