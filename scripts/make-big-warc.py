#!/usr/bin/env python3
"""Writes a large .warc.gz for measuring kmaticker's memory and speed on an archive of crawl
size: RECORDS response records (default 20,000) of ~100 KB news pages, one in TICKER_EVERY
(default 50) with a KMA ticker and a date-only header, the rest without; every 1,000th record
is a 20 MB video that must be skipped without being held. Each record has its own WARC-Date
(one minute apart), so every ticker page is a new capture.

Fast: each record is a small gzip member for its WARC and HTTP heads, then a body member
compressed once and reused (a gzip stream may change members anywhere; kmaticker reads the
members as one stream).

usage: scripts/make-big-warc.py OUT.warc.gz [RECORDS] [TICKER_EVERY]
"""
import datetime, gzip, os, random, sys, uuid, zlib

out = sys.argv[1]
records = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
ticker_every = int(sys.argv[3]) if len(sys.argv) > 3 else 50
here = os.path.dirname(os.path.abspath(__file__))
seed = open(os.path.join(here, "..", "Fixtures", "000_24a8cc3d9cd846fc.txt"), encoding="utf-8").read().split("\n")
items = [line.strip().lstrip("•").strip() for line in seed[2:99]]

random.seed(7)
prose = "".join("<p>" + " ".join(random.choice(["국회", "정부는", "발표했다", "오늘", "경제", "기자", "뉴스", "시장", "정책", "2025년"])
                                  for _ in range(40)) + "</p>\n" for _ in range(250))
plain_page = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>기사</title></head><body>\n" + prose + "</body></html>\n").encode()
def ticker_page(day):
    """A page that prints only the date it was rendered on (KST), like five of six sites."""
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>기사</title></head><body>\n"
            "<p class=\"today_txt\">%s</p>\n<ul class=\"weather\">" % day
            + "".join("<li>%s</li>" % item for item in items) + "</ul><p>기상청 제공</p>\n" + prose + "</body></html>\n").encode()
video = os.urandom(1 << 20) * 20

def member(data):
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31)
    return compressor.compress(data) + compressor.flush()

bodies = {"plain": member(plain_page), "video": member(video)}
start = datetime.datetime(2025, 8, 17, 15, 0, 0)  # UTC: 2025-08-18 00:00 KST
written = 0
with open(out, "wb") as f:
    for index in range(records):
        kind = "video" if index % 1000 == 999 else "ticker" if index % ticker_every == 0 else "plain"
        captured = start + datetime.timedelta(minutes=index)
        local = captured + datetime.timedelta(hours=9)
        kst_day = local.strftime("%Y.%m.%d") + " (%s)" % "월화수목금토일"[local.weekday()]
        if kind == "ticker" and kst_day not in bodies:
            bodies[kst_day] = (ticker_page(kst_day), member(ticker_page(kst_day)))
        body = video if kind == "video" else bodies[kst_day][0] if kind == "ticker" else plain_page
        content_type = "video/mp4" if kind == "video" else "text/html; charset=utf-8"
        http = ("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (content_type, len(body))).encode()
        when = captured.strftime("%Y-%m-%dT%H:%M:%SZ")
        head = ("WARC/1.1\r\nWARC-Type: response\r\nWARC-Date: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\n"
                "WARC-Target-URI: http://news.example/%d\r\nContent-Type: application/http;msgtype=response\r\n"
                "Content-Length: %d\r\n\r\n" % (when, uuid.UUID(int=index), index, len(http) + len(body))).encode() + http
        f.write(member(head))
        f.write(bodies[kst_day][1] if kind == "ticker" else bodies[kind])
        f.write(member(b"\r\n\r\n"))
        written += len(head) + len(body) + 4
print("wrote %s: %d records, %.2f GB uncompressed, %.2f GB compressed"
      % (out, records, written / 1e9, os.path.getsize(out) / 1e9), file=sys.stderr)
