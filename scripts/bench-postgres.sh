#!/usr/bin/env bash
# postgres connector benchmark (not a test): starts its own PostgreSQL 15 on 127.0.0.1, loads a ROWS-row table of ten
# mixed columns, and prints rows/s of the Native AOT `hakiri run` (snapshot: first load, re-run) beside
# psql's `\copy (SELECT …) TO STDOUT` to /dev/null (the ceiling), the ratio, and peak RSS.
#   scripts/bench-postgres.sh              # 1,000,000 rows
#   scripts/bench-postgres.sh 200000       # a fifth: peak RSS should stay flat
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
dotnet publish functions/Hakiri.Cli -c Release -o artifacts/aot -nologo >/dev/null
work=${BENCH_DIR:-/tmp/hakiri-bench-postgres}
mkdir -p "$work"
dotnet run --project bench/Hakiri.Bench -c Release -- postgres artifacts/aot/hakiri "$rows" "$work"
