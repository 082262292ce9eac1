#!/usr/bin/env python3
"""Serves a kmaticker store with Datasette and datasette/metadata.yaml, as README "Datasette"
says, and checks what Datasette shows against the seed page's expectations.

The store is made by `kmaticker ingest --at "2025-08-18 10:40"` of the real seed page
(Fixtures/000_24a8cc3d9cd846fc.txt); the expected values come from
Fixtures/000_24a8cc3d9cd846fc.observations.csv, written from the page by hand, never from
kmaticker's output. Datasette runs on 127.0.0.1 on a free port and is stopped at the end.

Prints one line per failed check, then how many of how many failed; exits 1 when any failed, 2 when
Datasette or kmaticker could not be run at all.

    dev/checks/check-datasette.py --kmaticker .build/debug/kmaticker [--datasette PATH]
"""
import argparse
import csv
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED = os.path.join(ROOT, "Fixtures", "000_24a8cc3d9cd846fc.txt")
EXPECTED = os.path.join(ROOT, "Fixtures", "000_24a8cc3d9cd846fc.observations.csv")
METADATA = os.path.join(ROOT, "datasette", "metadata.yaml")
# Datasette names a database after its file; the metadata describes `observations`.
DATABASE = "observations"


def expected_observations():
    """The seed's observations by position, with the page's time from the file's first line."""
    with open(EXPECTED, encoding="utf-8") as f:
        first = f.readline()  # "# time: 2025-08-18T10:40:00+09:00 (last-edit-header), format: text"
        iso_time = first.split("time: ")[1].split(" ")[0]
        rows = list(csv.DictReader(f))
    for row in rows:
        row["station_id"] = int(row["station_id"]) if row["station_id"] else None
        row["temperature_c"] = float(row["temperature_c"]) if row["temperature_c"] else None
        row["label"] = row["label"] or None
        row["condition"] = row["condition"] or None
    return iso_time, {int(row["position"]): row for row in rows}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(base, path):
    with urllib.request.urlopen(base + path, timeout=30) as response:
        return response.read().decode("utf-8")


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def expect(self, condition, message):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print("FAILED: " + message)


def run_checks(base, checks):
    iso_time, expected = expected_observations()
    # The KST text of the ISO time, "2025-08-18T10:40:00+09:00" -> "2025-08-18 10:40".
    kst_text = iso_time[:10] + " " + iso_time[11:16]

    # Every observation, in KST, with its station's name.
    rows = json.loads(get(base, f"/{DATABASE}/observations_kst.json?_shape=array&_size=max"))
    checks.expect(len(rows) == len(expected), f"observations_kst has {len(rows)} rows, expected {len(expected)}")
    by_position = {row["position"]: row for row in rows}
    checks.expect(set(by_position) == set(expected), "observations_kst's positions differ from the seed's")
    for position, want in sorted(expected.items()):
        got = by_position.get(position)
        if got is None:
            continue
        for key in ("station_id", "station", "label", "station_source", "condition", "temperature_c"):
            checks.expect(got[key] == want[key], f"observations_kst position {position} {key}: {got[key]!r}, expected {want[key]!r}")
        checks.expect(got["observed_at_kst"] == kst_text, f"position {position} observed_at_kst {got['observed_at_kst']!r}, expected {kst_text!r}")
        checks.expect(got["observed_at"] == iso_time, f"position {position} observed_at {got['observed_at']!r}, expected {iso_time!r}")
        checks.expect(got["source"] == os.path.basename(SEED), f"position {position} source {got['source']!r}")
        checks.expect(got["time_source"] == "at-option", f"position {position} time_source {got['time_source']!r}")
    inferred = [row for row in rows if row["station_source"] == "inferred"]
    checks.expect(len(inferred) == 4 and all(row["station"] and row["label"] is None for row in inferred),
                  "the four inferred rows do not show a station name without a label")

    # The stored table, its station_id labelled with the station's name (label_column: name_ko)
    # and its page_id with the page's file (label_column: source).
    table = json.loads(get(base, f"/{DATABASE}/observations.json?_shape=array&_labels=on&_size=max"))
    checks.expect(len(table) == len(expected), f"observations has {len(table)} rows")
    for row in table:
        want = expected.get(row["position"])
        if want is None:
            continue
        checks.expect(row["station_id"] == {"value": want["station_id"], "label": want["station"]},
                      f"observations position {row['position']} station_id {row['station_id']!r}, expected {want['station_id']} labelled {want['station']}")
        checks.expect(row["page_id"] == {"value": 1, "label": os.path.basename(SEED)}, f"observations page_id {row['page_id']!r}")
    # The same label on the HTML page people look at: 133 shown as 대전, a link to its station.
    html = get(base, f"/{DATABASE}/observations?station_id=133")
    checks.expect(f'href="/{DATABASE}/stations/133">대전</a>' in html, "the observations page does not show station 133 as 대전")

    # The unit (°C) shown beside temperatures, and the page still served (Datasette's own °C,
    # an offset unit, makes it fail with 500).
    html = get(base, f"/{DATABASE}/observations_kst?position=22")
    checks.expect("30.3&nbsp;℃" in html, "observations_kst does not show 대전's 30.3 with its unit ℃")

    # Each station's latest, and the daily aggregates: with one page, each station's one observation.
    latest = json.loads(get(base, f"/{DATABASE}/latest_by_station.json?_shape=array&_size=max"))
    stations = {want["station_id"]: want for want in expected.values()}
    checks.expect(sorted(row["station_id"] for row in latest) == sorted(stations),
                  "latest_by_station does not have one row per station of the seed")
    for row in latest:
        want = stations.get(row["station_id"])
        if want:
            checks.expect((row["station"], row["temperature_c"], row["observed_at_kst"]) == (want["station"], want["temperature_c"], kst_text),
                          f"latest_by_station {row['station_id']}: {row!r}")
    daily = json.loads(get(base, f"/{DATABASE}/daily_temperatures.json?_shape=array&_size=max"))
    checks.expect(len(daily) == len(stations), f"daily_temperatures has {len(daily)} rows, expected {len(stations)}")
    for row in daily:
        want = stations.get(row["station_id"])
        if not want:
            continue
        t = want["temperature_c"]
        expected_row = {"period": iso_time[:10], "station": want["station"], "min_c": t, "max_c": t, "mean_c": t,
                        "count": 0 if t is None else 1, "observations": 1}
        got = {key: row[key] for key in expected_row}
        checks.expect(got == expected_row, f"daily_temperatures {row['station_id']}: {got!r}, expected {expected_row!r}")
    hourly = json.loads(get(base, f"/{DATABASE}/hourly_temperatures.json?_shape=array&_size=max"))
    checks.expect({row["period"] for row in hourly} == {kst_text[:14] + "00"}, "hourly_temperatures' periods are not the seed's KST hour")

    # The metadata's titles and descriptions are shown: a view's, and the database's.
    view_page = get(base, f"/{DATABASE}/daily_temperatures")
    checks.expect("<h1>Daily temperatures (view)</h1>" in view_page and "Per station and KST day" in view_page,
                  "daily_temperatures' page does not show its title and description")
    checks.expect("Start with observations_kst" in get(base, f"/{DATABASE}"), "the database page does not show its description")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kmaticker", required=True)
    parser.add_argument("--datasette", default=os.path.join(ROOT, ".build", "venv-datasette", "bin", "datasette"))
    args = parser.parse_args()
    if not os.access(args.datasette, os.X_OK):
        print(f"Datasette is not installed at {args.datasette}: run dev/install-datasette", file=sys.stderr)
        return 2

    work = tempfile.mkdtemp(prefix="kmaticker-datasette-")
    server = None
    try:
        store = os.path.join(work, DATABASE + ".sqlite")
        ingest = subprocess.run([args.kmaticker, "ingest", "--db", store, "--at", "2025-08-18 10:40", SEED],
                                capture_output=True, text=True)
        if ingest.returncode != 0:
            print(f"kmaticker ingest failed ({ingest.returncode}): {ingest.stderr}", file=sys.stderr)
            return 2
        port = free_port()
        log = open(os.path.join(work, "datasette.log"), "w+")
        server = subprocess.Popen([args.datasette, "serve", store, "--metadata", METADATA, "-h", "127.0.0.1", "-p", str(port)],
                                  stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        # Up within 60 s, or it failed: polled, at most 600 times.
        for _ in range(600):
            if server.poll() is not None:
                break
            try:
                get(base, "/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        else:
            server.poll()
        if server.returncode is not None:
            log.seek(0)
            print(f"Datasette did not start (exit {server.returncode}):\n{log.read()}", file=sys.stderr)
            return 2
        versions = json.loads(get(base, "/-/versions.json"))
        checks = Checks()
        try:
            run_checks(base, checks)
        except urllib.error.HTTPError as error:
            log.seek(0)
            print(f"FAILED: {error.url}: HTTP {error.code}\n{log.read()[-3000:]}")
            checks.failed += 1
        total = checks.passed + checks.failed
        version = versions["datasette"]["version"]
        print(f"Datasette {version}: all {total} checks hold" if not checks.failed else f"Datasette {version}: {checks.failed} of {total} checks failed")
        return 1 if checks.failed else 0
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
