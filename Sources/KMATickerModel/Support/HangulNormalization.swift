/// NFC normalization for Hangul text.
///
/// Pages saved on macOS can carry decomposed Hangul (NFD: conjoining jamo). Swift's `==`
/// treats both forms as equal, but SQLite and PCRE2 compare bytes, so every line is composed
/// before it is matched or stored. Callers normalize line by line, and only lines that need it.
///
/// The composition is the standard library's own (`_nfcCodeUnits`, what `String` hashes and
/// compares by; public, though underscored), not Foundation's, which needs ICU. The two agree
/// on every Hangul syllable decomposed and on random mixes of jamo, syllables and combining
/// marks (`FoundationFreeTextTests`; a million mixes over all of Unicode 15.0 that composes,
/// when this was written), except where Foundation's is not NFC: it leaves a precomposed 가
/// before a trailing jamo ᆮ apart instead of making 갇, and drops the filler U+11A7 after a
/// leading and a vowel jamo. Characters newer than Foundation's Unicode tables (Unicode 16 and
/// later) are composed and ordered by the newer tables.
public enum HangulNormalization {
    /// `text` in NFC; returns `text` unchanged (no copy) when nothing in it can decompose.
    public static func nfc(_ text: String) -> String {
        guard needsComposition(text) else { return text }
        return String(decoding: text._nfcCodeUnits, as: UTF8.self)
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
