#!/usr/bin/env bash
# Semantic layer benchmark (not a test): N synthetic support tickets (default 1,000,000) landed by `hakiri run`, then
# run again with `fts = ["title", "body"]` (the index step alone); M tickets (default 100,000) with stored 384-float
# embeddings indexed as vectors, then full text added; 2,000 tickets embedded by the local all-MiniLM-L6-v2. Prints
# run times, the index step's share, rows/s, sidecar bytes against the table's Parquet, peak RSS, then context.query
# latency in-process (p50/p95 of 100 warm calls, the plan each used) and recall@10 of the vector graph, beside the goals.
#   scripts/bench-index.sh                 # N = 1,000,000, M = 100,000
#   scripts/bench-index.sh 200000 20000    # smaller
# Work dir: BENCH_DIR (default /tmp/hakiri-bench-index), emptied per part. HAKIRI_BENCH_INDEX_KEEP_FTS=1 keeps the
# full-text store a previous run left; HAKIRI_BENCH_INDEX_QUERIES_ONLY=1 only times the queries over the stores left.
set -euo pipefail
cd "$(dirname "$0")/.."
tickets=${1:-1000000}
vectors=${2:-100000}
work=${BENCH_DIR:-/tmp/hakiri-bench-index}
mkdir -p "$work"
dotnet build functions/Hakiri.Cli -c Release -nologo -v q >/dev/null
dotnet build bench/Hakiri.Bench -c Release -nologo -v q >/dev/null
cli=$(ls -d functions/Hakiri.Cli/bin/Release/net*/ | head -n 1)
# The bench opens the local model in-process too: from the CLI's models folder.
# Stored 384-float lists: pulling 100k of them needs more than the default 192MB DuckDB memory limit.
HAKIRI_DUCKDB_MEMORY_LIMIT=${HAKIRI_DUCKDB_MEMORY_LIMIT:-1GB} HAKIRI_MODELS_DIR=${HAKIRI_MODELS_DIR:-$(pwd)/${cli}models} \
  dotnet $(ls bench/Hakiri.Bench/bin/Release/net*/Hakiri.Bench.dll | head -n 1) index "${cli}hakiri" "$tickets" "$vectors" "$work"
