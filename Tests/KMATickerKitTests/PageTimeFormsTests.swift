import Testing
@testable import KMATickerModel
@testable import KMATickerParsing
@testable import KMATickerText

/// The printed time forms issue 11 names, and the order in which a page's times are trusted.
@Suite struct PageTimeFormsTests {
    let reader = PageTimeReader()

    func find(_ lines: [String], metadata: [String: String] = [:]) -> PageTimeReader.Finding {
        reader.find(in: lines.enumerated().map { PageLine(text: $1, number: $0 + 1) }, metadata: metadata)
    }

    func kst(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int = 0) -> KSTDateTime {
        KSTDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s)!
    }

    @Test(arguments: [
        ("최종편집: 2025-08-18 오후 3:05", 15, 5), ("최종편집: 2025-08-18 오전 9:05", 9, 5),
        ("최종편집: 2025-08-18 오후 12:30", 12, 30), ("최종편집: 2025-08-18 오전 12:30", 0, 30),
        ("최종편집: 2025-08-18 3:05 PM", 15, 5), ("최종편집: 2025-08-18 11:05 am", 11, 5),
        ("최종편집: 2025-08-18 PM 3:05", 15, 5), ("최종편집: 2025년 8월 18일 10:40", 10, 40),
        ("최종편집 2025.08.18 15시 05분", 15, 5), ("최종편집 2025년 08월 18일 (월) 오후 3시 5분", 15, 5),
    ])
    func afternoonAndKoreanForms(line: String, hour: Int, minute: Int) {
        #expect(find([line]).printed == PrintedTime(time: kst(2025, 8, 18, hour, minute), source: .lastEditHeader))
    }

    @Test func articleLinesAreReadInTheirOrder() {
        // 수정 before 승인 before 입력, whatever order the page prints them in.
        let lines = ["입력 2025.08.18 10:38", "승인 2025.08.18 10:39", "수정 2025.08.18 15:05"]
        #expect(find(lines).printed == PrintedTime(time: kst(2025, 8, 18, 15, 5), source: .modifiedLine))
        #expect(find(["입력 2025.08.18 10:38  |  승인 2025.08.18 10:39"]).printed
                == PrintedTime(time: kst(2025, 8, 18, 10, 39), source: .approvedLine))
        #expect(find(["기사입력 2025.08.18 10:38"]).printed == PrintedTime(time: kst(2025, 8, 18, 10, 38), source: .enteredLine))
        // The site header still comes first.
        #expect(find(["수정 2025.08.18 15:05", "최종편집: 2025-08-18 10:40"]).printed?.source == .lastEditHeader)
    }

    @Test func metadataTimesInOrder() {
        let published = ["article:published_time": "2025-08-18T08:00:00+09:00"]
        #expect(find([], metadata: published.merging(["og:updated_time": "2025-08-18T01:40:00Z"]) { $1 }).printed
                == PrintedTime(time: kst(2025, 8, 18, 10, 40), source: .openGraphUpdatedTime))
        #expect(find([], metadata: published.merging(["dateModified": "2025-08-18T10:41:00+09:00"]) { $1 }).printed
                == PrintedTime(time: kst(2025, 8, 18, 10, 41), source: .itemDateModified))
        // A 수정 line is trusted after the modified metas, before the published ones.
        #expect(find(["수정 2025.08.18 15:05"], metadata: published).printed?.source == .modifiedLine)
    }

    @Test func aLineThatIsOnlyADateAndTime() {
        #expect(find(["2025년 8월 18일 10:40"]).printed == PrintedTime(time: kst(2025, 8, 18, 10, 40), source: .dateTimeLine))
        // In prose it is not the page's time.
        #expect(find(["어제 2025년 8월 18일 10:40에 서울에서 비가 내렸다는 소식이 들어왔다"]).printed == nil)
    }

    @Test(arguments: ["최종편집: 2025-02-30 10:40", "최종편집: 2025-08-18 24:00", "최종편집: 2025-08-18 오후 15:00"])
    func impossibleTimesAreNamed(line: String) {
        let finding = find([line])
        #expect(finding.printed == nil)
        #expect(finding.impossible.map { line.contains($0) || $0.contains("2025") } == true)
        #expect(throws: PageError.impossibleTime(finding.impossible ?? "")) {
            try PageTimeDecision.decide(printed: finding, capture: nil, options: TimeOptions())
        }
    }

    @Test func anImpossibleTimeGivesWayToAPossibleOne() {
        #expect(find(["최종편집: 2025-02-30 10:40", "입력 2025.08.18 10:38"]).printed?.source == .enteredLine)
    }
}

/// The order of the times: `--at`, the capture time, the printed time; disagreements and times
/// in the future.
@Suite struct PageTimeDecisionTests {
    let now = KSTDateTime(year: 2026, month: 1, day: 1, hour: 0, minute: 0)!
    func kst(_ text: String) -> KSTDateTime { KSTDateTime(parsing: text)! }
    func printed(_ text: String, dateOnly: Bool = false) -> PageTimeReader.Finding {
        PageTimeReader.Finding(printed: PrintedTime(time: kst(text), isDateOnly: dateOnly, source: dateOnly ? .dateOnlyHeader : .lastEditHeader))
    }

    @Test func captureTimeComesBeforeThePrintedTime() throws {
        let capture = PageTime(time: kst("2025-08-18 10:45:12"), source: .warcDate)
        let outcome = try PageTimeDecision.decide(printed: printed("2025-08-18 10:40"), capture: capture, options: TimeOptions(now: now))
        #expect(outcome.time == capture)
        #expect(outcome.capturedAt == capture)
        #expect(outcome.warnings.isEmpty)
    }

    @Test func dateOnlyPageIsStoredAtItsCaptureTime() throws {
        let capture = PageTime(time: kst("2024-05-20 14:03"), source: .httpDate)
        let outcome = try PageTimeDecision.decide(printed: printed("2024-05-20 00:00", dateOnly: true), capture: capture, options: TimeOptions(now: now))
        #expect(outcome.time == capture)
        #expect(outcome.warnings.isEmpty)
        #expect(throws: PageError.dateOnly("2024-05-20")) {
            try PageTimeDecision.decide(printed: printed("2024-05-20 00:00", dateOnly: true), capture: nil, options: TimeOptions(now: now))
        }
    }

    @Test func disagreementOfMoreThanADayIsAWarning() throws {
        let capture = PageTime(time: kst("2025-08-20 10:40"), source: .warcDate)
        let later = try PageTimeDecision.decide(printed: printed("2025-08-18 10:39"), capture: capture, options: TimeOptions(now: now))
        #expect(later.time == capture)
        #expect(later.warnings.count == 1)
        #expect(later.warnings.first?.contains("2025-08-18 10:39") == true)
        let withinADay = try PageTimeDecision.decide(printed: printed("2025-08-19 10:41"), capture: capture, options: TimeOptions(now: now))
        #expect(withinADay.warnings.isEmpty)
        let otherDate = try PageTimeDecision.decide(printed: printed("2025-08-19 00:00", dateOnly: true), capture: capture, options: TimeOptions(now: now))
        #expect(otherDate.warnings.count == 1)
    }

    @Test func atComesFirstAndKeepsTheCaptureTime() throws {
        let capture = PageTime(time: kst("2025-08-18 10:45"), source: .mhtmlDate)
        let outcome = try PageTimeDecision.decide(printed: printed("2025-08-18 10:40"), capture: capture,
                                                  options: TimeOptions(at: kst("2025-08-18 11:00"), now: now))
        #expect(outcome.time == PageTime(time: kst("2025-08-18 11:00"), source: .atOption))
        #expect(outcome.capturedAt == capture)
    }

    @Test func futureTimesAreRefusedBeyondTenMinutes() throws {
        let soon = PageTime(time: KSTDateTime(unixSeconds: now.unixSeconds + 9 * 60), source: .httpDate)
        #expect(try PageTimeDecision.decide(printed: .nothing, capture: soon, options: TimeOptions(now: now)).time == soon)
        let later = PageTime(time: KSTDateTime(unixSeconds: now.unixSeconds + 11 * 60), source: .httpDate)
        #expect(throws: PageError.futureTime(later.time, source: "http-date")) {
            try PageTimeDecision.decide(printed: .nothing, capture: later, options: TimeOptions(now: now))
        }
        #expect(throws: PageError.futureTime(kst("2027-01-01 00:00"), source: "last-edit-header")) {
            try PageTimeDecision.decide(printed: printed("2027-01-01 00:00"), capture: nil, options: TimeOptions(now: now))
        }
    }

    @Test func noTimeAtAll() {
        #expect(throws: PageError.noTime) { try PageTimeDecision.decide(printed: .nothing, capture: nil, options: TimeOptions(now: now)) }
    }
}
