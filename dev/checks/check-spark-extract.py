#!/usr/bin/env python3
"""Checks scripts/spark-extract.py against a direct `kmaticker ingest` of the same inputs, row for
row: the Parquet Spark wrote is read back with PySpark, the store with Python's sqlite3.

    dev/checks/check-spark-extract.py --kmaticker BIN --parquet OUT PATHS.txt

Prints `spark extract: N observations match a direct ingest` and exits 0, or names the
differences and exits 1.
"""
import argparse, datetime, os, sqlite3, subprocess, sys, tempfile

from pyspark.sql import SparkSession

KST = datetime.timezone(datetime.timedelta(hours=9))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("paths")
    parser.add_argument("--kmaticker", required=True)
    parser.add_argument("--parquet", required=True)
    args = parser.parse_args()
    paths = [line.strip() for line in open(args.paths, encoding="utf-8") if line.strip()]

    with tempfile.TemporaryDirectory() as work:
        store = os.path.join(work, "direct.sqlite")
        ingest = subprocess.run([args.kmaticker, "ingest", "--db", store] + paths, capture_output=True, text=True)
        if ingest.returncode not in (0, 3):
            sys.exit(f"direct ingest failed ({ingest.returncode}): {ingest.stderr}")
        db = sqlite3.connect(store)
        direct = sorted(
            (datetime.datetime.fromtimestamp(o, KST).isoformat(), sid, cond, temp, src, p.source, p.record or "",
             p.uri or "", p.time_source, pos)
            for (o, sid, cond, temp, src, pos, p) in (
                (row[0], row[1], row[2], row[3], row[4], row[5], Page(*row[6:]))
                for row in db.execute(
                    "SELECT o.observed_at, o.station_id, o.condition, o.temperature_c, o.station_source, o.position,"
                    " p.source, p.record, p.uri, p.time_source FROM observations o JOIN pages p ON p.id = o.page_id")))

    spark = SparkSession.builder.master("local[1]").appName("check").getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    extracted = sorted(
        (r.observed_at, r.station_id, r.condition, r.temperature_c, r.station_source, r.source, r.record or "",
         r.uri or "", r.time_source, r.position)
        for r in spark.read.parquet(args.parquet).collect())
    spark.stop()

    if direct == extracted:
        print(f"spark extract: {len(direct)} observations match a direct ingest")
        return
    missing = [row for row in direct if row not in extracted]
    extra = [row for row in extracted if row not in direct]
    for row in missing[:10]:
        print("MISSING from Spark's output:", row)
    for row in extra[:10]:
        print("UNEXPECTED in Spark's output:", row)
    sys.exit(f"spark extract: {len(extracted)} rows against {len(direct)} from a direct ingest "
             f"({len(missing)} missing, {len(extra)} unexpected)")


class Page:
    def __init__(self, source, record, uri, time_source):
        self.source, self.record, self.uri, self.time_source = source, record, uri, time_source


if __name__ == "__main__":
    main()
