import Testing
@testable import KMATickerModel
@testable import KMATickerParsing

/// One rule per test: how a single ticker item splits into condition, station and °C.
@Suite struct TickerItemParserTests {
    let parser = TickerItemParser(registry: .asos)

    func parse(_ text: String) -> TickerItem? { parser.parse(Substring(text), line: 1) }

    @Test func conditionNameAndTemperature() throws {
        let item = try #require(parse("흐림속초27.8℃"))
        #expect(item.condition == "흐림")
        #expect(item.conditionIsKnown)
        #expect(item.station?.id == 90)
        #expect(item.label == "속초")
        #expect(item.temperatureC == 27.8)
        #expect(item.warnings.isEmpty)
    }

    @Test(arguments: [
        ("비북강릉29.0℃", 104), ("흐림강릉29.4℃", 105),
        ("흐림춘천26.7℃", 101), ("흐림북춘천26.7℃", 93),
        ("구름많음창원30.7℃", 155), ("구름조금북창원", 255),
        ("구름많음부산31.0℃", 159), ("구름많음북부산31.0℃", 296),
        ("구름많음청주29.3℃", 131), ("구름조금서청주28.2℃", 181),
        ("구름많음고창29.7℃", 172), ("구름많음고창군30.1℃", 251),
    ])
    func longestStationNameWins(item: String, stationID: Int) throws {
        #expect(try #require(parse(item)).station?.id == stationID)
    }

    @Test func aOneSyllableConditionStartingAWordIsNoCondition() throws {
        // `비` and `눈` glued to a station or a number are conditions; glued to other syllables
        // (`비슷하다`, `비가`, `눈이`) they start a word of prose.
        #expect(try #require(parse("비북강릉29.0℃")).condition == "비")
        #expect(try #require(parse("눈서울-1.0℃")).condition == "눈")
        #expect(parse("비슷하다") == nil)
        #expect(parse("눈이 내린다") == nil)
    }

    @Test func longestConditionWordWins() throws {
        // 구름조금 and 구름많음 share 구름; 소나기끝 contains 소나기; 약한비 ends with 비.
        #expect(try #require(parse("구름조금통영29.2℃")).condition == "구름조금")
        #expect(try #require(parse("소나기끝서울25.0℃")).condition == "소나기끝")
        #expect(try #require(parse("약한비서울25.0℃")).condition == "약한비")
        #expect(try #require(parse("비 또는 눈서울1.0℃")).condition == "비 또는 눈")
        #expect(try #require(parse("비또는눈서울1.0℃")).condition == "비 또는 눈")
    }

    @Test func aliasesResolveToTheirStation() throws {
        let hongseong = try #require(parse("구름조금홍성(예)30.0℃"))
        #expect(hongseong.station?.id == 177)
        #expect(hongseong.label == "홍성(예)")
        #expect(try #require(parse("맑음서청주(예)28.0℃")).station?.id == 181)
        #expect(try #require(parse("박무백령27.6℃")).station?.id == 102)
    }

    @Test func missingTemperatureIsMissingNotZero() throws {
        let item = try #require(parse("구름조금북창원"))
        #expect(item.temperatureC == nil)
        #expect(item.station?.id == 255)
    }

    @Test func namelessItemIsStillAnItem() throws {
        let item = try #require(parse("흐림26.8℃"))
        #expect(item.label == nil)
        #expect(item.station == nil)
        #expect(item.condition == "흐림")
        #expect(item.temperatureC == 26.8)
    }

    @Test(arguments: [
        ("맑음서울-2.3℃", -2.3), ("맑음서울−4.5℃", -4.5), ("맑음서울27.8°C", 27.8),
        ("맑음서울27.8˚C", 27.8), ("맑음서울 27.8 ℃", 27.8), ("맑음서울27.8 °C", 27.8),
        ("맑음서울27.8&#8451;", 27.8), ("맑음서울0.0℃", 0.0), ("맑음서울-0.5℃", -0.5),
        ("맑음서울30℃", 30.0),
    ])
    func temperatureForms(item: String, celsius: Double) throws {
        let parsed = try #require(parse(item))
        #expect(parsed.temperatureC == celsius)
        #expect(parsed.station?.id == 108)
    }

    @Test(arguments: [
        "해당된 기사를 공유합니다", "뉴스", "대전", "기상청 제공", "최종편집: 2025-08-18 10:40",
        "오늘 대전의 낮 기온은 30.3℃까지 올랐다", "맑음 날씨가 이어지겠습니다", "2025-08-18 30.3℃",
        "맑음신도시",
    ])
    func linesThatAreNotItems(text: String) {
        #expect(parse(text) == nil)
    }

    @Test func unknownConditionWordIsKeptAsPrintedWithAWarning() throws {
        let item = try #require(parse("폭염서울33.0℃"))
        #expect(item.condition == "폭염")
        #expect(!item.conditionIsKnown)
        #expect(item.station?.id == 108)
        #expect(item.warnings == ["unknown condition word '폭염', kept as printed"])
    }

    @Test func unknownStationNameIsKeptAsPrintedWithAWarning() throws {
        let item = try #require(parse("맑음신도시28.0℃"))
        #expect(item.condition == "맑음")
        #expect(item.label == "신도시")
        #expect(item.station == nil)
        #expect(item.warnings == ["unknown station name '신도시', kept as printed"])
    }

    @Test func dashMeansNoConditionObserved() throws {
        let item = try #require(parse("-철원28.2℃"))
        #expect(item.condition == nil)
        #expect(item.station?.id == 95)
        #expect(item.warnings.isEmpty)
    }
}

/// Every item form of the issue "Every ticker item accounted for", one rule per test, on a
/// single line (the page-level forms are in `FormFixturesTests` and the rendering property test).
@Suite struct TickerItemFormTests {
    let parser = TickerItemParser(registry: .asos)

    func parse(_ text: String) -> TickerItem? { parser.parse(Substring(text), line: 1) }

    @Test(arguments: [
        ("맑음고창 ℃", 172), ("구름조금북창원-℃", 255), ("흐림대관령--℃", 100), ("맑음서울 °C", 108),
    ])
    func unitWithNoNumberIsAMissingTemperature(text: String, stationID: Int) throws {
        let item = try #require(parse(text))
        #expect(item.station?.id == stationID)
        #expect(item.temperatureC == nil)
    }

    @Test(arguments: [
        ("맑음서울 영하 3.2도", -3.2), ("맑음서울 영상 1.5도", 1.5), ("맑음서울 영하3.2도", -3.2),
        ("맑음서울-2.3℃", -2.3), ("맑음서울−4.5℃", -4.5), ("맑음서울–4.5℃", -4.5), ("맑음서울－4.5℃", -4.5),
        ("맑음서울 -1.2℃", -1.2), ("맑음서울３１.５℃", 31.5), ("맑음서울２９．３℃", 29.3), ("맑음서울－１．０℃", -1.0),
        ("맑음서울29.3°", 29.3), ("맑음서울29.3도", 29.3), ("맑음서울29.3&deg;C", 29.3), ("맑음서울29.3˚C", 29.3),
        ("맑음서울29.3\u{2009}℃", 29.3), ("맑음서울29.3\u{00A0}℃", 29.3),
    ])
    func temperatureInEveryPrintedForm(text: String, celsius: Double) throws {
        let item = try #require(parse(text))
        #expect(item.station?.id == 108)
        #expect(item.temperatureC == celsius)
    }

    @Test(arguments: ["서\u{200B}울", "서\u{00AD}울", "서\u{200D}울", "\u{FEFF}서울"])
    func invisibleCharactersInsideANameAreIgnored(name: String) throws {
        let item = try #require(parse("맑음\(name)29.3℃"))
        #expect(item.station?.id == 108)
        #expect(item.label == "서울")
    }

    @Test func nameFirstItemsRead() throws {
        // One line read alone is condition-first; a name-first page is read as such by the
        // reader (FormFixturesTests: li_name_first.html). Here: the parts are all recognized.
        // (A list this short is a ticker only with KMA's credit after it.)
        let page = try TickerParser(registry: .asos).parse(Array("최종편집: 2025-08-18 10:40\n서울 맑음 29.3℃\n대전 흐림 30.1℃\n부산 비 25.0℃\n기상청 제공\n".utf8), file: "n.txt")
        #expect(page.observations.map(\.stationID) == [108, 133, 159])
        #expect(page.observations.map(\.condition) == ["맑음", "흐림", "비"])
        #expect(page.observations.map(\.temperatureC) == [29.3, 30.1, 25.0])
    }

    @Test func dashBeforeANameIsNoConditionNotAMinus() throws {
        let item = try #require(parse("-동두천 8.8℃"))
        #expect(item.condition == nil)
        #expect(item.station?.id == 98)
        #expect(item.temperatureC == 8.8)
    }

    @Test func dashBulletBeforeAnItemIsABullet() throws {
        let item = try #require(parse("- 흐림속초27.8℃"))
        #expect(item.condition == "흐림")
        #expect(item.station?.id == 90)
    }

    @Test(arguments: ["맑음서울84.7℉", "맑음서울84.7°F", "맑음대전 3O.3℃", "흐림속초27.8", "맑음서울99.9℃"])
    func malformedItemsAreNoItems(text: String) {
        #expect(parse(text) == nil)
    }
}

/// Items seen in a ticker = observations stored + items reported, for the rules that reject.
@Suite struct TickerAccountingTests {
    static func page(_ items: [String]) throws -> TickerPage {
        let text = "최종편집: 2025-08-18 10:40\n" + items.map { "  • \($0)\n" }.joined() + "기상청 제공\n"
        return try TickerParser(registry: .asos).parse(Array(text.utf8), file: "a.txt")
    }

    @Test(arguments: [
        ("맑음대전84.7℉", "gives its temperature in a unit that is not °C ('84.7℉'); kmaticker does not convert"),
        ("맑음대전 3O.3℃", "holds '3O.3℃', which is no part of a ticker item"),
        ("맑음대전30.3", "has a number with no unit ('30.3'): cut off or malformed"),
        ("맑음대전130.3℃", "gives 130.3℃, which no weather station reports"),
    ])
    func eachRejectionIsReportedWithItsTextAndLineAndTheRestStored(item: String, reason: String) throws {
        let page = try Self.page(["흐림속초27.8℃", "구름많음철원28.2℃", item, "흐림부산31.0℃"])
        #expect(page.observations.map(\.stationID) == [90, 95, 159])
        #expect(page.rejectedItems == [RejectedItem(line: 4, text: item, reason: reason)])
        #expect(page.observations.count + page.rejectedItems.count == 4)
    }

    @Test func unknownTextInsideTheTickerIsReported() throws {
        let page = try Self.page(["흐림속초27.8℃", "스폰서", "구름많음철원28.2℃", "흐림부산31.0℃"])
        #expect(page.observations.map(\.stationID) == [90, 95, 159])
        #expect(page.rejectedItems.map(\.text) == ["스폰서"])
    }

    @Test func knownNonItemsAreNeitherStoredNorReported() throws {
        let page = try Self.page(["흐림속초27.8℃", "광고", "구름많음철원28.2℃", "|", "흐림부산31.0℃"])
        #expect(page.observations.map(\.stationID) == [90, 95, 159])
        #expect(page.rejectedItems.isEmpty)
    }

    @Test func aRepeatedTickerIsStoredOnceAndSaysSo() throws {
        let items = ["흐림속초27.8℃", "흐림26.8℃", "구름많음철원28.2℃", "흐림부산31.0℃"]
        let page = try Self.page(items + items)
        #expect(page.observations.map(\.stationID) == [90, 93, 95, 159])
        #expect(page.extraCopies == 1)
        #expect(page.diagnostics.map(\.message).contains { $0.hasPrefix("the page prints its ticker 2 times") })
    }

    @Test func copiesThatDisagreeAreReportedAndTheFirstIsKept() throws {
        let page = try Self.page(["흐림속초27.8℃", "구름많음철원28.2℃", "흐림부산31.0℃",
                                  "흐림속초27.8℃", "구름많음철원19.0℃", "흐림부산31.0℃"])
        #expect(page.observations.first { $0.stationID == 95 }?.temperatureC == 28.2)
        #expect(page.diagnostics.contains { $0.message.contains("the copies disagree about 95 철원") })
    }

    @Test func oneBrokenLineNoLongerSplitsTheTicker() throws {
        // The regression of the issue: `맑음고창 ℃` once split a 16-station ticker in two.
        let page = try Self.page(["비서울 8.2℃", "흐림대전 9.0℃", "맑음고창 ℃", "흐림제주 12.0℃", "비거제 10.1℃"])
        #expect(page.observations.map(\.stationID) == [108, 133, 172, 184, 294])
        #expect(page.observations[2].temperatureC == nil)
    }
}

extension TickerAccountingTests {
    @Test func aLoneFirstItemCutOffByUnknownTextOnItsLineIsReportedNotDropped() throws {
        let line = "흐림속초27.8℃ 스폰서 구름많음철원28.2℃ 흐림부산31.0℃ 맑음제주30.0℃"
        let page = try TickerParser(registry: .asos).parse(Array("최종편집: 2025-08-18 10:40\n\(line)\n기상청 제공\n".utf8), file: "a.txt")
        #expect(page.observations.map(\.stationID) == [95, 159, 184])
        #expect(page.rejectedItems.map(\.text) == ["흐림 속초 27.8℃"])
        #expect(page.rejectedItems.first?.reason == "stands apart from the ticker after it (unknown text between)")
    }
}

/// Regressions found by an adversarial tester, one per finding (inputs built by hand from the
/// shapes real pages print; expected values from the items as written here).
@Suite struct TickerAdversarialRegressionTests {
    static func html(_ items: [String], after: String = "") throws -> TickerPage {
        let list = items.map { "<li>\($0)</li>" }.joined()
        let page = "<html><body><div>최종편집: 2025-08-18 10:40</div><ul>\(list)</ul><span>기상청 제공</span>\(after)</body></html>"
        return try TickerParser(registry: .asos).parse(Array(page.utf8), file: "a.html")
    }

    static func text(_ lines: [String]) throws -> TickerPage {
        try TickerParser(registry: .asos).parse(Array(("최종편집: 2025-08-18 10:40\n" + lines.joined(separator: "\n") + "\n기상청 제공\n").utf8), file: "a.txt")
    }

    @Test func textAfterAnItemsTemperatureNoLongerCutsTheTicker() throws {
        let page = try Self.html(["흐림속초27.8℃", "흐림26.8℃ 60%", "구름많음철원28.2℃", "구름많음동두천28.0℃"])
        #expect(page.observations.map(\.stationID) == [90, 93, 95, 98])
        // (One run of text is one report, as printed.)
        #expect(page.rejectedItems.map(\.text) == ["60%"])
    }

    @Test func numberedLinesAreATickerToo() throws {
        let page = try Self.text(["1. 흐림속초27.8℃", "2. 흐림26.8℃", "3) 구름많음철원28.2℃", "4. 구름많음동두천28.0℃"])
        #expect(page.observations.map(\.stationID) == [90, 93, 95, 98])
        #expect(page.rejectedItems.isEmpty)
    }

    @Test func aStationPrintedTwiceMidTickerIsReportedAndTheRestKept() throws {
        let page = try Self.html(["흐림속초27.8℃", "흐림26.8℃", "구름많음철원28.2℃", "구름많음동두천28.0℃",
                                  "맑음속초20.0℃", "구름많음파주29.4℃"])
        #expect(page.observations.map(\.stationID) == [90, 93, 95, 98, 99])
        #expect(page.observations[0].temperatureC == 27.8)
        #expect(page.rejectedItems.map(\.text) == ["맑음속초20.0℃"])
    }

    @Test func aLongRowOfBareValuesDoesNotOutweighTheTicker() throws {
        let row = "<table><tr>" + String(repeating: "<td>5.0℃</td>", count: 40) + "</tr></table>"
        let page = try Self.html(["비서울 8.2℃", "흐림대전 9.0℃", "맑음고창 ℃", "흐림제주 12.0℃"], after: "<p>시간별 예보</p>" + row)
        #expect(page.observations.map(\.stationID) == [108, 133, 172, 184])
    }

    @Test(arguments: ["■ ", "○ ", "※ ", "▲ ", "☞ "])
    func moreBulletsAreBullets(bullet: String) throws {
        let page = try Self.text(["흐림속초27.8℃", "흐림26.8℃", "구름많음철원28.2℃"].map { bullet + $0 })
        #expect(page.observations.map(\.stationID) == [90, 93, 95])
    }

    @Test func qualifiedConditionsAreKeptAsPrinted() throws {
        let page = try Self.html(["짙은안개속초27.8℃", "흐리고비철원28.2℃", "구름많고한때비동두천28.0℃"])
        #expect(page.observations.map(\.condition) == ["짙은안개", "흐리고비", "구름많고한때비"])
        #expect(page.observations.allSatisfy { !$0.conditionIsKnown })
        #expect(page.rejectedItems.isEmpty)
    }

    @Test func aDecimalCommaIsNoSecondItem() throws {
        let page = try Self.html(["흐림속초27,8℃", "구름많음철원28.2℃", "구름많음동두천28.0℃"])
        #expect(page.observations.map(\.stationID) == [95, 98])
        #expect(page.rejectedItems.map(\.text) == ["흐림속초27,8℃"])
    }

    @Test func directionMarksOrdinalDegreeAndFullWidthCelsius() throws {
        let page = try Self.html(["흐림속\u{200E}초27.8℃", "구름많음철원28.2ºC", "구름많음동두천28.0°Ｃ"])
        #expect(page.observations.map(\.temperatureC) == [27.8, 28.2, 28.0])
        #expect(page.rejectedItems.isEmpty)
    }

    @Test func aLoneFirstItemWithTextAfterItIsReportedNotLost() throws {
        // (The rest of the ticker names more than half its items, as a ticker does.)
        let page = try Self.html(["흐림속초27.8℃ 습도 60%", "흐림26.8℃", "구름많음철원28.2℃", "구름많음동두천28.0℃"])
        #expect(page.observations.count + page.rejectedItems.count == 4)
        #expect(page.rejectedItems.map(\.text) == ["흐림 속초 27.8℃"])
    }
}

extension TickerItemFormTests {
    @Test(arguments: [("맑음김해31.2℃", 253), ("흐림경주31.7℃", 283), ("흐림정선27.4℃", 217), ("구름많음고창29.7℃", 172)])
    func namesWithoutSiGunAreTheirStation(text: String, stationID: Int) throws {
        let item = try #require(parse(text))
        #expect(item.station?.id == stationID)
        #expect(item.warnings.isEmpty)
    }
}
