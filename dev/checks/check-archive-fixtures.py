#!/usr/bin/env python3
"""Checks kmaticker against the archive fixtures (dev/fixtures/make-archive-fixtures.py):

    python3 dev/checks/check-archive-fixtures.py --kmaticker BIN DIR      (DIR: Fixtures/archives)

Ingests the fixtures of DIR into a fresh store and reads the store with sqlite3: every file of DIR
except README.md and the expectation CSVs is copied into TMP/in (kmaticker detects a folder's files
by content, and would fail on the CSVs and the README), then `BIN ingest --db TMP/store.sqlite
TMP/in` (exit status 0 or 3). The store's observations are compared, row for row, with
DIR/expected.csv:

  file          = basename(pages.source)
  uri           = pages.uri ('' for NULL)
  captured_at   = pages.captured_at, as KST `YYYY-MM-DD HH:MM:SS`; pages.observed_at and
                  observations.observed_at must be the same instant
  time_source   = pages.time_source (and pages.capture_source, where the store has that column)
  printed_time  = pages.printed_time ('' for NULL)
  position, station_id, condition, temperature_c = observations.* ('' for NULL, °C with one decimal)

Records that must be skipped (DIR/expected-skipped.csv: revisits, non-HTML, HTTP errors) are
covered by the same comparison: any observation stored from them is an unexpected row. Prints
`archive fixtures: N observations in M pages match` and exits 0, or prints the differences and
exits 1 (the temporary store is then kept and its path printed). Stdlib only.
"""
import argparse, collections, csv, os, shutil, sqlite3, subprocess, sys, tempfile
from datetime import datetime, timedelta, timezone

KST = timezone(timedelta(hours=9))
NOT_FIXTURES = {"README.md", "expected.csv", "expected-skipped.csv", "expected-failures.csv"}
# What each kind of expected failure (expected-failures.csv) reads as on stderr.
FAILURE_TEXT = {"archive": ": error: the archive cannot be read: ",
                "record": ": error: the archive record is damaged: ",
                "member": ": error: the archive record is damaged: the zip member is damaged",
                "lost": ": warning: the zstd data is broken at byte "}
FIELDS = ["file", "uri", "captured_at", "time_source", "printed_time", "position", "station_id", "condition",
          "temperature_c"]
QUERY = """
SELECT p.id, p.source, p.record, p.uri, p.observed_at, p.time_source, p.captured_at, p.printed_time,
       {capture_source}, o.position, o.observed_at, o.station_id, o.condition, o.temperature_c
FROM observations o JOIN pages p ON p.id = o.page_id
ORDER BY p.id, o.position
"""


def kst(seconds):
    if seconds is None:
        return ""
    return datetime.fromtimestamp(int(seconds), KST).strftime("%Y-%m-%d %H:%M:%S")


def text(value):
    return "" if value is None else str(value)


def temperature(value):
    if value is None:
        return ""
    return f"{float(value):.1f}".replace("-0.0", "0.0")


def read_expected(path):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        if header != FIELDS:
            sys.exit(f"{path}: unexpected header {header}")
        return [tuple(row) for row in reader]


def read_store(db):
    """Observation rows as expected.csv tuples, their page ids and record names, and problems with
    the three times that must agree."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        columns = {row[1] for row in con.execute("PRAGMA table_info(pages)")}
        has_capture_source = "capture_source" in columns
        rows = con.execute(QUERY.format(capture_source="p.capture_source" if has_capture_source else "NULL")).fetchall()
    finally:
        con.close()
    actual, where, problems = [], [], {}
    for (page_id, source, record, uri, page_observed, time_source, captured, printed, capture_source, position,
         observed, station, condition, temp) in rows:
        row = (os.path.basename(source or ""), text(uri), kst(captured), text(time_source), text(printed),
               text(position), text(station), text(condition), temperature(temp))
        actual.append(row)
        where.append(f"page {page_id} ({source}{', ' + record if record else ''})")
        # problems are collected once per page (with the positions they concern)
        if captured is None or int(captured) != int(page_observed):
            problems.setdefault(f"{where[-1]}: pages.captured_at {kst(captured) or 'NULL'} but pages.observed_at "
                                f"{kst(page_observed)} (both must be the capture time)", [])
        if captured is not None and int(observed) != int(captured):
            problems.setdefault(f"{where[-1]}: observations.observed_at {kst(observed)} but pages.captured_at "
                                f"{kst(captured)}, at positions", []).append(str(position))
        if has_capture_source and capture_source != time_source:
            problems.setdefault(f"{where[-1]}: pages.capture_source {capture_source!r} differs from "
                                f"pages.time_source {time_source!r} (the time is the capture time)", [])
    problems = [m + (" " + ",".join(ps) if ps else "") for m, ps in problems.items()]
    return actual, where, problems


def compare(expected, actual, where):
    """Differences between the expected and the stored rows, as printable lines."""
    missing = collections.Counter(expected) - collections.Counter(actual)
    extra = collections.Counter(actual) - collections.Counter(expected)
    lines = []
    # pair leftovers that are the same item of the same page, to show which fields differ: first by
    # (file, uri, captured_at), then (file, uri), then (file, captured_at); the rest are missing or
    # unexpected outright
    left = sorted(missing.elements())
    right = sorted(extra.elements())
    for fields in ((0, 1, 2), (0, 1), (0, 2)):
        def key(row):
            return tuple(row[i] for i in fields) + (row[5], row[6])
        by_key = collections.defaultdict(list)
        for row in right:
            by_key[key(row)].append(row)
        unpaired = []
        for row in left:
            candidates = by_key.get(key(row))
            if not candidates:
                unpaired.append(row)
                continue
            got = candidates.pop(0)
            right.remove(got)
            diffs = [f"{name}: expected {e!r}, stored {a!r}" for name, e, a in zip(FIELDS, row, got) if e != a]
            lines.append(f"DIFFERS {row[0]} {row[1] or '-'} {row[2]} position {row[5]} (station {row[6]}; "
                         f"{where[actual.index(got)]}): " + "; ".join(diffs))
        left = unpaired
    for row in unpaired:
        lines.append("MISSING " + ",".join(row))
    for row in right:
        lines.append(f"UNEXPECTED {','.join(row)}  ({where[actual.index(row)]})")
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kmaticker", required=True, help="the kmaticker binary")
    ap.add_argument("dir", help="the fixture folder (with expected.csv)")
    args = ap.parse_args()
    folder = os.path.abspath(args.dir)
    expected = read_expected(os.path.join(folder, "expected.csv"))

    tmp = tempfile.mkdtemp(prefix="check-archive-fixtures-")
    db, inputs = os.path.join(tmp, "store.sqlite"), os.path.join(tmp, "in")
    os.mkdir(inputs)
    for name in sorted(os.listdir(folder)):
        if name in NOT_FIXTURES or name.startswith("."):
            continue
        if os.path.isdir(os.path.join(folder, name)):  # a mirror (HTTrack's), copied whole
            shutil.copytree(os.path.join(folder, name), os.path.join(inputs, name), symlinks=True)
        else:
            shutil.copyfile(os.path.join(folder, name), os.path.join(inputs, name))
    failures_path = os.path.join(folder, "expected-failures.csv")
    failures = []
    if os.path.exists(failures_path):
        with open(failures_path, encoding="utf-8", newline="") as f:
            failures = [tuple(row) for row in csv.reader(f)][1:]
    cmd = [args.kmaticker, "ingest", "--db", db, inputs]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        sys.exit(f"cannot run {args.kmaticker}: {e}")
    output = (proc.stdout + proc.stderr).rstrip()
    allowed = (1,) if failures else (0, 3)
    if proc.returncode not in allowed or not os.path.exists(db):
        print(f"{' '.join(cmd)}: exit {proc.returncode}\n{output}")
        shutil.rmtree(tmp, ignore_errors=True)
        sys.exit(1)
    try:
        actual, where, problems = read_store(db)
    except sqlite3.Error as e:
        print(f"{db}: {e}\n(ingest said:)\n{output}")
        sys.exit(1)

    lines = problems + compare(expected, actual, where)
    # Each expected failure is one error line naming its file (and record's address); no other.
    errors = [line for line in proc.stderr.splitlines() if ": error: " in line or "data is broken at byte" in line]
    for file, uri, kind in failures:
        match = [e for e in errors if FAILURE_TEXT[kind] in e and f"/{file}" in e.split(FAILURE_TEXT[kind])[0]
                 and (not uri or e.split(FAILURE_TEXT[kind])[0].endswith(f" {uri}]"))]
        if len(match) != 1:
            lines.append(f"FAILURE {file} {uri or '-'} {kind}: {len(match)} matching error lines")
        else:
            errors.remove(match[0])
    if failures:
        lines += [f"UNEXPECTED ERROR {e}" for e in errors]
    if lines:
        print(f"archive fixtures: {len(lines)} difference(s) between {os.path.join(args.dir, 'expected.csv')} "
              f"({len(expected)} rows) and the store ({len(actual)} rows)")
        for line in lines:
            print("  " + line)
        print(f"ingest exit {proc.returncode}:\n{output}\nstore kept at {db}")
        sys.exit(1)
    pages = len(set(where))
    shutil.rmtree(tmp, ignore_errors=True)
    if proc.returncode == 3:
        print(f"note: ingest exited 3: {output.splitlines()[-1] if output else ''}")
    print(f"archive fixtures: {len(actual)} observations in {pages} pages match"
          + (f", and the {len(failures)} expected failures" if failures else ""))


if __name__ == "__main__":
    main()
