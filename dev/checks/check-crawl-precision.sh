#!/usr/bin/env bash
# Precision on a crawl: makes a small crawl-like .warc.gz with dev/fixtures/make-big-warc.py (news
# pages, one in TICKER_EVERY with the real 97-item ticker, three in four with Korean weather
# prose in the article), runs `KMATICKER ingest --dry-run` on it against a fresh store, and
# compares the observations it would store with the ticker items the crawl holds. Weather prose
# is not a ticker (../shared/docs/ticker.md, "What is not a ticker"), so the two must be equal.
#
#   dev/checks/check-crawl-precision.sh KMATICKER [RECORDS] [TICKER_EVERY]
#   dev/checks/check-crawl-precision.sh .build/release/kmaticker            # 1,500 records, 1 in 50
#   KEEP=1 dev/checks/check-crawl-precision.sh .build/release/kmaticker     # keep the crawl and logs
#
# Prints expected and stored observations (and pages); exits 0 when they are equal, 1 when they
# differ, 2 when the check itself cannot run.
set -euo pipefail

usage() { echo "usage: dev/checks/check-crawl-precision.sh KMATICKER [RECORDS] [TICKER_EVERY]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 3 ] || usage
binary="$1"
records="${2:-1500}"
ticker_every="${3:-50}"
case "$records$ticker_every" in *[!0-9]*) usage ;; esac
[ -x "$binary" ] || { echo "not an executable: $binary" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"

work="$(mktemp -d "${TMPDIR:-/tmp}/kmaticker-precision.XXXXXX")"
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "keeping $work" >&2; fi

python3 "$here/../fixtures/make-big-warc.py" "$work/crawl.warc.gz" "$records" "$ticker_every" 2>"$work/make.log" \
  || { cat "$work/make.log" >&2; exit 2; }
expected_items=$(sed -n 's/^ticker pages: [0-9]*; ticker items: \([0-9]*\) .*/\1/p' "$work/make.log")
ticker_pages=$(sed -n 's/^ticker pages: \([0-9]*\);.*/\1/p' "$work/make.log")
prose_pages=$(sed -n 's/^\([0-9]*\) pages carry weather prose.*/\1/p' "$work/make.log")
[ -n "$expected_items" ] && [ -n "$ticker_pages" ] || { echo "make-big-warc.py did not say how many ticker items it wrote" >&2; cat "$work/make.log" >&2; exit 2; }

# A fresh store (a dry run reads it for what is already stored, and writes nothing).
status=0
"$binary" ingest --dry-run --db "$work/store.sqlite" "$work/crawl.warc.gz" >"$work/ingest.out" 2>"$work/ingest.err" || status=$?
summary=$(grep -m1 '^dry run, nothing written:' "$work/ingest.out" || true)
[ -n "$summary" ] || { echo "kmaticker printed no dry-run summary (exit status $status)" >&2; cat "$work/ingest.out" "$work/ingest.err" >&2; exit 2; }
number_before() { printf '%s\n' "$summary" | grep -o "[0-9]* $1" | head -1 | cut -d' ' -f1; }
new=$(number_before "new")
already=$(number_before "already stored")
conflicting=$(number_before "conflicting")
stored=$((new + already + conflicting))
pages=$(number_before "would be stored")
failed=$(number_before "failed")

echo "crawl: $records records, 1 in $ticker_every with a ticker: $ticker_pages ticker pages, ${prose_pages:-?} pages with weather prose"
echo "kmaticker: $summary"
echo "pages:        expected $ticker_pages, stored $pages ($failed failed)"
echo "observations: expected $expected_items, stored $stored ($((stored - expected_items)) extra)"
if [ "$stored" -ne "$expected_items" ]; then
  echo "FAIL: the ingest would store $stored observations; the crawl's tickers hold $expected_items" >&2
  exit 1
fi
echo "OK: exactly the ticker items"
