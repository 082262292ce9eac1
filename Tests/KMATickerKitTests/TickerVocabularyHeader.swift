import Foundation
@testable import KMATickerParsing

/// Writes `Sources/CByteSearch/ticker_vocabulary.h` from ``TickerVocabulary``: the C scans'
/// byte tests for an item's characters and for the region markers, as macros the compiler
/// inlines where the hand-written tests stood. `dev/fixtures/generate-ticker-vocabulary` writes the
/// file (`TickerVocabularyTests`, with `KMATICKER_WRITE_VOCABULARY_HEADER=1`); the test fails when it
/// differs.
enum TickerVocabularyHeader {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/CByteSearch/ticker_vocabulary.h")

    /// A byte sequence to match, each position a range of bytes.
    typealias Pattern = [ClosedRange<UInt8>]

    /// The UTF-8 leading bytes of a range of scalars: every scalar of the range matches (and,
    /// where the range spans several lead bytes, the rest of those lead bytes do too).
    static func leadingBytes(of scalars: ClosedRange<UInt32>) -> Pattern {
        let low = Array(String(Unicode.Scalar(scalars.lowerBound)!).utf8)
        let high = Array(String(Unicode.Scalar(scalars.upperBound)!).utf8)
        precondition(low.count == high.count, "a range of one UTF-8 length")
        // The first position where the two differ ends the pattern.
        var pattern: Pattern = []
        for (a, b) in zip(low, high) {
            pattern.append(a...b)
            if a != b { break }
        }
        return pattern
    }

    static func utf8(_ scalar: Unicode.Scalar) -> Pattern { String(scalar).utf8.map { $0...$0 } }

    /// What may start an item's character: the word scalars and what composes into them, by
    /// leading bytes; every unit's sign and printed form outside them, whole.
    static var itemCharacters: (patterns: [Pattern], said: [String]) {
        let words = [TickerVocabulary.wordScalars, TickerVocabulary.composingIntoWords]
        func isWord(_ scalar: Unicode.Scalar) -> Bool { words.contains { $0.contains(scalar.value) } }
        let signs = TickerVocabulary.units.map(\.sign) + TickerVocabulary.printedForms.map(\.printed)
            .filter { scalar in TickerVocabulary.units.contains { $0.sign == TickerVocabulary.folded(scalar) } }
        let outside = signs.filter { !isWord($0) }
        return (words.map(leadingBytes(of:)) + outside.map(utf8),
                words.map { String(format: "U+%04X...U+%04X", $0.lowerBound, $0.upperBound) } + outside.map { String($0) })
    }

    /// The region markers, as the page's bytes hold them.
    static var regionMarkers: [(spelling: String, bytes: [UInt8])] {
        TickerVocabulary.units.filter(\.marksRegions).map { (String($0.sign), Array(String($0.sign).utf8)) }
            + TickerVocabulary.references.filter(\.marksRegions).map { ($0.spelling, Array($0.spelling.utf8)) }
    }

    /// A byte as C source: a character literal for printable ASCII, hex for the rest.
    static func hex(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) && byte != UInt8(ascii: "'") && byte != UInt8(ascii: "\\")
            ? "'\(Character(Unicode.Scalar(byte)))'" : String(format: "0x%02X", byte)
    }

    /// `(p)[depth]` in `range`.
    static func test(_ range: ClosedRange<UInt8>, at depth: Int) -> String {
        range.count == 1 ? "(p)[\(depth)] == \(hex(range.lowerBound))"
            : "(p)[\(depth)] >= \(hex(range.lowerBound)) && (p)[\(depth)] <= \(hex(range.upperBound))"
    }

    /// A C expression true where one of `patterns` matches at `p` (`left` bytes there, at least
    /// one): patterns sharing a leading byte are tested under one test of it, and `left` once,
    /// before the first byte past the one it is known to cover.
    static func expression(_ patterns: [Pattern], depth: Int = 0, checked: Int = 1) -> String {
        terms(patterns, depth: depth, checked: checked).joined(separator: " || ")
    }

    /// The terms of ``expression(_:depth:checked:)``, one per leading byte (or range of them);
    /// those with `&&` in parentheses (as clang asks inside `||`).
    static func terms(_ patterns: [Pattern], depth: Int = 0, checked: Int = 1) -> [String] {
        var groups: [(range: ClosedRange<UInt8>, patterns: [Pattern])] = []
        for pattern in patterns {
            if let index = groups.firstIndex(where: { $0.range == pattern[depth] }) {
                groups[index].patterns.append(pattern)
            } else {
                groups.append((pattern[depth], [pattern]))
            }
        }
        groups.sort { $0.range.lowerBound < $1.range.lowerBound }
        let alternatives = groups.map { group -> String in
            let here = test(group.range, at: depth)
            // A pattern that ends here matches whatever follows.
            guard group.patterns.allSatisfy({ $0.count > depth + 1 }) else { return here }
            var conditions = [here]
            var known = checked
            let longest = group.patterns.map(\.count).max()!
            if known < longest {
                // Every pattern of the group as long: one test of `left`; else the next byte's.
                known = group.patterns.allSatisfy { $0.count == longest } ? longest : depth + 2
                conditions.append("(left) >= \(known)")
            }
            let rest = terms(group.patterns, depth: depth + 1, checked: known)
            conditions.append(rest.count > 1 ? "(\(rest.joined(separator: " || ")))" : rest[0])
            return conditions.joined(separator: " && ")
        }
        return alternatives.map { $0.contains(" && ") ? "(\($0))" : $0 }
    }

    /// The header, as `dev/fixtures/generate-ticker-vocabulary` writes it.
    static func text() -> String {
        let items = itemCharacters
        let names = TickerVocabulary.namedReferences.map(\.name)
        let markers = regionMarkers
        let firstBytes = Array(Set(markers.map { $0.bytes[0] })).sorted()
        // Longest first, so that a marker another starts with could never hide it.
        let markerLength = markers.sorted { $0.bytes.count > $1.bytes.count }.map { marker -> String in
            let pattern = marker.bytes.map { $0...$0 }
            let rest = marker.bytes.count > 1 ? " && (left) >= \(marker.bytes.count)"
                + marker.bytes.indices.dropFirst().map { " && (p)[\($0)] == \(hex(marker.bytes[$0]))" }.joined() : ""
            return "(\(test(pattern[0], at: 0))\(rest)) ? \(marker.bytes.count) : \\"
        }
        func balancedOr(_ terms: [String]) -> String {
            terms.count == 1 ? terms[0]
                : "_mm_or_si128(\(balancedOr(Array(terms[..<(terms.count / 2)]))), \(balancedOr(Array(terms[(terms.count / 2)...]))))"
        }
        let sse2 = balancedOr(firstBytes.map { "_mm_cmpeq_epi8((v), _mm_set1_epi8((char)\(hex($0))))" })
        return """
            /* Generated from TickerVocabulary (Sources/KMATickerParsing/Ticker/TickerVocabulary.swift) by
               dev/fixtures/generate-ticker-vocabulary: edit the table, not this file. TickerVocabularyTests
               fails when this file is not what the table gives. */
            #ifndef KMATICKER_TICKER_VOCABULARY_H
            #define KMATICKER_TICKER_VOCABULARY_H

            /* Whether a character a ticker item needs may start at `p` (`left` >= 1 bytes of UTF-8):
               a word's scalar or one composing into one, by leading bytes, or a unit's sign or printed
               form: \(items.said.joined(separator: " ")). */
            #define KMATICKER_ITEM_CHARACTER_AT(p, left) ( \\
                \(terms(items.patterns).joined(separator: " || \\\n    ")))

            /* Whether the name after a `&` (`rest`, `left` bytes) is HTML's for a unit's sign or form:
               \(names.joined(separator: " ")). */
            #define KMATICKER_UNIT_REFERENCE_NAME_AT(rest, left) ( \\
                \(names.map { "((left) >= \($0.utf8.count) && memcmp((rest), \"\($0)\", \($0.utf8.count)) == 0)" }.joined(separator: " || \\\n    ")))

            /* The length of the region marker at `p` (`left` >= 1 bytes), or 0: \(markers.map(\.spelling).joined(separator: " ")). */
            #define KMATICKER_REGION_MARKER_LENGTH_AT(p, left) ( \\
                \(markerLength.joined(separator: "\n    "))
                0)

            /* Whether a byte may start a region marker, and the same for 16 bytes at once (SSE2). */
            #define KMATICKER_REGION_MARKER_FIRST_BYTE(b) (\(firstBytes.map { "(b) == \(hex($0))" }.joined(separator: " || ")))
            #define KMATICKER_REGION_MARKER_FIRST_BYTES_SSE2(v) \\
                \(sse2)

            #endif

            """
    }
}
