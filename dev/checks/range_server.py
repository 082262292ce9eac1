#!/usr/bin/env python3
"""An HTTP server for a folder that honours `Range: bytes=A-B` (206, as Common Crawl's and S3's
servers do), logs every request, and fails some on purpose, for testing how byte ranges are
fetched. Used by dev/checks/check-cc-index.py and the tests of `extract --records-from`.

    python3 dev/checks/range_server.py FOLDER [--fail-first-of-every N] [--ignore-range]

Prints `port N` on its first line, then one line per request (`GET PATH RANGE STATUS`, and
` signed` when it carries an AWS Signature Version 4).
--fail-first-of-every N: the first request for every Nth range (in the order first asked)
is answered 503, the next ones normally. --ignore-range: answers 200 with the whole file, as a
server without range support does. Stdlib only.
"""
import argparse, http.server, os, threading, urllib.parse


class RangeServer(http.server.BaseHTTPRequestHandler):
    """Serves `root`'s files; `log` keeps (path, range header, serial number) per request; `seen`
    numbers the ranges in the order first asked; `dead` ranges get 500 always."""
    root = None
    log = []
    seen = {}
    dead = set()
    fail_every = 0
    ignore_range = False
    printing = False
    lock = threading.Lock()
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without TCP_NODELAY the client's delayed ACK holds
    # every answer of a kept-alive connection 40 ms.
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def answer(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        if self.printing:
            signed = " signed" if self.headers.get("Authorization", "").startswith("AWS4-HMAC-SHA256 Credential=") else ""
            print(f"GET {self.path} {self.headers.get('Range', '-')} {status}{signed}", flush=True)

    def do_GET(self):
        path = os.path.join(self.root, urllib.parse.unquote(self.path.lstrip("/")))
        wanted = self.headers.get("Range", "")
        key = (self.path.lstrip("/"), wanted)
        with self.lock:
            number = self.seen.setdefault(key, len(self.seen))
            tries = sum(1 for entry in self.log if entry[:2] == key)
            self.log.append(key + (len(self.log),))
        if key in self.dead:
            return self.answer(500)
        if self.fail_every and number % self.fail_every == self.fail_every - 1 and tries == 0:
            return self.answer(503)
        if not os.path.isfile(path):
            return self.answer(404)
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            if wanted.startswith("bytes=") and not self.ignore_range:
                first, last = (int(x) for x in wanted[6:].split("-"))
                if first >= size:
                    return self.answer(416)
                f.seek(first)
                body = f.read(last + 1 - first)
                return self.answer(206, body, [("Content-Range", f"bytes {first}-{first + len(body) - 1}/{size}")])
            return self.answer(200, f.read())


def start(root, fail_every=0, ignore_range=False, printing=False):
    """A running server on 127.0.0.1 (a free port); its handler class keeps the log."""
    RangeServer.root, RangeServer.fail_every, RangeServer.ignore_range = root, fail_every, ignore_range
    RangeServer.printing = printing
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RangeServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--fail-first-of-every", type=int, default=0)
    parser.add_argument("--ignore-range", action="store_true")
    args = parser.parse_args()
    server = start(args.folder, args.fail_first_of_every, args.ignore_range, printing=True)
    print(f"port {server.server_address[1]}", flush=True)
    threading.Event().wait()
