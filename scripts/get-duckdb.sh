#!/usr/bin/env bash
# Puts DuckDB's native library at .tools/duckdb/<version>/libduckdb.so, idempotently.
# DuckDB publishes no .NET package we can use, but its npm bindings package carries the plain C library
# (linux-x64, glibc), so npm is the one download channel this needs.
# A user's own build wins: when HAKIRI_DUCKDB_LIBRARY names an existing file, nothing is downloaded.
set -euo pipefail

version=1.5.6
package="@duckdb/node-bindings-linux-x64@${version}-r.1"
root=$(cd "$(dirname "$0")/.." && pwd)
target_dir="$root/.tools/duckdb/$version"
target="$target_dir/libduckdb.so"

if [ -n "${HAKIRI_DUCKDB_LIBRARY:-}" ] && [ -f "$HAKIRI_DUCKDB_LIBRARY" ]; then
  exit 0
fi
if [ -f "$target" ]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "get-duckdb: npm is needed to fetch $package (apt-get install npm), or set HAKIRI_DUCKDB_LIBRARY to a libduckdb.so." >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "get-duckdb: fetching $package"
(cd "$work" && npm pack --silent --loglevel=error "$package" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/libduckdb.so
mkdir -p "$target_dir"
# Move into place last so an interrupted run never leaves a truncated library that later runs would trust.
mv "$work/package/libduckdb.so" "$target.partial"
mv "$target.partial" "$target"
echo "get-duckdb: $target"
