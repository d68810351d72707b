#!/usr/bin/env bash
# Packages the Azure function app (isolated worker, .NET 9, JIT: a NativeAOT worker crashes at start) for Flex
# Consumption: `dotnet publish` Release linux-x64 framework-dependent, then a deterministic zip of the publish folder
# (entries sorted, fixed timestamps, no .pdb). The deployer adds the project's hakiri.toml (HAKIRI_MANIFEST) to it;
# pass a manifest here to bundle it as hakiri.toml at the zip's root. HAKIRI_READY_TO_RUN=1 publishes ReadyToRun.
#   scripts/package-azure.sh [MANIFEST] [OUTPUT_ZIP]
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=${1:-}
output=${2:-artifacts/azure/hakiri-functions-azure.zip}
publish=artifacts/azure/publish
log=artifacts/azure/publish.log
ready_to_run=${HAKIRI_READY_TO_RUN:-0}
mkdir -p artifacts/azure "$(dirname "$output")"
rm -rf "$publish"
mkdir -p "$publish"
echo "publishing functions/Hakiri.Functions.Azure (Release, linux-x64, JIT, ReadyToRun=$([ "$ready_to_run" = 1 ] && echo true || echo false))"
started=$(date +%s)
dotnet publish functions/Hakiri.Functions.Azure -c Release -r linux-x64 --self-contained false -o "$publish" -nologo \
  -p:PublishReadyToRun=$([ "$ready_to_run" = 1 ] && echo true || echo false) >"$log" 2>&1 || { cat "$log"; exit 1; }
if grep -qE "warning [A-Z]+[0-9]+" "$log"; then grep -E "warning" "$log"; exit 1; fi
echo "published in $(( $(date +%s) - started )) s"
for required in functions.metadata worker.config.json extensions.json libduckdb.so libe_sqlite3.so libwasmtime.so Hakiri.Functions.Azure.dll; do
  [ -f "$publish/$required" ] || { echo "the publish output lacks $required: check the function app's project"; exit 1; }
done
if [ -n "$manifest" ]; then cp "$manifest" "$publish/hakiri.toml"; fi
rm -f "$output"
python3 - "$publish" "$output" <<'PY'
import os, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
names = []
for root, dirs, files in os.walk(source):
    for name in files:
        path = os.path.relpath(os.path.join(root, name), source).replace(os.sep, "/")
        if not path.endswith(".pdb"):
            names.append(path)
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
    for name in sorted(names):
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(os.path.join(source, name), "rb") as f:
            archive.writestr(info, f.read(), compresslevel=9)
print(f"{len(names)} entries")
PY
echo "packaged $output ($(du -h "$output" | cut -f1), sha256 $(sha256sum "$output" | cut -c1-16)…)"
