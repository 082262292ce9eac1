import Testing
@testable import KMATickerKit

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
