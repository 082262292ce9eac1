import Foundation
import Testing
@testable import KMATickerModel

/// What the library targets use instead of full Foundation's string API (which links ICU),
/// compared with Foundation itself, which the tests still import.
@Suite struct FoundationFreeTextTests {
    @Test func trimmingTakesFoundationsWhiteSpaceAndNewlines() {
        var differences: [String] = []
        for value in 0...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            if text.trimmingWhitespace().isEmpty != CharacterSet.whitespaces.contains(scalar) {
                differences.append("whitespaces U+" + String(value, radix: 16))
            }
            if text.trimmingWhitespaceAndNewlines().isEmpty != CharacterSet.whitespacesAndNewlines.contains(scalar) {
                differences.append("whitespacesAndNewlines U+" + String(value, radix: 16))
            }
        }
        #expect(differences.isEmpty)
        for text in ["", " ", "\t 대전 \u{3000}", " \u{301}a b\u{200B}", "a\r\n", "\u{2028}x\u{85}", "x"] {
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
            #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    @Test func cFormatIsStringFormat() {
        var generator = SplitMix64(seed: 0x464D_54)
        var values: [Double] = [0, -0.0, 0.05, 0.15, 0.25, 0.35, -0.05, 9.95, 99.95, 1e20, 1e-7, .nan, .infinity, -.infinity]
        for _ in 0..<2000 { values.append(Double(Int64(bitPattern: generator.next()) % 2_000_000) / 1000) }
        for value in values {
            #expect(String(cFormat: "%.1f", value) == String(format: "%.1f", value), "\(value)")
            #expect(String(cFormat: "%.0f", value) == String(format: "%.0f", value))
            #expect(String(cFormat: "%.1f of %.0f points", value, 7.0) == String(format: "%.1f of %.0f points", value, 7.0))
        }
        for (h, m, s) in [(0, 0, 5), (1, 2, 3), (12, 34, 56), (123, 0, 9)] {
            #expect(String(cFormat: "%d:%02d:%02d", h, m, s) == String(format: "%d:%02d:%02d", h, m, s))
            #expect(String(cFormat: "%d:%02d", m, s) == String(format: "%d:%02d", m, s))
            #expect(String(cFormat: "%02d", s) == String(format: "%02d", s))
        }
        let long = String(repeating: "대전 ", count: 100) + "%d"
        #expect(String(cFormat: long, 7) == String(format: long, 7))
    }

    @Test func pathComponentsAreNSStrings() {
        for path in ["", "/", "/a", "/a/", "a/b", "a//b", "a/b/", "a/b//", "/a/b.sqlite", "//a//b//", "//a", "./x", "../x/y",
                     "..", "/..", "a/./b", "store.sqlite", "대전/관측.sqlite", "a/\u{301}b", "a/b\u{301}/"] {
            #expect(PathComponents.last(of: path) == (path as NSString).lastPathComponent, "\(path)")
            #expect(PathComponents.deletingLast(of: path) == (path as NSString).deletingLastPathComponent, "\(path)")
        }
        // Where Foundation traps (`export --out x` ended with SIGILL) or takes `//` for nothing.
        for path in ["x", ".", "x/", "x//"] {
            #expect(PathComponents.last(of: path) == (path as NSString).lastPathComponent, "\(path)")
            #expect(PathComponents.deletingLast(of: path) == "")
        }
        #expect(PathComponents.last(of: "//") == "/")
        #expect(PathComponents.deletingLast(of: "//") == "/")
    }

    @Test func replacingEveryScalar() {
        for text in ["", "a", "\"", "a\"b\"\"c", "대전 \"맑음\"", "<&>\"", "2025-08-18T10:40"] {
            for (target, replacement) in [("\"", "\"\""), ("&", "&amp;"), ("<", "&lt;"), ("T", " "), (" ", "T")] {
                #expect(text.replacingEvery(Unicode.Scalar(target)!, with: replacement)
                        == text.replacingOccurrences(of: target, with: replacement))
            }
        }
        // Where they part: Foundation leaves a quote that a combining mark follows, and the
        // quoted field would end there.
        #expect("a\"\u{301}b".replacingEvery("\"", with: "\"\"").utf8.elementsEqual("a\"\"\u{301}b".utf8))
        #expect("a\"\u{301}b".replacingOccurrences(of: "\"", with: "\"\"").utf8.elementsEqual("a\"\u{301}b".utf8))
    }

    @Test func nfcIsFoundationsOnHangul() {
        // Every syllable, decomposed (L V, L V T), composes back to itself.
        for value in UInt32(0xAC00)...0xD7A3 {
            let syllable = String(Unicode.Scalar(value)!)
            let decomposed = syllable.decomposedStringWithCanonicalMapping
            #expect(HangulNormalization.nfc(decomposed).utf8.elementsEqual(syllable.utf8))
        }
        // Random mixes of jamo, syllables, combining marks and characters that decompose.
        let pool: [UInt32] = [0x41, 0x61, 0x1100, 0x1112, 0x1161, 0x1175, 0x11A8, 0x11C2, 0xA960, 0xD7B0, 0xD7CB, 0x3131,
                              0xAC00, 0xB300, 0xC804, 0x0300, 0x0301, 0x0308, 0x0323, 0x0327, 0x0344, 0x0345, 0x05B0,
                              0x0958, 0x0F71, 0x0F72, 0x1E0A, 0x1FBE, 0x2126, 0x212B, 0xF900, 0x3099, 0x304B]
        var generator = SplitMix64(seed: 0x4E46_43)
        var differences: [String] = []
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                text.unicodeScalars.append(Unicode.Scalar(pool.randomElement(using: &generator)!)!)
            }
            // Where Foundation's is not NFC (below), the two part by design.
            let trailingJamoAfterSyllable = zip(text.unicodeScalars, text.unicodeScalars.dropFirst()).contains {
                (0xAC00...0xD7A3).contains($0.value) && (0x11A8...0x11C2).contains($1.value)
            }
            if trailingJamoAfterSyllable { continue }
            let ours = HangulNormalization.nfc(text), foundations = text.precomposedStringWithCanonicalMapping
            if HangulNormalization.needsComposition(text), !ours.utf8.elementsEqual(foundations.utf8) {
                differences.append(text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            }
        }
        #expect(differences.isEmpty)
    }

    /// Foundation's composition on Linux is not NFC in two places, where the standard library's is.
    @Test func nfcWhereFoundationIsNot() {
        // 가 + ᆮ is 갇 (Unicode's LV + T composition); Foundation leaves them apart.
        #expect(HangulNormalization.nfc("\u{AC00}\u{11AE}") == "\u{AC07}")
        #expect(Array(HangulNormalization.nfc("\u{AC00}\u{11AE}").unicodeScalars) == ["\u{AC07}"])
        // U+11A7 is no trailing consonant: it stays; Foundation drops it.
        #expect(Array(HangulNormalization.nfc("\u{1100}\u{1161}\u{11A7}").unicodeScalars) == ["\u{AC00}", "\u{11A7}"])
    }
}
