import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerText

@Suite struct PageTimeTests {
    let reader = PageTimeReader()

    func find(_ lines: [String], metadata: [String: String] = [:]) -> PageTimeReader.Finding {
        reader.find(in: lines.enumerated().map { PageLine(text: $1, number: $0 + 1) }, metadata: metadata)
    }

    func time(_ line: String) -> KSTDateTime? {
        find([line]).printed.flatMap { $0.isDateOnly ? nil : $0.time }
    }

    func kst(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int = 0) -> KSTDateTime {
        KSTDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s)!
    }

    @Test func lastEditHeaderIsReadAsKST() throws {
        #expect(find(["최종편집: 2025-08-18 10:40"]) == .time(PageTime(time: kst(2025, 8, 18, 10, 40), source: .lastEditHeader)))
        // 10:40 KST is 01:40 UTC.
        #expect(kst(2025, 8, 18, 10, 40).unixSeconds == 1_755_481_200)
    }

    @Test func lastEditHeaderWithDotsAndWeekday() {
        #expect(find(["최종편집 : 2018.3.25 일 11:24"]) == .time(PageTime(time: kst(2018, 3, 25, 11, 24), source: .lastEditHeader)))
    }

    @Test func updatedHeaderWithSecondsAndWeekdayAfter() {
        #expect(find(["UPDATED. 2018-03-19 08:06:42 (월)"]) == .time(PageTime(time: kst(2018, 3, 19, 8, 6, 42), source: .updatedHeader)))
    }

    @Test func updateHeaderWithWeekdayBetween() {
        #expect(find(["UPDATE : 2018.3.6 화 18:30"]) == .time(PageTime(time: kst(2018, 3, 6, 18, 30), source: .updatedHeader)))
    }

    @Test func articleModifiedTimeWithAZone() {
        let metadata = ["article:modified_time": "2025-08-18T01:40:00Z", "article:published_time": "2025-08-17T20:00:00+09:00"]
        #expect(find(["뉴스"], metadata: metadata) == .time(PageTime(time: kst(2025, 8, 18, 10, 40), source: .articleModifiedTime)))
    }

    @Test func articlePublishedTimeWhenNoModifiedTime() {
        #expect(find([], metadata: ["article:published_time": "2025-08-18T10:40:00+09:00"])
                == .time(PageTime(time: kst(2025, 8, 18, 10, 40), source: .articlePublishedTime)))
        #expect(find([], metadata: ["article:published_time": "2025-08-18T03:40:00+0200"])
                == .time(PageTime(time: kst(2025, 8, 18, 10, 40), source: .articlePublishedTime)))
    }

    @Test func headerComesBeforeArticleTimes() {
        let metadata = ["article:modified_time": "2025-08-18T09:00:00+09:00"]
        #expect(find(["최종편집: 2025-08-18 10:40"], metadata: metadata)
                == .time(PageTime(time: kst(2025, 8, 18, 10, 40), source: .lastEditHeader)))
    }

    @Test func dateOnlyHeaderIsNeverGivenAnHour() {
        #expect(find(["2024.05.20 (월)", "  • 맑음서울20.0℃"]) == .dateOnly("2024-05-20"))
        // An article time, which has an hour, is used before a bare date.
        #expect(find(["2024.05.20 (월)"], metadata: ["article:modified_time": "2024-05-20T09:12:00+09:00"])
                == .time(PageTime(time: kst(2024, 5, 20, 9, 12), source: .articleModifiedTime)))
    }

    @Test func dateOnlyPageIsRefusedUnlessAtIsGiven() throws {
        let page = Array("2024.05.20 (월)\n  • 맑음서울20.0℃\n  • 흐림대전21.0℃\n기상청 제공\n".utf8)
        #expect(throws: PageError.dateOnly("2024-05-20")) { try TickerParser(registry: .asos).parse(page, file: "d.txt") }
        let at = try #require(KSTDateTime(parsing: "2024-05-20 14:00"))
        #expect(try TickerParser(registry: .asos).parse(page, file: "d.txt", time: at).time == PageTime(time: at, source: .atOption))
    }

    @Test func pageWithoutTimeNeedsAt() throws {
        let page = "  • 맑음서울29.0℃\n  • 맑음대전30.3℃\n기상청 제공\n"
        #expect(throws: PageError.noTime) { try TickerParser(registry: .asos).parse(Array(page.utf8), file: "p.txt") }
        let at = try #require(KSTDateTime(parsing: "2025-08-18 11:00"))
        let parsed = try TickerParser(registry: .asos).parse(Array(page.utf8), file: "p.txt", time: at)
        #expect(parsed.time == PageTime(time: at, source: .atOption))
    }

    @Test func atOverridesThePagesOwnTime() throws {
        let at = try #require(KSTDateTime(parsing: "2025-08-18 09:00"))
        let page = try TickerParser(registry: .asos).parse(try Fixtures.bytes(Fixtures.seedName), file: "seed", time: at)
        #expect(page.time == PageTime(time: at, source: .atOption))
    }

    @Test(arguments: ["2025-08-18", "2025-8-18 10:40x", "18-08-2025 10:40", "2025-13-01 10:00", "", "2025-08-18 10"])
    func badAtValuesAreRejected(text: String) {
        #expect(KSTDateTime(parsing: text) == nil)
    }

    @Test func kstArithmeticAgreesWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 9 * 3600)!
        var generator = SplitMix64(seed: 0x4B4D_4154)
        for _ in 0..<2000 {
            // 1900 … 2100
            let seconds = Int64(generator.next() % 6_311_433_600) - 2_208_988_800
            let ours = KSTDateTime(unixSeconds: seconds)
            let theirs = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                                 from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            let oursParts: [Int] = [ours.year, ours.month, ours.day, ours.hour, ours.minute, ours.second]
            let theirParts: [Int] = [theirs.year!, theirs.month!, theirs.day!, theirs.hour!, theirs.minute!, theirs.second!]
            #expect(oursParts == theirParts)
            #expect(ours.unixSeconds == seconds)
        }
    }

    @Test func formats() throws {
        let time = try #require(KSTDateTime(year: 2025, month: 8, day: 18, hour: 10, minute: 40))
        #expect(time.iso8601 == "2025-08-18T10:40:00+09:00")
        #expect(time.spreadsheetText == "2025-08-18 10:40:00")
        #expect(time.minuteText == "2025-08-18 10:40")
    }
}

extension PageTimeReader.Finding {
    /// A printed date and time.
    static func time(_ time: PageTime) -> Self { Self(printed: PrintedTime(time: time.time, source: time.source)) }
    /// A printed date, `YYYY-MM-DD`, with no hour.
    static func dateOnly(_ date: String) -> Self {
        Self(printed: PrintedTime(time: KSTDateTime(parsing: date + " 00:00")!, isDateOnly: true, source: .dateOnlyHeader))
    }
}

/// A small deterministic generator, so a failing property test fails the same way again.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
