import Foundation
import Testing
@testable import KMATickerModel
@testable import KMATickerReport

/// Every way `--station` finds a station.
@Suite struct StationLookupTests {
    let registry = StationRegistry.asos

    func id(_ query: String) -> Int? {
        if case .station(let station) = registry.find(query) { return station.id }
        return nil
    }

    @Test(arguments: [("133", 133), ("90", 90), (" 133 ", 133)])
    func asosNumber(query: String, expected: Int) { #expect(id(query) == expected) }

    @Test func koreanNameNFCAndNFD() {
        #expect(id("대전") == 133)
        #expect(id("대전".decomposedStringWithCanonicalMapping) == 133)
        #expect(id("북창원".decomposedStringWithCanonicalMapping) == 255)
    }

    @Test func aliases() {
        #expect(id("홍성(예)") == 177)
        #expect(id("서청주(예)") == 181)
        #expect(id("백령") == 102)
    }

    @Test func nameWithoutSiOrGunWhereUnambiguous() {
        #expect(id("김해") == 253)
        #expect(id("양산") == 257)
        #expect(id("경주") == 283)
        #expect(id("정선") == 217)
        // 고창 is a station of its own; 고창군 is another.
        #expect(id("고창") == 172)
        #expect(id("고창군") == 251)
    }

    @Test(arguments: [("daejeon", 133), ("DAEJEON", 133), ("Daejeon", 133), ("jeongseon gun", 217),
                      ("jeongseon-gun", 217), ("JeongseonGun", 217), ("bukbusan", 296)])
    func englishNameInAnyCase(query: String, expected: Int) { #expect(id(query) == expected) }

    @Test func initialConsonants() {
        #expect(id("ㄷㅈ") == 133)
        #expect(id("ㅂㅊㅊ") == 93)
        #expect(id("ㅂㄹㄷ") == 102)
        // Conjoining initials, as an NFD source sends them.
        #expect(id("\u{1103}\u{110C}") == 133)
    }

    @Test func sharedInitialsAreAmbiguous() {
        #expect(registry.find("ㅅㅊ") == .ambiguous([90, 174, 289].map { registry.station(id: $0)! }))
        #expect(registry.find("ㄱㅊ") == .ambiguous([registry.station(id: 172)!, registry.station(id: 284)!]))
        let error = StationLookupError(query: "ㄱㅊ", match: registry.find("ㄱㅊ"))
        #expect(error.description == "station 'ㄱㅊ' is ambiguous: 고창 (172, Gochang), 거창 (284, Geochang); give the name or the number")
    }

    @Test func typoSuggestsTheNearestNames() {
        let error = StationLookupError(query: "대젼", match: registry.find("대젼"))
        #expect(error.description == "unknown station '대젼'; did you mean 대전 (133, Daejeon), 대구 (143, Daegu)?")
        #expect(registry.find("Daejon") == .unknown(suggestions: registry.suggestions(for: "Daejon")))
        #expect(registry.suggestions(for: "Daejon").first?.id == 133)
    }

    @Test func unknownNumberIsUnknown() {
        #expect(registry.find("999") == .unknown(suggestions: []))
    }

    @Test func severalStationsCombineWithoutRepeats() throws {
        var query = ObservationQuery(report: .observations(newestFirst: true), format: .table)
        query.stations = ["대전", "133", "김해", "ㅂㄹㄷ"]
        #expect(try query.filter(now: Date(), registry: registry).stationIDs == [133, 253, 102])
    }
}

/// Romanized names without the ending their 시, 군 or 읍 stands for (issue 24).
@Suite struct RomanizedStemTests {
    let registry = StationRegistry.asos

    @Test(arguments: [("Gimhae", 253), ("GYEONGJU", 283), ("jindo", 268), ("Jeongseon", 217), ("gochang", 172), ("gochang-gun", 251),
                      ("yangsan", 257), ("Gwangyang", 266)])
    func stemsFindTheirStation(typed: String, id: Int) throws {
        #expect(try registry.station(for: typed).id == id)
    }

    /// `Jeongeup` (정읍) is a name, not 정 with -eup: its Korean name has no 읍 to stand for.
    @Test func aNameThatEndsLikeASuffixIsNoStem() throws {
        #expect(try registry.station(for: "Jeongeup").id == 245)
        if case .station = registry.find("Jeong") { Issue.record("Jeong found a station") }
    }
}

@Suite struct TimeBoundTests {
    let now = Date(timeIntervalSince1970: TimeInterval(KSTDateTime(year: 2025, month: 8, day: 18, hour: 12)!.unixSeconds))

    @Test func datesAndTimesAreKST() throws {
        #expect(try TimeBound.since("2025-08-18").resolve(now: now) == KSTDateTime(year: 2025, month: 8, day: 18)!.unixSeconds)
        #expect(try TimeBound.until("2025-08-18").resolve(now: now) == KSTDateTime(year: 2025, month: 8, day: 18, hour: 23, minute: 59, second: 59)!.unixSeconds)
        #expect(try TimeBound.since("2025-08-18 10:40").resolve(now: now) == 1_755_481_200)
        // A minute covers its minute (issue 24): 10:40:00 … 10:40:59.
        #expect(try TimeBound.until("2025-08-18T10:40").resolve(now: now) == 1_755_481_259)
        #expect(try TimeBound.until("2025-08-18 10:40:12").resolve(now: now) == 1_755_481_212)
        #expect(try TimeBound.since("2025-08-18 10:40:12").resolve(now: now) == 1_755_481_212)
    }

    /// The forms pages print (`2025.08.18`, `2025/08/18`), days named relative to now, and
    /// years of age (issue 24): 2025-08-18 00:00 KST is 1_755_442_800.
    static let pageForms: [(String, Int64)] = {
        let day: Int64 = 1_755_442_800, noon: Int64 = 1_755_486_000
        return [("2025.08.18", day), ("2025/08/18", day), ("2025.8.18", day), ("today", day), ("Yesterday", day - 86_400),
                ("yesterday 09:00", day - 86_400 + 9 * 3600), ("2025.08.18 10:40", 1_755_481_200),
                ("2025/08/18T10:40:30", 1_755_481_230), ("1y", noon - 365 * 86_400)]
    }()

    @Test(arguments: pageForms)
    func pagesFormsAndRelativeDays(text: String, seconds: Int64) throws {
        #expect(try TimeBound.since(text).resolve(now: now) == seconds)
    }

    /// ISO 8601 with a zone in the forms `--since` took before the layers were split (when it
    /// read them with the page-time reader's pattern): a space for the `T`, a space before the
    /// zone, a comma for the decimal point, `Z`, `+0900`, `+09`.
    @Test(arguments: ["2025-08-18T10:40:00+09:00", "2025-08-18 10:40+09:00", "2025-08-18 10:40 +09:00",
                      "2025-08-18T01:40Z", "2025-08-18 01:40:00 Z", "2025-08-18T10:40:00,0+09:00",
                      "2025-08-18T10:40+0900", "2025-08-18T10:40+09"])
    func isoTimesWithAZoneAreTheirInstant(text: String) throws {
        #expect(try TimeBound.since(text).resolve(now: now) == 1_755_481_200)
    }

    @Test(arguments: [("30m", 1800), ("24h", 86_400), ("7d", 604_800), ("2w", 1_209_600), ("0h", 0)])
    func agesCountBackFromNow(text: String, seconds: Int64) throws {
        #expect(try TimeBound.since(text).resolve(now: now) == Int64(now.timeIntervalSince1970) - seconds)
    }

    /// Ages too long to count crashed (arithmetic overflow, issue 12): now a usage error.
    @Test(arguments: ["9999999999999999w", "99999999999999999999d", "999999999999999h"])
    func agesTooLongToCountAreRefused(text: String) {
        #expect(throws: TimeBoundError(option: "--since", value: text, reason: "that is longer ago than any time kmaticker stores")) {
            try TimeBound.since(text).resolve(now: now)
        }
    }

    @Test(arguments: ["tomorrow", "7x", "2025-08/18", "25-08-18", "2025-08-18 10", ""])
    func badValuesSayWhatIsTaken(text: String) {
        #expect(throws: TimeBoundError(option: "--since", value: text)) { try TimeBound.since(text).resolve(now: now) }
    }

    @Test(arguments: [("2025-02-30", "there is no such day"), ("2025.08.18 24:00", "24:00 is no time of day"),
                      ("-3d", "an age counts back from now without a sign: write 3d")])
    func impossibleValuesSayWhy(text: String, reason: String) {
        #expect(throws: TimeBoundError(option: "--since", value: text, reason: reason)) { try TimeBound.since(text).resolve(now: now) }
    }
}
