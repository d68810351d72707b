#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what the tests need, builds with zero warnings, builds the release
# bundle (scripts/dist.sh: the Native AOT hakiri, no trimming/AOT warnings allowed), runs every test project (the
# bundle tests unpack that bundle, HAKIRI_BUNDLE), then smoke-tests the bundle's hakiri and walks the README's and
# the docs' quick-start commands as written in a fresh clone of HEAD (scripts/walk-docs.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash scripts/install-test-deps.sh

log_dir=artifacts/test-logs
mkdir -p "$log_dir"

echo "== build"
dotnet build Hakiri.sln -c Debug -nologo -clp:NoSummary 2>&1 | tee "$log_dir/build.log" | grep -E "(warning|error) [A-Z]+[0-9]+" || true
if grep -qE "(warning|error) [A-Z]+[0-9]+" "$log_dir/build.log"; then
  echo "build: warnings or errors (see above); the build must be clean." >&2
  exit 1
fi

echo "== native AOT Lambda bootstrap (the Lambda host tests run against it)"
scripts/package-aws.sh > "$log_dir/package-aws.log" 2>&1 || { cat "$log_dir/package-aws.log"; exit 1; }
export HAKIRI_BOOTSTRAP="$PWD/artifacts/lambda/publish/bootstrap"

echo "== Azure function package (the bundle carries it)"
scripts/package-azure.sh > "$log_dir/package-azure.log" 2>&1 || { cat "$log_dir/package-azure.log"; exit 1; }

echo "== release bundle (native AOT hakiri, CDK app, Lambda and Azure packages)"
HAKIRI_LAMBDA_ZIP=artifacts/lambda/hakiri-functions.zip HAKIRI_AZURE_PACKAGE=artifacts/azure/hakiri-functions-azure.zip scripts/dist.sh > "$log_dir/dist.log" 2>&1 || { cat "$log_dir/dist.log"; exit 1; }
version=$(sed -nE 's:.*<Version>([^<]+)</Version>.*:\1:p' Directory.Build.props | head -n 1)
export HAKIRI_BUNDLE="$PWD/dist/hakiri-$version-linux-x64.tar.gz"

echo "== test"
set +e
dotnet test Hakiri.sln -c Debug --no-build -nologo 2>&1 | tee "$log_dir/test.log"
test_status=${PIPESTATUS[0]}
set -e

echo "== AOT smoke"
smoke_passed=0
smoke_failed=0
smoke() {
  local name=$1 expected=$2; shift 2
  set +e
  "$@" >"$log_dir/smoke.out" 2>&1
  local actual=$?
  set -e
  if [ "$actual" -eq "$expected" ]; then
    smoke_passed=$((smoke_passed + 1)); echo "  ok   $name"
  else
    smoke_failed=$((smoke_failed + 1)); echo "  FAIL $name (exit $actual, expected $expected)"; cat "$log_dir/smoke.out"
  fi
}
bin=artifacts/dist/hakiri-$version-linux-x64/bin/hakiri
smoke "--version" 0 "$bin" --version
smoke "validate quickstart" 0 "$bin" validate samples/quickstart/hakiri.toml
smoke "validate connector template" 0 "$bin" validate templates/connector/connector.toml
smoke "schema export manifest" 0 "$bin" schema export manifest -o "$log_dir/manifest.schema.json"
smoke "schema matches golden" 0 cmp "$log_dir/manifest.schema.json" tests/Hakiri.Manifest.Tests/Golden/manifest.schema.json
smoke_dir=$(mktemp -d)
smoke "init" 0 "$bin" init "$smoke_dir"
smoke "validate init output" 0 "$bin" validate "$smoke_dir/hakiri.toml"
printf '[project]\nname = 1\n' >"$smoke_dir/hakiri.toml"
smoke "bad manifest exits 2" 2 "$bin" validate "$smoke_dir/hakiri.toml"
smoke "bad usage exits 2" 2 "$bin" frobnicate
cp -r samples/quickstart "$smoke_dir/quickstart" && rm -rf "$smoke_dir/quickstart/.hakiri"
smoke "run quickstart" 0 "$bin" run -m "$smoke_dir/quickstart/hakiri.toml"
smoke "query quickstart" 0 "$bin" query -m "$smoke_dir/quickstart/hakiri.toml" "SELECT count(*) FROM orders"
smoke "search quickstart by meaning (ONNX Runtime and the model in the bundle)" 0 bash -c "\"$bin\" query -m \"$smoke_dir/quickstart/hakiri.toml\" --table products --similar-to 'something to keep drinks cold' --filter '{\"price\": {\"<=\": 50}}' -n 1 | grep -q 'Vacuum flask'"
smoke "index rebuild quickstart" 0 "$bin" index rebuild products -m "$smoke_dir/quickstart/hakiri.toml"
smoke "serve --stdio (TypeScript MCP client)" 0 node tests/tools/mcp-client.mjs "{\"transport\":\"stdio\",\"command\":\"$bin\",\"args\":[\"serve\",\"-m\",\"$smoke_dir/quickstart/hakiri.toml\"],\"calls\":[{\"name\":\"context.query\",\"arguments\":{\"sql\":\"SELECT count(*) AS n FROM orders\"}}]}"
smoke "connector test github sample (cassette replay, Arrow → DuckDB)" 0 "$bin" connector test issues -m samples/github/hakiri.toml
smoke "connector test missing cassette exits 2" 2 "$bin" connector test issues -m samples/github/hakiri.toml --cassette "$smoke_dir/none.json"
smoke "emit asl" 0 "$bin" emit asl -m "$smoke_dir/quickstart/hakiri.toml" -o "$smoke_dir/quickstart.asl.json"
smoke "asl matches golden" 0 cmp "$smoke_dir/quickstart.asl.json" tests/Hakiri.Emit.Tests/Golden/quickstart.asl.json
smoke "emit azure" 0 "$bin" emit azure -m "$smoke_dir/quickstart/hakiri.toml" -o "$smoke_dir/azure"
smoke "azure template is the checked-in module" 0 cmp "$smoke_dir/azure/main.json" infra/azure/main.json
rm -rf "$smoke_dir"
smoke "README and docs quick starts, run as written from a fresh clone (scripts/walk-docs.sh)" 0 bash scripts/walk-docs.sh

# One closing line for CI: every test case plus the smoke checks.
sum() { grep -E "^(Passed|Failed)!" "$log_dir/test.log" | sed -E "s/.*$1: *([0-9]+).*/\\1/" | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(sum Passed)
failed=$(sum Failed)
passed=$(( ${passed:-0} + smoke_passed ))
failed=$(( ${failed:-0} + smoke_failed ))
echo "tests: $passed passed, $failed failed"
if [ "$test_status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
