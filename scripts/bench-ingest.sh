#!/usr/bin/env bash
# Ingest benchmark (not a test). For each data set — nested NDJSON (a customer object with an address, line items,
# tags, nulls, non-ASCII text), flat NDJSON and flat CSV (ten columns with nulls and non-ASCII text) — it converts the
# file with raw DuckDB COPY … TO parquet (the reference), then lands it with the Native AOT `hakiri run` without and with
# primary_key = ["id"], first load and then a second file holding every tenth id changed (an upsert with the key, an
# append without), and once with HAKIRI_DUCKDB_THREADS = all cores (one pass on those threads: more than one turns the byte ranges of ADR 0030 off). It prints wall time, rows/s, peak RSS, the per-step split and the ratio to
# raw DuckDB; first it runs the quickstart: process start → first record committed, and a re-run with nothing new.
#   scripts/bench-ingest.sh                      # 1,000,000 rows
#   scripts/bench-ingest.sh 10000000             # 10 M rows: peak RSS should stay flat (streaming)
#   scripts/bench-ingest.sh 1000000 flat-csv     # only some of: quickstart, nested-ndjson, flat-ndjson, flat-csv
# BENCH_RUNS=3 makes each figure the fastest of three runs (the slowest shown too), for a noisy host.
# Works under BENCH_DIR (default /tmp/hakiri-bench); at 10 M rows it needs about 5 GB free there (one data set's input at a time).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
dotnet publish functions/Hakiri.Cli -c Release -o artifacts/aot -nologo >/dev/null
dotnet run --project bench/Hakiri.Bench -c Release -- ingest artifacts/aot/hakiri "$rows" "${BENCH_DIR:-/tmp/hakiri-bench}" ${2:+"$2"}
