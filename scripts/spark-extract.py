#!/usr/bin/env python3
"""Runs `kmaticker extract` as the map step of a Spark job: one task per WARC (or any input
kmaticker reads), the observations written as Parquet (or NDJSON) for the tools people use for
big tables (Spark itself, DuckDB, ClickHouse, pandas).

    scripts/spark-extract.py --kmaticker PATH/TO/kmaticker --out OUT PATHS.txt [--master local[2]] [--format parquet|ndjson]

PATHS.txt holds one input path per line (as cc-pyspark's job lists do). Each path becomes one
partition; the executors run `kmaticker extract -` through RDD.pipe, which writes the
partition's paths to the program's standard input and reads its standard output's lines. The
binary must be on every executor at the same path (the static build, or `--files` with
spark-submit; see README "Scaling out"). Problem lines go to the executors' stderr logs.
Needs PySpark (PyPI `pyspark`) and Java 17 or later.
"""
import argparse, json, os, sys, time

from pyspark.sql import SparkSession
from pyspark.sql import types as T

# The columns of kmaticker's extract records (ExtractRecord.columns), typed.
SCHEMA = T.StructType([
    T.StructField("kmaticker_extract", T.IntegerType()), T.StructField("observed_at", T.StringType()),
    T.StructField("station_id", T.IntegerType()), T.StructField("station", T.StringType()),
    T.StructField("condition", T.StringType()), T.StructField("condition_known", T.BooleanType()),
    T.StructField("temperature_c", T.DoubleType()), T.StructField("station_source", T.StringType()),
    T.StructField("label", T.StringType()), T.StructField("position", T.IntegerType()),
    T.StructField("time_source", T.StringType()), T.StructField("source", T.StringType()),
    T.StructField("path", T.StringType()), T.StructField("record", T.StringType()),
    T.StructField("uri", T.StringType()), T.StructField("page_sha256", T.StringType()),
    T.StructField("page_bytes", T.LongType()), T.StructField("charset", T.StringType()),
    T.StructField("format", T.StringType()), T.StructField("captured_at", T.StringType()),
    T.StructField("capture_source", T.StringType()), T.StructField("printed_time", T.StringType()),
    T.StructField("printed_time_source", T.StringType()), T.StructField("page_items", T.IntegerType()),
])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", help="a file with one input path per line")
    parser.add_argument("--kmaticker", required=True, help="the kmaticker binary (same path on every executor)")
    parser.add_argument("--out", required=True, help="output folder (replaced)")
    parser.add_argument("--format", choices=["parquet", "ndjson"], default="parquet")
    parser.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    args = parser.parse_args()

    paths = [line.strip() for line in open(args.paths, encoding="utf-8") if line.strip()]
    builder = SparkSession.builder.appName("kmaticker-extract")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    started = time.time()
    # One path per partition: one kmaticker process per archive, as cc-pyspark runs one task
    # per WARC file; Spark runs a task per core, so each process parses on one thread
    # (--jobs 1). The exit status is not checked (checkCode=False): a page that fails is
    # reported on the executor's stderr, and the other pages' lines are kept.
    lines = spark.sparkContext.parallelize(paths, numSlices=max(1, len(paths))) \
        .pipe(args.kmaticker + " extract --jobs 1 -", env={"LC_ALL": "C.UTF-8"})
    if args.format == "ndjson":
        lines.saveAsTextFile(args.out) if not os.path.exists(args.out) else sys.exit(f"{args.out} exists")
        count = lines.count()
    else:
        frame = spark.read.schema(SCHEMA).json(lines)
        frame.write.mode("overwrite").parquet(args.out)
        count = spark.read.parquet(args.out).count()
    print(json.dumps({"inputs": len(paths), "observations": count, "seconds": round(time.time() - started, 2),
                      "master": spark.sparkContext.master, "out": args.out}))
    spark.stop()


if __name__ == "__main__":
    main()
