#!/usr/bin/env bash
# postgres connector benchmark (not a test): starts its own PostgreSQL 15 on 127.0.0.1, loads a ROWS-row table of ten
# mixed columns, and prints rows/s of the Native AOT `hakiri run` (snapshot: first load, re-run) beside
# psql's `\copy (SELECT …) TO STDOUT` to /dev/null (the ceiling), the ratio, and peak RSS.
#   scripts/bench-postgres.sh              # 1,000,000 rows
#   scripts/bench-postgres.sh 200000       # a fifth: peak RSS should stay flat
#   scripts/bench-postgres.sh cdc          # only the change-capture figure
# Then the cdc figure: changes/s of `hakiri run` in mode = "cdc" applying CDC_CHANGES (100,000) updated rows of a
# CDC_ROWS (200,000) table, beside the server decoding the same changes (pg_logical_slot_get_binary_changes).
set -euo pipefail
cd "$(dirname "$0")/.."
only=""
if [ "${1:-}" = cdc ]; then only=cdc; shift; fi
rows=${1:-1000000}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
dotnet publish functions/Hakiri.Cli -c Release -o artifacts/aot -nologo >/dev/null
work=${BENCH_DIR:-/tmp/hakiri-bench-postgres}
mkdir -p "$work"
if [ -z "$only" ]; then
  dotnet run --project bench/Hakiri.Bench -c Release -- postgres artifacts/aot/hakiri "$rows" "$work"
fi
dotnet run --project bench/Hakiri.Bench -c Release -- postgres-cdc artifacts/aot/hakiri "${CDC_ROWS:-200000}" "${CDC_CHANGES:-100000}" "$work"
