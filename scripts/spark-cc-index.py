#!/usr/bin/env python3
"""Mines Common Crawl the way its users do: selects the records of Korean news sites from the
columnar URL index (cc-index-table, Parquet, one row per capture) with Spark SQL, fetches only
those records by byte range, and extracts their tickers with `kmaticker extract --records-from`;
writes the observations as NDJSON shards (which `kmaticker ingest` loads) or Parquet, and lists
every range that failed, so that a rerun does only those.

    scripts/spark-cc-index.py --kmaticker BIN --index PARQUET [PARQUET ...] \\
        --records-from https://data.commoncrawl.org/ --domains DOMAINS.txt --out OUT \\
        [--crawl CC-MAIN-2025-33] [--languages kor] [--rows-per-task 2000] [--format ndjson|parquet] \\
        [--retries 3] [--retry-wait 1] [--master local[2]]
    scripts/spark-cc-index.py --kmaticker BIN --retry OUT --records-from … --out OUT2
        (only the ranges OUT/failed lists)

Selection (Spark SQL over the index's own columns): `fetch_status = 200`, `content_mime_detected`
HTML (`text/html`, `application/xhtml+xml`), `content_languages` holding one of --languages
(comma-separated ISO 639-3 codes, as CLD2 gave them: `kor`, `kor,eng`), and `url_host_name` or
`url_host_registered_domain` in --domains (one per line); `subset = 'warc'` and `crawl` (with
--crawl) when the table has those partition columns. The rows are grouped into tasks by WARC
file (about --rows-per-task each, sorted by offset); each task pipes its rows
(`warc_filename offset length url`) to `kmaticker extract --jobs 1 --records-from LOCATION
--errors-to - -` through RDD.pipe, which reads each range (HTTP with retries and back-off; S3
signed with the AWS_* credentials when the location is s3://).

OUT/observations   the observation lines (NDJSON text shards, or Parquet with --format parquet)
OUT/failed         one JSON line per range that failed: warc_filename, offset, length, url, message
                   (after the retries; also a range that holds no WARC record, a record cut off,
                   or a record of another url than the row's)
OUT/problems       every problem line kmaticker wrote (pages skipped, warnings, failures)

It prints one JSON line: rows selected, observations, failed ranges, seconds. Needs PySpark
(PyPI) and Java 17+; the kmaticker binary at the same path on every executor (see the guide's
"Scaling out").
"""
import argparse, json, math, os, re, sys, time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

HTML = ["text/html", "application/xhtml+xml"]
RANGE = re.compile(r"^bytes (\d+)-(\d+)")
FAILED = T.StructType([T.StructField("warc_filename", T.StringType()), T.StructField("offset", T.LongType()),
                       T.StructField("length", T.LongType()), T.StructField("url", T.StringType()),
                       T.StructField("message", T.StringType())])


def selected_rows(spark, args):
    """The index rows to fetch: (warc_filename, offset, length, url)."""
    if args.retry:
        failed = spark.read.schema(FAILED).json(os.path.join(args.retry, "failed"))
        return failed.select(F.col("warc_filename"), F.col("offset").alias("warc_record_offset"),
                             F.col("length").alias("warc_record_length"), F.col("url"))
    index = spark.read.parquet(*args.index)
    domains = [line.strip().lower() for line in open(args.domains, encoding="utf-8")
               if line.strip() and not line.startswith("#")]
    languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    condition = (F.col("fetch_status") == 200) & F.col("content_mime_detected").isin(HTML)
    condition &= F.arrays_overlap(F.split(F.coalesce(F.col("content_languages"), F.lit("")), ","),
                                  F.array(*[F.lit(code) for code in languages]))
    condition &= F.lower(F.col("url_host_name")).isin(domains) | F.lower(F.col("url_host_registered_domain")).isin(domains)
    if "subset" in index.columns:
        condition &= F.col("subset") == "warc"
    if args.crawl:
        condition &= F.col("crawl") == args.crawl
    return index.where(condition).select("warc_filename", "warc_record_offset", "warc_record_length", "url")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kmaticker", required=True, help="the kmaticker binary (same path on every executor)")
    parser.add_argument("--index", nargs="+", help="the index table's Parquet files or folders (local, s3a://, hdfs://)")
    parser.add_argument("--retry", help="an earlier OUT: fetch only the ranges its failed/ lists")
    parser.add_argument("--records-from", required=True, help="where the WARC files are: https://data.commoncrawl.org/, s3://commoncrawl/, a folder")
    parser.add_argument("--domains", help="host names or registered domains to keep, one per line")
    parser.add_argument("--languages", default="kor", help="content_languages codes to keep (default kor)")
    parser.add_argument("--crawl", help="the crawl partition, e.g. CC-MAIN-2025-33")
    parser.add_argument("--out", required=True, help="output folder (must not exist)")
    parser.add_argument("--format", choices=["ndjson", "parquet"], default="ndjson")
    parser.add_argument("--rows-per-task", type=int, default=2000)
    parser.add_argument("--retries", type=int, default=3)
    parser.add_argument("--retry-wait", type=float, default=1.0)
    parser.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    args = parser.parse_args()
    if not args.retry and not (args.index and args.domains):
        parser.error("give --index and --domains, or --retry OUT")
    if os.path.exists(args.out):
        sys.exit(f"{args.out} exists: give a new folder")

    builder = SparkSession.builder.appName("kmaticker-cc-index")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    started = time.time()

    rows = selected_rows(spark, args).cache()
    count = rows.count()
    tasks = max(1, math.ceil(count / max(1, args.rows_per_task)))
    # One WARC file's rows in one task, in offset order: the connection to its server is reused.
    grouped = rows.repartition(tasks, "warc_filename").sortWithinPartitions("warc_filename", "warc_record_offset")
    command = [args.kmaticker, "extract", "--jobs", "1", "--records-from", args.records_from, "--errors-to", "-",
               "--retries", str(args.retries), "--retry-wait", str(args.retry_wait), "-"]
    # The exit status is not checked: a range that failed is a problem line, listed below.
    lines = grouped.rdd.map(lambda r: f"{r.warc_filename}\t{r.warc_record_offset}\t{r.warc_record_length}\t{r.url or ''}") \
        .pipe(" ".join(command), env={"LC_ALL": "C.UTF-8", **{k: v for k, v in os.environ.items() if k.startswith("AWS_")}}) \
        .cache()

    is_problem = lambda line: line.startswith('{"kmaticker_extract":1,"problem":')
    observations = lines.filter(lambda line: not is_problem(line))
    problems = lines.filter(is_problem)
    out_observations = os.path.join(args.out, "observations")
    if args.format == "ndjson":
        observations.saveAsTextFile(out_observations)
    else:
        import importlib.util
        spec = importlib.util.spec_from_file_location("spark_extract", os.path.join(os.path.dirname(os.path.abspath(__file__)), "spark-extract.py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        spark.read.schema(module.SCHEMA).json(observations).write.parquet(out_observations)
    problems.saveAsTextFile(os.path.join(args.out, "problems"))

    def failed_range(line):
        problem = json.loads(line)
        match = RANGE.match(problem.get("record") or "")
        if problem.get("problem") != "failed" or not match:
            return []
        first, last = int(match.group(1)), int(match.group(2))
        return [json.dumps({"warc_filename": problem["path"], "offset": first, "length": last - first + 1,
                            "url": problem.get("uri"), "message": problem.get("message")}, ensure_ascii=False)]

    failed = problems.flatMap(failed_range)
    failed.coalesce(1).saveAsTextFile(os.path.join(args.out, "failed"))
    summary = {"rows": count, "tasks": tasks, "observations": observations.count(), "failed": failed.count(),
               "seconds": round(time.time() - started, 2), "master": spark.sparkContext.master, "out": args.out}
    print(json.dumps(summary))
    spark.stop()


if __name__ == "__main__":
    main()
