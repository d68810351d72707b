#!/usr/bin/env bash
# WebAssembly connector benchmark (not a test): ITEMS items from a local paged API (127.0.0.1) landed by the Native AOT
# `hakiri run` through the C and the Rust items guests and through the built-in http connector paging the same API —
# rows/s, peak RSS and the guest/built-in ratio; then cold against warm start of each guest (empty against warm module
# cache), the .wasm sizes, and what Wasmtime fuel metering costs a guest's read.
#   scripts/bench-wasm.sh            # 200,000 items in pages of 1,000
#   scripts/bench-wasm.sh 400000     # twice the items: peak RSS should stay flat
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-200000}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
dotnet publish functions/Hakiri.Cli -c Release -o artifacts/aot -nologo >/dev/null
work=${BENCH_DIR:-/tmp/hakiri-bench-wasm}
mkdir -p "$work"
dotnet run --project bench/Hakiri.Bench -c Release -- wasm artifacts/aot/hakiri "$items" "$work"
