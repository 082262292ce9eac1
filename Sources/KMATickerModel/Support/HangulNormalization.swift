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
        // A native string's UTF-8 is contiguous: read it as a buffer (the iterator's bounds and
        // state cost more than the test, on every line of every page).
        if let answer = text.utf8.withContiguousStorageIfAvailable({ needsComposition($0) }) { return answer }
        return Array(text.utf8).withUnsafeBufferPointer { needsComposition($0) }
    }

    private static func needsComposition(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // U+0300…U+036F (combining diacritics) are 0xCC 0x80 … 0xCD 0xAF;
        // U+1100…U+11FF (conjoining jamo) are 0xE1 0x84 0x80 … 0xE1 0x87 0xBF;
        // U+A960…, U+D7B0… (extended jamo) start with 0xEA 0xA5 and 0xED 0x9E/0x9F.
        // (Valid UTF-8: the byte after a lead byte is never a lead byte itself.)
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            index += 1
            guard byte >= 0xCC else { continue }
            switch byte {
            case 0xCC, 0xCD: return true
            case 0xE1: if index < count, (0x84...0x87).contains(bytes[index]) { return true }
            case 0xEA: if index < count, bytes[index] == 0xA5 { return true }
            case 0xED: if index < count, bytes[index] == 0x9E || bytes[index] == 0x9F { return true }
            default: continue
            }
        }
        return false
    }
}
