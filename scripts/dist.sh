#!/usr/bin/env bash
# Builds the release bundle dist/hakiri-<version>-linux-x64.tar.gz (its layout: docs/install.md): the Native AOT
# `hakiri` with the native libraries it loads and the local embedding model (bin/models/) in bin/, the framework-dependent CDK app in lib/infra/aws/, the
# Lambda package and its DuckDB layer in lib/lambda/ and the Azure function package in lib/azure/. `hakiri --version` prints <version>+<commit> from Directory.Build.props and git.
#   scripts/dist.sh
# HAKIRI_LAMBDA_ZIP=<zip> takes a Lambda package scripts/package-aws.sh has already built (scripts/test.sh does)
# instead of publishing the bootstrap again; HAKIRI_AZURE_PACKAGE=<zip> one scripts/package-azure.sh has built.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

version=$(sed -nE 's:.*<Version>([^<]+)</Version>.*:\1:p' Directory.Build.props | head -n 1)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
name=hakiri-$version-linux-x64
work=artifacts/dist
stage=$work/$name
logs=$work/logs
rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/lib/infra/aws" "$stage/lib/lambda" "$stage/lib/azure" "$logs" dist

# Publishes a project; any warning fails the bundle (trimming and AOT warnings are errors here too).
publish() {
  local project=$1 log=$2; shift 2
  dotnet publish "$project" -c Release -nologo "$@" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  if grep -qE "warning [A-Z]+[0-9]+" "$log"; then grep -E "warning" "$log" >&2; echo "dist: $project published with warnings (above)" >&2; exit 1; fi
}

echo "== hakiri $version+$commit (Native AOT)"
publish functions/Hakiri.Cli "$logs/hakiri.log" -o "$stage/bin" -p:HakiriCommit="$commit"
# Wasmtime's native library is loaded at run time but not always copied by the AOT publish: take it from its package.
if [ ! -f "$stage/bin/libwasmtime.so" ]; then
  wasmtime_version=$(sed -nE 's:.*Include="Wasmtime" Version="([^"]+)".*:\1:p' Directory.Packages.props)
  packages=${NUGET_PACKAGES:-$(dotnet nuget locals global-packages -l | sed -E 's/^global-packages: //')}
  cp "${packages%/}/wasmtime/$wasmtime_version/runtimes/linux-x64/native/libwasmtime.so" "$stage/bin/"
fi
rm -f "$stage"/bin/*.dbg "$stage"/bin/*.pdb
for library in libduckdb.so libe_sqlite3.so libwasmtime.so libonnxruntime.so models/all-MiniLM-L6-v2/model.onnx models/all-MiniLM-L6-v2/vocab.txt; do
  [ -f "$stage/bin/$library" ] || { echo "dist: $library is missing from $stage/bin" >&2; exit 1; }
done

echo "== CDK app (framework-dependent)"
publish infra/Hakiri.Infra.Aws "$logs/infra.log" -o "$stage/lib/infra/aws"

echo "== Lambda package"
# The function zip and, beside it, the DuckDB and Wasmtime layers (scripts/package-aws.sh writes all three).
if [ -n "${HAKIRI_LAMBDA_ZIP:-}" ]; then
  cp "$HAKIRI_LAMBDA_ZIP" "$stage/lib/lambda/hakiri-functions.zip"
  for layer in hakiri-duckdb-layer.zip hakiri-wasmtime-layer.zip; do
    [ -f "$(dirname "$HAKIRI_LAMBDA_ZIP")/$layer" ] || { echo "dist: $(dirname "$HAKIRI_LAMBDA_ZIP")/$layer is missing: HAKIRI_LAMBDA_ZIP must be a zip scripts/package-aws.sh wrote, with its layers beside it" >&2; exit 1; }
    cp "$(dirname "$HAKIRI_LAMBDA_ZIP")/$layer" "$stage/lib/lambda/$layer"
  done
else
  scripts/package-aws.sh "" "$work/hakiri-functions.zip" >"$logs/lambda.log" 2>&1 || { cat "$logs/lambda.log" >&2; exit 1; }
  cp "$work/hakiri-functions.zip" "$work/hakiri-duckdb-layer.zip" "$work/hakiri-wasmtime-layer.zip" "$stage/lib/lambda/"
fi

echo "== Azure function package"
if [ -n "${HAKIRI_AZURE_PACKAGE:-}" ]; then
  cp "$HAKIRI_AZURE_PACKAGE" "$stage/lib/azure/hakiri-functions-azure.zip"
else
  scripts/package-azure.sh "" "$work/hakiri-functions-azure.zip" >"$logs/azure.log" 2>&1 || { cat "$logs/azure.log" >&2; exit 1; }
  cp "$work/hakiri-functions-azure.zip" "$stage/lib/azure/hakiri-functions-azure.zip"
fi

cp docs/install.md "$stage/INSTALL.md"
archive=dist/$name.tar.gz
tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner -czf "$archive" "$name"
(cd dist && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "bundled $archive ($(du -h "$archive" | cut -f1))"
