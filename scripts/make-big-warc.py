#!/usr/bin/env python3
"""Writes a large .warc.gz for measuring kmaticker's memory and speed on an archive of crawl
size: RECORDS response records (default 20,000) of ~100 KB news pages, one in TICKER_EVERY
(default 50) with a KMA ticker and a date-only header, the rest without; every 1,000th record
is a 20 MB video that must be skipped without being held. Each record has its own WARC-Date
(one minute apart), so every ticker page is a new capture.

Fast: each record is a small gzip member for its WARC and HTTP heads, then a body member
compressed once and reused (a gzip stream may change members anywhere; kmaticker reads the
members as one stream).

Weather prose: three pages in four (ticker pages too) carry Korean weather writing somewhere in
the article, none of it a ticker (../shared/docs/ticker.md, "What is not a ticker"): lists in
sentences (`오늘 아침 최저기온은 대전 -4.2도, 청주 -5도 등이다`), △/▲ bullets inline and one city
per line, pairs and ranges (`광주 3도와 12도`, `최저 -5∼3도, 최고 4∼11도`), forecast lines and
tables (`▲ 강릉 : [흐림, 구름많음] (3∼12)`), a station in a sentence, English and French with
°C, a site's own city widget (`<span class="ico">04</span><em>18℃</em><strong>부산</strong>`);
real station names in random order, random values (the same forms as the tests'
Tests/KMATickerKitTests/WeatherProse.swift). PROSE_VARIANTS bodies of each kind are made and
compressed once and reused. `--no-prose` writes the pages without it (as before).

It prints (stderr) how many ticker pages it wrote and how many ticker items that is (97 per
ticker page): exactly the observations an ingest of the file must store.

usage: scripts/make-big-warc.py [--no-prose] OUT.warc.gz [RECORDS] [TICKER_EVERY]
"""
import csv, datetime, gzip, os, random, sys, uuid, zlib

arguments = [a for a in sys.argv[1:] if a != "--no-prose"]
with_prose = "--no-prose" not in sys.argv[1:]
if not arguments or any(a.startswith("-") for a in arguments):
    sys.exit("usage: scripts/make-big-warc.py [--no-prose] OUT.warc.gz [RECORDS] [TICKER_EVERY]")
out = arguments[0]
records = int(arguments[1]) if len(arguments) > 1 else 20000
ticker_every = int(arguments[2]) if len(arguments) > 2 else 50
here = os.path.dirname(os.path.abspath(__file__))
seed = open(os.path.join(here, "..", "Fixtures", "000_24a8cc3d9cd846fc.txt"), encoding="utf-8").read().split("\n")
items = [line.strip().lstrip("•").strip() for line in seed[2:99]]
ITEMS_PER_TICKER = len(items)
assert ITEMS_PER_TICKER == 97, ITEMS_PER_TICKER
with open(os.path.join(here, "..", "Sources", "KMATickerKit", "Registry", "asos_stations.csv"), encoding="utf-8") as f:
    STATIONS = [(row["name_ko"], row["name_en"], row["province"]) for row in csv.DictReader(f)]

random.seed(7)
prose = "".join("<p>" + " ".join(random.choice(["국회", "정부는", "발표했다", "오늘", "경제", "기자", "뉴스", "시장", "정책", "2025년"])
                                  for _ in range(40)) + "</p>\n" for _ in range(250))

# --- Weather prose (not a ticker) -------------------------------------------------------------

PRESS_ORDER = ["서울", "인천", "수원", "춘천", "강릉", "청주", "대전", "세종", "전주", "광주", "대구", "부산", "울산", "창원", "제주"]
REGIONS = ["경기 북부", "강원 산지", "충북 북부", "경북 북동 산지", "제주 산지", "수도권", "영동", "내륙"]
NOT_STATIONS = ["미시령", "강서구", "설악산", "진부령", "향로봉", "한라산", "의정부", "용인", "포천", "은평구"]
SKY = ["맑음", "맑음", "구름많음", "구름많음", "흐림", "흐림", "비", "눈", "소나기", "비/눈", "구름조금", "흐리고 비"]
FILLERS = ["기상청은 \"당분간 평년보다 추운 날씨가 이어지겠다\"고 밝혔다.", "건강 관리에 유의해야 한다.",
           "바다의 물결은 동해 앞바다에서 1.0∼3.0m로 높게 일겠다.", "낮과 밤의 기온 차가 10도 이상 크겠다.",
           "체감온도는 이보다 3∼5도가량 더 낮겠다.", "강원 산지에는 대설주의보가 내려졌다."]

def stations(r, count):
    """Korean names of `count` stations: major cities (press order or shuffled) or any, shuffled."""
    if r.random() < 0.55:
        picked = r.sample(range(len(PRESS_ORDER)), min(count, len(PRESS_ORDER)))
        return [PRESS_ORDER[i] for i in (sorted(picked) if r.random() < 0.5 else picked)]
    return [name for name, _, _ in r.sample(STATIONS, count)]

def places(r, count):
    names = stations(r, count)
    if r.random() < 0.3:
        names.insert(r.randint(0, len(names)), r.choice(REGIONS + NOT_STATIONS))
    return names

class Style:
    """How one paragraph prints its values: unit, tenths or not, season."""
    def __init__(self, r, units=("도", "도", "도", "℃", "℃", " ℃")):
        self.r = r
        self.unit = r.choice(units)
        self.integers = r.choice([0.0, 0.5, 1.0])
        self.minus = "-" if r.random() < 0.85 else "\u2212"
        self.season = r.choice(["winter", "summer", "between"])
        self.tilde = r.choice(["∼", "∼", "~", "～"])
    def low(self):
        return self.r.randint(*{"winter": (-180, 40), "summer": (170, 280), "between": (-30, 150)}[self.season])
    def high(self):
        return self.r.randint(*{"winter": (-60, 110), "summer": (260, 390), "between": (100, 260)}[self.season])
    def any(self):
        return self.low() if self.r.random() < 0.5 else self.high()
    def number(self, tenths):
        if self.r.random() < self.integers:
            whole = round(tenths / 10)
            return self.minus + str(-whole) if whole < 0 else str(whole)
        if tenths == 0:
            return "0.0"
        digits = "%d.%d" % (abs(tenths) // 10, abs(tenths) % 10)
        return self.minus + digits if tenths < 0 else digits
    def value(self, tenths):
        return self.number(tenths) + self.unit
    def range(self, kind="day"):
        a, b = {"day": (self.low, self.high), "lows": (self.low, self.low), "highs": (self.high, self.high)}[kind]
        lo, hi = sorted((a(), b()))
        return self.number(lo) + self.tilde + self.number(max(hi, lo + 10)) + self.unit.strip()

def final_consonant(word):
    last = word[-1]
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28 != 0
    return last in "0136780"

def particle(word, with_final, without):
    return word + (with_final if final_consonant(word) else without)

def sentence_list(r):
    """오늘 아침 최저기온은 대전 -4.2도, 청주 -5도, 세종 -6.2도 등이다."""
    style = Style(r)
    parts = ["%s %s" % (name, style.value(style.any())) for name in places(r, r.randint(3, 8))]
    text = ", ".join(parts)
    lead = r.choice(["오늘 아침 최저기온은", "오전 6시 현재 기온은", "낮 최고기온은", "주요 지역 낮 기온은"])
    ending = r.choice([text + " 등이다.", particle(text, "을", "를") + " 기록했다.", text + "까지 떨어졌다.", text + " 등을 보이고 있다."])
    return "<p>%s %s</p>" % (lead, ending)

def inline_bullets(r):
    """지역별 낮 최고기온은 △대구 21도 △울산 20도 △부산 22도 등이다."""
    style = Style(r, ("도", "도", "℃"))
    bullet = r.choice(["△", "▲", "◇", "■"])
    ranges = r.random() < 0.4
    items = " ".join(bullet + name + " " + (style.range() if ranges else style.value(style.any())) for name in places(r, r.randint(3, 9)))
    return "<p>%s %s%s</p>" % (r.choice(["지역별 낮 최고기온은", "주요 지역 예상 기온은", "내일 기온은"]), items, r.choice([" 등이다.", " 등.", ""]))

def lines_block(r, lines, heading):
    head = "<p><strong>%s</strong></p>\n" % heading
    form = r.randrange(3)
    if form == 0:
        return head + "<ul class=\"list\">\n" + "\n".join("<li>%s</li>" % l for l in lines) + "\n</ul>"
    if form == 1:
        return head + "<p>" + "<br>\n".join(lines) + "</p>"
    return head + "\n".join("<p>%s</p>" % l for l in lines)

def bullet_lines(r):
    """- 춘천 -8도 / ▲서울 -3도, one city per line."""
    style = Style(r)
    bullet = r.choice(["- ", "▲", "△", "· ", "■ "])
    ranges = r.random() < 0.3
    lines = [bullet + name + " " + (style.range() if ranges else style.value(style.any())) for name in places(r, r.randint(3, 10))]
    return lines_block(r, lines, r.choice(["■ 주요 지역 아침 최저기온", "[오늘 낮 최고기온]", "◆ 지역별 기온"]))

def pairs_and_ranges(r):
    """광주 3도와 12도, -2∼7도, 대구·울산 21도, 최저 -5∼3도, 최고 4∼11도."""
    style = Style(r, ("도", "도", "℃"))
    sentences = []
    for kind in r.sample(range(4), r.randint(2, 3)):
        if kind == 0:
            pairs = []
            for name in places(r, r.randint(1, 3)):
                low = style.low()
                pairs.append("%s %s %s" % (name, particle(style.value(low), "과", "와"), style.value(max(style.high(), low + 10))))
            sentences.append("아침 최저기온과 낮 최고기온은 각각 %s로 예상된다." % ", ".join(pairs))
        elif kind == 1:
            sentences.append("아침 최저기온은 %s, 낮 최고기온은 %s로 예보됐다." % (style.range("lows"), style.range("highs")))
        elif kind == 2:
            names = places(r, r.randint(4, 6))
            groups, i = [], 0
            while i < len(names):
                size = min(r.randint(1, 3), len(names) - i)
                groups.append("·".join(names[i:i + size]) + " " + style.value(style.high()))
                i += size
            sentences.append("낮 최고기온은 %s 등이다." % ", ".join(groups))
        else:
            sentences.append("전국 최저 %s, 최고 %s로 평년과 비슷하겠다." % (style.range("lows"), style.range("highs")))
    return "<p>%s</p>" % " ".join(sentences)

def forecast_lines(r):
    """▲ 강릉 : [흐림, 구름많음] (3∼12)"""
    style = Style(r, ("도",))
    lines = []
    for name in stations(r, r.randint(5, 14)):
        low = style.low()
        lines.append("▲ %s : [%s, %s] (%s%s%s)" % (name, r.choice(SKY), r.choice(SKY), style.number(low), style.tilde,
                                                  style.number(max(style.high(), low + 10))))
    text = lines_block(r, lines, "[오늘의 날씨] (오전, 오후) (최저∼최고기온)")
    if r.random() < 0.35:
        text += "\n<p class=\"caption\">[기상청 제공. 재판매 및 DB 금지]</p>"
    return text

def forecast_table(r):
    """<tr><td>서울</td><td>맑음</td><td>구름많음</td><td>-3</td><td>5</td></tr>, a row per city."""
    style = Style(r, ("", "", "℃"))
    rows = []
    for name in stations(r, r.randint(4, 12)):
        low = style.low()
        cells = [name, r.choice(SKY), r.choice(SKY), style.value(low), style.value(max(style.high(), low + 10))]
        rows.append("<tr>" + "".join("<td>%s</td>" % c for c in cells) + "</tr>")
    unit = "(℃)" if not style.unit else ""
    return ("<table class=\"forecast\">\n<thead><tr><th>지역</th><th>오전</th><th>오후</th><th>최저기온%s</th><th>최고기온%s</th></tr></thead>\n"
            "<tbody>\n%s\n</tbody>\n</table>" % (unit, unit, "\n".join(rows)))

def station_in_sentence(r):
    """서울의 낮 기온은 33.1℃까지 올랐다. 제주 성산 14.2도 …"""
    style = Style(r)
    sentences = []
    for _ in range(r.randint(2, 4)):
        name, _, province = r.choice(STATIONS)
        v = style.value(style.any())
        sentences.append(r.choice([
            "%s의 낮 기온은 %s까지 올랐다." % (name, v),
            "이날 %s의 아침 기온은 %s로 올겨울 들어 가장 낮았다." % (name, v),
            "%s 오후 2시 현재 %s 기록했다." % (particle(name, "은", "는"), particle(v, "을", "를")),
            "%s %s %s 등 곳곳에서 기온이 크게 떨어졌다." % (province, name, v),
            "현재 %s %s, 기온은 %s다." % (particle(name, "은", "는"), r.choice(SKY), v)]))
        if r.random() < 0.4:
            sentences.append(r.choice(FILLERS))
    return "<p>%s</p>" % " ".join(sentences)

def foreign_language(r):
    """Seoul recorded -11°C on Monday. Il faisait -11 °C à Séoul."""
    style = Style(r, ("°C", " °C", "℃"))
    (ko_a, en_a, _), (ko_b, en_b, _) = r.sample(STATIONS, 2)
    va, vb = style.value(style.any()), style.value(style.any())
    if r.random() < 0.4:
        fr = {"Seoul": "Séoul"}.get(en_a, en_a)
        va = va.replace(".", ",")
        return "<p>%s</p>" % r.choice(["Il faisait %s à %s lundi matin." % (va, fr),
                                       "À %s (%s), le thermomètre a atteint %s." % (fr, ko_a, va)])
    return "<p>%s</p>" % r.choice([
        "%s recorded %s on Monday morning, according to the Korea Meteorological Administration." % (en_a, va),
        "Temperatures in %s reached %s, while %s saw %s." % (en_a, va, en_b, vb),
        "%s (%s) %s, %s (%s) %s." % (en_a, ko_a, va, en_b, ko_b, vb)])

def city_widget(r):
    """<li><span class="ico">04</span><em>18℃</em><strong>부산</strong></li>: icon, value, name."""
    style = Style(r, ("℃", "℃", "°"))
    picked = r.sample(range(len(PRESS_ORDER)), r.randint(5, 12))
    cities = [PRESS_ORDER[i] for i in (sorted(picked) if r.random() < 0.5 else picked)]
    return ("<div class=\"city_weather\">\n<h4>전국 날씨</h4>\n<ul>\n" + "\n".join(
        "<li><span class=\"ico\">%s</span><em>%s</em><strong>%s</strong></li>"
        % (r.choice(["01", "02", "03", "04", "08", "11"]), style.value(style.any()), name) for name in cities)
        + "\n</ul>\n</div>")

PROSE_FORMS = [sentence_list, inline_bullets, bullet_lines, pairs_and_ranges, forecast_lines, forecast_table,
               station_in_sentence, foreign_language, city_widget]
PROSE_VARIANTS = 48

def article(r, weather):
    """The article's 250 paragraphs with, when `weather`, one to three weather paragraphs among them."""
    paragraphs = prose.split("\n")[:-1]
    if weather:
        for _ in range(r.randint(1, 3)):
            paragraphs.insert(r.randint(0, len(paragraphs)), r.choice(PROSE_FORMS)(r))
    return "\n".join(paragraphs) + "\n"

def plain_page(r, weather):
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>기사</title></head><body>\n" + article(r, weather)
            + "</body></html>\n").encode()

def ticker_page(day, r, weather):
    """A page that prints only the date it was rendered on (KST), like five of six sites."""
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>기사</title></head><body>\n"
            "<p class=\"today_txt\">%s</p>\n<ul class=\"weather\">" % day
            + "".join("<li>%s</li>" % item for item in items) + "</ul><p>기상청 제공</p>\n" + article(r, weather)
            + "</body></html>\n").encode()

def weather_variant(index):
    """Three records in four carry weather prose: its variant (0…PROSE_VARIANTS-1), or None."""
    if not with_prose or index % 4 == 3:
        return None
    return (index * 2654435761 >> 7) % PROSE_VARIANTS

video = os.urandom(1 << 20) * 20

def member(data):
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31)
    return compressor.compress(data) + compressor.flush()

def made(page):
    return (page, member(page))

# Bodies, made and compressed once each: ("video",), ("plain", variant), ("ticker", day, variant).
bodies = {("video",): (video, member(video))}
start = datetime.datetime(2025, 8, 17, 15, 0, 0)  # UTC: 2025-08-18 00:00 KST
written = 0
ticker_pages = 0
prose_pages = 0
with open(out, "wb") as f:
    for index in range(records):
        kind = "video" if index % 1000 == 999 else "ticker" if index % ticker_every == 0 else "plain"
        captured = start + datetime.timedelta(minutes=index)
        local = captured + datetime.timedelta(hours=9)
        kst_day = local.strftime("%Y.%m.%d") + " (%s)" % "월화수목금토일"[local.weekday()]
        variant = None if kind == "video" else weather_variant(ticker_pages if kind == "ticker" else index)
        key = ("video",) if kind == "video" else ("ticker", kst_day, variant) if kind == "ticker" else ("plain", variant)
        if key not in bodies:
            r = random.Random("%s" % (key,))
            bodies[key] = made(ticker_page(kst_day, r, variant is not None) if kind == "ticker" else plain_page(r, variant is not None))
        if kind == "ticker":
            ticker_pages += 1
        if variant is not None:
            prose_pages += 1
        body, compressed = bodies[key]
        content_type = "video/mp4" if kind == "video" else "text/html; charset=utf-8"
        http = ("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (content_type, len(body))).encode()
        when = captured.strftime("%Y-%m-%dT%H:%M:%SZ")
        head = ("WARC/1.1\r\nWARC-Type: response\r\nWARC-Date: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\n"
                "WARC-Target-URI: http://news.example/%d\r\nContent-Type: application/http;msgtype=response\r\n"
                "Content-Length: %d\r\n\r\n" % (when, uuid.UUID(int=index), index, len(http) + len(body))).encode() + http
        f.write(member(head))
        f.write(compressed)
        f.write(member(b"\r\n\r\n"))
        written += len(head) + len(body) + 4
print("wrote %s: %d records, %.2f GB uncompressed, %.2f GB compressed"
      % (out, records, written / 1e9, os.path.getsize(out) / 1e9), file=sys.stderr)
print("%d pages carry weather prose (ticker pages among them); none of it is a ticker" % prose_pages, file=sys.stderr)
print("ticker pages: %d; ticker items: %d (%d per ticker page): the observations an ingest must store"
      % (ticker_pages, ticker_pages * ITEMS_PER_TICKER, ITEMS_PER_TICKER), file=sys.stderr)
