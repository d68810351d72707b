#!/usr/bin/env bash
# Ingest benchmark (not a test): generates a ROWS-row, 10-column NDJSON and CSV file, converts each with raw DuckDB
# COPY … TO parquet, lands each with the Native AOT `hakiri run`, and prints rows/s, peak RSS and the speed ratio.
#   scripts/bench-ingest.sh            # 1,000,000 rows
#   scripts/bench-ingest.sh 10000000   # 10 M rows: peak RSS should stay flat (streaming)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
dotnet publish functions/Hakiri.Cli -c Release -o artifacts/aot -nologo >/dev/null
dotnet run --project bench/Hakiri.Bench -c Release -- ingest artifacts/aot/hakiri "$rows" "${BENCH_DIR:-/tmp/hakiri-bench}"
