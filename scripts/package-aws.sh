#!/usr/bin/env bash
# Packages the AWS Lambda functions as two zips (ADR 0029):
#   - the function zip the provided.al2023 runtime expects: the Native AOT `bootstrap` (one binary for all five step
#     handlers and the MCP server, chosen by the function's handler name) at its root, executable, with
#     libe_sqlite3.so; pass a manifest to bundle it as /var/task/hakiri.toml;
#   - beside it, hakiri-duckdb-layer.zip: lib/libduckdb.so, a Lambda layer (unpacked under /opt, and /opt/lib is on
#     the runtime's LD_LIBRARY_PATH), uploaded once per DuckDB build however often the functions change;
#   - and hakiri-wasmtime-layer.zip: lib/libwasmtime.so, which a stack attaches to discover and pull-batch only when a
#     pipeline reads a WebAssembly connector (ADR 0032).
#   scripts/package-aws.sh [MANIFEST] [OUTPUT_ZIP]
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=${1:-}
output=${2:-artifacts/lambda/hakiri-functions.zip}
layer=$(dirname "$output")/hakiri-duckdb-layer.zip
wasmtime_layer=$(dirname "$output")/hakiri-wasmtime-layer.zip
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
# Wasmtime's native library is loaded at run time but not always copied by the AOT publish: take it from its package.
# It stays in the publish folder (`hakiri run --via lambda --bootstrap …/publish/bootstrap` loads it from there).
if [ ! -f "$publish/libwasmtime.so" ]; then
  wasmtime_version=$(sed -nE 's:.*Include="Wasmtime" Version="([^"]+)".*:\1:p' Directory.Packages.props)
  packages=${NUGET_PACKAGES:-$(dotnet nuget locals global-packages -l | sed -E 's/^global-packages: //')}
  cp "${packages%/}/wasmtime/$wasmtime_version/runtimes/linux-x64/native/libwasmtime.so" "$publish/"
fi
strip --strip-unneeded "$publish/libwasmtime.so"   # 29.7 → 24.0 MB, its layer 9.4 → 8.8 MB
if [ -n "$manifest" ]; then cp "$manifest" "$publish/hakiri.toml"; fi
mkdir -p "$(dirname "$output")"
rm -f "$output" "$layer" "$wasmtime_layer"
# Deflate is the only method the Lambda service unzips. libdeflate's level 12 (libdeflate-tools, which
# scripts/install-test-deps.sh installs) finds ~3 % smaller deflate streams than zlib's level 9 in seconds (zopfli
# and 7-Zip's 15 passes do no better here and take minutes); without it the zip is built with zlib level 9.
python3 - "$publish" "$output" "$layer" "$wasmtime_layer" <<'PY'
import os, shutil, struct, subprocess, sys, zlib
source, target, layer, wasmtime_layer = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
libdeflate = shutil.which("libdeflate-gzip")
dos_time, dos_date = 0, ((2026 - 1980) << 9) | (1 << 5) | 1   # 2026-01-01 00:00: the zip is the same for the same files

def deflate(path):
    if libdeflate:
        gz = subprocess.run([libdeflate, "-12", "-c", path], check=True, stdout=subprocess.PIPE).stdout
        if gz[:4] != b"\x1f\x8b\x08\x00":
            sys.exit(f"package-aws: unexpected gzip header from {libdeflate}")
        crc, size = struct.unpack("<II", gz[-8:])
        return gz[10:-8], crc, size
    data = open(path, "rb").read()
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(), zlib.crc32(data), len(data)

def write_zip(target, members):
    """members: (name in the zip, file) pairs, written in that order."""
    entries, offset = [], 0
    with open(target, "wb") as archive:
        for name, path in members:
            body, crc, size = deflate(path)
            encoded = name.encode()
            fields = struct.pack("<HHHHHIII", 20, 0, 8, dos_time, dos_date, crc, len(body), size)
            archive.write(b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + body)
            mode = 0o100755 if name == "bootstrap" else 0o100644   # regular file, executable bootstrap
            entries.append(b"PK\x01\x02" + struct.pack("<H", (3 << 8) | 20) + fields
                           + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, mode << 16, offset) + encoded)
            offset += 30 + len(encoded) + len(body)
        directory = b"".join(entries)
        archive.write(directory + b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries), len(directory), offset, 0))

names = sorted(os.listdir(source))
layered = {"libduckdb.so", "libwasmtime.so"}
write_zip(target, [(name, os.path.join(source, name)) for name in names if name not in layered])
write_zip(layer, [("lib/libduckdb.so", os.path.join(source, "libduckdb.so"))])
write_zip(wasmtime_layer, [("lib/libwasmtime.so", os.path.join(source, "libwasmtime.so"))])
print("deflate: " + ("libdeflate level 12" if libdeflate else "zlib level 9 (install libdeflate-tools for a smaller zip)"))
PY
echo "packaged $output ($(du -h "$output" | cut -f1)): $(ls "$publish" | grep -vxE 'libduckdb.so|libwasmtime.so' | tr '\n' ' ')"
echo "packaged $layer ($(du -h "$layer" | cut -f1)): lib/libduckdb.so"
echo "packaged $wasmtime_layer ($(du -h "$wasmtime_layer" | cut -f1)): lib/libwasmtime.so"
