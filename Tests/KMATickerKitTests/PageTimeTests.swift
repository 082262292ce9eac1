import Foundation
import Testing
import KMATickerTestSupport
@testable import KMATickerKit

@Suite struct PageTimeTests {
    let reader = PageTimeReader()

    func time(_ line: String) -> KSTDateTime? {
        reader.pageTime(in: [PageLine(text: line, number: 1)])?.time
    }

    @Test func lastEditHeaderIsReadAsKST() throws {
        let found = try #require(reader.pageTime(in: [PageLine(text: "최종편집: 2025-08-18 10:40", number: 1)]))
        #expect(found.source == .lastEditHeader)
        #expect(found.time == KSTDateTime(year: 2025, month: 8, day: 18, hour: 10, minute: 40))
        // 10:40 KST is 01:40 UTC.
        #expect(found.time.unixSeconds == 1_755_481_200)
    }

    @Test func lastEditHeaderWithDotsAndWeekday() {
        #expect(time("최종편집 : 2018.3.25 일 11:24") == KSTDateTime(year: 2018, month: 3, day: 25, hour: 11, minute: 24))
    }

    @Test func impossibleDateIsNotATime() {
        #expect(time("최종편집: 2025-02-30 10:40") == nil)
        #expect(time("최종편집: 2025-08-18 25:40") == nil)
    }

    @Test func pageWithoutTimeNeedsAt() throws {
        let page = "  • 맑음대전30.3℃\n  • 맑음서울29.0℃\n"
        #expect(throws: PageError.noTime) { try TickerParser().parse(Array(page.utf8), file: "p.txt") }
        let at = try #require(KSTDateTime(parsing: "2025-08-18 11:00"))
        let parsed = try TickerParser().parse(Array(page.utf8), file: "p.txt", time: at)
        #expect(parsed.time == PageTime(time: at, source: .atOption))
    }

    @Test func atOverridesThePagesOwnTime() throws {
        let at = try #require(KSTDateTime(parsing: "2025-08-18 09:00"))
        let page = try TickerParser().parse(try Fixtures.bytes(Fixtures.seedName), file: "seed", time: at)
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
