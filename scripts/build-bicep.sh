#!/usr/bin/env bash
# Compiles the fixed Azure module infra/azure/main.bicep into infra/azure/main.json with the pinned Bicep CLI (NuGet
# Azure.Bicep.CommandLine.linux-x64, restored with tests/Hakiri.Emit.Tests), then lints it with infra/azure/bicepconfig.json
# (warnings are errors). main.json is checked in and embedded in the hakiri binary; a test fails when it drifts.
#   scripts/build-bicep.sh [OUTPUT_JSON]
set -euo pipefail
cd "$(dirname "$0")/.."
output=${1:-infra/azure/main.json}
version=$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [ ! -f "$bicep" ]; then
  dotnet restore tests/Hakiri.Emit.Tests -nologo >/dev/null
fi
if [ ! -f "$bicep" ]; then
  echo "error: the Bicep CLI $version is not in $packages after a restore of tests/Hakiri.Emit.Tests" >&2
  exit 1
fi
# NuGet does not always keep the executable bit.
[ -x "$bicep" ] || chmod +x "$bicep"
mkdir -p "$(dirname "$output")"
"$bicep" build infra/azure/main.bicep --outfile "$output"
"$bicep" lint infra/azure/main.bicep
echo "built $output with Bicep $version"
