#!/usr/bin/env bash
# MCP benchmark (not a test): lands a generated ROWS-row table with the Native AOT hakiri, then prints `hakiri serve`
# start → ready (stdio and HTTP) and context.query p50/p95 over Streamable HTTP (target: p50 ≤ 50 ms at 1 M rows).
#   scripts/bench-mcp.sh            # 1,000,000 rows
#   scripts/bench-mcp.sh 5000000
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
dotnet publish functions/Hakiri.Cli -c Release -o artifacts/aot -nologo >/dev/null   # always: a stale binary would measure old code
dotnet run --project bench/Hakiri.McpBench -c Release -- artifacts/aot/hakiri "$rows" "${BENCH_DIR:-/tmp/hakiri-mcp-bench}"
