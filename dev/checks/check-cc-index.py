#!/usr/bin/env python3
"""Checks scripts/spark-cc-index.py as it will run against Common Crawl, offline: an index table
in the real cc-index-table schema (Parquet, written by Spark) over WARCs served by a local HTTP
server that honours Range, run in local mode, its output compared row for row with a direct
`kmaticker ingest` of the records it should have selected.

    .build/venv-spark/bin/python dev/checks/check-cc-index.py --kmaticker BIN WARC.gz [WARC.gz ...]

The WARCs (one gzip member per record, as wget writes them: Fixtures/archives/site.warc.gz) are
the crawl of a Korean news site whose pages carry the ticker. Beside them the check writes
others.warc.gz, each record its own gzip member, of pages the selection must NOT take, every one
with a ticker (so that taking it shows as extra rows): an English page of the same site
(content_languages 'eng'), a Korean page of a site not in the domain list, and an XHTML page
with 'kor' but fetch_status 404. Index rows, one per response or revisit record: url and its
host, registered domain, path and query; fetch_time (WARC-Date); fetch_status and
content_mime_detected (from the HTTP head; 'warc/revisit' for revisits); content_languages
('kor' for the site's HTML, 'kor,eng' for one page of it, as CLD2 gives); warc_filename
(crawl-data/CC-MAIN-TEST/segments/1/warc/NAME), warc_record_offset and warc_record_length (the
record's gzip member); crawl and subset. Two rows more point at the site with a wrong offset and
a length cut short: each must be reported, and nothing of it stored.

The server (dev/checks/range_server.py) fails the first request for every third range with 503 (the job's retries must get
it) and every request for one range with 500 until told to stop (that range must be listed in
OUT/failed; a rerun with --retry fetches only it). Checked:
  - the ranges requested are exactly those selected (the server's log), plus the retries;
  - OUT/failed lists the dead range and the two broken rows, with reasons;
  - the rerun requests only the failed ranges, and lists the two broken rows again;
  - the observations of both runs, loaded with `kmaticker ingest`, equal a direct ingest of a
    .warc.gz of exactly the selected records (same stations, times, values, urls, positions).
Prints `cc index: N observations from M selected records match a direct ingest …` and exits 0.
"""
import argparse, datetime, gzip, json, os, sqlite3, subprocess, sys, tempfile, urllib.parse, zlib

from pyspark.sql import SparkSession

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from range_server import RangeServer, start as start_range_server  # noqa: E402
from pyspark.sql import types as T

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
PREFIX = "crawl-data/CC-MAIN-TEST/segments/1/warc/"
SITE_HOST = "www.sisacatch.example.com"
KST = datetime.timezone(datetime.timedelta(hours=9))

# cc-index-table's columns (https://github.com/commoncrawl/cc-index-table), typed as it types them.
SCHEMA = T.StructType([
    T.StructField("url_surtkey", T.StringType()), T.StructField("url", T.StringType()),
    T.StructField("url_host_name", T.StringType()), T.StructField("url_host_tld", T.StringType()),
    T.StructField("url_host_registered_domain", T.StringType()), T.StructField("url_protocol", T.StringType()),
    T.StructField("url_port", T.IntegerType()), T.StructField("url_path", T.StringType()),
    T.StructField("url_query", T.StringType()), T.StructField("fetch_time", T.TimestampType()),
    T.StructField("fetch_status", T.ShortType()), T.StructField("content_digest", T.StringType()),
    T.StructField("content_mime_type", T.StringType()), T.StructField("content_mime_detected", T.StringType()),
    T.StructField("content_charset", T.StringType()), T.StructField("content_languages", T.StringType()),
    T.StructField("warc_filename", T.StringType()), T.StructField("warc_record_offset", T.IntegerType()),
    T.StructField("warc_record_length", T.IntegerType()), T.StructField("warc_segment", T.StringType()),
    T.StructField("crawl", T.StringType()), T.StructField("subset", T.StringType()),
])


def page(lang, first):
    """A page with a KMA ticker (12 items from the seed's forms) in `lang`."""
    items = "".join(f"<li>{c}{n} {t}℃</li>" for c, n, t in [("흐림", "속초", "27.8"), ("비", "북강릉", "29.0"), ("맑음", "서울", "30.1"),
                                                             ("흐림", "인천", "28.5"), ("맑음", "대전", "31.2"), ("구름많음", "대구", "30.0")])
    return (f"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{first}</title></head><body>"
            f"<div class=\"date\">최종편집: 2025-08-18 10:40</div><ul class=\"weather\">{items}</ul><p>기상청 제공</p>"
            f"<article><p>{first}</p></article></body></html>").encode()


def warc_record(uri, date, body, status="200 OK", ctype="text/html; charset=utf-8"):
    http_block = (f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
    head = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Date: {date}\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
            f"WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http_block)}\r\n\r\n").encode()
    return gzip.compress(head + http_block + b"\r\n\r\n", mtime=0)


def write_others(path):
    records = [
        warc_record(f"http://{SITE_HOST}/en/weather.html", "2025-08-18T02:00:00Z", page("en", "Weather in English")),
        warc_record("http://news.other.example.org/a.html", "2025-08-18T02:01:00Z", page("ko", "다른 사이트")),
        warc_record(f"http://{SITE_HOST}/gone.xhtml", "2025-08-18T02:02:00Z", page("ko", "없는 페이지"), status="404 Not Found",
                    ctype="application/xhtml+xml"),
    ]
    open(path, "wb").write(b"".join(records))


def members(data):
    """(offset, length, decompressed) of each gzip member."""
    out, position = [], 0
    while position < len(data):
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        raw = d.decompress(data[position:])
        length = len(data) - position - len(d.unused_data)
        out.append((position, length, raw))
        position += length
    return out


def index_rows(name, data):
    """cc-index-table rows of a WARC's response and revisit records (a dict each), with the raw
    record kept under '_member' (not a column)."""
    rows = []
    for offset, length, raw in members(data):
        head_end = raw.index(b"\r\n\r\n")
        headers = dict(line.split(": ", 1) for line in raw[:head_end].decode().split("\r\n")[1:])
        kind = headers.get("WARC-Type")
        if kind not in ("response", "revisit"):
            continue
        url = headers["WARC-Target-URI"].strip("<>")
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
        fetch_time = datetime.datetime.strptime(headers["WARC-Date"][:19], "%Y-%m-%dT%H:%M:%S")
        if kind == "revisit":
            status, mime = 200, "warc/revisit"
        else:
            block = raw[head_end + 4:]
            status = int(block.split(b" ", 2)[1])
            http_head = block[:block.index(b"\r\n\r\n")].decode("latin-1").lower()
            mime = next((l.split(":", 1)[1].split(";")[0].strip() for l in http_head.split("\r\n") if l.startswith("content-type:")), "")
        korean = host == SITE_HOST and not parts.path.startswith("/en/")
        languages = ("kor,eng" if parts.path == "/" else "kor") if korean and mime.endswith("html") else ("eng" if host == SITE_HOST else "kor")
        rows.append({
            "url_surtkey": ",".join(reversed(host.split("."))) + ")" + parts.path + ("?" + parts.query if parts.query else ""),
            "url": url, "url_host_name": host, "url_host_tld": host.rsplit(".", 1)[-1],
            "url_host_registered_domain": ".".join(host.split(".")[-2:]),
            "url_protocol": parts.scheme, "url_port": None, "url_path": parts.path, "url_query": parts.query or None,
            "fetch_time": fetch_time, "fetch_status": status, "content_digest": None, "content_mime_type": mime,
            "content_mime_detected": mime, "content_charset": None, "content_languages": languages,
            "warc_filename": PREFIX + name, "warc_record_offset": offset, "warc_record_length": length,
            "warc_segment": "1", "crawl": "CC-MAIN-TEST", "subset": "warc", "_member": data[offset:offset + length],
        })
    return rows


def store_rows(kmaticker, store, inputs):
    result = subprocess.run([kmaticker, "ingest", "--db", store] + inputs, capture_output=True, text=True)
    if result.returncode not in (0, 3):
        sys.exit(f"ingest {' '.join(inputs)}: exit {result.returncode}\n{result.stderr}")
    db = sqlite3.connect(store)
    rows = db.execute("SELECT p.uri, o.observed_at, o.station_id, o.condition, o.temperature_c, o.position, p.time_source"
                      " FROM observations o JOIN pages p ON p.id = o.page_id").fetchall()
    db.close()
    return sorted(rows, key=lambda r: tuple("" if v is None else str(v) for v in r))


def run_job(python, kmaticker, out, extra):
    command = [python, os.path.join(ROOT, "scripts", "spark-cc-index.py"), "--kmaticker", kmaticker, "--out", out,
               "--master", "local[2]", "--retry-wait", "0.05", "--rows-per-task", "8"] + extra
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)}: exit {result.returncode}\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def read_lines(folder):
    lines = []
    for name in sorted(os.listdir(folder)):
        if name.startswith("part-"):
            lines += [l for l in open(os.path.join(folder, name), encoding="utf-8").read().splitlines() if l]
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kmaticker", required=True)
    parser.add_argument("warcs", nargs="+")
    args = parser.parse_args()
    kmaticker = os.path.abspath(args.kmaticker)
    with tempfile.TemporaryDirectory() as work:
        served = os.path.join(work, "served")
        os.makedirs(os.path.join(served, PREFIX))
        names = []
        for warc in args.warcs:
            name = os.path.basename(warc)
            open(os.path.join(served, PREFIX, name), "wb").write(open(warc, "rb").read())
            names.append(name)
        write_others(os.path.join(served, PREFIX, "others.warc.gz"))
        names.append("others.warc.gz")
        rows = []
        for name in names:
            rows += index_rows(name, open(os.path.join(served, PREFIX, name), "rb").read())
        # The selection, said independently of the job: the listed site, Korean, 200, HTML.
        selected = [r for r in rows if r["url_host_name"] == SITE_HOST and r["fetch_status"] == 200
                    and r["content_mime_detected"] in ("text/html", "application/xhtml+xml")
                    and "kor" in r["content_languages"].split(",")]
        assert len(selected) >= 8 and len(selected) < len(rows), (len(selected), len(rows))
        # Two broken rows of the listed site: a wrong offset, and a length cut short.
        good = selected[1]
        broken = [dict(good, url=f"http://{SITE_HOST}/broken-offset", warc_record_offset=good["warc_record_offset"] + 7),
                  dict(good, url=f"http://{SITE_HOST}/broken-length", warc_record_length=good["warc_record_length"] - 40)]
        rows += broken
        index = os.path.join(work, "index.parquet")
        spark = SparkSession.builder.master("local[1]").appName("check-cc-index").getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
        spark.createDataFrame([{k: v for k, v in r.items() if k != "_member"} for r in rows], SCHEMA) \
            .write.partitionBy("crawl", "subset").parquet(index)
        spark.stop()
        domains = os.path.join(work, "domains.txt")
        open(domains, "w").write(f"{SITE_HOST}\n")

        dead_row = selected[-1]
        dead = (dead_row["warc_filename"], f"bytes={dead_row['warc_record_offset']}-{dead_row['warc_record_offset'] + dead_row['warc_record_length'] - 1}")
        RangeServer.dead = {dead}
        server = start_range_server(served, fail_every=3)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        python = sys.executable
        problems = []

        # Run 1: the index, with one range dead.
        out1 = os.path.join(work, "out1")
        summary1 = run_job(python, kmaticker, out1, ["--index", index, "--records-from", base, "--domains", domains,
                                                      "--languages", "kor", "--crawl", "CC-MAIN-TEST"])
        want = {(r["warc_filename"], f"bytes={r['warc_record_offset']}-{r['warc_record_offset'] + r['warc_record_length'] - 1}")
                for r in selected + broken}
        requested = {entry[:2] for entry in RangeServer.log}
        if requested != want:
            problems.append(f"run 1 requested {len(requested)} ranges, {len(want)} selected: "
                            f"extra {sorted(requested - want)[:5]}, missing {sorted(want - requested)[:5]}")
        retried = [key for key in RangeServer.seen if RangeServer.seen[key] % 3 == 2 and key != dead]
        for key in retried:
            if sum(1 for entry in RangeServer.log if entry[:2] == key) != 2:
                problems.append(f"run 1: {key} failed once with 503 and was not fetched again exactly once")
        if summary1["rows"] != len(selected) + len(broken):
            problems.append(f"run 1 selected {summary1['rows']} rows, expected {len(selected) + len(broken)}")
        failed1 = [json.loads(l) for l in read_lines(os.path.join(out1, "failed"))]
        expect_failed = {(dead_row["url"], "HTTP 500"), (broken[0]["url"], "holds no WARC record"),
                         (broken[1]["url"], "the file ends inside it")}
        def check_failed(failed, expected, run):
            got = {f["url"] for f in failed}
            if got != {u for u, _ in expected}:
                problems.append(f"{run}: failed ranges {sorted(got)}, expected {sorted(u for u, _ in expected)}")
            for url, reason in expected:
                if not any(f["url"] == url and reason in (f["message"] or "") for f in failed):
                    problems.append(f"{run}: the failure of {url} does not say '{reason}': {[f for f in failed if f['url'] == url]}")
        check_failed(failed1, expect_failed, "run 1")

        # Run 2: --retry, the server healed; only what failed is requested.
        RangeServer.dead = set()
        before = len(RangeServer.log)
        out2 = os.path.join(work, "out2")
        summary2 = run_job(python, kmaticker, out2, ["--retry", out1, "--records-from", base])
        requested2 = {entry[:2] for entry in RangeServer.log[before:]}
        failed_keys = {(f["warc_filename"], f"bytes={f['offset']}-{f['offset'] + f['length'] - 1}") for f in failed1}
        if requested2 != failed_keys:
            problems.append(f"run 2 (--retry) requested {sorted(requested2)}, not only the failed {sorted(failed_keys)}")
        check_failed([json.loads(l) for l in read_lines(os.path.join(out2, "failed"))],
                     expect_failed - {(dead_row["url"], "HTTP 500")}, "run 2")

        # The observations of both runs against a direct ingest of exactly the selected records.
        shards = os.path.join(work, "shards")
        os.makedirs(shards)
        for n, out in enumerate((out1, out2)):
            open(os.path.join(shards, f"run{n + 1}.ndjson"), "w", encoding="utf-8").write(
                "".join(l + "\n" for l in read_lines(os.path.join(out, "observations"))))
        direct_warc = os.path.join(work, "selected.warc.gz")
        open(direct_warc, "wb").write(b"".join(r["_member"] for r in selected))
        job = store_rows(kmaticker, os.path.join(work, "job.sqlite"), [shards])
        direct = store_rows(kmaticker, os.path.join(work, "direct.sqlite"), [direct_warc])
        if job != direct:
            missing = [r for r in direct if r not in job][:5]
            extra = [r for r in job if r not in direct][:5]
            problems.append(f"the job stored {len(job)} observations, a direct ingest {len(direct)}: missing {missing}, extra {extra}")
        if not direct:
            problems.append("the selected records hold no observation: the check checks nothing")
        server.shutdown()
        if problems:
            print("cc index: " + str(len(problems)) + " problem(s)")
            for p in problems:
                print("  " + p)
            sys.exit(1)
        print(f"cc index: {len(job)} observations from {len(selected)} selected records match a direct ingest; "
              f"{len(retried)} ranges retried after a 503, {len(failed1)} listed as failed, "
              f"the rerun fetched only those ({summary1['seconds']} s and {summary2['seconds']} s)")


if __name__ == "__main__":
    main()
