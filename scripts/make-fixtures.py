#!/usr/bin/env python3
"""Builds the constructed fixtures in Fixtures/ from the real seed's 97 ticker items.

Only one real page exists (Fixtures/000_24a8cc3d9cd846fc.txt). The markups below are the ones
the ticker is known to appear in (docs/ticker.md, issue "Real pages at scale"): the same items,
values and stations as the seed, in other markup, charsets and header forms, wrapped in the
menus, article lists, scripts and share buttons real news pages have. Rerun after changing this
script; the tests' golden files then show what changed.
"""
import csv, os, re

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "Fixtures")
REGISTRY = os.path.join(HERE, "..", "Sources", "KMATickerKit", "Registry", "asos_stations.csv")
CONDITIONS = ["구름조금", "구름많음", "맑음", "흐림", "박무", "비", "안개"]

seed = open(os.path.join(FIXTURES, "000_24a8cc3d9cd846fc.txt"), encoding="utf-8").read().split("\n")
items = []
for line in seed[2:99]:
    text = line.strip()[2:]
    m = re.match(r"^(.*?)(-?\d+\.\d)℃$", text)
    head, temp = (m.group(1), m.group(2)) if m else (text, None)
    cond = max((c for c in CONDITIONS if head.startswith(c)), key=len)
    items.append((cond, head[len(cond):], temp))
assert len(items) == 97
stations = [(int(r["id"]), r["name_ko"]) for r in csv.DictReader(open(REGISTRY, encoding="utf-8"))]

MENU = """<nav class="gnb"><ul>
  <li><a href="/news/politics">정치</a></li><li><a href="/news/economy">경제</a></li>
  <li><a href="/news/society">사회</a></li><li><a href="/news/weather">날씨</a></li>
</ul></nav>"""
ARTICLE = """<article id="article-view">
  <h1>대전 낮 최고 30.3℃… 당분간 무더위 이어져</h1>
  <p>18일 대전의 낮 기온은 30.3℃까지 올랐다. 기상청은 당분간 맑음 날씨가 이어지겠다고 밝혔다.</p>
  <p>{extra}</p>
  <ul class="share"><li>해당된 기사를 공유합니다</li><li>페이스북</li><li>트위터</li></ul>
</article>
<aside><h2>많이 본 뉴스</h2><ol>
  <li>1. 서울 29.3℃ 폭염특보</li><li>2. 흐림 속 소나기 예보</li><li>3. 부산 31.0℃</li>
</ol></aside>
<script>var tickerCache = ["맑음서울1.0℃", "흐림부산2.0℃"];</script>
<style>.weather li::after {{ content: "맑음대전0.0℃"; }}</style>"""


def page(head_extra, header, ticker, extra=""):
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
{head_extra}
<title>시사캐치 - 대전 투자 유치</title>
<script>window.dataLayer = window.dataLayer || [];</script>
</head>
<body>
<div id="top">
  {header}
{ticker}
  <span class="credit">기상청 제공</span>
</div>
{MENU}
{ARTICLE.format(extra=extra)}
</body>
</html>
"""


def li_img_alt():
    """<ul><li> items: the condition as <img alt>, name and temperature in their own elements."""
    rows = []
    for cond, name, temp in items:
        temp_html = f'<span class="temp">{temp}</span>&#8451;' if temp else ""
        rows.append(f'    <li><a href="/weather"><img src="/img/w/{CONDITIONS.index(cond):02d}.png" alt="{cond}">'
                    f'<span class="area">{name}</span>{temp_html}</a></li>')
    ticker = '  <ul class="weather_list">\n' + "\n".join(rows) + "\n  </ul>"
    return page('<meta charset="utf-8">', '<div class="date">최종편집 : 2025.8.18 월 10:40</div>', ticker)


def div_spans_euckr():
    """<div> items, parts in <span>s with newlines between, °C after a space; EUC-KR label."""
    rows = []
    for cond, name, temp in items:
        temp_html = f'\n      <span class="tmp">{temp} °C</span>' if temp else ""
        rows.append(f'    <div class="item">\n      <span class="wt">{cond}</span>\n'
                    f'      <span class="loc">{name}</span>{temp_html}\n    </div>')
    ticker = '  <div class="weather_roll">\n' + "\n".join(rows) + "\n  </div>"
    html = page('<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">',
                '<p class="update">UPDATED. 2025-08-18 10:40:00 (월)</p>', ticker,
                extra="똠방각하, 뷁 같은 글자는 EUC-KR에 없고 CP949에만 있다.")
    return html.encode("cp949")


def dd_items():
    """<dl><dd> items with <b>/<em> parts and ˚C; the time only in <meta article:modified_time>."""
    rows = []
    for cond, name, temp in items:
        temp_html = f" <em>{temp}</em>˚C" if temp else ""
        rows.append(f"    <dd><span>{cond}</span> <b>{name}</b>{temp_html}</dd>")
    ticker = '  <dl class="weather">\n    <dt>오늘의 날씨</dt>\n' + "\n".join(rows) + "\n  </dl>"
    meta = ('<meta charset="UTF-8">\n<meta property="article:published_time" content="2025-08-18T09:55:00+09:00">\n'
            '<meta property="article:modified_time" content="2025-08-18T10:40:00+09:00">')
    return page(meta, '<div class="logo">시사캐치</div>', ticker)


def table_cells():
    """Items as table cells, eight to a row; no declared charset; UPDATE header."""
    cells = []
    for cond, name, temp in items:
        temp_html = f" <strong>{temp}</strong>℃" if temp else ""
        cells.append(f'<td><img alt="{cond}" src="/w.gif"> {name}{temp_html}</td>')
    rows = ["    <tr>" + "".join(cells[i:i + 8]) + "</tr>" for i in range(0, len(cells), 8)]
    ticker = '  <table class="weather"><tbody>\n' + "\n".join(rows) + "\n  </tbody></table>"
    return page("", '<div class="date">UPDATE : 2025.8.18 월 10:40</div>', ticker)


def feed():
    """KMA's current-weather XML for the same hour, every station named, 북창원's ta missing."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<current>",
             '  <weather year="2025" month="08" day="18" hour="10">']
    for (stn, name), (cond, _, temp) in zip(stations, items):
        lines.append(f'    <local stn_id="{stn}" icon="" desc="{cond}" ta="{temp or "-"}">{name}</local>')
    lines += ["  </weather>", "</current>", ""]
    return "\n".join(lines)


def write(name, content):
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    with open(os.path.join(FIXTURES, name), "wb") as f:
        f.write(data)


write("markup_li_img_alt.html", li_img_alt())
write("markup_div_spans_euckr.html", div_spans_euckr())
write("markup_dd_meta_time.html", dd_items())
write("markup_table_cells.html", table_cells())
write("sfc_web_map.xml", feed())
