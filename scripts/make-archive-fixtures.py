#!/usr/bin/env python3
"""Builds the archive fixtures: ticker pages saved by the REAL archiving programs, with the capture
time each program records (docs/ticker.md "How people save pages"), and what kmaticker must make
of them.

    python3 scripts/make-archive-fixtures.py OUTDIR        (the bundled set: Fixtures/archives)

Needs python3 (stdlib only), wget, curl, faketime and chromium (Debian: `apt-get install -y
--no-install-recommends wget curl faketime chromium`). Takes a few seconds.

How: a local http.server (127.0.0.1, a free port) plays the site http://www.sisacatch.example.com/
as an HTTP proxy, so every producer asks for the real-looking URL (wget/curl `-e http_proxy`/`-x`,
chromium `--proxy-server`) and the URLs do not depend on the port. It renders small news pages with
a KMA ticker (`<ul class="weather"><li>흐림속초 27.8℃</li>…</ul>` + `기상청 제공`, 12-16 items from
the real seed Fixtures/000_24a8cc3d9cd846fc.txt, conditions and temperatures varied per capture)
and answers with a fixed `Date:` chosen per capture. Pages print only a date header
(`<p class="today_txt">2025.08.18 (월)</p>`), except the home page which prints
`최종편집: 2025-08-18 10:40`. Within one capture the pages use disjoint stations, so that no two
observations share (station, time).

  site.warc.gz       wget --warc-file, three runs under faketime (frozen clock) on three days,
                     joined with cat: the home page (links a CSS file and a PNG), a gzip page, a
                     chunked page, a gzip+chunked page, an EUC-KR page whose charset is only in the
                     HTTP header, an old article identical on days 1 and 2 (day 2's run dedups
                     against day 1's CDX, so day 2 holds a `revisit` record for it), a 404 page
                     (with a ticker in its body), the CSS and the PNG. The server's Date: runs 7 s
                     behind the WARC-Date, so that the two cannot be confused.
  site-plain.warc    wget --warc-file --no-warc-compression, one more day.
  saved-headers.html wget --save-headers (capture time = the server's Date:).
  curl-i.html        curl -i of the EUC-KR page (ditto; charset only in the saved header).
  chrome.mhtml       headless chromium, DevTools Page.captureSnapshot(format=mhtml) over
                     --remote-debugging-pipe, under faketime with a clock that starts at the chosen
                     time and runs (chromium hangs with a frozen clock); the Date: it wrote is read
                     back with Python's email module.
  singlefile.html    written by this script in the exact form SingleFile (a browser extension,
                     which cannot run here) writes: single-file-core's getPageData() puts the
                     comment "\\n Page saved with SingleFile \\n url: URL \\n saved date: DATE\\n" first
                     in <html>, and its html-serializer (compressHTML, the default) omits optional
                     tags and quotes; images become data: URIs.

Expectations (computed from what the server sent and the times the producers recorded, never by
running kmaticker):
  expected.csv          file,uri,captured_at,time_source,printed_time,position,station_id,
                        condition,temperature_c — one row per observation to store; uri is what
                        the archive records (WARC-Target-URI, Snapshot-Content-Location, the url:
                        line), empty for the HTTP-headed files, which record none.
  expected-skipped.csv  file,uri,kind — WARC records to skip and count (revisit, not-html,
                        http-status); request/metadata/warcinfo/resource records are not listed.
Everything is deterministic except what the producers randomize (WARC-Record-IDs, MIME
boundaries, Content-IDs) and chromium's Date: (start time + about a second).
The script also checks its outputs by parsing them with its own WARC reader.
"""
import csv, email, email.policy, email.utils, gzip, http.server, io, json, os, re, select, shutil
import struct, subprocess, sys, tempfile, threading, time, urllib.parse, zlib
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
SEED = os.path.join(ROOT, "Fixtures", "000_24a8cc3d9cd846fc.txt")
REGISTRY = os.path.join(ROOT, "Sources", "KMATickerKit", "Registry", "asos_stations.csv")

HOST = "www.sisacatch.example.com"
SITE = "http://" + HOST
KST = timezone(timedelta(hours=9))
UTC = timezone.utc
WEEKDAYS = "월화수목금토일"
CONDITIONS = ["구름조금", "구름많음", "맑음", "흐림", "박무", "비", "안개"]
SERVER_LAG = timedelta(seconds=7)  # the server's Date: runs this much behind wget's clock

# --- stations and the seed ---------------------------------------------------------------------------
REG = [(int(r["id"]), r["name_ko"]) for r in csv.DictReader(open(REGISTRY, encoding="utf-8"))]
assert len(REG) == 97


def seed_values():
    """(condition, temperature in tenths or None) of the 97 seed items, in registry order."""
    lines = open(SEED, encoding="utf-8").read().split("\n")
    assert lines[99] == "기상청 제공"
    out = []
    for line in lines[2:99]:
        assert line.startswith("  • ")
        text = line[4:]
        m = re.fullmatch(r"(.*?)(\d+)\.(\d)℃", text)
        head = m.group(1) if m else text
        cond = max((c for c in CONDITIONS if head.startswith(c)), key=len)
        out.append((cond, int(m.group(2)) * 10 + int(m.group(3)) if m else None))
    return out


SEED_VALUES = seed_values()


class Item:
    def __init__(self, station, name, cond, tenths):
        self.station, self.name, self.cond, self.tenths = station, name, cond, tenths

    @property
    def temp(self):
        if self.tenths is None:
            return None
        sign = "-" if self.tenths < 0 else ""
        return f"{sign}{abs(self.tenths) // 10}.{abs(self.tenths) % 10}"

    def text(self):
        return self.cond + self.name + (" " + self.temp + "℃" if self.temp is not None else "")


def items_for(first, count, variant):
    """Items first..first+count-1 of the registry, their seed values varied by `variant` (one per
    capture): temperature moved by -1.6..+1.6 °C, every third condition moved along CONDITIONS."""
    items = []
    for k in range(count):
        station, name = REG[first + k]
        cond, tenths = SEED_VALUES[first + k]
        if tenths is not None:
            tenths += ((variant * 5 + k * 3) % 9 - 4) * 4
        if (k + variant) % 3 == 0:
            cond = CONDITIONS[(CONDITIONS.index(cond) + variant) % len(CONDITIONS)]
        items.append(Item(station, name, cond, tenths))
    return items


# --- pages -------------------------------------------------------------------------------------------
ARTICLES = {
    "home": ("시사캐치 홈", "지역 소식 한눈에", "오늘의 주요 기사를 모았습니다. 시의회는 내년 예산안 심사를 시작했고, 시장은 전통시장 활성화 방안을 발표했습니다."),
    "gzip": ("전통시장 상품권 확대", "전통시장 상품권 할인율 10%로", "시는 다음 달부터 전통시장 상품권의 할인율을 높이고 판매처를 늘린다고 밝혔다. 상인회는 환영의 뜻을 전했다."),
    "chunked": ("도서관 야간 개방", "시립도서관 야간 개방 시범 운영", "시립도서관 세 곳이 이번 주부터 밤 10시까지 문을 연다. 시범 운영 뒤 이용자 의견을 들어 확대 여부를 정한다."),
    "gzchunk": ("버스 노선 개편", "시내버스 노선 개편안 공청회", "버스 노선 개편안을 놓고 시민 공청회가 열렸다. 외곽 지역 주민들은 배차 간격을 줄여 달라고 요구했다."),
    "euckr": ("오늘의 날씨", "전국 대체로 흐리고 곳곳에 소나기", "기상청은 오늘 전국이 대체로 흐리고 오후에 곳곳에 소나기가 오겠다고 예보했다. 일부 지역은 폭염특보가 이어진다."),
    "old": ("하천 정비 사업", "하천 정비 사업 마무리 단계", "구도심을 지나는 하천의 정비 사업이 마무리 단계에 들어섰다. 산책로와 자전거 길은 다음 달 개통한다."),
    "notfound": ("페이지 없음", "요청하신 페이지를 찾을 수 없습니다", "주소가 바뀌었거나 삭제된 기사입니다. 검색을 이용해 주세요."),
    "saved": ("청년 창업 지원", "청년 창업 공간 문 열어", "옛 우체국 건물을 고친 청년 창업 공간이 문을 열었다. 입주 기업 20곳이 선정됐다."),
    "mhtml": ("축제 준비 한창", "가을 축제 준비 한창", "다음 달 열리는 가을 축제를 앞두고 준비가 한창이다. 올해는 야간 공연이 새로 생긴다."),
    "singlefile": ("공원 조성", "도심 공원 조성 착공", "도심 한가운데 공원을 만드는 공사가 시작됐다. 완공은 내후년 봄으로 예정돼 있다."),
}

CSS = (".weather_box{overflow:hidden;height:24px}\n.weather li{display:inline-block;margin-right:12px}\n"
       ".today_txt,.date{float:right;color:#666}\n.logo img{width:16px;height:8px}\n").encode()


def tiny_png():
    """A 16x8 two-colour PNG (the site logo), made with zlib: deterministic, under 100 bytes."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + bytes([0x00 if (x // 4 + y // 4) % 2 else 0xFF for x in range(16)]) for y in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 8, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


PNG = tiny_png()


def kst_date_text(d):
    return f"{d:%Y.%m.%d} ({WEEKDAYS[d.weekday()]})"


class Page:
    """One rendered ticker page: its items, what it prints as a time, its HTML text."""

    def __init__(self, kind, captured, variant, first, count, full_time=False, charset="utf-8",
                 resources=False, data_logo=None):
        self.kind, self.items = kind, items_for(first, count, variant)
        title, headline, prose = ARTICLES[kind]
        if full_time:
            t = captured - timedelta(minutes=5)
            t = t.replace(minute=t.minute - t.minute % 5, second=0)
            self.printed_time = f"{t:%Y-%m-%d %H:%M}"
            header = f'<div class="date">최종편집: {self.printed_time}</div>'
        else:
            self.printed_time = f"{captured:%Y-%m-%d}"
            header = f'<p class="today_txt">{kst_date_text(captured)}</p>'
        meta = '<meta charset="utf-8">\n' if charset == "utf-8" else ""
        link = '<link rel="stylesheet" href="/static/style.css">\n' if resources else ""
        logo = ""
        if resources:
            logo = '  <h1 class="logo"><a href="/"><img src="/static/logo.png" alt="시사캐치"></a></h1>\n'
        lis = "\n".join(f"      <li>{it.text()}</li>" for it in self.items)
        self.html = f"""<!DOCTYPE html>
<html lang="ko">
<head>
{meta}<title>시사캐치 - {title}</title>
{link}</head>
<body>
<header id="top">
  {header}
{logo}  <div class="weather_box">
    <ul class="weather">
{lis}
    </ul>
    <span class="credit">기상청 제공</span>
  </div>
</header>
<article id="article-view">
  <h2>{headline}</h2>
  <p>{prose}</p>
</article>
<footer><p>시사캐치 | 대전광역시 서구 | 등록번호 대전 아00000</p></footer>
</body>
</html>
"""
        self.body = self.html.encode(charset)
        if charset != "utf-8":
            assert self.html.encode("euc_kr") == self.body  # plain EUC-KR (KS X 1001), no CP949 extension


class Resource:
    def __init__(self, body, ctype, status=200, gzip_=False, chunked=False, page=None, last_modified=None):
        self.body, self.ctype, self.status, self.gzip, self.chunked = body, ctype, status, gzip_, chunked
        self.page, self.last_modified = page, last_modified


# URLs of the site (path?query as requested)
HOME, GZ, CH, GZCH = "/", "/news/articleView.html?idxno=101", "/news/articleView.html?idxno=102", "/news/articleView.html?idxno=103"
EUCKR, OLD, MISSING = "/weather/today.html", "/news/articleView.html?idxno=99", "/news/articleView.html?idxno=999999"
SAVED, MH = "/news/articleView.html?idxno=104", "/news/articleView.html?idxno=105"
CSS_URL, PNG_URL = "/static/style.css", "/static/logo.png"
SF_URL = "https://" + HOST + "/news/articleView.html?idxno=106"
STATIC_LM = "Tue, 05 Aug 2025 02:00:00 GMT"


class Capture:
    """One capture: the moment (KST), the server's Date:, and the resources served then."""

    def __init__(self, name, kst, variant, server_date=None):
        self.name, self.kst, self.variant = name, kst, variant
        self.utc = kst.astimezone(UTC)
        self.server_date = server_date or kst
        self.resources = {}

    def page(self, url, kind, first, count, **kw):
        opts = {key: kw.pop(key) for key in ("gzip_", "chunked", "status") if key in kw}
        page = Page(kind, self.kst, self.variant, first, count, **kw)
        ctype = "text/html; charset=" + kw.get("charset", "utf-8")
        self.resources[url] = Resource(page.body, ctype, page=page, **opts)
        return page

    def statics(self):
        self.resources[CSS_URL] = Resource(CSS, "text/css", last_modified=STATIC_LM)
        self.resources[PNG_URL] = Resource(PNG, "image/png", last_modified=STATIC_LM)


def k(*a):
    return datetime(*a, tzinfo=KST)


# Station slots (registry indexes) per page kind, disjoint within one capture.
SLOTS = {"home": (0, 12), "gzip": (12, 12), "chunked": (24, 12), "gzchunk": (36, 12), "euckr": (48, 12),
         "old": (60, 12), "notfound": (72, 12), "saved": (84, 13), "mhtml": (6, 16), "singlefile": (30, 16)}


def site_capture(name, kst, variant, urls, old_page=None):
    c = Capture(name, kst, variant, server_date=kst - SERVER_LAG)
    if HOME in urls:
        c.page(HOME, "home", *SLOTS["home"], full_time=True, resources=True)
    if GZ in urls:
        c.page(GZ, "gzip", *SLOTS["gzip"], gzip_=True)
    if CH in urls:
        c.page(CH, "chunked", *SLOTS["chunked"], chunked=True)
    if GZCH in urls:
        c.page(GZCH, "gzchunk", *SLOTS["gzchunk"], gzip_=True, chunked=True)
    if EUCKR in urls:
        c.page(EUCKR, "euckr", *SLOTS["euckr"], charset="euc-kr")
    if OLD in urls:
        if old_page is None:
            c.page(OLD, "old", *SLOTS["old"])
        else:  # the same bytes as in the earlier capture (a cached old article)
            c.resources[OLD] = old_page
    if MISSING in urls:
        c.page(MISSING, "notfound", *SLOTS["notfound"], status=404)
    if CSS_URL in urls:
        c.statics()
    return c


# --- the HTTP server (a proxy for the one site) ------------------------------------------------------
class State:
    capture = None
    log = []  # (capture name, method, absolute url, status)
    lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def version_string(self):
        return "nginx"

    def date_time_string(self, timestamp=None):
        return email.utils.format_datetime(State.capture.server_date.astimezone(UTC), usegmt=True)

    def log_message(self, *args):
        pass

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        key = url.path + ("?" + url.query if url.query else "")
        res = State.capture.resources.get(key) if url.netloc == HOST else None
        with State.lock:
            State.log.append((State.capture.name, "GET", self.path, res.status if res else 404))
        if res is None:
            body = b"<html><body><h1>404 Not Found</h1></body></html>\n"
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        body = res.body
        use_gzip = res.gzip and "gzip" in self.headers.get("Accept-Encoding", "")
        if use_gzip:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(res.status)
        self.send_header("Content-Type", res.ctype)
        if res.last_modified:
            self.send_header("Last-Modified", res.last_modified)
        if res.gzip:
            self.send_header("Vary", "Accept-Encoding")
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        if res.chunked:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for i in range(0, len(body), 700):
                part = body[i:i + 700]
                self.wfile.write(b"%x\r\n" % len(part) + part + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


def start_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# --- a small WARC reader (used to check the producers' output) ---------------------------------------
class Record:
    def __init__(self, headers, block, offset):
        self.headers, self.block, self.offset = headers, block, offset

    def h(self, name):
        return self.headers.get(name.lower())


def gzip_members(data):
    """Number of gzip members and the concatenated decompressed bytes."""
    out, members = [], 0
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out.append(d.decompress(data))
        data = d.unused_data
        members += 1
    return members, b"".join(out)


def read_warc(data):
    records, pos = [], 0
    while pos < len(data):
        end = data.index(b"\r\n\r\n", pos)
        lines = data[pos:end].decode("utf-8").split("\r\n")
        assert lines[0] in ("WARC/1.0", "WARC/1.1"), lines[0]
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        n = int(headers["content-length"])
        block = data[end + 4:end + 4 + n]
        assert len(block) == n and data[end + 4 + n:end + 8 + n] == b"\r\n\r\n"
        records.append(Record(headers, block, pos))
        pos = end + 8 + n
    return records


def parse_http(block):
    """(status, headers dict lower-case, raw head text, decoded body) of an HTTP response block."""
    end = block.index(b"\r\n\r\n")
    head = block[:end].decode("latin-1")
    lines = head.split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    body = block[end + 4:]
    if headers.get("transfer-encoding", "").lower() == "chunked":
        out, pos = [], 0
        while True:
            eol = body.index(b"\r\n", pos)
            size = int(body[pos:eol].split(b";")[0], 16)
            if size == 0:
                break
            out.append(body[eol + 2:eol + 2 + size])
            assert body[eol + 2 + size:eol + 4 + size] == b"\r\n"
            pos = eol + 4 + size
        body = b"".join(out)
    if headers.get("content-encoding", "").lower() == "gzip":
        body = gzip.decompress(body)
    return status, headers, head, body


def warc_date(value):
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


# --- producers ---------------------------------------------------------------------------------------
def run(args, ok=(0,), **kw):
    p = subprocess.run(args, capture_output=True, **kw)
    if p.returncode not in ok:
        sys.exit(f"{' '.join(args)}: exit {p.returncode}\n{p.stderr.decode(errors='replace')[-2000:]}")
    return p


def faketime_frozen(capture):
    """The faketime prefix that freezes the clock at the capture's moment (given in UTC, TZ=UTC)."""
    return ["env", "TZ=UTC", "faketime", "-f", f"{capture.utc:%Y-%m-%d %H:%M:%S}"]


def check_frozen(capture):
    p = run(faketime_frozen(capture) + ["sh", "-c", "date +%s; sleep 1.1; date +%s"])
    a, b = p.stdout.split()
    assert int(a) == int(b) == int(capture.utc.timestamp()), (a, b, capture.utc)


def wget_warc(work, capture, name, urls, extra=(), ok=(0,)):
    State.capture = capture
    args = faketime_frozen(capture) + [
        "wget", "--no-config", "--no-verbose", "--compression=gzip", "-e", "use_proxy=yes",
        "-e", f"http_proxy=http://127.0.0.1:{PORT}/", f"--warc-file={name}", *extra,
        "-P", os.path.join(work, "download-" + name)] + [SITE + u for u in urls]
    run(args, ok=ok, cwd=work)


def cdp_mhtml(work, capture, url):
    """Headless chromium, started under faketime (clock starting at the capture's moment), loads
    url and returns Page.captureSnapshot(format='mhtml') — DevTools over --remote-debugging-pipe:
    commands on fd 3, answers on fd 4, each a JSON text ended by NUL."""
    State.capture = capture
    profile = tempfile.mkdtemp(prefix="chromium-", dir=work)
    to_child, from_parent = os.pipe()
    to_parent, from_child = os.pipe()

    def child_fds():
        a, b = os.dup(to_child), os.dup(from_child)
        os.dup2(a, 3)
        os.dup2(b, 4)
        os.close(a)
        os.close(b)

    args = ["env", "TZ=UTC", f"TMPDIR={work}", "faketime", "-f", f"@{capture.utc:%Y-%m-%d %H:%M:%S}",
            "chromium", "--headless", "--no-sandbox", "--remote-debugging-pipe", f"--user-data-dir={profile}",
            f"--proxy-server=http://127.0.0.1:{PORT}", "--disable-gpu", "--no-first-run",
            "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--disable-breakpad", "--disable-crash-reporter",
            "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable", "about:blank"]
    err = open(os.path.join(work, "chromium.stderr"), "wb")
    proc = subprocess.Popen(args, preexec_fn=child_fds, close_fds=False, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
    os.close(to_child)
    os.close(from_child)
    buf, next_id, events = b"", [0], []

    def recv(deadline):
        nonlocal buf
        while b"\0" not in buf:
            ready, _, _ = select.select([to_parent], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError("chromium did not answer")
            data = os.read(to_parent, 1 << 20)
            if not data:
                raise EOFError("chromium closed the pipe")
            buf += data
        msg, buf = buf.split(b"\0", 1)
        return json.loads(msg)

    def call(method, params=None, session=None, timeout=30):
        next_id[0] += 1
        msg = {"id": next_id[0], "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(from_parent, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            m = recv(deadline)
            if m.get("id") == next_id[0]:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m["result"]
            events.append(m)

    try:
        target = call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        call("Page.enable", session=session)
        call("Page.navigate", {"url": url}, session=session)
        deadline = time.monotonic() + 30
        while not any(e.get("method") == "Page.loadEventFired" for e in events):
            events.append(recv(deadline))
        data = call("Page.captureSnapshot", {"format": "mhtml"}, session=session)["data"]
        try:
            call("Browser.close", timeout=10)
        except (EOFError, TimeoutError):
            pass
        proc.wait(timeout=15)
    except BaseException:
        err.flush()
        sys.stderr.write(open(err.name, errors="replace").read()[-3000:])
        raise
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 9)
            proc.wait()
        os.close(to_parent)
        os.close(from_parent)
        err.close()
    return data


def singlefile_html(page, url, saved):
    """The page as SingleFile (compressHTML on, scripts blocked, CSS inlined, images as data:
    URIs, canonical link and CSP meta inserted) would write it; `saved` is the KST moment."""
    import base64
    logo = "data:image/png;base64," + base64.b64encode(PNG).decode()
    saved_text = f"{saved:%a %b %d %Y %H:%M:%S} GMT+0900 (한국 표준시)"
    title = ARTICLES["singlefile"][0]
    lis = "".join(f"<li>{it.text()}" for it in page.items)
    headline, prose = ARTICLES["singlefile"][1:]
    css = CSS.decode().replace("\n", "")
    csp = ("default-src 'none'; font-src 'self' data:; img-src 'self' data:; style-src 'unsafe-inline'; "
           "media-src 'self' data:; script-src 'unsafe-inline' data:; object-src 'self' data:; frame-src 'self' data:;")
    return (f"<!DOCTYPE html> <html lang=ko><!--\n Page saved with SingleFile \n url: {url} \n saved date: {saved_text}\n-->"
            f"<meta charset=utf-8>\n<title>시사캐치 - {title}</title>\n<style>{css}</style>\n"
            f"<meta http-equiv=content-security-policy content=\"{csp}\"><link rel=canonical href=\"{url}\">"
            f"<style>img[src=\"data:,\"],source[src=\"data:,\"]{{display:none!important}}</style>\n<body>\n"
            f"<header id=top>\n<p class=today_txt>{kst_date_text(saved)}</p>\n"
            f"<h1 class=logo><a href=\"https://{HOST}/\"><img src=\"{logo}\" alt=시사캐치></a></h1>\n"
            f"<div class=weather_box>\n<ul class=weather>{lis}</ul>\n<span class=credit>기상청 제공</span>\n</div>\n"
            f"</header>\n<article id=article-view>\n<h2>{headline}</h2>\n<p>{prose}</p>\n</article>\n"
            f"<footer><p>시사캐치 | 대전광역시 서구 | 등록번호 대전 아00000</p></footer>\n"), saved_text


# --- expectations ------------------------------------------------------------------------------------
EXPECTED, SKIPPED = [], []


def kst_text(t):
    return f"{t.astimezone(KST):%Y-%m-%d %H:%M:%S}"


def expect(file, uri, captured, source, page):
    for pos, it in enumerate(page.items, 1):
        EXPECTED.append([file, uri, kst_text(captured), source, page.printed_time, pos, it.station, it.cond,
                         it.temp or ""])


def expect_warc(file, records, capture_of):
    """Expectations from the WARC's response/revisit records; checks what wget stored."""
    for r in records:
        kind = r.h("WARC-Type")
        if kind not in ("response", "revisit"):
            continue
        target = r.h("WARC-Target-URI")
        assert target.startswith("<") and target.endswith(">"), target  # wget's WARC 1.0 style
        uri = target[1:-1]
        capture = capture_of(r)
        key = uri[len(SITE):] or "/"
        res = capture.resources[key]
        when = warc_date(r.h("WARC-Date"))
        assert when == capture.utc, (when, capture.utc)  # the frozen clock
        if kind == "revisit":
            SKIPPED.append([file, uri, "revisit"])
            continue
        status, headers, head, body = parse_http(r.block)
        assert status == res.status and body == res.body, uri
        assert headers["date"] == email.utils.format_datetime(capture.server_date.astimezone(UTC), usegmt=True)
        assert (headers.get("content-encoding") == "gzip") == res.gzip, (uri, head)
        assert (headers.get("transfer-encoding") == "chunked") == res.chunked, (uri, head)
        if status != 200:
            SKIPPED.append([file, uri, "http-status"])
        elif not res.ctype.startswith("text/html"):
            SKIPPED.append([file, uri, "not-html"])
        else:
            expect(file, uri, when, "warc-date", res.page)


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# --- main --------------------------------------------------------------------------------------------
PORT = None


def main():
    global PORT
    if len(sys.argv) != 2:
        sys.exit("usage: make-archive-fixtures.py OUTDIR")
    out = os.path.abspath(sys.argv[1])
    missing = [p for p in ("wget", "curl", "faketime", "chromium") if not shutil.which(p)]
    if missing:
        sys.exit(f"missing {' '.join(missing)}: apt-get install -y --no-install-recommends wget curl faketime chromium")
    os.makedirs(out, exist_ok=True)
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="archive-fixtures-")
    server = start_server()
    PORT = server.server_address[1]
    try:
        build(out, work)
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {len(EXPECTED)} expected observations, {len(SKIPPED)} skipped records to "
          f"{os.path.relpath(out)} in {time.monotonic() - started:.1f} s")


def build(out, work):
    versions = {p: " ".join(run([p, "--version"]).stdout.decode(errors="replace").split()[:3]) for p in ("wget", "curl")}
    versions["chromium"] = run(["chromium", "--version"]).stdout.decode(errors="replace").strip().splitlines()[-1]
    versions["faketime"] = run(["dpkg-query", "-W", "-f=${Version}", "faketime"], ok=(0, 1)).stdout.decode() or "?"

    # a. site.warc.gz: three days, day 2 deduplicated against day 1's CDX, joined with cat
    day1 = site_capture("day1", k(2025, 8, 18, 10, 45, 12), 1, [HOME, GZ, CH, GZCH, EUCKR, OLD, MISSING, CSS_URL])
    day2 = site_capture("day2", k(2025, 8, 19, 14, 20, 5), 2, [HOME, GZ, CH, GZCH, EUCKR, OLD],
                        old_page=day1.resources[OLD])
    day3 = site_capture("day3", k(2025, 8, 20, 8, 5, 47), 3, [HOME, GZ, CH, GZCH, EUCKR, CSS_URL])
    day1_urls = [HOME, CSS_URL, PNG_URL, GZ, CH, GZCH, EUCKR, OLD, MISSING]
    day2_urls = [HOME, GZ, CH, GZCH, EUCKR, OLD]
    day3_urls = [HOME, CSS_URL, PNG_URL, GZ, CH, GZCH, EUCKR]
    for c in (day1, day2, day3):
        check_frozen(c)
    wget_warc(work, day1, "day1", day1_urls, extra=["--warc-cdx"], ok=(0, 8))  # 8: the 404
    wget_warc(work, day2, "day2", day2_urls, extra=[f"--warc-dedup={os.path.join(work, 'day1.cdx')}"])
    wget_warc(work, day3, "day3", day3_urls)
    site = b"".join(open(os.path.join(work, f"{d}.warc.gz"), "rb").read() for d in ("day1", "day2", "day3"))
    open(os.path.join(out, "site.warc.gz"), "wb").write(site)
    members, raw = gzip_members(site)
    records = read_warc(raw)
    assert members == len(records), (members, len(records))  # wget: one gzip member per record
    run_of, seen = {}, 0
    for r in records:  # each wget run starts with its warcinfo record
        seen += r.h("WARC-Type") == "warcinfo"
        run_of[r.offset] = (day1, day2, day3)[seen - 1]
    assert seen == 3
    expect_warc("site.warc.gz", records, lambda r: run_of[r.offset])
    assert [s[2] for s in SKIPPED].count("revisit") == 1, SKIPPED
    revisit = next(r for r in records if r.h("WARC-Type") == "revisit")
    assert revisit.h("WARC-Target-URI") == f"<{SITE}{OLD}>" and revisit.h("WARC-Refers-To"), revisit.headers

    # b. site-plain.warc: one uncompressed run
    day4 = site_capture("day4", k(2025, 8, 21, 11, 30, 0), 4, [HOME, CH])
    check_frozen(day4)
    wget_warc(work, day4, "plain", [HOME, CH], extra=["--no-warc-compression"])
    shutil.copyfile(os.path.join(work, "plain.warc"), os.path.join(out, "site-plain.warc"))
    expect_warc("site-plain.warc", read_warc(open(os.path.join(out, "site-plain.warc"), "rb").read()), lambda r: day4)

    # c. saved-headers.html: wget --save-headers (time = the server's Date:)
    saved = Capture("saved", k(2025, 8, 18, 16, 2, 31), 5)
    page = saved.page(SAVED, "saved", *SLOTS["saved"])
    saved.resources[SAVED].last_modified = "Sun, 17 Aug 2025 22:13:09 GMT"  # not a capture time
    State.capture = saved
    path = os.path.join(out, "saved-headers.html")
    run(["wget", "--no-config", "--no-verbose", "-e", "use_proxy=yes", "-e", f"http_proxy=http://127.0.0.1:{PORT}/",
         "--save-headers", "-O", path, SITE + SAVED])
    data = open(path, "rb").read()
    assert data.startswith(b"HTTP/1.1 200 OK\r\n") and data.endswith(page.body)
    assert b"\r\nDate: Mon, 18 Aug 2025 07:02:31 GMT\r\n" in data
    expect("saved-headers.html", "", saved.kst, "http-date", page)  # the file does not record the URL

    # d. curl-i.html: curl -i of the EUC-KR page (charset only in the header)
    cur = Capture("curl", k(2025, 8, 19, 8, 12, 44), 6)
    page = cur.page(EUCKR, "euckr", *SLOTS["euckr"], charset="euc-kr")
    State.capture = cur
    path = os.path.join(out, "curl-i.html")
    run(["curl", "-s", "-S", "-i", "-x", f"http://127.0.0.1:{PORT}", "-o", path, SITE + EUCKR])
    data = open(path, "rb").read()
    assert data.startswith(b"HTTP/1.1 200 OK\r\n") and data.endswith(page.body)
    assert b"\r\nDate: Mon, 18 Aug 2025 23:12:44 GMT\r\n" in data
    assert b"Content-Type: text/html; charset=euc-kr\r\n" in data and b"<meta" not in data
    expect("curl-i.html", "", cur.kst, "http-date", page)  # the file does not record the URL

    # e. chrome.mhtml: headless chromium, Page.captureSnapshot
    chrome = Capture("chrome", k(2025, 8, 20, 19, 33, 8), 7)
    page = chrome.page(MH, "mhtml", *SLOTS["mhtml"], resources=True)
    chrome.statics()
    mhtml = cdp_mhtml(work, chrome, SITE + MH)
    path = os.path.join(out, "chrome.mhtml")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(mhtml)
    msg = email.message_from_bytes(open(path, "rb").read(), policy=email.policy.compat32)
    assert msg["From"] == "<Saved by Blink>" and msg["Snapshot-Content-Location"] == SITE + MH, msg.items()
    mhtml_date = email.utils.parsedate_to_datetime(msg["Date"])
    drift = (mhtml_date - chrome.utc).total_seconds()
    assert 0 <= drift < 60, (msg["Date"], chrome.utc)
    parts = {p["Content-Location"]: p for p in msg.walk() if not p.is_multipart()}
    html_part = parts[SITE + MH]
    text = html_part.get_payload(decode=True).decode("utf-8")
    assert all(it.text() in text for it in page.items)
    assert parts[SITE + PNG_URL].get_payload(decode=True) == PNG
    expect("chrome.mhtml", SITE + MH, mhtml_date, "mhtml-date", page)
    mhtml_info = {"date": msg["Date"], "drift": drift,
                  "parts": [(p["Content-Type"], p["Content-Transfer-Encoding"], p["Content-Location"]) for p in parts.values()]}
    log = [l for l in State.log if l[0] == "chrome" and HOST in l[2]]

    # f. singlefile.html: written in SingleFile's form
    sf_time = k(2025, 8, 18, 21, 7, 55)
    page = Page("singlefile", sf_time, 8, *SLOTS["singlefile"])
    sf, sf_saved = singlefile_html(page, SF_URL, sf_time)
    with open(os.path.join(out, "singlefile.html"), "w", encoding="utf-8", newline="") as f:
        f.write(sf)
    expect("singlefile.html", SF_URL, sf_time, "singlefile-saved-date", page)

    write_csv(os.path.join(out, "expected.csv"), ["file", "uri", "captured_at", "time_source", "printed_time",
                                                  "position", "station_id", "condition", "temperature_c"], EXPECTED)
    write_csv(os.path.join(out, "expected-skipped.csv"), ["file", "uri", "kind"], SKIPPED)
    write_readme(out, versions, (day1, day2, day3, day4, saved, cur), chrome, mhtml_info, sf_saved, log)


def write_readme(out, versions, caps, chrome, mhtml_info, sf_saved, chrome_log):
    day1, day2, day3, day4, saved, cur = caps
    per_file = {}
    for row in EXPECTED:
        per_file.setdefault(row[0], [set(), 0])
        per_file[row[0]][0].add((row[1], row[2]))
        per_file[row[0]][1] += 1

    def n(file):
        pages, obs = per_file[file]
        return f"{obs} observations in {len(pages)} page{'s' if len(pages) > 1 else ''}"

    def ft(c):
        return f"`faketime -f '{c.utc:%Y-%m-%d %H:%M:%S}'` (TZ=UTC) = {c.kst:%Y-%m-%d %H:%M:%S} KST"
    proxy = "-e use_proxy=yes -e http_proxy=http://127.0.0.1:PORT/"
    wget = f"wget --no-config --no-verbose --compression=gzip {proxy}"
    lines = [
        "# Archive fixtures",
        "",
        "Ticker pages saved by the real archiving programs, each with the capture time the program",
        "recorded (shared/docs/ticker.md, \"How people save pages\"). Made by",
        "`python3 scripts/make-archive-fixtures.py Fixtures/archives` (rewrites the files below; needs",
        "wget, curl, faketime, chromium) from pages it renders and serves itself on 127.0.0.1 as a proxy",
        f"for `{SITE}/`, so URLs do not depend on the port. Checked against kmaticker by",
        "`python3 scripts/check-archive-fixtures.py --kmaticker BIN Fixtures/archives`.",
        "",
        "- `expected.csv` — `file,uri,captured_at,time_source,printed_time,position,station_id,condition,temperature_c`:",
        "  one row per observation kmaticker must store; `uri` is the address the archive records (empty",
        "  when it records none); `captured_at` is KST and is also the time the observations are stored",
        "  under; `printed_time` is what the page itself prints (KST).",
        "- `expected-skipped.csv` — `file,uri,kind`: WARC records to skip and count (`revisit`, `not-html`,",
        "  `http-status`). request, metadata, warcinfo and wget's log/argument `resource` records are not listed.",
        "",
        "Pages print only a date header `<p class=\"today_txt\">` + the date (so the time must come from the",
        "archive), except the home page `/`, which prints a last-edit header with date and time. The ticker",
        "is a `<ul class=\"weather\">` of 12-16 items (condition, station, temperature) from the real seed,",
        "values varied per capture, followed by the KMA credit; pages of one capture use disjoint stations.",
        "In the WARC runs the server's `Date:` is 7 s behind the WARC-Date (`WARC-Date` is the capture time,",
        "not `Date:`). kmaticker detects a folder's files by content and fails on this README and the",
        "CSVs, so the check ingests a copy of the folder without them.",
        "",
        "| file | made by | capture time (source) | content |",
        "|---|---|---|---|",
        f"| `site.warc.gz` | three runs of `faketime -f T {wget} --warc-file=dayN URL…` (day 1 also `--warc-cdx`, day 2 `--warc-dedup=day1.cdx`), then `cat day1.warc.gz day2.warc.gz day3.warc.gz` | WARC-Date; day 1 {ft(day1)}, day 2 {ft(day2)}, day 3 {ft(day3)} (UTC date 08-19, page prints 08-20) | {n('site.warc.gz')}. Per day: `/` (home, full time; links `/static/style.css` and `/static/logo.png`), `idxno=101` gzip, `idxno=102` chunked, `idxno=103` gzip+chunked, `/weather/today.html` EUC-KR with the charset only in `Content-Type`; day 1 also `idxno=99` (repeated byte for byte on day 2, stored there as a `revisit`), `idxno=999999` (404, an HTML body with a ticker), the CSS and PNG; day 3 the CSS and PNG again. One gzip member per record. |",
        f"| `site-plain.warc` | `faketime -f T {wget} --warc-file=plain --no-warc-compression URL…` | WARC-Date, {ft(day4)} | {n('site-plain.warc')}: `/` and `idxno=102` (chunked). |",
        f"| `saved-headers.html` | `wget --no-config --no-verbose {proxy} --save-headers -O saved-headers.html {SITE}{SAVED}` | HTTP `Date:` Mon, 18 Aug 2025 07:02:31 GMT = {saved.kst:%Y-%m-%d %H:%M:%S} KST (also a `Last-Modified:`, not a capture time) | {n('saved-headers.html')}; the file holds no URL (`uri` empty). |",
        f"| `curl-i.html` | `curl -s -S -i -x http://127.0.0.1:PORT -o curl-i.html {SITE}{EUCKR}` | HTTP `Date:` Mon, 18 Aug 2025 23:12:44 GMT = {cur.kst:%Y-%m-%d %H:%M:%S} KST | {n('curl-i.html')}; EUC-KR bytes, charset only in the saved `Content-Type: text/html; charset=euc-kr`; no URL in the file (`uri` empty). |",
        f"| `chrome.mhtml` | `env TZ=UTC faketime -f '@{chrome.utc:%Y-%m-%d %H:%M:%S}' chromium --headless --no-sandbox --remote-debugging-pipe --proxy-server=http://127.0.0.1:PORT …`, then DevTools `Page.navigate` + `Page.captureSnapshot {{format: mhtml}}` | MHTML `Date: {mhtml_info['date']}` (the clock starts at {chrome.kst:%H:%M:%S} KST and runs: chromium hangs with a frozen clock; the value is read back from the file) | {n('chrome.mhtml')}; parts: " + "; ".join(f"`{ct}` {cte}" for ct, cte, _ in mhtml_info["parts"]) + " |",
        f"| `singlefile.html` | written by the script in SingleFile's form (SingleFile is a browser extension and cannot run here): comment `<!--\\n Page saved with SingleFile \\n url: … \\n saved date: …\\n-->` first in `<html>`, compressed HTML (optional tags and `</li>` omitted, unquoted attributes), CSS inlined, the logo as a `data:image/png;base64` URI | `saved date: {sf_saved}` | {n('singlefile.html')} |",
        "",
        "Producers: " + "; ".join(v if name != "faketime" else f"faketime {v}" for name, v in versions.items()) + ".",
    ]
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
