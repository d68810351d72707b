#!/usr/bin/env bash
# http connector benchmark (not a test): RECORDS tickets over PAGES pages from a local API (127.0.0.1). Prints records/s
# of the Native AOT `hakiri run` (first load and upsert with a primary key, first load without), of a bare HttpClient
# loop that only reads the same bodies (the ceiling), the ratio, and peak RSS.
#   scripts/bench-http.sh                # 200,000 records over 2,000 pages
#   scripts/bench-http.sh 400000 4000    # twice the records: peak RSS should stay flat
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-200000}
pages=${2:-2000}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
dotnet publish functions/Hakiri.Cli -c Release -o artifacts/aot -nologo >/dev/null
work=${BENCH_DIR:-/tmp/hakiri-bench-http}
mkdir -p "$work"
dotnet run --project bench/Hakiri.Bench -c Release -- http artifacts/aot/hakiri "$records" "$pages" "$work"
