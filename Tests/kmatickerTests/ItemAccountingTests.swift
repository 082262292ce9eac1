import Foundation
import Testing
import KMATickerTestSupport

/// An item reported as unreadable stores nothing of itself (issue 24, point 5): the seed's 97
/// items with 인천's (`맑음인천28.5℃`) printed broken store the other 96 and report that one,
/// whole, as printed: stored + reported = the items printed.
@Suite struct ItemAccountingTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
    }

    /// The seed's items, counted from its hand-checked golden file.
    static let seedItems = Fixtures.observationCount("000_24a8cc3d9cd846fc.observations.csv")

    /// The seed with `printed` (one of its items) printed as `replacement`, ingested: the
    /// command's result and the page's path.
    func ingestSeed(printing printed: String, as replacement: String) throws -> (result: KMATickerBinary.Result, page: String) {
        let seed = try String(contentsOf: Fixtures.url(Fixtures.seedName), encoding: .utf8)
        try #require(seed.components(separatedBy: printed).count == 2)
        let page = try directory.write("page.txt", seed.replacingOccurrences(of: printed, with: replacement))
        return (try kmaticker.run(["ingest", "--db", store, page]), page)
    }

    /// The store's rows as `export` writes them, each split into its cells.
    func exportedRows() throws -> [[Substring]] {
        try kmaticker.run(["export", "--db", store]).stdout.split(separator: "\r\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    }

    @Test(arguments: ["맑음=1+2 25.0℃", "맑음=1 25.0℃", "맑음인천=2+3 28.5℃", "맑음 인천 1/2 28.5℃", "맑음인천 1 2 28.5℃",
                      "맑음인천 3O.3℃", "맑음인천#1 28.5℃", "맑음인천28.5°F", "맑음인천28.5℃℃", "맑음인천28.5℃-℃"])
    func aBrokenItemIsReportedWholeAndStoresNothing(item: String) throws {
        #expect(Self.seedItems == 97)
        let (result, page) = try ingestSeed(printing: "맑음인천28.5℃", as: item)
        // 3: stored, with items that could not be read (docs/GUIDE.md).
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("\(page): \(Self.seedItems - 1) new, 1 unreadable"), "\(result.stdout)")
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings.count == 1 && warnings.first?.contains("'\(item)' in the ticker") == true, "\(result.stderr)")
        // Nothing of it is stored: no row of 인천 (112), and no row without a station.
        let rows = try exportedRows()
        #expect(rows.count == Self.seedItems - 1)
        #expect(!rows.contains { $0[1] == "112" || $0[1].isEmpty })
    }

    /// A unit alone after an item (`맑음인천28.5℃ ℃`) is text in the ticker, reported: no row of
    /// nothing (no station, condition nor temperature) is stored for it.
    @Test func aUnitAloneIsReportedNotStored() throws {
        let (result, page) = try ingestSeed(printing: "맑음인천28.5℃", as: "맑음인천28.5℃ ℃")
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("\(page): \(Self.seedItems) new, 1 unreadable"), "\(result.stdout)")
        #expect(result.stderr.contains("'℃' in the ticker is no ticker item; not stored"), "\(result.stderr)")
        let rows = try exportedRows()
        #expect(rows.count == Self.seedItems)
        #expect(!rows.contains { $0[1].isEmpty && $0[3].isEmpty && $0[4].isEmpty })
    }

    /// A placeholder alone after the ticker's last item (`구름조금북창원 -`, a `<td>-</td>`) has no
    /// name, condition nor temperature: reported, never a row of nothing or of a guessed station.
    @Test(arguments: [" -", "-", "\n  • -"])
    func aPlaceholderAloneIsReportedNotStored(after: String) throws {
        let (result, page) = try ingestSeed(printing: "구름조금북창원", as: "구름조금북창원" + after)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("\(page): \(Self.seedItems) new, 1 unreadable"), "\(result.stdout)")
        #expect(result.stderr.contains("'-' in the ticker has no name, condition or temperature: a placeholder alone; not stored"), "\(result.stderr)")
        let rows = try exportedRows()
        #expect(rows.count == Self.seedItems)
        #expect(!rows.contains { $0[3].isEmpty && $0[4].isEmpty && $0[7].isEmpty })
    }
}
