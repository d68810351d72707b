#!/usr/bin/env bash
# Packages the AWS Lambda functions: the Native AOT `bootstrap` (one binary for all five step handlers, chosen by
# the function's handler name) with libduckdb.so and libe_sqlite3.so, as the zip the provided.al2023 runtime expects
# (bootstrap at the zip's root, executable). Pass a manifest to bundle it as /var/task/hakiri.toml.
#   scripts/package-aws.sh [MANIFEST] [OUTPUT_ZIP]
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=${1:-}
output=${2:-artifacts/lambda/hakiri-functions.zip}
publish=artifacts/lambda/publish
rm -rf "$publish"
mkdir -p artifacts
dotnet publish functions/Hakiri.Functions.Aws -c Release -o "$publish" -nologo 2>&1 | tee artifacts/lambda-publish.log >/dev/null || { cat artifacts/lambda-publish.log; exit 1; }
if grep -qE "warning [A-Z]+[0-9]+" artifacts/lambda-publish.log; then grep -E "warning" artifacts/lambda-publish.log >&2; exit 1; fi
# USearch's graph library (and libnumkong, and its libgomp dependency the Lambda image lacks) stays out of the zip:
# vector segments are searched exactly there (docs/search.md), which keeps the package inside its size budget.
rm -f "$publish/libusearch_c.so" "$publish/libnumkong.so"
# The package's libduckdb.so keeps its static symbol table; the loader needs only the dynamic one (-2.2 MB zipped).
strip --strip-unneeded "$publish/libduckdb.so"
if [ -n "$manifest" ]; then cp "$manifest" "$publish/hakiri.toml"; fi
mkdir -p "$(dirname "$output")"
rm -f "$output"
python3 - "$publish" "$output" <<'PY'
import os, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
    for name in sorted(os.listdir(source)):
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        info.external_attr = (0o755 if name == "bootstrap" else 0o644) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(os.path.join(source, name), "rb") as f:
            archive.writestr(info, f.read(), compresslevel=9)
PY
echo "packaged $output ($(du -h "$output" | cut -f1)): $(ls "$publish" | tr '\n' ' ')"
