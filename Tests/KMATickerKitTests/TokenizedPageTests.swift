import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerText

/// A page's lines are folded and tokenized into one array of scalars and one of pieces
/// (``TokenizedPage``), and a reader fills the same arrays page after page. Each line must read
/// exactly as it reads alone: the same pieces, the same printed text and file line for each.
@Suite struct TokenizedPageTests {
    let tokenizer = TickerTokenizer(registry: .asos)

    /// Lines that fold (full-width digits, `&deg;`, a zero-width space, a no-break space)
    /// between lines that do not, so that each line's printed offsets are its own.
    static let foldingLines: [PageLine] = [
        PageLine(text: "흐림속초27.8℃ 비북강릉29.0℃", number: 1),
        PageLine(text: "맑음서\u{200B}울 ３１．５℃", number: 2),
        PageLine(text: "구름많음대전 28&deg;C | 흐림26.8℃", number: 3),
        .regionBreak,
        PageLine(text: "오늘의 날씨\u{00A0}광고", number: 7),
        PageLine(text: "-동두천 －2.3℃ 영하 3도", number: 8, lineChanges: [PageLine.LineChange(scalarOffset: 5, line: 9)]),
        PageLine(text: "", number: 10),
        PageLine(text: "구름조금북창원", number: 11),
    ]

    /// What each line reads as alone: its pieces, and each piece's printed text and file line.
    func readAlone(_ line: PageLine) -> [String] {
        describe(TokenizedPage(lines: [line], tokenizer: tokenizer).lines[0])
    }

    func describe(_ line: TokenizedLine) -> [String] {
        line.pieces.map { piece in
            "\(piece.kind) \(piece.range) \(piece.spaceBefore) \(piece.spaceAfter) '\(line.text.printedText(piece.range))' \(line.text.fileLine(at: piece.range.lowerBound))"
        }
    }

    /// The lines of the seed, the form fixtures and the real weather articles.
    static func fixtureLines() throws -> [[PageLine]] {
        var pages: [[PageLine]] = [try PageReader().read(try Fixtures.bytes(Fixtures.seedName)).lines]
        let forms = try FileManager.default.contentsOfDirectory(atPath: Fixtures.url("forms").path).filter { $0.hasSuffix(".html") }
        let prose = try FileManager.default.contentsOfDirectory(atPath: Fixtures.url("prose").path).filter { $0.hasSuffix(".txt") }
        for name in forms.sorted() { pages.append(try PageReader().read(try Fixtures.bytes("forms/" + name)).lines) }
        for name in prose.sorted() { pages.append(try PageReader().read(try Fixtures.bytes("prose/" + name)).lines) }
        return pages
    }

    @Test func foldedLinesReadAsTheyReadAlone() {
        let page = TokenizedPage(lines: Self.foldingLines, tokenizer: tokenizer)
        #expect(page.lines.count == Self.foldingLines.count)
        for (index, line) in page.lines.enumerated() {
            #expect(line.isRegionBreak == (Self.foldingLines[index] == .regionBreak))
            guard !line.isRegionBreak else { continue }
            #expect(describe(line) == readAlone(Self.foldingLines[index]), "line \(index)")
        }
    }

    /// Written from the lines above, not from the tokenizer: the folded `３１．５℃`, `28&deg;C`
    /// and `－2.3℃` are read as temperatures and reported as printed, on their own file lines.
    @Test func foldedTemperaturesKeepTheirPrintedText() throws {
        let lines = TokenizedPage(lines: Self.foldingLines, tokenizer: tokenizer).lines
        func temperatures(_ line: TokenizedLine) -> [(Double?, String, Int)] {
            line.pieces.compactMap { piece in
                guard case .token(.celsius(let value)) = piece.kind else { return nil }
                return (value, line.text.printedText(piece.range), line.text.fileLine(at: piece.range.lowerBound))
            }
        }
        let seoul = temperatures(lines[1])
        #expect(seoul.map(\.0) == [31.5] && seoul.map(\.1) == ["３１．５℃"] && seoul.map(\.2) == [2])
        let daejeon = temperatures(lines[2])
        #expect(daejeon.map(\.0) == [28, 26.8] && daejeon.map(\.1) == ["28&deg;C", "26.8℃"])
        let dongducheon = temperatures(lines[5])
        #expect(dongducheon.map(\.0) == [-2.3, -3] && dongducheon.map(\.1) == ["－2.3℃", "영하 3도"] && dongducheon.map(\.2) == [9, 9])
        #expect(lines[5].pieces.first.map { lines[5].text.fileLine(at: $0.range.lowerBound) } == 8)  // `-동두천`
        #expect(lines[1].pieces.contains { $0.token == .station(id: 108, printed: "서울") })
        #expect(lines[6].pieces.isEmpty)
    }

    @Test func fixturePagesReadLineByLineAsAlone() throws {
        var lineCount = 0
        for lines in try Self.fixtureLines() {
            let page = TokenizedPage(lines: lines, tokenizer: tokenizer)
            for (index, line) in page.lines.enumerated() where !line.isRegionBreak {
                #expect(describe(line) == readAlone(lines[index]))
                lineCount += 1
            }
        }
        #expect(lineCount > 1000)
    }

    /// A reader's arrays, filled by a long page and then a short one (and back), leave nothing
    /// of one page in the next.
    @Test func reusedArraysLeaveNothingOfTheLastPage() throws {
        let pages = try Self.fixtureLines() + [Self.foldingLines]
        let buffers = TokenizedPage.Buffers()
        let order = pages.indices.sorted { pages[$0].count > pages[$1].count }
        for index in order + order.reversed() {
            let reused = TokenizedPage(lines: pages[index], tokenizer: tokenizer, reusing: buffers).lines
            let fresh = TokenizedPage(lines: pages[index], tokenizer: tokenizer).lines
            #expect(reused.map(describe) == fresh.map(describe))
        }
    }
}
