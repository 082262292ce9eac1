import CByteSearch
import Foundation
import Glibc
import Testing
import KMATickerInput
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerText

/// One table of units, their forms and the words' script for Swift and C (``TickerVocabulary``):
/// the C scans' header is written from it, and every character the tokenizer reads as part of an
/// item passes the C scans that pass over pages, in UTF-8 and in CP949. A unit added to the
/// table and not to C (the header not written again) fails here, instead of archive pages
/// skipping as "no ticker" without a word.
@Suite struct TickerVocabularyTests {
    // MARK: The header

    /// `Sources/CByteSearch/ticker_vocabulary.h` is what the table gives. With
    /// `KMATICKER_WRITE_VOCABULARY_HEADER=1` (`dev/fixtures/generate-ticker-vocabulary`) it is written.
    @Test func headerIsWhatTheTableGives() throws {
        let text = TickerVocabularyHeader.text()
        if ProcessInfo.processInfo.environment["KMATICKER_WRITE_VOCABULARY_HEADER"] == "1" {
            try text.write(to: TickerVocabularyHeader.url, atomically: true, encoding: .utf8)
        }
        let onDisk = try String(contentsOf: TickerVocabularyHeader.url, encoding: .utf8)
        #expect(onDisk == text, "ticker_vocabulary.h is not what TickerVocabulary gives: run dev/fixtures/generate-ticker-vocabulary")
    }

    /// What the C side takes for granted of the table: every sign and word scalar is above
    /// ASCII (the scans pass over plain ASCII blocks, and take any numeric reference above
    /// U+007F), and every word the tokenizer knows is written in the word scalars.
    @Test func tableHoldsWhatTheScansTakeForGranted() {
        let signs = TickerVocabulary.units.map(\.sign) + TickerVocabulary.printedForms.map(\.printed)
        #expect(signs.allSatisfy { $0.value > 0x7F })
        #expect(TickerVocabulary.wordScalars.lowerBound > 0x7F && TickerVocabulary.composingIntoWords.lowerBound > 0x7F)
        let words = ConditionVocabulary.knownWords.filter { $0 != ConditionVocabulary.noObservation }
            + (StationRegistry.asos.printedNames + StationRegistry.asos.namesWithoutSiGun).map(\.name) + ["영하", "영상"]
        for word in words {
            #expect(word.unicodeScalars.first.map { TickerVocabulary.wordScalars.contains($0.value) } ?? false, "\(word)")
        }
        for unit in TickerVocabulary.units where unit.isSyllable {
            #expect(TickerVocabulary.wordScalars.contains(unit.sign.value), "\(unit.sign)")
        }
        // The references the tokenizer decodes and the names the scans know stand for signs or forms.
        for reference in TickerVocabulary.references where reference.scalar != " " {
            #expect(TickerVocabulary.unit(reference.scalar) != nil, "\(reference.spelling)")
        }
        for named in TickerVocabulary.namedReferences {
            #expect(signs.contains(named.scalar), "&\(named.name);")
        }
    }

    // MARK: Every item character through the C scans

    /// Every sample the tokenizer reads a token from, one per unit, degree letter, printed
    /// form, reference (as a text capture holds it), condition word and station name, and the
    /// token kind it gives.
    static var samples: [(text: String, what: String)] {
        var samples: [(String, String)] = []
        for unit in TickerVocabulary.units {
            samples.append(("29.3\(unit.sign)", "unit \(unit.sign)"))
            if unit.meaning == .degree {
                for letter in TickerVocabulary.degreeLetters { samples.append(("29.3\(unit.sign)\(letter.letter)", "unit \(unit.sign)\(letter.letter)")) }
            }
        }
        for form in TickerVocabulary.printedForms {
            let text = TickerVocabulary.unit(form.folded) != nil ? "29.3\(form.printed)" : "29.3°\(form.printed)"
            samples.append((text, "printed form \(form.printed)"))
        }
        for reference in TickerVocabulary.references where reference.scalar != " " {
            samples.append(("29.3\(reference.spelling)", "reference \(reference.spelling)"))
        }
        samples.append(("영하 3.2도", "영하"))
        for word in ConditionVocabulary.knownWords where word != ConditionVocabulary.noObservation {
            samples.append((word, "condition \(word)"))
        }
        for (name, _) in StationRegistry.asos.printedNames + StationRegistry.asos.namesWithoutSiGun {
            samples.append((name, "station \(name)"))
        }
        return samples
    }

    /// The tokens the tokenizer reads in `text` (a text capture's line).
    static func tokens(in text: String, tokenizer: TickerTokenizer) -> [TickerToken] {
        TokenizedPage(lines: [PageLine(text: text, number: 1)], tokenizer: tokenizer).pieces.compactMap { piece in
            if case .token(let token) = piece.kind, token != .noCondition { return token }
            return nil
        }
    }

    /// `text` in CP949 (glibc's iconv); `nil` when it has a character CP949 lacks.
    static func cp949(_ text: String) -> [UInt8]? {
        guard let converter = iconv_open("CP949", "UTF-8"), converter != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let outputCount = output.count
        let status = input.withUnsafeMutableBytes { inBuffer in
            output.withUnsafeMutableBytes { outBuffer -> Int in
                var inPointer = inBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPointer = outBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count, outLeft = outBuffer.count
                let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return status == -1 ? -1 : outputCount - outLeft
            }
        }
        return status < 0 ? nil : Array(output.prefix(status))
    }

    /// Each sample, alone among ASCII at every alignment of the scans' blocks, in UTF-8 and in
    /// CP949: both C scans (the UTF-8 check's and the converted page's) say it may hold an item,
    /// and so does the parser's first test of the pages it skips (alone with `namesNotTickers`;
    /// the second, TickerEvidenceScanTests, wants a station's name too).
    @Test func everyItemCharacterTheTokenizerReadsPassesTheScans() throws {
        let tokenizer = TickerTokenizer(registry: .asos)
        var inCP949 = 0
        for (text, what) in Self.samples {
            // The sample is one the tokenizer reads (so the C scans are held to Swift's reading).
            #expect(!Self.tokens(in: text, tokenizer: tokenizer).isEmpty, "the tokenizer reads nothing in \(what)")
            for padding in [0, 15, 31] {
                let page = String(repeating: "a", count: padding) + " " + text + " " + String(repeating: "z", count: 40)
                let utf8 = Array(page.utf8)
                utf8.withUnsafeBufferPointer { buffer in
                    var fused: Int32 = -1
                    #expect(kmaticker_utf8_check(buffer.baseAddress, buffer.count, &fused) == 1 && fused == 1, "UTF-8 check: \(what)")
                    #expect(kmaticker_may_hold_ticker_item(buffer.baseAddress, buffer.count) == 1, "item scan: \(what)")
                }
                let parser = TickerParser(registry: .asos, namesNotTickers: true)
                let prepared = try parser.prepare(CapturedPage(bytes: utf8, origin: PageOrigin(path: "p"), mayLackTicker: true))
                #expect(!prepared.cannotHoldTicker, "UTF-8 page: \(what)")
                guard let cp949 = Self.cp949(page) else { continue }
                inCP949 += 1
                let decoded = try PageReader().decode(cp949, declaredCharset: "CP949")
                #expect(decoded.mayHoldTickerItem, "CP949 page: \(what)")
                let hinted = CapturedPage(bytes: cp949, origin: PageOrigin(path: "p"), hints: CaptureHints(charset: "CP949"), mayLackTicker: true)
                #expect(try !parser.prepare(hinted).cannotHoldTicker, "CP949 page: \(what)")
            }
        }
        // CP949 has every sign but ℉'s... whichever: most samples, and every word, were read in it.
        #expect(inCP949 > Self.samples.count * 3 * 9 / 10)
    }

    /// HTML's named references to a sign pass the item scan, as the HTML page holds them.
    @Test func namedReferencesPassTheScans() {
        for named in TickerVocabulary.namedReferences {
            for spelling in ["&\(named.name);", "&\(named.name)"] {
                let page = Array("<p>temperature 29.3\(spelling)</p>".utf8)
                page.withUnsafeBufferPointer { buffer in
                    var fused: Int32 = -1
                    #expect(kmaticker_utf8_check(buffer.baseAddress, buffer.count, &fused) == 1 && fused == 1, "\(spelling)")
                    #expect(kmaticker_may_hold_ticker_item(buffer.baseAddress, buffer.count) == 1, "\(spelling)")
                }
            }
        }
    }

    // MARK: The region markers

    /// The C unit scan finds exactly the spellings of the tokenizer's units the table says mark
    /// regions, and none of the others (each of which the tokenizer reads as a unit too).
    @Test func unitScanFindsExactlyTheTablesMarkers() {
        let tokenizer = TickerTokenizer(registry: .asos)
        var spellings: [(spelling: String, marks: Bool)] = TickerVocabulary.units.map { (String($0.sign), $0.marksRegions) }
        spellings += TickerVocabulary.printedForms.filter { TickerVocabulary.unit($0.folded) != nil }.map { (String($0.printed), false) }
        spellings += TickerVocabulary.references.filter { $0.scalar != " " }.map { ($0.spelling, $0.marksRegions) }
        for (spelling, marks) in spellings {
            let tokens = Self.tokens(in: "29.3\(spelling)", tokenizer: tokenizer)
            #expect(tokens.contains { if case .celsius = $0 { return true }; if case .foreignUnit = $0 { return true }; return false },
                    "the tokenizer reads no unit in 29.3\(spelling)")
            for padding in [0, 14, 30] {
                let prefix = String(repeating: "a", count: padding) + " 29.3"
                let bytes = Array((prefix + spelling + " " + String(repeating: "z", count: 20)).utf8)
                let starts = bytes.withUnsafeBufferPointer { PageRegions.unitStarts(in: $0) }
                #expect(starts == (marks ? [prefix.utf8.count] : []), "\(spelling): \(starts)")
            }
        }
        #expect(TickerVocabularyHeader.regionMarkers.map(\.spelling) == spellings.filter(\.marks).map(\.spelling))
    }

    // MARK: Random lines: the C scans against the Swift tokenizer

    /// The C item scan's rule, in Swift from the table: a word scalar or one composing into one,
    /// a unit's sign or printed form, or a reference that may stand for one (a name of
    /// ``TickerVocabulary/namedReferences``, or a number above U+007F; as C reads them, without
    /// their `;`). Exact on text without the other scalars of the words' lead bytes (U+A000…,
    /// U+D7A4…), which the C scan takes too.
    static func mayHoldItem(_ text: String) -> Bool {
        let signs = Set(TickerVocabulary.units.map(\.sign) + TickerVocabulary.printedForms.filter { TickerVocabulary.unit($0.folded) != nil }.map(\.printed))
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if TickerVocabulary.wordScalars.contains(scalar.value) || TickerVocabulary.composingIntoWords.contains(scalar.value)
                || signs.contains(scalar) { return true }
            guard scalar == "&" else { continue }
            let rest = String(String.UnicodeScalarView(scalars[(index + 1)...]))
            if TickerVocabulary.namedReferences.contains(where: { rest.hasPrefix($0.name) }) { return true }
            guard rest.hasPrefix("#") else { continue }
            var digits = rest.dropFirst()
            let hex = digits.first == "x" || digits.first == "X"
            if hex { digits = digits.dropFirst() }
            // ASCII digits only (Swift's `isHexDigit` takes full-width ones too; C does not).
            let number = digits.prefix(8).prefix { $0.isASCII && (hex ? $0.isHexDigit : $0.isNumber) }
            if !number.isEmpty, number.count == 8 || (UInt64(number, radix: hex ? 16 : 10) ?? 0) > 0x7F { return true }
        }
        return false
    }

    /// Random lines of ASCII, item characters, their near misses and references: both C scans
    /// give the Swift rule's answer, and whenever the tokenizer reads a token (a unit, a
    /// condition, a station) from the line, the scans say it may hold an item.
    @Test func scansAgreeWithTheSwiftReadingOnRandomLines() {
        let tokenizer = TickerTokenizer(registry: .asos)
        var pieces = ["a", "x 1", " ", "29.3", "-", "&amp;", "&", "&#65;", "&#x41;", "&#12345678;", "&#xFFFF", "“é”", "😀", "\u{A0}",
                      "→", "·", "ㄷ", "\u{2102}", "\u{2109}\u{200B}", "℃", "&#8451", "&de", "&or", "&#x2103;"]
        pieces += TickerVocabulary.units.map { String($0.sign) } + TickerVocabulary.printedForms.map { String($0.printed) }
        pieces += TickerVocabulary.references.map(\.spelling) + TickerVocabulary.namedReferences.map { "&\($0.name);" }
        pieces += ["맑음", "비", "서울", "영하", "\u{1100}\u{1161}", "도"]
        var generator = SplitMix64(seed: 0x564F_4341)
        var both = (yes: 0, no: 0), tokenized = 0
        for _ in 0..<4000 {
            var line = String(repeating: "x", count: Int(generator.next() % 40))
            // Most lines hold one piece, so that lines without any item character are many.
            for _ in 0..<(generator.next() % 4 == 0 ? 2 : 1) { line += pieces[Int(generator.next() % UInt64(pieces.count))] }
            line += String(repeating: "y", count: Int(generator.next() % 40))
            let expected = Self.mayHoldItem(line)
            let reads = !Self.tokens(in: line, tokenizer: tokenizer).filter { if case .bareNumber = $0 { return false }; return true }.isEmpty
            Array(line.utf8).withUnsafeBufferPointer { buffer in
                var fused: Int32 = -1
                #expect(kmaticker_utf8_check(buffer.baseAddress, buffer.count, &fused) == 1)
                let scan = kmaticker_may_hold_ticker_item(buffer.baseAddress, buffer.count)
                #expect(scan == (expected ? 1 : 0) && fused == scan, "\(line)")
                if reads {
                    tokenized += 1
                    #expect(scan == 1, "the tokenizer reads an item's part in '\(line)', the scan passes it over")
                }
                if scan == 1 { both.yes += 1 } else { both.no += 1 }
            }
        }
        #expect(both.yes > 1000 && both.no > 500 && tokenized > 200, "\(both), \(tokenized) lines read")
    }
}
