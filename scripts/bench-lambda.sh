#!/usr/bin/env bash
# Lambda host benchmark (not a test): packages the AOT bootstrap, then prints its cold start (process start → first
# Runtime API request), the warm invocation round trip through the local Runtime API, and the zip's compressed size.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/package-aws.sh >/dev/null
dotnet run --project bench/Hakiri.Bench -c Release -- lambda artifacts/lambda/publish/bootstrap
echo "zip (compressed, with libduckdb.so): $(du -m artifacts/lambda/hakiri-functions.zip | cut -f1) MiB (target ≤ 30 MB)"
