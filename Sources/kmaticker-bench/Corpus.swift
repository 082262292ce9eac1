import Foundation
import KMATickerModel

/// Generates the pages the benchmark reads: saved news pages of about 150 KB with a full
/// 97-item ticker in a different markup each, the ticker a small part of a page that is mostly
/// article, menus and scripts; UTF-8 and CP949 alternately; every page at its own time.
struct Corpus {
    static let conditions = ["맑음", "구름조금", "구름많음", "흐림", "비", "박무", "안개", "눈"]
    /// Items printed without a name in real tickers (`../shared/docs/ticker.md`).
    static let nameless: Set<Int> = [93, 181, 239, 296]
    static let registry = StationRegistry.asos

    var generator = SplitMix64(seed: 0x4B4D_4154)

    /// The ticker's lines for page `index`: values vary with the page.
    mutating func items(_ index: Int) -> [(condition: String, name: String, temperature: String?)] {
        Self.registry.stations.map { station in
            let condition = Self.conditions[Int(generator.next() % UInt64(Self.conditions.count))]
            let tenths = Int(generator.next() % 500) - 150
            let temperature = generator.next() % 50 == 0 ? nil : String(format: "%.1f", Double(tenths) / 10)
            return (condition, Self.nameless.contains(station.id) ? "" : station.nameKorean, temperature)
        }
    }

    /// A page of about `targetBytes` (UTF-8 size), timestamped `index` hours after 2020-01-01 00:10 KST.
    mutating func page(_ index: Int, targetBytes: Int = 150_000) -> String {
        let time = KSTDateTime(unixSeconds: KSTDateTime(year: 2020, month: 1, day: 1, hour: 0, minute: 10)!.unixSeconds + Int64(index) * 3600)
        let ticker = items(index).map { item -> String in
            let temperature = item.temperature.map { "<span class=\"t\">\($0)</span>&#8451;" } ?? ""
            return "<li><img src=\"/img/w.png\" alt=\"\(item.condition)\"><span class=\"n\">\(item.name)</span>\(temperature)</li>"
        }.joined(separator: "\n")
        var page = """
            <!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>뉴스 \(index)</title>
            <script>\(String(repeating: "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)};var cfg={\"a\":1,\"b\":[1,2,3]};\n", count: 120))</script>
            <style>\(String(repeating: ".gnb li a{color:#333;padding:0 12px;font-size:15px}\n", count: 150))</style>
            </head><body><div id="top"><div class="date">최종편집: \(time.minuteText)</div>
            <ul class="weather">\n\(ticker)\n</ul><span>기상청 제공</span></div>
            <nav><ul>\(String(repeating: "<li><a href=\"/news/list?sc=1\">정치</a></li><li><a href=\"/news/list?sc=2\">경제</a></li>", count: 40))</ul></nav>
            <article><h1>대전 낮 기온 30.3℃… 무더위 이어져 \(index)</h1>

            """
        // One paragraph mentions temperatures, as an article does; the rest is other prose.
        page += "<p>기상청에 따르면 \(index)일 오후 대전의 낮 최고기온은 30.3℃, 서울은 29.1℃를 기록했다. 당분간 구름많음 날씨가 이어지겠으며 일부 지역에는 소나기가 내리겠다.</p>\n"
        page += "<script>var tickerCache = [\"맑음서울1.0℃\", \"흐림부산2.0℃\"];</script>\n"
        let paragraph = "<p>시는 이날 투자 유치 협약을 맺고 관련 기업과 협력 방안을 논의했다. 관계자는 \"지역 산업 생태계에 큰 도움이 될 것\"이라며 \"후속 지원을 아끼지 않겠다\"고 밝혔다. 협약에 따라 기업은 연구소와 생산 시설을 단계적으로 옮길 계획이다.</p>\n"
        while page.utf8.count < targetBytes - 2000 { page += paragraph }
        page += "</article><ul class=\"share\"><li>해당된 기사를 공유합니다</li></ul><footer>Copyright (c) 시사캐치. All rights reserved.</footer></body></html>\n"
        return page
    }

    /// A small text capture like the seed (a few KB).
    mutating func capture(_ index: Int) -> String {
        let time = KSTDateTime(unixSeconds: KSTDateTime(year: 2010, month: 1, day: 1, hour: 0, minute: 40)!.unixSeconds + Int64(index) * 600)
        var text = "최종편집: \(time.minuteText)\n\n"
        for item in items(index) { text += "  • \(item.condition)\(item.name)\(item.temperature.map { $0 + "℃" } ?? "")\n" }
        return text + "기상청 제공\n시사캐치 로고\n  • 해당된 기사를 공유합니다\n\n뉴스 본문입니다.\n"
    }

    /// The page in CP949, declared as EUC-KR as such sites do.
    static func cp949(_ page: String) -> Data {
        let declared = page.replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\">")
        // kCFStringEncodingDOSKorean (CP949); the generator uses only characters CP949 has.
        guard let data = declared.data(using: String.Encoding(rawValue: 0x8000_0422)) else {
            fatalError("a generated page has a character CP949 lacks")
        }
        return data
    }
}

/// A small deterministic generator: the same corpus on every run.
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
