import Foundation
import Testing
import KMATickerTestSupport

/// Times a user types follow one rule (issue 24, point 4): `--at`, `--since` and `--until` take
/// the forms pages print, `today`, `yesterday` and ages; a future `--at` is refused as a page's
/// own future time is; a bound to the minute covers its minute; `--time-from mtime` times only
/// pages that give no time of their own. Each runs the built binary, "now" fixed at
/// 2025-08-19 12:00 KST (KMATICKER_NOW).
@Suite struct TypedTimesTests: BinaryWorkspace {
    let directory: TemporaryDirectory
    var kmaticker: KMATickerBinary
    let seed = Fixtures.url(Fixtures.seedName).path

    init() throws {
        (directory, kmaticker) = try KMATickerBinary.inTemporaryHome()
        kmaticker.environment["KMATICKER_NOW"] = "2025-08-19 12:00"
    }

    /// The observed_at column of the store's export.
    func storedTimes() throws -> Set<String> {
        let export = try kmaticker.run(["export", "--db", store])
        return Set(export.stdout.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[0]) })
    }

    @Test(arguments: ["ingest", "extract"])
    func aFutureAtIsRefused(command: String) throws {
        let arguments = command == "ingest" ? ["ingest", "--db", store, "--at", "2099-01-01 00:00", seed]
                                            : ["extract", "--at", "2099-01-01 00:00", seed]
        let result = try kmaticker.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--at '2099-01-01 00:00' is 2099-01-01 00:00 KST, in the future (it is now 2025-08-19 12:00 KST)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    @Test(arguments: [("2024-05-20T09:00", "2024-05-20T09:00:00+09:00"), ("2025.08.18 09:00:30", "2025-08-18T09:00:30+09:00"),
                      ("2025/08/18 10:45", "2025-08-18T10:45:00+09:00"), ("yesterday 09:00", "2025-08-18T09:00:00+09:00"),
                      ("2h", "2025-08-19T10:00:00+09:00"), ("2025-08-18T10:40:00+09:00", "2025-08-18T10:40:00+09:00")])
    func atTakesWhatPagesPrintAndKeepsSeconds(typed: String, stored: String) throws {
        let result = try kmaticker.run(["ingest", "--db", store, "--at", typed, seed])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try storedTimes() == [stored])
    }

    /// A time with no zone is KST: one that only an ISO 8601 reader would take (fractions of a
    /// second, a year of two digits) is refused, not read as UTC nine hours off.
    @Test(arguments: ["2025-08-18 10:40:00.5", "2025-08-18T10:40:00.000", "25-08-18 10:40", "1-1-1 0:0"])
    func aTimeWithoutAZoneIsNeverUTC(typed: String) throws {
        let at = try kmaticker.run(["ingest", "--db", store, "--at", typed, seed])
        #expect(at.status == 64, "\(at.stdout)")
        try #require(try kmaticker.run(["ingest", "--db", store, seed]).status == 0)
        let since = try kmaticker.run(["query", "--db", store, "--since", typed])
        #expect(since.status == 64, "\(since.stdout)")
    }

    @Test func atRefusesAWholeDay() throws {
        let result = try kmaticker.run(["ingest", "--db", store, "--at", "2025-08-18", seed])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--at '2025-08-18' is a whole day; give the time of day too"), "\(result.stderr)")
    }

    /// A row stored at 10:45:12 is shown as 10:45; `--since 10:45 --until 10:45` finds it.
    @Test func aMinuteCoversItsMinute() throws {
        try #require(try kmaticker.run(["ingest", "--db", store, "--at", "2025-08-18 10:45:12", seed]).status == 0)
        let query = try kmaticker.run(["query", "--db", store, "--format", "csv",
                                       "--since", "2025-08-18 10:45", "--until", "2025-08-18 10:45"])
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout.split(separator: "\r\n").count == 98)  // header and the seed's 97
        let before = try kmaticker.run(["query", "--db", store, "--format", "csv", "--until", "2025-08-18 10:44"])
        #expect(before.stdout.split(separator: "\r\n").count == 1)
        let toTheSecond = try kmaticker.run(["query", "--db", store, "--format", "csv", "--until", "2025-08-18 10:45:11"])
        #expect(toTheSecond.stdout.split(separator: "\r\n").count == 1)
        // With a zone, as export writes times: the minute too, the same instant in any zone.
        for typed in ["2025-08-18T10:45+09:00", "2025-08-18T01:45Z", "2025-08-18T10:45+0900"] {
            let zoned = try kmaticker.run(["query", "--db", store, "--format", "csv", "--since", typed, "--until", typed])
            #expect(zoned.stdout.split(separator: "\r\n").count == 98, "\(typed)")
        }
        let zonedSecond = try kmaticker.run(["query", "--db", store, "--format", "csv", "--until", "2025-08-18T10:45:11+09:00"])
        #expect(zonedSecond.stdout.split(separator: "\r\n").count == 1)
    }

    @Test(arguments: ["2025.08.18", "2025/08/18", "yesterday", "1y", "2025-08-18T10:00"])
    func sinceTakesTheSameForms(typed: String) throws {
        try #require(try kmaticker.run(["ingest", "--db", store, seed]).status == 0)
        let query = try kmaticker.run(["query", "--db", store, "--format", "csv", "--since", typed])
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout.split(separator: "\r\n").count == 98)
    }

    /// The seed prints `최종편집: 2025-08-18 10:40`: `--time-from mtime` leaves it there. A page
    /// that prints only a date takes its file's time.
    @Test func mtimeTimesOnlyPagesWithoutATimeOfTheirOwn() throws {
        let copy = directory.path("seed.txt")
        try FileManager.default.copyItem(atPath: seed, toPath: copy)
        let modified = Date(timeIntervalSince1970: 1_755_500_000)  // 2025-08-18 15:53:20 KST
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: copy)
        let full = try kmaticker.run(["ingest", "--db", store, "--time-from", "mtime", copy])
        #expect(full.status == 0, "\(full.stderr)")
        #expect(full.stdout.contains("from last-edit-header"), "\(full.stdout)")
        #expect(try storedTimes() == ["2025-08-18T10:40:00+09:00"])

        let dateOnly = try Fixtures.seedText(printedAt: "2025-08-18 10:40").replacingOccurrences(of: "최종편집: 2025-08-18 10:40", with: "2025.08.18 (월)")
        let page = try directory.write("date-only.txt", dateOnly)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: page)
        let store2 = directory.path("second.sqlite")
        let result = try kmaticker.run(["ingest", "--db", store2, "--time-from", "mtime", page])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2025-08-18 15:53 KST from file-mtime"), "\(result.stdout)")
    }
}
