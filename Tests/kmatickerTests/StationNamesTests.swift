import Foundation
import Testing
import KMATickerTestSupport

/// Stations as people type them (issue 24, point 7): romanized names without `-si`, `-gun`,
/// `-eup`, as Korean ones without 시/군; suggestions that put the right station first; and the
/// printed name of an unresolved item, which `export` lists, taken by `--station`.
@Suite struct StationNamesTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    let kmaticker: KMATickerBinary

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
        try #require(try kmaticker.run(["ingest", "--db", store, Fixtures.url(Fixtures.seedName).path]).status == 0)
    }

    /// The registry's rows (Sources/KMATickerModel/Registry/asos_stations.csv): 253 김해시
    /// Gimhaesi, 283 경주시 Gyeongjusi, 268 진도군 Jindogun, 217 정선군 Jeongseon Gun, 172 고창
    /// Gochang (and 251 고창군 Gochanggun); each prints an item in the seed.
    @Test(arguments: [("Gimhae", "253"), ("gyeongju", "283"), ("Jindo", "268"), ("Jeongseon", "217"), ("jeongseon-gun", "217"),
                      ("Gochang", "172"), ("gochanggun", "251")])
    func romanizedNamesWithoutTheirEnding(typed: String, id: String) throws {
        let result = try kmaticker.run(["query", "--db", store, "--station", typed, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\r\n").dropFirst()
        #expect(rows.count == 1 && rows.allSatisfy { $0.split(separator: ",")[1] == id[...] }, "\(result.stdout)")
    }

    @Test(arguments: [("Gimhea", "김해시 (253, Gimhaesi)"), ("Gyeongjoo", "경주시 (283, Gyeongjusi)"),
                      ("Jeongsun", "정선군 (217, Jeongseon Gun)"), ("Jindu", "진도군 (268, Jindogun)")])
    func suggestionsPutTheRightStationFirst(typed: String, first: String) throws {
        let result = try kmaticker.run(["query", "--db", store, "--station", typed])
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown station '\(typed)'; did you mean \(first)"), "\(result.stderr)")
    }

    @Test func anUnresolvedPrintedNameIsTakenAsExportListsIt() throws {
        let seed = try String(contentsOf: Fixtures.url(Fixtures.seedName), encoding: .utf8)
        let page = try directory.write("dokdo.txt", seed.replacingOccurrences(of: "맑음인천28.5℃", with: "맑음독도25.0℃")
            .replacingOccurrences(of: "최종편집: 2025-08-18 10:40", with: "최종편집: 2025-08-18 11:40"))
        try #require(try kmaticker.run(["ingest", "--db", store, page]).status == 0)
        let export = try kmaticker.run(["export", "--db", store])
        #expect(export.stdout.contains(",,독도,맑음,25.0,unresolved,dokdo.txt,독도,"))
        let query = try kmaticker.run(["query", "--db", store, "--station", "독도", "--format", "csv"])
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout.split(separator: "\r\n").dropFirst().map { String($0) }
                == ["2025-08-18T11:40:00+09:00,,독도,맑음,25.0,unresolved,dokdo.txt,독도,13,last-edit-header"])
        let both = try kmaticker.run(["export", "--db", store, "--station", "독도", "--station", "대전"])
        #expect(both.stdout.split(separator: "\r\n").count == 1 + 1 + 2)  // header, 독도, 대전 at 10:40 and 11:40
        #expect(try kmaticker.run(["query", "--db", store, "--station", "독도도"]).status == 64)
    }
}
