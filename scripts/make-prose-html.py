#!/usr/bin/env python3
"""Writes the HTML wrappings of ten Fixtures/prose pages from their .txt (paragraphs in <p>, bullet
lists as <ul><li>, tables as <table><tr><td>) and checks that each page's visible text equals its
.txt (whitespace collapsed; box-drawing borders dropped; spacing at table-cell boundaries aside).
Usage: python3 scripts/make-prose-html.py"""
import html, re, sys, os
D = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Fixtures', 'prose')
BOX = set('┌┬┐├┼┤└┴┘─│')

def read(name):
    return open(os.path.join(D, name + '.txt'), encoding='utf-8').read()

def esc(s): return html.escape(s, quote=False)

def page(title, body, lang='ko', site=''):
    return ('<!DOCTYPE html>\n<html lang="%s">\n<head>\n<meta charset="utf-8">\n<title>%s</title>\n</head>\n<body>\n'
            '<article class="article-view">\n%s</article>\n</body>\n</html>\n') % (lang, esc(title), body)

def blocks_html(blocks):
    out = []
    for kind, val in blocks:
        if kind in ('p', 'h1', 'figcaption'):
            out.append('<%s>%s</%s>\n' % (kind, '<br>\n'.join(esc(l) for l in val.split('\n')), kind))
        elif kind == 'ul':
            out.append('<ul>\n' + ''.join('<li>%s</li>\n' % esc(i) for i in val) + '</ul>\n')
        elif kind == 'table':
            out.append('<table>\n' + ''.join('<tr>' + ''.join('<td>%s</td>' % esc(c) for c in row) + '</tr>\n' for row in val) + '</table>\n')
    return ''.join(out)

def paras(text):
    return [p.strip('\n') for p in re.split(r'\n\s*\n', text) if p.strip()]

def split_list(line, mark):
    # 'prefix △a △b △c 등이다.' -> prefix, [△a, △b, △c 등이다.]
    i = line.index(mark)
    prefix = line[:i].rstrip()
    items = [mark + x.strip() for x in line[i:].split(mark)[1:]]
    return prefix, items

def para_with_lists(p, mark):
    bl = []
    for line in p.split('\n'):
        if line.count(mark) >= 3:
            prefix, items = split_list(line, mark)
            if prefix: bl.append(('p', prefix))
            bl.append(('ul', items))
        else:
            bl.append(('p', line))
    return bl

def box_rows(lines):
    rows = []
    for l in lines:
        if l.startswith('│'):
            cells = [c.strip() for c in l.strip('│').split('│')]
            if any(cells): rows.append(cells)
    return rows

specs = {}

def sbs():
    t = read('008_sbs_2014_seoul_daejeon'); ps = paras(t)
    b = [('p', ps[0]), ('p', ps[1]), ('h1', ps[2]), ('p', ps[3])] + [('p', p) for p in ps[4:]]
    return page(ps[2], blocks_html(b))
specs['008_sbs_2014_seoul_daejeon'] = sbs

def bullet_list_page(name, title, bullet, by_line=False):
    """A page whose paragraphs (or lines) hold inline `bullet` lists, each list as <ul><li>."""
    t = read(name)
    b = []
    for p in (t.strip('\n').split('\n') if by_line else paras(t)):
        b += para_with_lists(p, bullet)
    return page(title, blocks_html(b))
specs['011_segye_2024_aws'] = lambda: bullet_list_page('011_segye_2024_aws', '[오늘날씨] 전국 흐리고 남부지방 비…낮 최고 21도 ‘포근’', '△')
specs['014_etoday_2275981_summer'] = lambda: bullet_list_page('014_etoday_2275981_summer', 'etoday', '△', by_line=True)
specs['017_moneys_2023_triangle'] = lambda: bullet_list_page('017_moneys_2023_triangle', 'moneys', '▲')

def table_page(name, title):
    t = read(name); lines = t.strip('\n').split('\n')
    first_box = next(i for i, l in enumerate(lines) if l and l[0] in BOX)
    b = [('h1', lines[0])] + [('p', p) for p in paras('\n'.join(lines[1:first_box]))]
    b.append(('table', box_rows(lines[first_box:])))
    return page(title, blocks_html(b))
specs['016_hankyung_2022_weekly_table'] = lambda: table_page('016_hankyung_2022_weekly_table', '[내주날씨] 맑고 더운 날 이어져…낮 20~29도')
specs['064_hankyung_2021_weekly_table'] = lambda: table_page('064_hankyung_2021_weekly_table', '[내주날씨] 흐린 한 주…18일 전국에 비 소식')

def ajunews_table():
    t = read('071_ajunews_2016_yonhap_table'); lines = t.strip('\n').split('\n')
    b = [('p', l) for l in lines if not l.startswith('▲')]
    rows = []
    for l in lines:
        if l.startswith('▲'):
            m = re.match(r'(▲ \S+ :)(\[[^\]]*\]) (\([^)]*\)) (<[^>]*>)$', l)
            rows.append(list(m.groups()))
    b.append(('table', rows))
    return page('ajunews', blocks_html(b))
specs['071_ajunews_2016_yonhap_table'] = ajunews_table

def daum():
    t = read('073_daumcafe_icon_forecast'); lines = t.strip('\n').split('\n')
    i = lines.index('❒ 지역별 날씨전망 ❒')
    b = [('p', '\n'.join(lines[:i])), ('h1', lines[i]), ('ul', [l for l in lines[i+1:] if l.startswith('✫')]), ('p', lines[-1])]
    return page('지역별 날씨전망', blocks_html(b))
specs['073_daumcafe_icon_forecast'] = daum

def seoulco():
    t = read('050_seoul_co_2018_tropical_night'); lines = t.strip('\n').split('\n')
    b = [('figcaption', '\n'.join(lines[:3]))] + [('p', l) for l in lines[3:]]
    return page('seoul.co.kr', blocks_html(b))
specs['050_seoul_co_2018_tropical_night'] = seoulco

def kbsfr():
    t = read('026_kbs_fr_80990_january'); ps = paras(t)
    b = [('figcaption', ps[0].strip())] + [('p', p) for p in ps[1:]]
    return page('KBS WORLD Radio', blocks_html(b), lang='fr')
specs['026_kbs_fr_80990_january'] = kbsfr

def norm(s): return re.sub(r'\s+', ' ', s).strip()

def text_of(h):
    body = re.search(r'<body>(.*)</body>', h, re.S).group(1)
    return norm(html.unescape(re.sub(r'<[^>]+>', ' ', body)))

for name, fn in specs.items():
    h = fn()
    open(os.path.join(D, name + '.html'), 'w', encoding='utf-8').write(h)
    want = norm(''.join(ch for ch in read(name) if ch not in BOX) if 'table' in name and 'hankyung' in name else read(name))
    got = text_of(h)
    same = got == want
    nows = lambda x: re.sub(r'\s', '', x)
    print(name, 'same text' if same else ('same text but spacing at cell boundaries' if nows(got) == nows(want) else 'DIFFERS'))
    if nows(got) != nows(want):
        import difflib
        for d in difflib.ndiff([want], [got]):
            print(d[:2000])
