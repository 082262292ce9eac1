import Foundation
import Testing
import Glibc
import KMATickerTestSupport
@testable import KMATickerText

/// Issue 23: CP949 pages are converted by a table of iconv's own answers (``CP949Table``)
/// instead of by calling iconv over each page. The table must give what iconv gives, code by code,
/// under the rule ``CP949Table`` states for what iconv refuses: every code, real pages, and random
/// bytes with broken, unmapped and cut-off codes. The expected text is made here by asking iconv
/// at each position, one character at a time.
@Suite struct CP949TableTests {
    /// iconv's answer for `input` alone, from its initial state: the bytes it consumed and wrote,
    /// and the error it stopped with (0 for none).
    static func iconvAnswer(_ converter: iconv_t, _ input: [UInt8]) -> (consumed: Int, output: [UInt8], error: Int32) {
        var input = input
        var output = [UInt8](repeating: 0, count: 16)
        return input.withUnsafeMutableBytes { inBuffer in
            output.withUnsafeMutableBytes { outBuffer in
                _ = iconv(converter, nil, nil, nil, nil)
                var inPointer = inBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return (inBuffer.count - inLeft, Array(outBuffer.prefix(outBuffer.count - outLeft)), status == -1 ? errno : 0)
            }
        }
    }

    /// The rule, asked of iconv one position at a time: a byte iconv converts alone is its
    /// character; a lead byte with the next is theirs, or one U+FFFD for both when iconv reads
    /// them and has no character (EILSEQ after consuming both); anything else is one U+FFFD for
    /// the byte; a lead byte cut off at the end is one U+FFFD.
    static func expected(_ bytes: [UInt8]) -> (bytes: [UInt8], replacements: Int) {
        let converter = iconv_open("UTF-8", "CP949")!
        defer { iconv_close(converter) }
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        var output: [UInt8] = [], replacements = 0, index = 0
        while index < bytes.count {
            let alone = iconvAnswer(converter, [bytes[index]])
            if alone.error == 0, alone.consumed == 1 {
                output += alone.output
                index += 1
                continue
            }
            if alone.error == EINVAL {
                guard index + 1 < bytes.count else { output += replacement; replacements += 1; break }
                let pair = iconvAnswer(converter, [bytes[index], bytes[index + 1]])
                if pair.consumed == 2 {
                    output += pair.error == 0 ? pair.output : replacement
                    if pair.error != 0 { replacements += 1 }
                    index += 2
                    continue
                }
            }
            output += replacement
            replacements += 1
            index += 1
        }
        return (output, replacements)
    }

    static func both(_ bytes: [UInt8]) throws -> (table: (bytes: [UInt8], replacements: Int), iconv: (bytes: [UInt8], replacements: Int)) {
        (try #require(CP949Table.shared).utf8(from: bytes[...]), expected(bytes))
    }

    /// Where two conversions first differ, and the bytes around it; `nil` when they agree.
    static func difference(_ a: [UInt8], _ b: [UInt8], input: [UInt8]) -> String? {
        guard a != b else { return nil }
        let index = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        let window = max(0, index - 12)..<index + 12
        return "outputs differ at byte \(index): table \(a[window.clamped(to: a.indices)]), iconv \(b[window.clamped(to: b.indices)]); input of \(input.count) bytes"
    }

    @Test func everyCodeIsConvertedAsIconvConvertsIt() throws {
        // Every byte and every pair of bytes from 0x80 up, each between spaces.
        var bytes: [UInt8] = []
        for lead in 0x80...0xFF {
            bytes += [0x20, UInt8(lead), 0x20]
            for trail in 0x00...0xFF where trail != 0 { bytes += [UInt8(lead), UInt8(trail), 0x20] }
        }
        let (table, iconv) = try Self.both(bytes)
        #expect(Self.difference(table.bytes, iconv.bytes, input: bytes) == nil)
        #expect(table.replacements == iconv.replacements)
        // Most pairs are Hangul or Hanja: the comparison is not of replacements only.
        #expect(table.replacements > 1_000 && table.replacements < bytes.count / 3)
    }

    /// An unmapped code (`A2 E8`) is one replacement, and the byte after it is kept: calling
    /// iconv over the page lost it.
    @Test func anUnmappedCodeKeepsTheByteAfterIt() throws {
        let bytes: [UInt8] = [0x41, 0xA2, 0xE8, 0x42, 0xA2, 0xE6, 0x43]  // A, unmapped, B, €, C
        let table = try #require(CP949Table.shared).utf8(from: bytes[...])
        #expect(table.bytes == Array("A\u{FFFD}B€C".utf8))
        #expect(table.replacements == 1)
        let called = try TextDecoder.viaIconv(bytes[...], charset: "CP949")
        #expect(called.bytes == Array("A\u{FFFD}€C".utf8), "the old way, which lost the B")
    }

    @Test func realCP949PagesAreConvertedAsIconvConvertsThem() throws {
        let page = try Fixtures.bytes("markup_div_spans_euckr.html")
        let (table, iconv) = try Self.both(page)
        #expect(Self.difference(table.bytes, iconv.bytes, input: page) == nil)
        #expect(table.replacements == 0 && iconv.replacements == 0)
        #expect(String(decoding: table.bytes, as: UTF8.self).contains("기상청"))
    }

    /// Random runs of ASCII, Hangul codes, lead bytes with bad trails, stray high bytes, and a
    /// lead byte cut off at the end.
    @Test func randomBytesAreConvertedAsIconvConvertsThem() throws {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...200, using: &generator) {
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: bytes.append(UInt8.random(in: 0x20...0x7E, using: &generator))
                case 1: bytes += [UInt8.random(in: 0xB0...0xC8, using: &generator), UInt8.random(in: 0xA1...0xFE, using: &generator)]
                case 2: bytes += [UInt8.random(in: 0x81...0xC6, using: &generator), UInt8.random(in: 0x41...0x7A, using: &generator)]
                case 3: bytes.append(UInt8.random(in: 0x80...0xFF, using: &generator))
                default: bytes += [UInt8.random(in: 0x81...0xFE, using: &generator), UInt8.random(in: 0x00...0xFF, using: &generator)]
                }
            }
            if round % 3 == 0 { bytes.append(0xB0) }  // a lead byte cut off at the end
            let (table, iconv) = try Self.both(bytes)
            #expect(Self.difference(table.bytes, iconv.bytes, input: bytes) == nil, "round \(round)")
            #expect(table.replacements == iconv.replacements, "round \(round): \(bytes.suffix(8))")
        }
    }
}
