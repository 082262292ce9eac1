#!/usr/bin/env python3
"""Builds Fixtures/forms/: the real seed's ticker re-rendered in the item forms and markups that
real pages use (docs/ticker.md "Forms seen on real pages") or that the issue lists, one page per
form, each with what kmaticker must make of it:

  <page>.expected.csv  position,station_id,condition,temperature_c,station_source — one row per
                       observation to store, in ticker order (<page> = the page's file name
                       without its extension);
  <page>.rejected.csv  line_text — a distinctive substring of each item rendered deliberately
                       unreadable (header only when there is none);
  <page>.copies        how many extra copies of (part of) the ticker the page prints (0, 1).

The expectations are computed from what this script renders (the Item records below), never by
running kmaticker. The 97 items come from Fixtures/000_24a8cc3d9cd846fc.txt (lines 3-99); item i
is station i of Sources/KMATickerModel/Registry/asos_stations.csv. Stdlib only, deterministic;
rerunning rewrites Fixtures/forms/ whole. scripts/check-form-fixtures.py reads the pages back
independently and checks them against the expectation files.
"""
import csv, html, io, os, re, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
SEED = os.path.join(ROOT, "Fixtures", "000_24a8cc3d9cd846fc.txt")
REGISTRY = os.path.join(ROOT, "Sources", "KMATickerKit", "Registry", "asos_stations.csv")
OUT = os.path.join(ROOT, "Fixtures", "forms")

HEADER = "최종편집: 2025-08-18 10:40"
CONDITIONS = ["구름조금", "구름많음", "맑음", "흐림", "박무", "비", "안개"]

# --- registry and seed -------------------------------------------------------------------------
REG = [(int(r["id"]), r["name_ko"]) for r in csv.DictReader(open(REGISTRY, encoding="utf-8"))]
assert len(REG) == 97
REG_IDS = sorted(i for i, _ in REG)
NAME_TO_ID = {n: i for i, n in REG}
NAME_TO_ID.update({"홍성(예)": 177, "서청주(예)": 181, "백령": 102})  # aliases in ticker.md


class Item:
    """One ticker item as rendered: the station it stands for, the name it prints (None when it
    prints none), the condition it prints (None for none or the placeholder '-'), its temperature
    as a one-decimal string (None when missing), and, for a deliberately unreadable item, the
    distinctive substring that goes in rejected.csv."""

    def __init__(self, station, name, cond, temp, reject=None):
        self.station, self.name, self.cond, self.temp, self.reject = station, name, cond, temp, reject
        if name is not None:
            assert NAME_TO_ID[name] == station, (name, station)
        if temp is not None:
            assert re.fullmatch(r"-?\d+\.\d", temp), temp

    def but(self, **changes):
        fields = dict(station=self.station, name=self.name, cond=self.cond, temp=self.temp,
                      reject=self.reject)
        fields.update(changes)
        return Item(**fields)


def seed_items():
    lines = open(SEED, encoding="utf-8").read().split("\n")
    assert lines[0] == HEADER and lines[99] == "기상청 제공"
    items = []
    for (stn, _), line in zip(REG, lines[2:99]):
        assert line.startswith("  • ")
        text = line[4:]
        m = re.fullmatch(r"(.*?)(\d+\.\d)℃", text)
        head, temp = (m.group(1), m.group(2)) if m else (text, None)
        cond = max((c for c in CONDITIONS if head.startswith(c)), key=len)
        name = head[len(cond):] or None
        items.append(Item(stn, name, cond, temp))
    assert len(items) == 97
    assert [it.station for it in items if it.name is None] == [93, 181, 239, 296]
    return items


SEED_ITEMS = seed_items()
BY_STATION = {it.station: it for it in SEED_ITEMS}


def plain(it, sep="", unit="℃"):
    """The seed's own spelling of an item: condition + name + [sep] temperature + unit."""
    return (it.cond or "") + (it.name or "") + (sep + it.temp + unit if it.temp else "")


# --- expectations --------------------------------------------------------------------------------
def expected_rows(items):
    """Rows for one copy of a ticker, from the rendered items (rejected ones count as neighbours)."""
    rows = []
    for k, it in enumerate(items):
        if it.reject is not None:
            continue
        if it.name is not None:
            station, source = it.station, "ticker"
        else:
            left = items[k - 1] if k > 0 else None
            right = items[k + 1] if k + 1 < len(items) else None
            station, source = None, "unresolved"
            if (left is None or left.name is not None) and (right is None or right.name is not None):
                lo = NAME_TO_ID[left.name] if left else float("-inf")
                hi = NAME_TO_ID[right.name] if right else float("inf")
                between = [s for s in REG_IDS if lo < s < hi]
                if len(between) == 1:
                    station, source = between[0], "inferred"
                    assert station == it.station, (station, it.station)
        rows.append([len(rows) + 1, station if station is not None else "", it.cond or "",
                     it.temp or "", source])
    return rows


# --- page furniture ------------------------------------------------------------------------------
NAV = """<nav class="gnb">
  <ul>
    <li><a href="/news/politics">정치</a></li>
    <li><a href="/news/economy">경제</a></li>
    <li><a href="/news/society">사회</a></li>
    <li><a href="/news/weather">날씨</a></li>
    <li><a href="/news/sports">스포츠</a></li>
  </ul>
</nav>"""

ARTICLE = """<article id="article-view">
  <h1>대전 낮 최고 30.3℃… 당분간 무더위 이어져</h1>
  <p class="byline">김기자 입력 2025.08.18 09:55</p>
  <p>18일 대전의 낮 기온은 30.3℃까지 올랐다. 기상청은 당분간 맑음 날씨가 이어지겠다고 밝혔다.</p>
  <ul class="points">
    <li>서울 29.3℃, 대전 30.3℃로 평년보다 높아</li>
    <li>비 소식은 주 후반에</li>
  </ul>
  <ul class="share">
    <li>해당된 기사를 공유합니다</li>
    <li><a href="#fb">페이스북</a></li>
    <li><a href="#tw">트위터</a></li>
  </ul>
</article>
<aside class="ranking">
  <h2>많이 본 뉴스</h2>
  <ol>
    <li>1. 서울 29.3℃ 폭염특보</li>
    <li>2. 흐림 속 소나기 예보</li>
    <li>3. 부산 31.0℃</li>
  </ol>
</aside>
<script>var tickerCache = ["맑음서울1.0℃", "흐림부산2.0℃", "구름많음대전 -1.5℃"];</script>
<style>.ticker li::after { content: "맑음대전0.0℃"; }</style>
<footer><p>시사캐치 | 대전광역시 서구 | 등록번호 대전 아00000</p></footer>"""

CREDIT = '<span class="credit">기상청 제공</span>'


def html_page(ticker, head_extra="", extra_body=""):
    """A UTF-8 news page: date header, menu, the ticker (caller adds the credit), article noise."""
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<title>시사캐치 - 대전 낮 최고 30.3℃</title>
{head_extra}<script>window.dataLayer = window.dataLayer || []; var w = "흐림속초27.8℃";</script>
</head>
<body>
<header id="top">
  <div class="date">{HEADER}</div>
{NAV}
{ticker}
</header>
{extra_body}{ARTICLE}
</body>
</html>
"""


def ul(snippets, cls="weather", indent="  ", li_attrs=""):
    lis = "\n".join(f"{indent}  <li{li_attrs}>{s}</li>" for s in snippets)
    return f'{indent}<ul class="{cls}">\n{lis}\n{indent}</ul>'


def text_page(ticker_lines, bullet="  • ", below=()):
    """A text capture like the seed: header, menu, ticker lines, credit, [below], article, ranking."""
    menu = [bullet + w for w in ["정치", "경제", "사회", "날씨", "스포츠"]]
    article = [
        "대전 낮 최고 30.3℃… 당분간 무더위 이어져",
        "김기자 입력 2025.08.18 09:55",
        '18일 대전의 낮 기온은 30.3℃까지 올랐다. 날씨 위젯은 "맑음서울1.0℃"처럼 표시된다.',
        bullet + "해당된 기사를 공유합니다",
        "",
        "많이 본 뉴스",
        "1. 서울 29.3℃ 폭염특보",
        "2. 흐림 속 소나기 예보",
        "3. 부산 31.0℃",
    ]
    return "\n".join([HEADER, ""] + menu + [""] + ticker_lines + ["기상청 제공"] + list(below) + article) + "\n"


NUMBERED = ["[오늘의 날씨] 전국 주요 지점 기온", "1. 서울 29.3℃ 폭염특보", "2. 흐림 속 소나기 예보",
            "3. 부산 31.0℃", "4. 맑음 속 일교차 커", "5. 대전 30.3℃ 열대야", ""]


# --- the forms -----------------------------------------------------------------------------------
PAGES = []  # (file name, content str, copies: [[Item]], description)


def page(name, content, copies, what):
    PAGES.append((name, content, copies, what))


def seed_list_page(items, snippets, **kw):
    return html_page(ul(snippets) + "\n  " + CREDIT, **kw)


# 1. the unit kept with no number
items = [it.but(cond="맑음", temp=None) if it.station == 172 else it for it in SEED_ITEMS]
snips = ["맑음고창 ℃" if it.station == 172 else plain(it) for it in items]
page("li_unit_missing_number.html", seed_list_page(items, snips), [items],
     "`<ul><li>` items; 고창 (172) prints `맑음고창 ℃` (unit, no number = missing temperature). ticker.md")

# 2. missing temperature printed as a dash
items = [it.but(temp=None) if it.station in (100, 255) else it for it in SEED_ITEMS]
snips = []
for it in items:
    if it.station == 255:
        snips.append("구름조금북창원-℃")
    elif it.station == 100:
        snips.append("흐림대관령--℃")
    else:
        snips.append(plain(it))
page("li_missing_temperature_dash.html", seed_list_page(items, snips), [items],
     "missing temperature printed `구름조금북창원-℃` and `흐림대관령--℃`. issue")

# 3. winter values: 영하/영상 … 도 and four minus signs
WINTER = {  # station: (condition, temperature, printed text)
    90: ("맑음", "-1.0", "맑음속초 -1.0℃"),
    93: ("흐림", "-5.4", "흐림 영하 5.4도"),
    95: ("맑음", "-12.7", "맑음철원 영하 12.7도"),
    100: ("눈", "-10.4", "눈대관령\u221210.4℃"),
    101: ("흐림", "-0.5", "흐림춘천영하0.5도"),
    108: ("맑음", "-3.2", "맑음서울 영하 3.2도"),
    112: ("맑음", "1.5", "맑음인천 영상 1.5도"),
    133: ("맑음", "-2.3", "맑음대전-2.3℃"),
    143: ("흐림", "-1.2", "흐림대구 -1.2℃"),
    152: ("흐림", "-6.1", "흐림울산\uff0d6.1℃"),
    156: ("구름많음", "-4.5", "구름많음광주\u22124.5℃"),
    159: ("맑음", "-0.8", "맑음부산\u20130.8℃"),
    184: ("구름조금", "0.0", "구름조금제주0.0℃"),
    211: ("맑음", "-7.9", "맑음인제 \uff0d7.9℃"),
    239: ("맑음", "-2.0", "맑음\u22122.0℃"),
}
items, snips = [], []
for it in SEED_ITEMS:
    if it.station in WINTER:
        c, t, s = WINTER[it.station]
        items.append(it.but(cond=c, temp=t))
        snips.append(s)
    else:
        items.append(it)
        snips.append(plain(it))
page("li_winter_negative.html", seed_list_page(items, snips), [items],
     "winter values: `영하 3.2도`, `영상 1.5도`, minus as `-`, U+2212, U+2013, U+FF0D, with and without a space; `0.0℃`. ticker.md + issue")

# 4. full-width digits and dot
FW = str.maketrans("0123456789", "０１２３４５６７８９")
FULLWIDTH = {90: ".", 93: "．", 108: "．", 133: ".", 152: ".", 184: "．", 239: ".", 283: "．", 296: "."}
snips = []
for it in SEED_ITEMS:
    if it.station in FULLWIDTH and it.temp:
        snips.append(it.cond + (it.name or "") + it.temp.translate(FW).replace(".", FULLWIDTH[it.station]) + "℃")
    else:
        snips.append(plain(it))
assert "구름많음서울２９．３℃" in snips and "구름조금울산３１.５℃" in snips
page("li_fullwidth_digits.html", seed_list_page(SEED_ITEMS, snips), [SEED_ITEMS],
     "full-width digits (`３１.５℃`) and full-width dot U+FF0E (`２９．３℃`) on nine items. issue")

# 5. units, mixed; and a text capture with literal entities
UNITS_HTML = ["℃", "°C", "˚C", "°", "도", "&#8451;", "&deg;C"]
snips = [plain(it, sep="", unit=(" " if k % 4 == 3 else "") + UNITS_HTML[k % 7]) if it.temp else plain(it)
         for k, it in enumerate(SEED_ITEMS)]
page("units_mixed_entities.html", seed_list_page(SEED_ITEMS, snips), [SEED_ITEMS],
     "units `℃` `°C` `˚C` `°` `도` `&#8451;` `&deg;C` (entities in the HTML source) mixed, some after a space. ticker.md + issue")

UNITS_TXT = ["&#8451;", "&deg;C", "℃", "°C", "˚C"]
lines = ["  • " + (plain(it, unit=UNITS_TXT[k % 5]) if it.temp else plain(it)) for k, it in enumerate(SEED_ITEMS)]
page("units_literal_entities.txt", text_page(lines), [SEED_ITEMS],
     "text capture where `&#8451;` and `&deg;C` stand literally (undecoded) as units, mixed with `℃` `°C` `˚C`; read as °C. ticker.md + issue")


# 6. invisible and unusual spaces
def invisible(k, it):
    v = k % 8
    if v in (0, 1, 2, 5, 6) and it.name is None:
        v = 3
    if v in (3, 4, 5, 7) and it.temp is None:
        v = 0
    n, c, t = it.name, it.cond, it.temp
    if v == 0:
        return c + n[:1] + "\u200b" + n[1:] + (t + "℃" if t else "")
    if v == 1:
        return c + n[:1] + "&shy;" + n[1:] + (t + "℃" if t else "")
    if v == 2:
        return c + n[:1] + "<wbr>" + n[1:] + (t + "℃" if t else "")
    if v == 3:
        return c + (n or "") + t + "\u2009℃"
    if v == 4:
        return c + (n or "") + t + "&nbsp;℃"
    if v == 5:
        return c + n + "\u00a0" + t + "℃"
    if v == 6:
        return c + "\u200b" + n + (t + "℃" if t else "")
    return c + (n or "") + t + "&thinsp;℃"


snips = [invisible(k, it) for k, it in enumerate(SEED_ITEMS)]
page("li_invisible_chars.html", seed_list_page(SEED_ITEMS, snips), [SEED_ITEMS],
     "U+200B zero-width spaces, `&shy;`, `<wbr>` inside names; U+2009/`&thinsp;` and U+00A0/`&nbsp;` between number and unit or name and number. issue")

# 7. <br> inside every item
snips = [it.cond + "<br>" + " ".join(p for p in (it.name, it.temp and it.temp + "℃") if p) for it in SEED_ITEMS]
page("li_br_inside.html", seed_list_page(SEED_ITEMS, snips), [SEED_ITEMS],
     "`<li>맑음<br>서울 29.3℃</li>`: a `<br>` between condition and the rest in every item. issue")

# 8. name first
snips = [" ".join(p for p in (it.name, it.cond, it.temp and it.temp + "℃") if p) for it in SEED_ITEMS]
page("li_name_first.html", seed_list_page(SEED_ITEMS, snips), [SEED_ITEMS],
     "`<li>서울 맑음 29.3℃</li>`: name first, then condition and value (nameless items `흐림 26.8℃`). issue")

# 9. the ND Soft 16-station skin
NDSOFT = [  # name, icon class, printed condition, temperature
    ("동두천", "iw00", "-", "8.8"), ("강릉", "iw04", "흐림", "12.4"), ("서울", "iw08", "비", "8.2"),
    ("대전", "iw02", "구름조금", "11.0"), ("대구", "iw01", "맑음", "13.7"), ("울산", "iw18", "연무", "12.9"),
    ("광주", "iw04", "흐림", "10.6"), ("부산", "iw01", "맑음", "14.2"), ("고창", "iw01", "맑음", None),
    ("제주", "iw04", "흐림", "15.1"), ("강화", "iw08", "비", "6.5"), ("보은", "iw02", "구름조금", "-1.3"),
    ("금산", "iw01", "맑음", "0.0"), ("강진군", "iw02", "구름조금", "9.8"), ("경주시", "iw18", "연무", "11.5"),
    ("거제", "iw04", "흐림", "13.0"),
]
items, lis = [], []
for name, icon, cond, temp in NDSOFT:
    items.append(Item(NAME_TO_ID[name], name, None if cond == "-" else cond, temp))
    value = f"{temp}℃" if temp else "℃"
    lis.append(f'      <li class="icon_w"><span class="{icon}">{cond}</span>{name} {value}</li>')
assert [it.station for it in items] == sorted(it.station for it in items)
ticker = ('  <div class="weather_box">\n    <ul class="weather_slide">\n' + "\n".join(lis) +
          '\n    </ul>\n    <a href="https://www.weather.go.kr/" target="_blank" class="wc">기상청 제공</a>\n  </div>\n'
          "  <script>\n    $(function () {\n      $('.weather_slide').bxSlider({ mode: 'vertical', auto: true, pager: false,"
          " controls: false, pause: 3000 });\n    });\n  </script>")
page("ndsoft_weather_slide.html", html_page(ticker, head_extra='<script src="/js/jquery.bxslider.min.js"></script>\n'),
     [items], "ND Soft skin: 16 stations in `<ul class=\"weather_slide\">`, `<span class=\"iwNN\">` condition, `-` placeholder (`-동두천 8.8℃`), `맑음고창 ℃`. ticker.md")

# 10. <dl><dt>name</dt><dd>condition value</dd>
pairs = []
for it in SEED_ITEMS:
    dd = it.cond + (" " + it.temp + "℃" if it.temp else "")
    pairs.append(f"    <dt>{it.name or ''}</dt><dd>{dd}</dd>")
ticker = '  <dl class="weather">\n' + "\n".join(pairs) + "\n  </dl>\n  " + CREDIT
page("dl_dt_dd.html", html_page(ticker), [SEED_ITEMS],
     "`<dl><dt>서울</dt><dd>맑음 29.3℃</dd>`: name in `<dt>` (empty for nameless items), condition and value in `<dd>`. issue")

# 11. a table, one row per item, one cell per part
rows = [f"      <tr><td>{it.cond}</td><td>{it.name or ''}</td><td>{it.temp + '℃' if it.temp else ''}</td></tr>"
        for it in SEED_ITEMS]
ticker = ('  <table class="weather">\n    <thead><tr><th>날씨</th><th>지역</th><th>기온</th></tr></thead>\n'
          "    <tbody>\n" + "\n".join(rows) + "\n    </tbody>\n  </table>\n  " + CREDIT)
page("table_row_per_item.html", html_page(ticker), [SEED_ITEMS],
     "`<tr><td>맑음</td><td>서울</td><td>29.3℃</td></tr>`: one row per item, one cell per part, empty cells for missing parts; a `<th>` header row. issue")

# 12. inline: spans in one div, links separated by ' | ', one text line
spans = " ".join(f'<span class="w">{plain(it)}</span>' for it in SEED_ITEMS)
page("inline_spans_one_div.html", html_page(f'  <div class="weather_inline">{spans}</div>\n  ' + CREDIT),
     [SEED_ITEMS], "all items as `<span>`s on one line in one `<div>` (a space between spans, no block elements). issue")
links = " | ".join(f'<a href="/weather/{it.station}">{plain(it)}</a>' for it in SEED_ITEMS)
page("inline_links_pipe.html", html_page(f'  <div class="weather_inline">{links}</div>\n  ' + CREDIT),
     [SEED_ITEMS], "all items as `<a>` links on one line separated by ` | `. issue")
page("inline_pipe_line.txt", text_page([" | ".join(plain(it) for it in SEED_ITEMS)]), [SEED_ITEMS],
     "text capture with all items on one line separated by ` | `. issue")

# 13. only copy inside <noscript>, <template>, <iframe srcdoc>
inner = ul([plain(it) for it in SEED_ITEMS]) + "\n  " + CREDIT
page("noscript_only_copy.html",
     html_page('  <div id="weather-js"></div>\n  <noscript>\n' + inner + "\n  </noscript>"), [SEED_ITEMS],
     "the ticker's only copy inside `<noscript>`. issue")
page("template_only_copy.html",
     html_page('  <div id="weather-js"></div>\n  <template id="weather-tpl">\n' + inner + "\n  </template>"),
     [SEED_ITEMS], "the ticker's only copy inside `<template>`. issue")
doc = '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>\n' + inner + "\n</body></html>"
page("iframe_srcdoc_only_copy.html",
     html_page(f'  <iframe class="weather_frame" title="날씨" width="100%" height="24" srcdoc="{html.escape(doc, quote=True)}"></iframe>'),
     [SEED_ITEMS], "the ticker's only copy inside `<iframe srcdoc=\"…\">`, its HTML entity-escaped in the attribute. issue")

# 14. copies
snips = [plain(it) for it in SEED_ITEMS]
ticker = ('  <marquee behavior="scroll" direction="left" scrollamount="3">\n' + ul(snips, indent="    ") + "\n" +
          ul(snips, indent="    ") + "\n  </marquee>\n  " + CREDIT)
page("marquee_repeated_list.html", html_page(ticker), [SEED_ITEMS, SEED_ITEMS],
     "`<marquee>` holding the 97-item list twice (copies = 1). issue")
ticker = ('  <div class="m_only">\n' + ul(snips, cls="weather_m", indent="    ") + "\n    " + CREDIT + "\n  </div>")
desktop = ('<div class="pc_only">\n' + ul(snips, cls="weather_pc", indent="  ") + "\n  " + CREDIT + "\n</div>\n")
page("mobile_desktop_copies.html", html_page(ticker, extra_body=desktop), [SEED_ITEMS, SEED_ITEMS],
     "a mobile and a desktop copy of the full ticker in two separate `<div>`s (copies = 1). issue")
lis = [f"      <li>{s}</li>" for s in snips] + [f'      <li class="clone">{s}</li>' for s in snips[:10]]
ticker = ('  <div class="roller">\n    <ul class="weather_roll">\n' + "\n".join(lis) + "\n    </ul>\n  </div>\n  " + CREDIT)
page("scroller_repeats_first10.html", html_page(ticker), [SEED_ITEMS, SEED_ITEMS[:10]],
     "a scroller whose `<ul>` repeats the first 10 items after the full list (copies = 1). issue")

# 15. an advertisement and a separator inside the list
snips = [f"<li>{plain(it)}</li>" for it in SEED_ITEMS]
snips.insert(40, '<li><a href="/ad">광고</a></li>')        # between items 40 (순천) and 41 (홍성)
snips.insert(61, "<li>|</li>")                           # between items 60 (금산) and 61 (nameless 세종)
assert snips[39].endswith("순천28.4℃</li>") and snips[42] == "<li>구름조금28.2℃</li>"
assert snips[60] == "<li>맑음금산29.5℃</li>" and snips[62] == "<li>구름많음29.0℃</li>"
ticker = '  <ul class="weather">\n' + "\n".join("    " + s for s in snips) + "\n  </ul>\n  " + CREDIT
page("li_ad_and_separator.html", html_page(ticker), [SEED_ITEMS],
     "an ad `<li><a href=\"/ad\">광고</a></li>` between items 40 and 41 and a `<li>|</li>` between items 60 and 61 (before nameless 세종); both are known non-items (neither stored nor rejected), and the separator does not break 세종's inference. issue")

# 16. text captures
page("text_dash_bullets.txt", text_page(["  - " + plain(it) for it in SEED_ITEMS], bullet="  - "), [SEED_ITEMS],
     "text capture with `- ` bullets instead of `•`. issue")
page("text_no_bullets.txt", text_page([plain(it) for it in SEED_ITEMS], bullet=""), [SEED_ITEMS],
     "text capture with no bullets at all (menu and share lines unbulleted too). issue")
page("text_numbered_article_below.txt", text_page(["  • " + plain(it) for it in SEED_ITEMS], below=NUMBERED),
     [SEED_ITEMS], "the seed's text form with a numbered article list (`1. 서울 29.3℃ 폭염특보`) right below the credit under the ticker. issue")

# 17. deliberately unreadable items
items = [it.but(cond="맑음", temp=None, reject="84.7℉") if it.station == 108 else it for it in SEED_ITEMS]
snips = ["맑음서울84.7℉" if it.station == 108 else plain(it) for it in items]
page("reject_fahrenheit.html", seed_list_page(items, snips), [items],
     "item 12 printed in Fahrenheit `맑음서울84.7℉`: rejected, the other 96 stored. issue")
items = [it.but(temp=None, reject="흐림원주28.") if it.station == 114 else it for it in SEED_ITEMS]
lines = ["  • " + ("흐림원주28." if it.station == 114 else plain(it)) for it in items]
page("reject_cut_off_no_unit.txt", text_page(lines), [items],
     "text capture with item 14 cut off, no unit: `흐림원주28.`: rejected, the other 96 stored. issue")
items = [it.but(cond="맑음", temp=None, reject="3O.3℃") if it.station == 133 else it for it in SEED_ITEMS]
snips = ["맑음대전 3O.3℃" if it.station == 133 else plain(it) for it in items]
page("reject_garbage_letter_o.html", seed_list_page(items, snips), [items],
     "item 22 holds a letter O for a zero: `맑음대전 3O.3℃`: rejected, the other 96 stored. issue")


# --- write -----------------------------------------------------------------------------------------
def csv_text(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def write(name, text):
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    stems = [os.path.splitext(name)[0] for name, _, _, _ in PAGES]
    assert len(set(stems)) == len(stems)
    readme = ["# Form fixtures", "",
              "The real seed's ticker (Fixtures/000_24a8cc3d9cd846fc.txt, 97 items) re-rendered in one item form or",
              "markup per page, with realistic noise around it (date header `최종편집: 2025-08-18 10:40`, a menu,",
              "an article with a numbered list, a script holding ticker-like strings, share buttons, the credit",
              "`기상청 제공` right after the ticker). \"ticker.md\" = a form seen on real pages",
              "(../shared/docs/ticker.md); \"issue\" = a form listed in the issue asking for these fixtures.", "",
              "Per page `<page>.html`/`.txt`: `<page>.expected.csv` (`position,station_id,condition,temperature_c,station_source`, one row",
              "per observation to store, in ticker order), `<page>.rejected.csv` (`line_text`: a distinctive",
              "substring of each deliberately unreadable item), `<page>.copies` (extra copies of the ticker).",
              "The expectations are computed from what the generator renders, not from kmaticker's output.", "",
              "Regenerate (rewrites this folder whole): `python3 scripts/make-form-fixtures.py`;",
              "check the pages against their expectations: `python3 scripts/check-form-fixtures.py`.", "",
              "| page | items | rows | rejected | copies | form |", "|---|---|---|---|---|---|"]
    for name, content, copies, what in PAGES:
        base = os.path.splitext(name)[0]
        write(name, content)
        rows = expected_rows(copies[0])
        rejected = [[it.reject] for it in copies[0] if it.reject is not None]
        assert len(rows) + len(rejected) == len(copies[0])
        write(base + ".expected.csv", csv_text(["position", "station_id", "condition", "temperature_c", "station_source"], rows))
        write(base + ".rejected.csv", csv_text(["line_text"], rejected))
        write(base + ".copies", f"{len(copies) - 1}\n")
        n_items = sum(len(c) for c in copies)
        what = what.replace("|", "\\|")
        readme.append(f"| `{name}` | {n_items} | {len(rows)} | {len(rejected)} | {len(copies) - 1} | {what} |")
    write("README.md", "\n".join(readme) + "\n")
    print(f"wrote {len(PAGES)} pages to {os.path.relpath(OUT, ROOT)}/")


if __name__ == "__main__":
    main()
