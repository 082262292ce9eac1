import Foundation
import Testing
import KMATickerTestSupport
import CByteSearch
@testable import KMATickerText
@testable import KMATickerParsing

/// kmaticker's own UTF-8 check (C, `kmaticker_utf8_is_valid`), which decides whether an
/// undeclared page is UTF-8 and whether a declared one needs repairing, gives the answer of
/// the two validators it stands for: Swift's `String(validating:)` and Python's strict codec.
@Suite struct UTF8ValidationTests {
    /// Markus Kuhn's classes of malformed input, each on its own and after 16 and 31 ASCII
    /// bytes (so that it falls after, and straddles, a block the ASCII fast path passes over).
    static let malformed: [[UInt8]] = [
        [0x80], [0xBF], [0xC0, 0xAF], [0xC1, 0xBF],                    // continuation first; overlong 2-byte
        [0xE0, 0x80, 0xAF], [0xE0, 0x9F, 0xBF],                        // overlong 3-byte
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],                        // surrogates
        [0xF0, 0x80, 0x80, 0xAF], [0xF0, 0x8F, 0xBF, 0xBF],            // overlong 4-byte
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF],    // above U+10FFFF; never a lead
        [0xEC, 0x95], [0xC2], [0xF0, 0x9F, 0x98],                      // cut short at the end
        [0xEC, 0x41, 0x95], [0xC2, 0x41], [0xF0, 0x9F, 0x41, 0x80],    // an ASCII byte inside a sequence
    ]
    static let wellFormed: [[UInt8]] = [
        Array("흐림속초27.8℃".utf8), [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
        [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [],
    ]

    @Test func knownClassesAreJudgedAsTheStandardSays() {
        for padding in [0, 16, 31] {
            let ascii = [UInt8](repeating: 0x61, count: padding)
            for sequence in Self.malformed {
                #expect(!CharsetDetector.isValidUTF8((ascii + sequence)[...]), "\(padding) + \(sequence)")
                #expect(!CharsetDetector.isValidUTF8((ascii + sequence + ascii)[...]), "\(padding) + \(sequence) + \(padding)")
            }
            for sequence in Self.wellFormed {
                #expect(CharsetDetector.isValidUTF8((ascii + sequence + ascii)[...]), "\(padding) + \(sequence)")
            }
        }
    }

    /// Random pages of ASCII runs, Hangul, units and 4-byte characters, some with one byte
    /// changed, and every prefix around the change: the same answer as Swift's validator.
    @Test func randomPagesAgreeWithSwiftsValidator() {
        var generator = SplitMix64(seed: 0x5554_4638)
        let pieces: [[UInt8]] = [Array("<p class=\"a\">".utf8), Array("비북강릉".utf8), Array("29.0℃ ".utf8),
                                 Array("😀".utf8), Array("é".utf8), [UInt8](repeating: 0x20, count: 40)]
        var invalid = 0
        for _ in 0..<3000 {
            var page: [UInt8] = []
            for _ in 0..<Int(generator.next() % 24) { page += pieces[Int(generator.next() % UInt64(pieces.count))] }
            var changed = page.count
            if !page.isEmpty, generator.next() % 2 == 0 {
                changed = Int(generator.next() % UInt64(page.count))
                page[changed] = UInt8(truncatingIfNeeded: generator.next())
            }
            for end in Set([page.count, changed, min(page.count, changed + 1), min(page.count, changed + 2), min(page.count, changed + 3)]) {
                let slice = page[..<end]
                let swift = slice.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) != nil }
                #expect(CharsetDetector.isValidUTF8(slice) == swift, "\(Array(slice))")
                if !swift { invalid += 1 }
            }
        }
        // Both kinds were met, many times.
        #expect(invalid > 1000)
    }

    /// Python's strict UTF-8 codec, a third validator, on the malformed classes.
    @Test func pythonAgreesOnTheMalformedClasses() throws {
        let hex = Self.malformed.map { $0.map { String(format: "%02x", $0) }.joined() }.joined(separator: " ")
        let script = """
            import sys
            for h in sys.argv[1:]:
                try:
                    bytes.fromhex(h).decode('utf-8'); print('valid')
                except UnicodeDecodeError:
                    print('invalid')
            """
        let output = try ProcessRunner.run("/usr/bin/python3", ["-c", script] + hex.split(separator: " ").map(String.init))
        let verdicts = String(decoding: output.stdout, as: UTF8.self).split(separator: "\n")
        #expect(verdicts.count == Self.malformed.count)
        for (sequence, verdict) in zip(Self.malformed, verdicts) {
            #expect((verdict == "valid") == CharsetDetector.isValidUTF8(sequence[...]), "\(sequence)")
        }
    }

    /// The UTF-8 check's second answer, whether the bytes can hold a ticker item, is the byte
    /// scan's (``kmaticker_may_hold_ticker_item``) on every valid page, and both are the rule the
    /// Swift table states (``TickerVocabularyTests/mayHoldItem(_:)``): pages of ASCII runs with
    /// one near miss or one trigger each (Hangul, jamo, a unit, `°`, `º`, `˚`, `&deg;`, `&#8451;`,
    /// `&#x41;`, `&#65;`), at every offset across the 16-byte blocks.
    @Test func itsItemAnswerIsTheScans() {
        let pieces: [[UInt8]] = [Array("a".utf8), Array("흐".utf8), [0xE1, 0x84, 0x92], Array("℃".utf8), Array("℉".utf8),
                                 Array("°".utf8), Array("º".utf8), Array("˚".utf8), Array("&deg;".utf8), Array("&ordm;".utf8),
                                 Array("&ring;".utf8), Array("&#8451;".utf8), Array("&#x41;".utf8), Array("&#65;".utf8),
                                 Array("&#12345678;".utf8), Array("&amp;".utf8), Array("&".utf8), Array("“é”".utf8),
                                 Array("😀".utf8), Array("\u{2103}".utf8), [0xC2, 0xA0]]
        var generator = SplitMix64(seed: 0x4954_454D)
        var both = (yes: 0, no: 0)
        for _ in 0..<4000 {
            var page = [UInt8](repeating: UInt8(ascii: "x"), count: Int(generator.next() % 40))
            for _ in 0..<Int(generator.next() % 3) { page += pieces[Int(generator.next() % UInt64(pieces.count))] }
            page += [UInt8](repeating: UInt8(ascii: "y"), count: Int(generator.next() % 40))
            page.withUnsafeBufferPointer { buffer in
                var fused: Int32 = -1
                #expect(kmaticker_utf8_check(buffer.baseAddress, buffer.count, &fused) == 1)
                let scan = kmaticker_may_hold_ticker_item(buffer.baseAddress, buffer.count)
                #expect(fused == scan, "\(Array(buffer))")
                #expect(scan == (TickerVocabularyTests.mayHoldItem(String(decoding: buffer, as: UTF8.self)) ? 1 : 0), "\(Array(buffer))")
                if scan == 1 { both.yes += 1 } else { both.no += 1 }
            }
        }
        #expect(both.yes > 1000 && both.no > 500)
    }
}
