#!/usr/bin/env python3
"""Reads every page of Fixtures/forms/ back, independently of dev/fixtures/make-form-fixtures.py, and
checks it against its expectation files (<page>.expected.csv, .rejected.csv, .copies).

HTML is read with html.parser: every element whose class starts with "weather" holds one copy of
the ticker (an <iframe srcdoc> is parsed as its own page); its items are the <li>s of a list, the
<dt>+<dd> pairs of a <dl>, the <td> rows of a table, or the <span>/<a> children of a <div>. Text
captures: the ticker is the block of lines just above "기상청 제공" (or one line of ` | `-separated
items). Each item's text is normalized and read with a small regex reader; a new copy starts
where station numbers stop ascending. Checks: header present, credit after the ticker, expected
rows = items read (with inference), rejected rows = unreadable items, copies = extra copies,
and rows + rejected = items in the first copy. Stdlib only; prints one line per page.
"""
import csv, os, re, sys
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
FORMS = os.path.join(ROOT, "Fixtures", "forms")
REGISTRY = os.path.join(ROOT, "Sources", "KMATickerModel", "Registry", "asos_stations.csv")
HEADER = "최종편집: 2025-08-18 10:40"

REG = {int(r["id"]): r["name_ko"] for r in csv.DictReader(open(REGISTRY, encoding="utf-8"))}
NAMES = {n: i for i, n in REG.items()}
NAMES.update({"홍성(예)": 177, "서청주(예)": 181, "백령": 102})
CONDS = ["비 또는 눈", "눈 또는 비", "비/눈", "구름조금", "구름적음", "구름많음", "진눈깨비", "천둥번개", "소나기끝",
         "안개끝", "맑음", "흐림", "박무", "연무", "안개", "황사", "연기", "약한비", "이슬비", "소나기", "소낙눈",
         "싸락눈", "어는비", "빗방울", "눈날림", "뇌우", "번개", "비끝", "눈끝", "우박", "비", "눈", "-"]

NAME_RE = "|".join(re.escape(n) for n in sorted(NAMES, key=len, reverse=True))
COND_RE = "|".join(re.escape(c) for c in sorted(CONDS, key=len, reverse=True))
TEMP_RE = r"(?:(?P<t>-?\d+\.\d)|-{1,2})?\s*℃"
ITEM_A = re.compile(rf"^(?P<c>{COND_RE})?\s*(?P<n>{NAME_RE})?\s*(?:{TEMP_RE})?$")
ITEM_B = re.compile(rf"^(?P<n>{NAME_RE})\s+(?P<c>{COND_RE})\s*(?:{TEMP_RE})?$")


def normalize(s):
    s = re.sub("[\u200b\u00ad\ufeff]", "", s)
    s = re.sub("[\u00a0\u2009]", " ", s)
    s = s.translate(str.maketrans("０１２３４５６７８９．－\u2212\u2013", "0123456789.---"))
    s = s.replace("&#8451;", "℃").replace("&deg;", "°")
    s = re.sub(r"영하\s*(\d+\.\d)\s*도", r"-\1℃", s)
    s = re.sub(r"영상\s*(\d+\.\d)\s*도", r"\1℃", s)
    s = re.sub(r"(\d)\s*(?:°C|˚C|°|도)", r"\1℃", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"(\d) ℃", r"\1℃", s)
    s = re.sub(r"- (\d)", r"-\1", s)
    return s


def read_item(text):
    """(station printed or None, condition or None, temp or None), or None when unreadable."""
    s = normalize(text)
    m = ITEM_A.match(s)
    if not m or not (m.group("n") or m.group("t")):
        m = ITEM_B.match(s)
    if not m or not (m.group("n") or m.group("c")):
        return None
    cond = m.group("c")
    return (NAMES[m.group("n")] if m.group("n") else None, None if cond == "-" else cond, m.group("t"))


# --- HTML: a small tree ---------------------------------------------------------------------------
VOID = {"br", "wbr", "img", "meta", "link", "input", "hr", "source"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        out = []
        for c in self.children:
            if isinstance(c, str):
                out.append(c)
            elif c.tag == "br":
                out.append(" ")
            elif c.tag in ("script", "style"):
                continue
            else:
                out.append((" " if c.tag in ("td", "th", "dt", "dd") else "") + c.text())
        return "".join(out)

    def elements(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.elements()


class Tree(HTMLParser):
    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", {}, None)
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        node = self.cur
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None, f"unbalanced </{tag}>"
        self.cur = node.parent

    def handle_data(self, data):
        self.cur.children.append(data)


NON_ITEMS = {"광고", "|"}  # an ad and a separator inside the list: known non-items, neither stored nor rejected


def html_containers(text):
    """Item texts of every ticker container, in document order, and the page's whole text."""
    tree = Tree(text)
    found, frames = [], []
    for el in tree.root.elements():
        if el.tag == "iframe" and "srcdoc" in el.attrs:
            inner, inner_text = html_containers(el.attrs["srcdoc"])
            found += inner
            frames.append(inner_text)
        if not el.attrs.get("class", "").startswith("weather") or el.tag == "div" and any(
                isinstance(c, Node) and c.tag == "ul" for c in el.children):
            continue
        kids = [c for c in el.children if isinstance(c, Node)]
        if el.tag in ("ul", "ol"):
            items = [c.text() for c in kids if c.tag == "li"]
        elif el.tag == "dl":
            items, dt = [], None
            for c in kids:
                if c.tag == "dt":
                    dt = c.text()
                elif c.tag == "dd":
                    items.append((dt or "") + " " + c.text())
                    dt = None
        elif el.tag == "table":
            rows = [r for r in el.elements() if r.tag == "tr"]
            items = [r.text() for r in rows if any(isinstance(c, Node) and c.tag == "td" for c in r.children)]
        elif el.tag == "div":
            items = [c.text() for c in kids if c.tag in ("span", "a")]
        else:
            continue
        found.append([t for t in items if t.strip() not in NON_ITEMS])
    return found, tree.root.text() + "\n".join(frames)


def text_containers(text):
    lines = text.split("\n")
    found = []
    for k, line in enumerate(lines):
        if line != "기상청 제공":
            continue
        block = []
        j = k - 1
        while j >= 0 and lines[j].strip():
            block.insert(0, lines[j])
            j -= 1
        if len(block) == 1 and " | " in block[0]:
            block = block[0].split(" | ")
        found.append([re.sub(r"^\s*(?:• |- )", "", b) for b in block])
    return found


# --- checking --------------------------------------------------------------------------------------
def infer(read):
    """Rows (station, source) for a copy: read = [(printed station or None, cond, temp) or None]."""
    ids = sorted(REG)
    out = []
    for k, r in enumerate(read):
        if r is None:
            out.append(None)
            continue
        if r[0] is not None:
            out.append((r[0], "ticker"))
            continue
        # a rejected neighbour still counts; it prints a name in every page here
        left = read[k - 1] if k > 0 else ("start",)
        right = read[k + 1] if k + 1 < len(read) else ("end",)
        station = None
        if left is not None and right is not None and left[0] is not None and right[0] is not None:
            lo = -1 if left[0] == "start" else left[0]
            hi = 10 ** 6 if right[0] == "end" else right[0]
            between = [s for s in ids if lo < s < hi]
            station = between[0] if len(between) == 1 else None
        out.append((station, "inferred") if station else (None, "unresolved"))
    return out


def split_copies(texts):
    """Split a container's items where the station sequence stops ascending."""
    copies, last = [[]], -1
    for t in texts:
        r = read_item(t)
        m = re.search(NAME_RE, normalize(t))
        stn = r[0] if r and r[0] else (NAMES[m.group(0)] if m else None)
        if stn is not None and stn <= last:
            copies.append([])
            last = -1
        if stn is not None:
            last = stn
        copies[-1].append(t)
    return copies


def check(page):
    path = os.path.join(FORMS, page)
    stem = os.path.splitext(page)[0]
    raw = open(path, "rb").read()
    text = raw.decode("utf-8")
    problems = []
    if page.endswith(".html"):
        if '<meta charset="utf-8">' not in text:
            problems.append("no meta charset")
        containers, whole = html_containers(text)
    else:
        containers, whole = text_containers(text), text
    if HEADER not in whole:
        problems.append("header missing")
    copies = [c for cont in containers for c in split_copies(cont)]
    expected = list(csv.reader(open(os.path.join(FORMS, stem + ".expected.csv"), encoding="utf-8")))
    rejected = list(csv.reader(open(os.path.join(FORMS, stem + ".rejected.csv"), encoding="utf-8")))
    n_copies = int(open(os.path.join(FORMS, stem + ".copies"), encoding="utf-8").read().strip())
    assert expected[0] == ["position", "station_id", "condition", "temperature_c", "station_source"]
    assert rejected[0] == ["line_text"]
    expected, rejected = expected[1:], [r[0] for r in rejected[1:]]
    if len(copies) != n_copies + 1:
        problems.append(f"{len(copies)} copies read, .copies says {n_copies}")
    first = copies[0]
    read = [read_item(t) for t in first]
    # rejected items: for inference they still count as neighbours printing their name
    for_infer = []
    for t, r in zip(first, read):
        if r is None:
            m = re.search(NAME_RE, normalize(t))
            for_infer.append((NAMES[m.group(0)] if m else None, None, None))
        else:
            for_infer.append(r)
    stations = infer(for_infer)
    rows, unread = [], []
    for t, r, st in zip(first, read, stations):
        if r is None:
            unread.append(t)
        else:
            rows.append([str(len(rows) + 1), str(st[0]) if st[0] else "", r[1] or "", r[2] or "", st[1]])
    if rows != expected:
        diff = [(a, b) for a, b in zip(rows, expected) if a != b][:3]
        problems.append(f"rows differ ({len(rows)} read, {len(expected)} expected): {diff}")
    if len(unread) != len(rejected) or not all(any(r in u for u in unread) for r in rejected):
        problems.append(f"unreadable {unread} vs rejected {rejected}")
    if len(expected) + len(rejected) != len(first):
        problems.append("expected + rejected != items in the first copy")
    for extra in copies[1:]:
        if extra != first[:len(extra)]:
            problems.append("an extra copy differs from the first")
    last = first[-1].strip()
    if last not in whole or whole.find("기상청 제공", whole.find(last)) < 0:
        problems.append("no credit after the ticker")
    items = sum(len(c) for c in copies)
    print(f"{'ok ' if not problems else 'BAD'} {page}: {items} items, {len(copies)} copies "
          f"({', '.join(str(len(c)) for c in copies)}), {len(expected)} rows, {len(rejected)} rejected"
          + ("" if not problems else "\n    " + "\n    ".join(problems)))
    return not problems


def main():
    pages = sorted(p for p in os.listdir(FORMS) if p.endswith((".html", ".txt")))
    ok = all([check(p) for p in pages])
    print(f"{len(pages)} pages, {'all ok' if ok else 'PROBLEMS'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
