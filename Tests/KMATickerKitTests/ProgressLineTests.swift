import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerKit
@testable import KMATickerReport

/// The progress bar's line, worked out by hand from its description: `[bar]  NN%  done/total
/// R pages/s  M:SS left  name`, at most width - 1 cells, what does not fit dropped.
@Suite struct ProgressLineTests {
    /// Cells in a terminal, counted apart from DisplayWidth: Hangul syllables two, ASCII one.
    func cells(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ((0xAC00...0xD7A3).contains($1.value) ? 2 : 1) }
    }

    @Test func aWideTerminalShowsEverything() {
        // 123 of 579 files is 21.2 %: 6 of 30 cells; 1230 pages in 10 s; 456 files to go at
        // 10/123 s each is 37.1 s, shown as 0:38.
        let line = ProgressLine.render(done: 123, total: 579, pages: 1230, elapsed: 10, width: 120, name: "/saved/대전.html")
        #expect(line == "[######------------------------]  21%  123/579  123 pages/s  0:38 left  대전.html")
    }

    @Test func fortyColumnsDropTheCountAndShortenTheBar() {
        // " 21%  123 pages/s  0:38 left" is 28 cells; 39 usable leaves a bar of 8 between brackets.
        let line = ProgressLine.render(done: 123, total: 579, pages: 1230, elapsed: 10, width: 40, name: "/saved/대전.html")
        #expect(line == "[#-------]  21%  123 pages/s  0:38 left")
        #expect(cells(line) == 39)
    }

    @Test func slowRatesHaveADecimalAndLongTimesHours() {
        // 17 pages in 2 s; 1 file in 2 s leaves 2000 files: 4000 s = 1:06:40.
        let line = ProgressLine.render(done: 1, total: 2001, pages: 17, elapsed: 2, width: 120)
        #expect(line == "[------------------------------]   0%  1/2001  8.5 pages/s  1:06:40 left")
    }

    @Test func startAndEnd() {
        #expect(ProgressLine.render(done: 0, total: 5, pages: 0, elapsed: 0, width: 120)
                == "[------------------------------]   0%  0/5  - pages/s  -:-- left")
        #expect(ProgressLine.render(done: 5, total: 5, pages: 40, elapsed: 4, width: 120)
                == "[##############################] 100%  5/5  10 pages/s  0:00 left")
    }

    @Test func hangulNamesAreCutByCellsKeepingTheirEnd() {
        // Bar, stats: 32 + 1 + 37 = 70 cells; 84 usable at 85 leaves 12 after two spaces:
        // "..." and 9 cells: 대전.html (4 + 5). Counting Hangul as one cell would keep 청_ too.
        let name = "/saved/기상청_대전.html"
        let cut = ProgressLine.render(done: 123, total: 579, pages: 1230, elapsed: 10, width: 85, name: name)
        #expect(cut.hasSuffix("0:38 left  ...대전.html"))
        #expect(cells(cut) == 84)
        // With 16 cells of room it is whole.
        let whole = ProgressLine.render(done: 123, total: 579, pages: 1230, elapsed: 10, width: 90, name: name)
        #expect(whole.hasSuffix("0:38 left  기상청_대전.html"))
    }

    @Test func neverWiderThanTheTerminal() {
        for width in 1...160 {
            for name in ["", "a.html", "/x/기상청_날씨_페이지_모음_2025년_8월_18일.html", String(repeating: "가", count: 200)] {
                let line = ProgressLine.render(done: 4321, total: 98765, pages: 123_456, elapsed: 4321.5, width: width, name: name)
                #expect(cells(line) < width || (width == 1 && line.isEmpty), "width \(width): \(line)")
            }
        }
    }
}

/// The ingestor says how far it has read as it reads, before the batch's commit reports the
/// pages (a bar driven by the commits moved 1 → 257 → 579).
@Suite struct IngestProgressTests {
    @Test func progressComesPerFileBeforeTheBatchIsReported() throws {
        let directory = try TemporaryDirectory()
        let names = ["markup_li_img_alt.html", "markup_dd_meta_time.html", "markup_table_cells.html"]
        var seen: [(progress: IngestProgress, eventsSoFar: Int)] = []
        var events = 0
        let summary = try Ingestor(options: IngestOptions(storePath: directory.path("s.sqlite")), registry: .asos)
            .ingest(names.map { .file(Fixtures.url($0).path) }, progress: { seen.append(($0, events)) }) { _ in events += 1 }
        #expect(summary.pagesStored == 3)
        #expect(seen.map(\.progress) == [
            IngestProgress(filesDone: 0, filesTotal: 3, pagesRead: 1, path: Fixtures.url(names[0]).path),
            IngestProgress(filesDone: 1, filesTotal: 3, pagesRead: 2, path: Fixtures.url(names[1]).path),
            IngestProgress(filesDone: 2, filesTotal: 3, pagesRead: 3, path: Fixtures.url(names[2]).path),
            IngestProgress(filesDone: 3, filesTotal: 3, pagesRead: 3, path: Fixtures.url(names[2]).path),
        ])
        // Three pages are one batch: every step above came before any page was reported.
        #expect(seen.allSatisfy { $0.eventsSoFar == 0 })
        #expect(events >= 3)
    }
}
