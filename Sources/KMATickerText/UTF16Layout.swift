import CByteSearch

/// Recognizes UTF-16 text saved without a byte order mark (Notepad's "Unicode" written by some
/// tools, `iconv -t UTF-16LE`) by how its bytes are laid out.
///
/// In such text every ASCII character is a NUL byte beside its code (at odd offsets in
/// UTF-16LE, even in UTF-16BE), and every Hangul syllable has its high byte in 0xAC–0xD7 on the
/// same side. Binary files fail on other counts: NUL code units (two NUL bytes at an even
/// offset: ELF and PNG headers), and code units that are no character a page prints (random
/// data, compressed data).
enum UTF16Layout {
    /// Bytes looked at: enough for a page's top, and the same window as the binary check.
    static let sampleBytes = 4096

    /// `UTF-16LE` or `UTF-16BE` when the top of `bytes` is UTF-16 text in that byte order;
    /// `nil` when it is not, or when it could as well be something else.
    static func byteOrder(of bytes: ArraySlice<UInt8>) -> String? {
        let sample = bytes.prefix(sampleBytes)
        // An odd last byte has no partner: leave it to the decoder, which says so.
        let unitBytes = sample.count & ~1
        guard unitBytes >= 2 else { return nil }
        // Most pages: no NUL byte and valid UTF-8, which the end of this function refuses
        // whatever the counts say; said first, without counting.
        let hasNUL = sample.withUnsafeBufferPointer { kmaticker_memchr($0.baseAddress, 0, $0.count) != nil }
        // (A Korean page's window mostly ends inside a character: that cut is no evidence.)
        let whole = bytes.count > sample.count ? withoutCutCharacter(sample) : sample
        if !hasNUL, CharsetDetector.isValidUTF8(whole) { return nil }
        var little = Tally(), big = Tally()
        var sawNUL = false
        var index = sample.startIndex
        let end = sample.startIndex + unitBytes
        while index < end {
            let first = sample[index], second = sample[index + 1]
            if first == 0 || second == 0 { sawNUL = true }
            little.count(UInt16(second) << 8 | UInt16(first))
            big.count(UInt16(first) << 8 | UInt16(second))
            index += 2
        }
        let order: String
        switch (little.isText, big.isText) {
        case (true, false): order = "UTF-16LE"
        case (false, true): order = "UTF-16BE"
        case (true, true) where little.signal != big.signal: order = little.signal > big.signal ? "UTF-16LE" : "UTF-16BE"
        default: return nil
        }
        // Without a NUL byte there is no ASCII at all, and Hangul alone is ambiguous: CP949's
        // Hangul (lead bytes 0xB0–0xC8) reads as Hangul syllables in UTF-16BE too. Such bytes are
        // UTF-16 only when they are neither valid UTF-8 nor clean CP949.
        if !sawNUL {
            if CharsetDetector.isValidUTF8(whole) { return nil }
            let cut = bytes.count > sample.count ? 1 : 0  // the window may split a CP949 pair
            guard let asCP949 = try? TextDecoder.utf8(from: sample, charset: "CP949"),
                  asCP949.replacements > cut else { return nil }
        }
        return order
    }

    /// `sample` without the UTF-8 character its end cuts, if it cuts one: the last lead byte
    /// among its last four bytes announces more bytes than follow it.
    static func withoutCutCharacter(_ sample: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var index = sample.endIndex
        while index > sample.startIndex, sample.endIndex - index < 4 {
            index -= 1
            let byte = sample[index]
            guard byte & 0xC0 == 0x80 else {
                let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                return sample.endIndex - index < length ? sample[..<index] : sample
            }
        }
        return sample
    }

    /// Counts of one byte order's reading of the sample.
    private struct Tally {
        var units = 0
        /// ASCII characters and Hangul syllables: the units that show the byte order.
        var signal = 0
        /// Units that are a character a page prints (signal included).
        var printable = 0
        /// U+0000, control characters other than whitespace, noncharacters.
        var impossible = 0

        mutating func count(_ unit: UInt16) {
            units += 1
            switch unit {
            case 0x0020...0x007E, 0x0009, 0x000A, 0x000C, 0x000D, 0xAC00...0xD7A3:
                signal += 1
                printable += 1
            case 0x0000...0x001F, 0x007F...0x009F, 0xFFFE, 0xFFFF:
                impossible += 1
            case 0x00A0...0x052F,  // Latin-1, Latin extended, Greek, Cyrillic (all in KS X 1001)
                 0x1100...0x11FF,  // Hangul jamo (decomposed Hangul)
                 0x1E00...0x1FFF,  // Latin and Greek extended
                 0x2000...0x2BFF,  // punctuation (• …), letterlike (℃), arrows, shapes, symbols
                 0x2E80...0x9FFF,  // CJK punctuation, kana, compatibility jamo, ㎜, hanja
                 0xA960...0xA97F, 0xD7B0...0xD7FF,  // Hangul jamo extended
                 0xD800...0xDFFF,  // surrogates: emoji and rarer hanja
                 0xF900...0xFAFF,  // CJK compatibility ideographs (hanja KS X 1001 spells apart)
                 0xFE30...0xFE4F, 0xFEFF, 0xFF00...0xFFEF:  // CJK forms, ZWNBSP, full/halfwidth
                printable += 1
            default:
                break
            }
        }

        /// Half or more of the units show the order, and nearly all are printable: a page's
        /// text is mostly Hangul, digits, spaces and markup; noise is not.
        var isText: Bool {
            impossible == 0 && signal * 2 >= units && printable * 50 >= units * 49
        }
    }
}
