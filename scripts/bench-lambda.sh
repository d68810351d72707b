#!/usr/bin/env bash
# Lambda host benchmark (not a test): packages the AOT bootstrap, then prints its cold start (process start → first
# Runtime API request), the warm invocation round trip through the local Runtime API, and the zip's compressed size.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/package-aws.sh >/dev/null
dotnet run --project bench/Hakiri.Bench -c Release -- lambda artifacts/lambda/publish/bootstrap
echo "function zip: $(stat -c %s artifacts/lambda/hakiri-functions.zip) bytes (target ≤ 30 MB); DuckDB layer: $(stat -c %s artifacts/lambda/hakiri-duckdb-layer.zip) bytes; Wasmtime layer: $(stat -c %s artifacts/lambda/hakiri-wasmtime-layer.zip) bytes"
