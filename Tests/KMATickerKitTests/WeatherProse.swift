import Foundation
@testable import KMATickerModel

// A generator of weather WRITING as Korean news articles print it (and a little English and
// French): station names with temperatures in sentences, bullet lists, pairs and ranges,
// forecast lines and tables, a site's own city-weather widget. None of it is the KMA ticker
// (../shared/docs/ticker.md, "What is not a ticker"), so a reader must store none of it.
//
// Real station names (``StationRegistry/asos``), random values, stations in the writer's
// order (shuffled, or the regional order newspapers use), never sorted by station number
// (ascending only by chance), mixed with regional words (`강원 산지`) and places that are not
// stations (`미시령`). Everything comes from one ``SplitMix64``, so a seed makes the same
// text again.
//
//   WeatherProse.Form        the forms, one case each, with an example
//   WeatherProse.paragraph   one paragraph of a random or a given form, HTML or plain lines
//   WeatherProse.headline    a headline-like line (`[날씨] 서울 -11.2도…올겨울 최저`)
//   WeatherProse.page        a whole page made only of weather prose

enum WeatherProse {
    /// The forms weather writing takes in articles. Each is printed by one function of
    /// ``ProseWriter``.
    enum Form: String, CaseIterable, Sendable {
        /// A list inside a sentence, particles and commas, `도` or `℃`:
        /// `오늘 아침 최저기온은 대전 -4.2도, 청주 -5도, 세종 -6.2도 등이다.`,
        /// `서울 2.3℃, 인천 1.9℃, 수원 0.8℃를 기록했다.`, `철원이 -15.2도, 파주가 -13.1도로 …`
        case sentenceList = "sentence-list"
        /// Bullets inside one line: `지역별 낮 최고기온은 △대구 21도 △울산 20도 △부산 22도 등이다.`,
        /// `▲광주 3∼12도 ▲대구 1∼10도`
        case inlineBullets = "inline-bullets"
        /// One city per line under a heading: `- 춘천 -8도`, `▲서울 -3도`, `△부산 2∼11도`
        /// (HTML: `<li>`, `<br>` or one `<p>` per line).
        case bulletLines = "bullet-lines"
        /// Pairs and ranges: `광주 3도와 12도`, `-2∼7도`, `대구·울산 21도`, `최저 -5∼3도, 최고 4∼11도`.
        case pairsAndRanges = "pairs-and-ranges"
        /// Forecast lines, morning and afternoon sky, low and high:
        /// `▲ 강릉 : [흐림, 구름많음] (3∼12)`, maybe with a `[기상청 제공. 재판매 및 DB 금지]` caption.
        case forecastLines = "forecast-lines"
        /// A forecast table, a row per city: city, morning and afternoon condition words (맑음,
        /// 구름많음, 흐림, 비…), low, high: `<tr><td>서울</td><td>맑음</td><td>구름많음</td><td>-3</td><td>5</td></tr>`;
        /// as text, `서울\t맑음\t구름많음\t-3\t5`.
        case forecastTable = "forecast-table"
        /// A station with a value inside a sentence: `제주 성산 14.2도`,
        /// `서울의 낮 기온은 33.1℃까지 올랐다.`, `현재 서울은 흐림, 기온은 12.4℃다.`
        case stationInSentence = "station-in-sentence"
        /// English or French: `Seoul recorded -11°C on Monday morning.`,
        /// `Il faisait -11 °C à Séoul lundi matin.`, `Busan (부산) 22.4°C`.
        case foreignLanguage = "foreign-language"
        /// A site's own city-weather widget: icon code, value, then name: `01 23.5℃ 서울`,
        /// `<li><span class="ico">04</span><em>18℃</em><strong>부산</strong></li>`.
        case cityWidget = "city-widget"
    }

    /// One paragraph (HTML: `<p>`, a list or a table; text: plain lines) of a random form.
    static func paragraph(using random: inout SplitMix64, medium: Medium) -> String {
        let form = random.element(of: Form.allCases)
        return paragraph(form, using: &random, medium: medium)
    }

    /// One paragraph of `form`.
    static func paragraph(_ form: Form, using random: inout SplitMix64, medium: Medium) -> String {
        var writer = ProseWriter(random: random, medium: medium)
        let text = writer.write(form)
        random = writer.random
        return text
    }

    /// One headline-like line: `[날씨] 서울 -11.2도…올겨울 최저`, `대구 36.1℃ 폭염특보`.
    static func headline(using random: inout SplitMix64) -> String {
        var writer = ProseWriter(random: random, medium: .text)
        let text = writer.headline()
        random = writer.random
        return text
    }

    /// The forms that print as one line of text (a sentence, a headline-like line).
    static let oneLineForms: [Form] = [.sentenceList, .inlineBullets, .pairsAndRanges, .stationInSentence]

    // MARK: A page of prose

    /// A page made only of weather prose, and what it was made of.
    struct Page {
        var seed: UInt64
        var medium: Medium
        var forms: [Form]
        var header: String
        var text: String
        var fileName: String { medium == .html ? "prose.html" : "prose.txt" }
    }

    /// A page of several paragraphs of mixed forms (the paragraphs of `forms` when given, in
    /// that order), under a date header (`2025.01.10 (금)`, `최종편집: 2025-01-10 09:12`) and a
    /// headline, maybe with a menu, filler sentences and a list of headlines. The headline and
    /// the list print stations and values too (`[날씨] 서울 -11.2도…올겨울 최저`) unless
    /// `forms` is given: then only the forms asked for do.
    static func page(seed: UInt64, medium: Medium? = nil, forms given: [Form]? = nil) -> Page {
        var random = SplitMix64(seed: seed)
        let medium = medium ?? (random.chance(50) ? .html : .text)
        var writer = ProseWriter(random: random, medium: medium)
        let forms = given ?? (0..<writer.random.int(in: 3...7)).map { _ in writer.random.element(of: Form.allCases) }
        let header = writer.dateHeader()
        let title = given == nil ? writer.headline() : "[날씨] 전국 날씨 종합"
        let menu = writer.random.chance(60)
        var paragraphs: [String] = []
        for form in forms {
            if writer.random.chance(40) { paragraphs.append(writer.wrapSentence(writer.fillerSentences(writer.random.int(in: 1...3)))) }
            paragraphs.append(writer.write(form))
        }
        let headlines = given == nil && writer.random.chance(40) ? (0..<writer.random.int(in: 3...6)).map { _ in writer.headline() } : []
        let copyright = "Copyright © 한빛일보. All rights reserved. 무단 전재 및 재배포 금지"
        var text: String
        switch medium {
        case .html:
            text = "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(title) - 한빛일보</title>\n</head>\n<body>\n"
            text += "<div id=\"header\">\n<p class=\"today_txt\">\(header)</p>\n"
            if menu {
                text += "<ul class=\"gnb\">" + ["전체기사", "정치", "경제", "사회", "날씨"].enumerated()
                    .map { "<li><a href=\"/news/section\($0.offset)\">\($0.element)</a></li>" }.joined() + "</ul>\n"
            }
            text += "</div>\n<div id=\"content\">\n<h1>\(title)</h1>\n<div class=\"article_body\">\n"
            text += paragraphs.joined(separator: "\n") + "\n</div>\n"
            if !headlines.isEmpty {
                text += "<h3>많이 본 뉴스</h3>\n<ul class=\"rank_list\">\n" + headlines.enumerated()
                    .map { "<li><a href=\"/news/articleView.html?idxno=\(2000 + $0.offset)\">\($0.element)</a></li>" }
                    .joined(separator: "\n") + "\n</ul>\n"
            }
            text += "</div>\n<div id=\"footer\"><p>\(copyright)</p></div>\n</body>\n</html>\n"
        case .text:
            var lines: [String] = []
            if menu { lines += ["홈 | 전체기사 | 정치 | 경제 | 사회 | 날씨", ""] }
            lines += [header, "", title, ""]
            for paragraph in paragraphs { lines += [paragraph, ""] }
            if !headlines.isEmpty { lines += ["많이 본 뉴스"] + headlines.enumerated().map { "\($0.offset + 1). \($0.element)" } + [""] }
            lines.append(copyright)
            text = lines.joined(separator: "\n") + "\n"
        }
        return Page(seed: seed, medium: medium, forms: forms, header: header, text: text)
    }
}

// MARK: - The writer

/// Writes weather prose from one random stream; one function per ``WeatherProse/Form``.
struct ProseWriter {
    var random: SplitMix64
    let medium: Medium

    init(random: SplitMix64, medium: Medium) {
        self.random = random
        self.medium = medium
    }

    mutating func write(_ form: WeatherProse.Form) -> String {
        switch form {
        case .sentenceList: return sentenceList()
        case .inlineBullets: return inlineBullets()
        case .bulletLines: return bulletLines()
        case .pairsAndRanges: return pairsAndRanges()
        case .forecastLines: return forecastLines()
        case .forecastTable: return forecastTable()
        case .stationInSentence: return stationInSentence()
        case .foreignLanguage: return foreignLanguage()
        case .cityWidget: return cityWidget()
        }
    }

    // MARK: Words

    /// The cities newspapers list, in the regional order they list them in (not ASOS order).
    static let pressOrder = ["서울", "인천", "수원", "춘천", "강릉", "청주", "대전", "세종", "전주", "광주",
                             "대구", "부산", "울산", "창원", "제주"]
    /// Regional words and places that are not stations, mixed into lists.
    static let regions = ["경기 북부", "강원 산지", "충북 북부", "경북 북동 산지", "제주 산지", "수도권", "영동", "내륙"]
    static let notStations = ["미시령", "강서구", "설악산", "진부령", "향로봉", "한라산", "의정부", "용인", "포천", "은평구"]
    static let fillers = [
        "기상청은 \"당분간 평년보다 추운 날씨가 이어지겠다\"고 밝혔다.",
        "건강 관리에 유의해야 한다.",
        "미세먼지 농도는 전 권역에서 '좋음'∼'보통' 수준으로 예상된다.",
        "바다의 물결은 동해 앞바다에서 1.0∼3.0m로 높게 일겠다.",
        "출근길 빙판길 사고에 주의해야 한다.",
        "낮과 밤의 기온 차가 10도 이상 크겠다.",
        "강원 산지에는 대설주의보가 내려졌다.",
        "기상청 관계자는 \"주말까지 비 소식이 없겠다\"고 말했다.",
        "체감온도는 이보다 3∼5도가량 더 낮겠다.",
        "이번 추위는 모레부터 점차 풀리겠다.",
    ]
    /// Forecast sky words: mostly KMA's, some forecast phrasing.
    static let forecastWords = ["맑음", "맑음", "구름많음", "구름많음", "흐림", "흐림", "비", "눈", "소나기", "비/눈",
                                "구름조금", "흐리고 비", "구름많고 한때 비"]

    /// Stations for a list: major cities in press order or shuffled, or any registry stations
    /// shuffled. (Ascending station order only by chance.)
    mutating func stations(_ count: Int) -> [Station] {
        let registry = StationRegistry.asos
        if random.chance(55) {
            let cities = Self.pressOrder.compactMap(registry.station(named:))
            let picked = random.shuffled(Array(cities.indices)).prefix(min(count, cities.count))
            let inPressOrder = random.chance(50)
            return (inPressOrder ? picked.sorted() : Array(picked)).map { cities[$0] }
        }
        return Array(random.shuffled(registry.stations).prefix(count))
    }

    /// How a writer names a station: the registry's name, sometimes without its `시`/`군`.
    mutating func name(_ station: Station) -> String {
        let name = station.nameKorean
        if name.count > 2, name.hasSuffix("시") || name.hasSuffix("군"), random.chance(40) { return String(name.dropLast()) }
        return name
    }

    /// Stations' names with, sometimes, a regional word or a place that is not a station among them.
    mutating func places(_ count: Int) -> [String] {
        var names = stations(count).map { name($0) }
        if random.chance(30) {
            let other = random.chance(50) ? random.element(of: Self.regions) : random.element(of: Self.notStations)
            names.insert(other, at: random.int(in: 0...names.count))
        }
        return names
    }

    // MARK: Values

    enum Season: CaseIterable { case winter, summer, between }

    /// How one paragraph prints its values.
    struct ValueStyle {
        var unit: String          // 도, ℃, °C, " ℃"
        var integers: Int         // percent of values printed without tenths
        var minus: String         // - or − (U+2212)
        var yeongha: Bool         // 영하 4도 (only with 도)
        var season: Season
        var tilde: String         // ∼ (U+223C), ~, ～ (U+FF5E)
    }

    mutating func valueStyle(units: [String] = ["도", "도", "도", "℃", "℃", " ℃", "°C"]) -> ValueStyle {
        let unit = random.element(of: units)
        return ValueStyle(unit: unit, integers: random.element(of: [0, 50, 100]),
                          minus: random.chance(85) ? "-" : "\u{2212}",
                          yeongha: unit == "도" && random.chance(20),
                          season: random.element(of: Season.allCases),
                          tilde: random.element(of: ["∼", "∼", "~", "～"]))
    }

    /// A morning low, in tenths of a degree.
    mutating func low(_ style: ValueStyle) -> Int {
        switch style.season {
        case .winter: return random.int(in: -180...40)
        case .summer: return random.int(in: 170...280)
        case .between: return random.int(in: -30...150)
        }
    }

    /// An afternoon high, in tenths of a degree.
    mutating func high(_ style: ValueStyle) -> Int {
        switch style.season {
        case .winter: return random.int(in: -60...110)
        case .summer: return random.int(in: 260...390)
        case .between: return random.int(in: 100...260)
        }
    }

    mutating func any(_ style: ValueStyle) -> Int { random.chance(50) ? low(style) : high(style) }

    /// `-4.2`, `-4`, `12` (no `-0`).
    mutating func number(_ tenths: Int, _ style: ValueStyle, decimalComma: Bool = false) -> String {
        if random.chance(style.integers) {
            let whole = Int((Double(tenths) / 10).rounded())
            return whole < 0 ? style.minus + String(-whole) : String(whole)
        }
        if tenths == 0 { return decimalComma ? "0,0" : "0.0" }
        let digits = "\(abs(tenths) / 10)\(decimalComma ? "," : ".")\(abs(tenths) % 10)"
        return tenths < 0 ? style.minus + digits : digits
    }

    /// `-4.2도`, `영하 4도`, `1.9℃`, `0.8 ℃`.
    mutating func value(_ tenths: Int, _ style: ValueStyle) -> String {
        if tenths < 0, style.yeongha, random.chance(60) {
            return "영하 " + number(-tenths, style) + style.unit
        }
        return number(tenths, style) + style.unit
    }

    /// What a range spans: a day's low to its high (`3∼12도`), or the lows or the highs of
    /// several places (`최저 -5∼3도, 최고 4∼11도`).
    enum RangeKind { case day, lows, highs }

    /// `3∼12도`, `-2∼7도`.
    mutating func range(_ style: ValueStyle, _ kind: RangeKind = .day) -> String {
        var (from, to): (Int, Int)
        switch kind {
        case .day: (from, to) = (low(style), high(style))
        case .lows: (from, to) = (low(style), low(style))
        case .highs: (from, to) = (high(style), high(style))
        }
        if from > to { (from, to) = (to, from) }
        to = max(to, from + 10)
        return number(from, style) + style.tilde + number(to, style) + style.unit.trimmingCharacters(in: .whitespaces)
    }

    // MARK: Particles

    /// Whether the word ends in a syllable with a final consonant (받침); digits and units are
    /// read aloud (`3` 삼, `도`, `℃` 도).
    static func finalConsonant(of word: String) -> (has: Bool, isRieul: Bool) {
        guard let last = word.unicodeScalars.last else { return (false, false) }
        if (0xAC00...0xD7A3).contains(last.value) {
            let final = (last.value - 0xAC00) % 28
            return (final != 0, final == 8)
        }
        switch last {
        case "0", "3", "6": return (true, false)            // 영, 삼, 육
        case "1", "7", "8": return (true, true)             // 일, 칠, 팔
        default: return (false, false)                      // 이, 사, 오, 구, 도, ℃, °C
        }
    }

    static func topic(_ word: String) -> String { word + (finalConsonant(of: word).has ? "은" : "는") }
    static func subject(_ word: String) -> String { word + (finalConsonant(of: word).has ? "이" : "가") }
    static func object(_ word: String) -> String { word + (finalConsonant(of: word).has ? "을" : "를") }
    static func and(_ word: String) -> String { word + (finalConsonant(of: word).has ? "과" : "와") }
    static func toward(_ word: String) -> String {
        let final = finalConsonant(of: word)
        return word + (final.has && !final.isRieul ? "으로" : "로")
    }

    // MARK: Wrapping

    /// A sentence or sentences as a paragraph: `<p>…</p>` or the line itself.
    func wrapSentence(_ text: String) -> String { medium == .html ? "<p>\(text)</p>" : text }

    /// Lines as one block: a list, `<br>`s or one `<p>` each (HTML), or the lines (text).
    mutating func wrapLines(_ lines: [String], heading: String?) -> String {
        switch medium {
        case .text:
            return ((heading.map { [$0] } ?? []) + lines).joined(separator: "\n")
        case .html:
            let head = heading.map { "<p><strong>\($0)</strong></p>\n" } ?? ""
            switch random.int(in: 0...2) {
            case 0: return head + "<ul class=\"list\">\n" + lines.map { "<li>\($0)</li>" }.joined(separator: "\n") + "\n</ul>"
            case 1: return head + "<p>" + lines.joined(separator: "<br>\n") + "</p>"
            default: return head + lines.map { "<p>\($0)</p>" }.joined(separator: "\n")
            }
        }
    }

    mutating func fillerSentences(_ count: Int) -> String {
        Array(random.shuffled(Self.fillers).prefix(count)).joined(separator: " ")
    }

    /// `[기상청 제공. 재판매 및 DB 금지]` or `(자료=기상청)`: the caption under a forecast graphic.
    mutating func caption() -> String {
        let text = random.element(of: ["[기상청 제공. 재판매 및 DB 금지]", "(자료=기상청)", "<자료: 기상청>"])
        return medium == .html ? "<p class=\"caption\">\(text.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;"))</p>" : text
    }

    // MARK: Forms (one function each)

    /// `오늘 아침 최저기온은 대전 -4.2도, 청주 -5도, 세종 -6.2도 등이다.`
    mutating func sentenceList() -> String {
        let style = valueStyle()
        let names = places(random.int(in: 3...8))
        // How each name is followed: nothing, 은/는, 이/가 or 에서 (the same for the whole list).
        let particle = random.element(of: [0, 0, 0, 1, 2, 3])
        var parts = names.map { name -> String in
            let named: String = switch particle {
            case 1: Self.topic(name)
            case 2: Self.subject(name)
            case 3: name + "에서"
            default: name
            }
            return named + " " + value(any(style), style)
        }
        if random.chance(20), parts.count > 2 {
            // `서울 -3도와 대전 -1도`: the last two joined by 와/과.
            let last = parts.removeLast()
            parts[parts.count - 1] = Self.and(parts[parts.count - 1]) + " " + last
        }
        let list = parts.joined(separator: random.chance(85) ? ", " : "，")
        let future = random.chance(35)
        let leads = particle != 0
            ? (future ? ["내일 아침", "모레 낮", "내일 오후"] : ["오전 6시 현재", "이날 아침", "오후 2시 현재", "이날 낮"])
            : (future ? ["내일 아침 최저기온은", "모레 낮 최고기온은", "주말 아침 기온은"]
                : ["오늘 아침 최저기온은", "오전 6시 현재 기온은", "낮 최고기온은", "주요 지역 낮 기온은", "이 시각 현재 기온은"])
        let endings = future
            ? [list + " 등이다.", list + " 등으로 오늘보다 2∼5도가량 낮겠다.", Self.toward(list) + " 예상된다.",
               list + " 등으로 평년보다 높겠다."]
            : [list + " 등이다.", Self.object(list) + " 기록했다.", list + "에 머물렀다.", list + "까지 떨어졌다.",
               list + "까지 올랐다.", list + " 등을 보이고 있다."]
        let sentence = random.element(of: leads) + " " + random.element(of: endings)
        let more = random.chance(40) ? " " + fillerSentences(1) : ""
        return wrapSentence(sentence + more)
    }

    /// `지역별 낮 최고기온은 △대구 21도 △울산 20도 △부산 22도 등이다.`, `▲광주 3∼12도 ▲대구 1∼10도`.
    mutating func inlineBullets() -> String {
        let style = valueStyle(units: ["도", "도", "도", "℃"])
        let bullet = random.element(of: ["△", "▲", "◇", "■"])
        let ranges = random.chance(40)
        let names = places(random.int(in: 3...9))
        let items = names.map { name -> String in
            bullet + name + " " + (ranges ? range(style) : value(any(style), style))
        }
        let leads = ranges
            ? ["[지역별 아침 최저기온∼낮 최고기온]", "주요 지역 예상 기온은", "내일 기온은"]
            : ["지역별 낮 최고기온은", "주요 지역 아침 최저기온은", "오전 9시 현재 기온은"]
        let ending = random.element(of: [" 등이다.", " 등.", "", " 등으로 예상된다."])
        return wrapSentence(random.element(of: leads) + " " + items.joined(separator: " ") + ending)
    }

    /// One city per line under a heading: `- 춘천 -8도`, `▲서울 -3도`.
    mutating func bulletLines() -> String {
        let style = valueStyle()
        let bullet = random.element(of: ["- ", "▲", "△", "· ", "■ ", "▲ "])
        let ranges = random.chance(30)
        let lines = places(random.int(in: 3...10)).map { name in
            bullet + name + " " + (ranges ? range(style) : value(any(style), style))
        }
        let heading = random.element(of: ["■ 주요 지역 아침 최저기온", "[오늘 낮 최고기온]", "◆ 지역별 기온",
                                           "주요 지역 현재 기온은 다음과 같다.", "내일 아침 예상 최저기온"])
        return wrapLines(lines, heading: random.chance(85) ? heading : nil)
    }

    /// `광주 3도와 12도`, `-2∼7도`, `대구·울산 21도`, `최저 -5∼3도, 최고 4∼11도`.
    mutating func pairsAndRanges() -> String {
        let style = valueStyle(units: ["도", "도", "℃"])
        var sentences: [String] = []
        var kinds = random.shuffled(Array(0...4))
        kinds = Array(kinds.prefix(random.int(in: 2...3)))
        for kind in kinds {
            switch kind {
            case 0:
                // 아침 최저기온과 낮 최고기온은 각각 광주 3도와 12도, 대전 -1도와 10도로 예상된다.
                let pairs = places(random.int(in: 1...3)).map { name -> String in
                    let low = low(style)
                    return name + " " + Self.and(value(low, style)) + " " + value(max(high(style), low + 10), style)
                }
                sentences.append("아침 최저기온과 낮 최고기온은 각각 " + Self.toward(pairs.joined(separator: ", ")) + " 예상된다.")
            case 1:
                // 아침 최저기온은 -2∼7도, 낮 최고기온은 8∼15도로 예보됐다.
                sentences.append("아침 최저기온은 \(range(style, .lows)), 낮 최고기온은 " + Self.toward(range(style, .highs)) + " 예보됐다.")
            case 2:
                // 낮 최고기온은 서울 18도, 대구·울산 21도, 부산 22도 등이다.
                let names = places(random.int(in: 4...6))
                var groups: [String] = []
                var index = 0
                while index < names.count {
                    let size = min(random.int(in: 1...3), names.count - index)
                    groups.append(names[index..<(index + size)].joined(separator: "·") + " " + value(high(style), style))
                    index += size
                }
                sentences.append("낮 최고기온은 " + groups.joined(separator: ", ") + " 등이다.")
            case 3:
                // 전국 최저 -5∼3도, 최고 4∼11도로 평년과 비슷하겠다.
                sentences.append("전국 최저 \(range(style, .lows)), 최고 " + Self.toward(range(style, .highs)) + " 평년과 비슷하겠다.")
            default:
                // 서울 -3∼5도, 부산 2∼11도 등 일교차가 크겠다.
                let items = places(random.int(in: 2...4)).map { $0 + " " + range(style) }
                sentences.append(items.joined(separator: ", ") + " 등 일교차가 크겠다.")
            }
        }
        return wrapSentence(sentences.joined(separator: " "))
    }

    /// `▲ 강릉 : [흐림, 구름많음] (3∼12)` lines under a heading.
    mutating func forecastLines() -> String {
        let style = valueStyle(units: ["도"])
        let spaced = random.chance(60)
        let lines = stations(random.int(in: 5...14)).map { station -> String in
            let morning = random.element(of: Self.forecastWords), afternoon = random.element(of: Self.forecastWords)
            let low = low(style), high = max(high(style), low + 10)
            let temperatures = "(" + number(low, style) + style.tilde + number(high, style) + ")"
            return spaced ? "▲ \(name(station)) : [\(morning), \(afternoon)] \(temperatures)"
                : "▲\(name(station)): [\(morning), \(afternoon)] \(temperatures)"
        }
        let heading = random.element(of: ["[오늘의 날씨] (오전, 오후) (최저∼최고기온)", "■ 내일 전국 날씨 (오전/오후, ℃)",
                                           "지역별 날씨 [오전, 오후] (최저∼최고)"])
        var text = wrapLines(lines, heading: heading)
        if random.chance(35) { text += "\n" + caption() }
        return text
    }

    /// A row per city: city, morning and afternoon sky, low, high.
    mutating func forecastTable() -> String {
        let style = valueStyle(units: ["", "", "℃"])
        let cities = stations(random.int(in: 4...12))
        let rows = cities.map { station -> [String] in
            let low = low(style), high = max(high(style), low + 10)
            return [name(station), random.element(of: Self.forecastWords), random.element(of: Self.forecastWords),
                    number(low, style) + style.unit, number(high, style) + style.unit]
        }
        let header = ["지역", "오전", "오후", "최저기온" + (style.unit.isEmpty ? "(℃)" : ""), "최고기온" + (style.unit.isEmpty ? "(℃)" : "")]
        var text: String
        switch medium {
        case .html:
            text = "<table class=\"forecast\">\n<thead><tr>" + header.map { "<th>\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                + rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined(separator: "\n") + "\n</tbody>\n</table>"
        case .text:
            let separator = random.element(of: ["\t", " ", "  ", " | "])
            text = ([header] + rows).map { $0.joined(separator: separator) }.joined(separator: "\n")
        }
        if random.chance(35) { text += "\n" + caption() }
        return text
    }

    /// `서울의 낮 기온은 33.1℃까지 올랐다.`, `제주 성산 14.2도`, `현재 서울은 흐림, 기온은 12.4℃다.`
    mutating func stationInSentence() -> String {
        let style = valueStyle()
        var sentences: [String] = []
        for _ in 0..<random.int(in: 2...4) {
            let station = stations(1)[0]
            let name = name(station)
            let v = value(any(style), style)
            switch random.int(in: 0...6) {
            case 0: sentences.append("\(name)의 낮 기온은 \(v)까지 올랐다.")
            case 1: sentences.append("이날 \(name)의 아침 기온은 " + Self.toward(v) + " 올겨울 들어 가장 낮았다.")
            case 2: sentences.append(Self.topic(name) + " 오후 2시 현재 " + Self.object(v) + " 기록했다.")
            case 3: sentences.append("\(station.province) \(name) \(v) 등 곳곳에서 " + (style.season == .summer ? "폭염이 이어졌다." : "기온이 크게 떨어졌다."))
            case 4: sentences.append("현재 " + Self.topic(name) + " \(random.element(of: Self.forecastWords)), 기온은 \(v)다.")
            case 5: sentences.append("\(name) 기온이 \(v)까지 떨어지면서 수도관 동파 신고가 잇따랐다.")
            default: sentences.append("특히 \(name) \(v)" + (Self.finalConsonant(of: v).has ? "은" : "는") + " 관측 이래 가장 "
                                      + (style.season == .summer ? "높은" : "낮은") + " 기록이다.")
            }
            if random.chance(40) { sentences.append(fillerSentences(1)) }
        }
        return wrapSentence(sentences.joined(separator: " "))
    }

    /// `Seoul recorded -11°C on Monday morning.`, `Il faisait -11 °C à Séoul lundi matin.`
    mutating func foreignLanguage() -> String {
        let style = valueStyle(units: ["°C", " °C", "℃"])
        let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        let jours = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
        func french(_ station: Station) -> String {
            ["Seoul": "Séoul", "Busan": "Pusan"][station.nameEnglish] ?? station.nameEnglish
        }
        var sentences: [String] = []
        let inFrench = random.chance(40)
        for _ in 0..<random.int(in: 1...3) {
            let pair = stations(2)
            let (a, b) = (pair[0], pair[1])
            let va = number(any(style), style, decimalComma: inFrench) + style.unit
            let vb = number(any(style), style, decimalComma: inFrench) + style.unit
            if inFrench {
                switch random.int(in: 0...2) {
                case 0: sentences.append("Il faisait \(va) à \(french(a)) \(random.element(of: jours)) matin.")
                case 1: sentences.append("À \(french(a)), le thermomètre a atteint \(va), contre \(vb) à \(french(b)).")
                default: sentences.append("Les températures sont tombées à \(va) à \(french(a)) (\(a.nameKorean)) selon l'agence météorologique coréenne.")
                }
            } else {
                switch random.int(in: 0...3) {
                case 0: sentences.append("\(a.nameEnglish) recorded \(va) on \(random.element(of: days)) morning, according to the Korea Meteorological Administration.")
                case 1: sentences.append("Temperatures in \(a.nameEnglish) reached \(va), while \(b.nameEnglish) saw \(vb).")
                case 2: sentences.append("\(a.nameEnglish) (\(a.nameKorean)) \(va), \(b.nameEnglish) (\(b.nameKorean)) \(vb).")
                default: sentences.append("The mercury dropped to \(va) in \(a.nameEnglish), the lowest this winter.")
                }
            }
        }
        return wrapSentence(sentences.joined(separator: " "))
    }

    /// A site's own widget: icon code, value, name. `01 23.5℃ 서울`;
    /// `<li><span class="ico">04</span><em>18℃</em><strong>부산</strong></li>`.
    mutating func cityWidget() -> String {
        let style = valueStyle(units: ["℃", "℃", "°"])
        // A site's widget lists major cities, in its own order (press order or another).
        let registry = StationRegistry.asos
        let major = Self.pressOrder.compactMap(registry.station(named:))
        let picked = random.shuffled(Array(major.indices)).prefix(random.int(in: 5...12))
        let cities = (random.chance(50) ? picked.sorted() : Array(picked)).map { major[$0] }
        let icons = ["01", "02", "03", "04", "07", "08", "11", "12", "13"]
        let entries = cities.map { station in (random.element(of: icons), value(any(style), style), station.nameKorean) }
        switch medium {
        case .text:
            let lines = entries.map { "\($0.0) \($0.1) \($0.2)" }
            return "전국 날씨\n" + (random.chance(70) ? lines.joined(separator: "\n") : lines.joined(separator: "  "))
        case .html:
            let iconFirst = random.chance(60)
            return "<div class=\"city_weather\">\n<h4>전국 날씨</h4>\n<ul>\n" + entries.map { icon, value, name in
                iconFirst
                    ? "<li><span class=\"ico\">\(icon)</span><em>\(value)</em><strong>\(name)</strong></li>"
                    : "<li><img src=\"/images/weather/w\(icon).png\" alt=\"날씨 아이콘\"><em>\(value)</em> <strong>\(name)</strong></li>"
            }.joined(separator: "\n") + "\n</ul>\n</div>"
        }
    }

    // MARK: Headlines and headers

    /// `[날씨] 서울 -11.2도…올겨울 최저`, `대구 36.1℃ 폭염특보`.
    mutating func headline() -> String {
        let style = valueStyle(units: ["도", "℃"])
        let station = stations(1)[0]
        let value = value(style.season == .summer ? high(style) : low(style), style)
        let name = name(station)
        switch random.int(in: 0...4) {
        case 0: return "[날씨] \(name) \(value)…" + (style.season == .summer ? "올여름 최고" : "올겨울 최저")
        case 1: return "\(name) \(value) " + random.element(of: style.season == .summer ? ["폭염특보", "열대야 계속"] : ["한파주의보 발령", "체감온도 뚝"])
        case 2: return "[오늘 날씨] 아침 " + Self.toward(range(style, .lows)) + (style.season == .summer ? " 후텁지근…" : " 쌀쌀…") + name + " \(value)"
        case 3: return "출근길 \(name) \(value)…\"옷 단단히 챙기세요\""
        default:
            let other = stations(1)[0]
            return "[날씨] \(name) \(value), \(self.name(other)) \(self.value(any(style), style)) 등 전국 " + (style.season == .summer ? "무더위" : "강추위")
        }
    }

    /// `2025.01.10 (금)`, `최종편집: 2025-01-10 09:12`, `UPDATED. 2025-01-10 09:12:33 (금)`.
    mutating func dateHeader() -> String {
        let year = random.int(in: 2024...2026), month = random.int(in: 1...12), day = random.int(in: 1...28)
        let weekday = ["일", "월", "화", "수", "목", "금", "토"][Self.weekday(year: year, month: month, day: day)]
        let hour = random.int(in: 0...23), minute = random.int(in: 0...59)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        switch random.int(in: 0...3) {
        case 0, 1: return "\(year).\(two(month)).\(two(day)) (\(weekday))"
        case 2: return "최종편집: \(year)-\(two(month))-\(two(day)) \(two(hour)):\(two(minute))"
        default: return "UPDATED. \(year)-\(two(month))-\(two(day)) \(two(hour)):\(two(minute)):\(two(random.int(in: 0...59))) (\(weekday))"
        }
    }

    /// 0 = Sunday (Sakamoto).
    static func weekday(year: Int, month: Int, day: Int) -> Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        return (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
    }
}
