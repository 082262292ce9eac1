import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerText

/// Pages saved as UTF-16 without a byte order mark (Notepad's "Unicode" saved by some tools,
/// `iconv -t UTF-16LE`) are read by their bytes' layout (issue 12: they were refused as
/// binary); real binary files still are not pages.
@Suite struct UTF16WithoutBOMTests {
    /// `iconv -f UTF-8 -t <charset>` of a fixture: the system's converter, which writes no BOM
    /// for an explicit byte order, not kmaticker's.
    static func reencoded(_ fixture: String, to charset: String) throws -> [UInt8] {
        let output = try ProcessRunner.run("/usr/bin/iconv", ["-f", "UTF-8", "-t", charset, Fixtures.url(fixture).path])
        #expect(output.status == 0)
        return [UInt8](output.stdout)
    }

    static func golden(_ name: String) throws -> String {
        try String(contentsOf: Fixtures.url(name), encoding: .utf8)
    }

    /// The layout check looks at a page's first 4 KB; a Korean UTF-8 page's window mostly ends
    /// inside a syllable, which is no sign of UTF-16 (and was counted as if it were).
    @Test func aCharacterCutByTheWindowIsNoEvidence() {
        let syllable: [UInt8] = Array("한".utf8)
        #expect(UTF16Layout.withoutCutCharacter((Array("ab".utf8) + syllable.prefix(2))[...]) == Array("ab".utf8)[...])
        #expect(UTF16Layout.withoutCutCharacter((Array("ab".utf8) + syllable)[...]) == (Array("ab".utf8) + syllable)[...])
        #expect(UTF16Layout.withoutCutCharacter(Array("abc".utf8)[...]) == Array("abc".utf8)[...])
        for offset in 0..<3 {
            // 4,096 bytes end after `offset` bytes of the last syllable, or on its end.
            let page = Array(String(repeating: "a", count: offset + 1).utf8) + Array(String(repeating: "한국 ", count: 1000).utf8)
            #expect(UTF16Layout.byteOrder(of: page[...]) == nil)
            #expect(UTF16Layout.withoutCutCharacter(page.prefix(UTF16Layout.sampleBytes)).count >= UTF16Layout.sampleBytes - 2)
        }
    }

    @Test(arguments: ["UTF-16LE", "UTF-16BE"])
    func seedPageGivesTheExpectedObservations(charset: String) throws {
        let bytes = try Self.reencoded(Fixtures.seedName, to: charset)
        #expect(!bytes.starts(with: [0xFF, 0xFE]) && !bytes.starts(with: [0xFE, 0xFF]))
        let page = try TickerParser(registry: .asos).parse(bytes, file: "seed-utf16.txt")
        #expect(page.charset == charset)
        #expect(SeedGoldenTests.render(page) == (try Self.golden("000_24a8cc3d9cd846fc.observations.csv")))
    }

    @Test(arguments: ["UTF-16LE", "UTF-16BE"])
    func theEvidenceSaysTheCharsetWasDetected(charset: String) throws {
        let text = try PageReader().read(try Self.reencoded(Fixtures.seedName, to: charset))
        #expect(text.charset == charset)
        #expect(text.charsetEvidence == .detectedUTF16)
        #expect(text.format == .text)
    }

    @Test func htmlPageInUTF16LEGivesItsGoldenObservations() throws {
        let bytes = try Self.reencoded("markup_li_img_alt.html", to: "UTF-16LE")
        let page = try TickerParser(registry: .asos).parse(bytes, file: "page-utf16le.html")
        #expect(page.format == .html)
        #expect(page.charset == "UTF-16LE")
        #expect(SeedGoldenTests.render(page) == (try Self.golden("markup_li_img_alt.observations.csv")))
    }

    /// A UTF-16 file has an even number of bytes; a stray last byte (a truncated copy, a tool
    /// that appended a newline byte) is dropped and said, and the rest is read.
    @Test(arguments: ["UTF-16LE", "UTF-16BE"])
    func oddByteCountIsReadAndReported(charset: String) throws {
        let bytes = try Self.reencoded(Fixtures.seedName, to: charset) + [0x0A]
        #expect(bytes.count % 2 == 1)
        let page = try TickerParser(registry: .asos).parse(bytes, file: "odd.txt")
        let seed = try TickerParser(registry: .asos).parse(try Fixtures.bytes(Fixtures.seedName), file: "odd.txt")
        #expect(page.charset == charset)
        #expect(page.observations == seed.observations)
        #expect(page.diagnostics.map(\.message) == ["the file has an odd number of bytes, which UTF-16 text cannot have: its last byte is left out"])
    }

    /// A page that begins with Hangul and no ASCII for a while has no NUL byte to go by:
    /// the Hangul syllables' high bytes (0xAC–0xD7) on every other byte tell the byte order.
    @Test(arguments: ["UTF-16LE", "UTF-16BE"])
    func koreanTextWithoutASCIIIsRecognizedByItsHangulBytes(charset: String) throws {
        let line = "기상청날씨속보흐림속초맑음서울구름많음철원비북강릉박무백령도안개"
        let text = String(repeating: line, count: 3)
        let bytes = [UInt8](try #require(text.data(using: charset == "UTF-16LE" ? .utf16LittleEndian : .utf16BigEndian)))
        #expect(!bytes.contains(0))
        let decision = CharsetDetector().decide(bytes)
        #expect(decision == CharsetDetector.Decision(charset: charset, evidence: .detectedUTF16, bomLength: 0))
        #expect(try PageReader().decode(bytes).utf8 == Array(text.utf8))
    }

    // MARK: Binary files stay binary

    static func expectBinary(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(CharsetDetector.utf16ByteOrder(of: bytes[...]) == nil, sourceLocation: sourceLocation)
        #expect(throws: PageError.binary, sourceLocation: sourceLocation) { try PageReader().read(bytes) }
    }

    @Test func pngIsBinary() {
        // Signature, then an IHDR chunk (13 bytes: 640×480, 8-bit RGBA) and an IDAT of noise.
        var generator = SplitMix64(seed: 89)
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
                            0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
                            0x00, 0x00, 0x02, 0x80, 0x00, 0x00, 0x01, 0xE0, 0x08, 0x06, 0x00, 0x00, 0x00,
                            0x35, 0xD1, 0xDC, 0xE4, 0x00, 0x00, 0x10, 0x00, 0x49, 0x44, 0x41, 0x54]
            + (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        Self.expectBinary(png)
    }

    @Test func anELFExecutableIsBinary() throws {
        // The system's own ls: a real executable, whatever the machine.
        let elf = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/bin/ls")))
        #expect(elf.starts(with: [0x7F, 0x45, 0x4C, 0x46]))
        Self.expectBinary(elf)
        Self.expectBinary(Array(elf.prefix(64)))
    }

    @Test func pdfWithABinaryStreamIsBinary() {
        var generator = SplitMix64(seed: 25)
        let pdf = Array("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n1 0 obj\n<< /Length 4096 /Filter /FlateDecode >>\nstream\n".utf8)
            + (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) } + [0, 0]
        Self.expectBinary(pdf)
    }

    @Test func randomBytesWithNULsAreBinary() {
        var generator = SplitMix64(seed: 12)
        for length in [64, 65, 512, 4096, 10_000] {
            for _ in 0..<100 {
                var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                bytes[Int.random(in: 0..<length, using: &generator)] = 0
                Self.expectBinary(bytes)
            }
        }
    }

    @Test func gzipOfNoiseIsBinary() throws {
        var generator = SplitMix64(seed: 1952)
        let directory = try TemporaryDirectory()
        let noise = try directory.write("noise", bytes: (0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) } + [0])
        let compressed = [UInt8](try gzipped(URL(fileURLWithPath: noise)))
        #expect(throws: PageError.binary) { try PageReader().read(compressed) }
    }

    // MARK: Property

    /// Random texts of ASCII (with line breaks) and Hangul syllables, written as UTF-16 in
    /// either byte order without a BOM, are detected in that order and decode to themselves.
    /// Texts of Hangul alone are given at least 40 syllables: a handful of syllables without
    /// a NUL byte can also be valid CP949, and then CP949 is a fair reading.
    @Test func randomASCIIAndHangulTextsRoundTrip() throws {
        var generator = SplitMix64(seed: 2025_08_18)
        let ascii = (0x20...0x7E).map { Character(UnicodeScalar($0)!) } + ["\n", "\n", "\t"]
        func hangul() -> Character { Character(UnicodeScalar(UInt32.random(in: 0xAC00...0xD7A3, using: &generator))!) }
        for round in 0..<600 {
            let text: String
            switch round % 3 {
            case 0:  // mostly Hangul, some ASCII
                let count = Int.random(in: 1...300, using: &generator)
                text = String((0..<count).map { _ in Int.random(in: 0..<5, using: &generator) == 0 ? ascii.randomElement(using: &generator)! : hangul() }) + "a"
            case 1:  // mostly ASCII
                let count = Int.random(in: 1...300, using: &generator)
                text = String((0..<count).map { _ in Int.random(in: 0..<5, using: &generator) == 0 ? hangul() : ascii.randomElement(using: &generator)! }) + "x"
            default:  // Hangul only
                text = String((0..<Int.random(in: 40...300, using: &generator)).map { _ in hangul() })
            }
            for (charset, encoding) in [("UTF-16LE", String.Encoding.utf16LittleEndian), ("UTF-16BE", .utf16BigEndian)] {
                let bytes = [UInt8](try #require(text.data(using: encoding)))
                let decision = CharsetDetector().decide(bytes)
                #expect(decision == CharsetDetector.Decision(charset: charset, evidence: .detectedUTF16, bomLength: 0),
                        "round \(round), \(charset): \(text.debugDescription)")
                #expect(try PageReader().decode(bytes).utf8 == Array(text.utf8), "round \(round), \(charset)")
            }
        }
    }

    /// Text in UTF-8 and CP949 (no NUL bytes, Hangul lead bytes in 0xB0–0xC8) is not taken for
    /// UTF-16.
    @Test func utf8AndCP949PagesAreNotTakenForUTF16() throws {
        let seed = try Fixtures.bytes(Fixtures.seedName)
        #expect(CharsetDetector.utf16ByteOrder(of: seed[...]) == nil)
        let euckr = try Fixtures.bytes("markup_div_spans_euckr.html")
        #expect(CharsetDetector.utf16ByteOrder(of: euckr[...]) == nil)
        let cp949Text = [UInt8](try #require(String(decoding: seed, as: UTF8.self).data(using: .init(rawValue: 0x8000_0422), allowLossyConversion: true)))
        #expect(CharsetDetector.utf16ByteOrder(of: cp949Text[...]) == nil)
        #expect(try PageReader().read(cp949Text).charset == "CP949")
    }
}
