#!/usr/bin/env bash
# Installs what the build and the test suite need, idempotently: a fresh Debian machine with the .NET SDK is enough.
#   clang + zlib    Native AOT publishing of the hakiri binary
#   node + npm      the independent checkers in tests/tools (Ajv JSON Schema validator, smol-toml, the MCP SDK, jco)
#                   and Azurite, the Azure Storage emulator the Blob store and Durable tests start
#   python3         second TOML oracle (tomllib) used by the TOML tests
#   sqlite3         reads the catalog in tests, as a user without Hakiri would
#   postgresql      the server the postgres source tests start (tests/Hakiri.Testing/PostgresServer.cs); psql for the benchmark
#   wasm toolchains the WebAssembly connector guests are compiled with in the tests and by `hakiri connector build`:
#                   clang + lld + wasi-libc + compiler-rt for wasm32 (C), Debian's rustc + wasm32 std (Rust), wabt (WAT)
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v clang >/dev/null 2>&1 || need_apt+=(clang)
command -v strip >/dev/null 2>&1 || need_apt+=(binutils)   # scripts/package-aws.sh strips libduckdb.so
command -v libdeflate-gzip >/dev/null 2>&1 || need_apt+=(libdeflate-tools)   # and deflates the Lambda zip with it
[ -e /usr/include/zlib.h ] || need_apt+=(zlib1g-dev)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v sqlite3 >/dev/null 2>&1 || need_apt+=(sqlite3)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v psql >/dev/null 2>&1 || need_apt+=(postgresql-client)
command -v wasm-ld >/dev/null 2>&1 || need_apt+=(lld)
[ -d /usr/include/wasm32-wasi ] || need_apt+=(wasi-libc)
ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a >/dev/null 2>&1 || need_apt+=(libclang-rt-14-dev-wasm32)
[ -x /usr/bin/rustc ] || need_apt+=(rustc)
[ -d /usr/lib/rustlib/wasm32-unknown-unknown ] || need_apt+=(libstd-rust-dev-wasm32)
command -v wat2wasm >/dev/null 2>&1 || need_apt+=(wabt)

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install-test-deps: apt-get install ${need_apt[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# `npm install` rather than `npm ci`: the registry mirror lacks some optional platform packages (DuckDB's darwin and
# windows bindings), which `npm ci` refuses to skip. Versions stay pinned exactly in package.json.
if [ ! -f tests/tools/node_modules/.package-lock.json ] || ! cmp -s tests/tools/package.json tests/tools/node_modules/.hakiri-package.json; then
  echo "install-test-deps: npm install in tests/tools"
  (cd tests/tools && npm install --no-audit --no-fund --loglevel=error && cp package.json node_modules/.hakiri-package.json)
fi

# moto_server stands in for S3 in the tests; this machine image ships it, elsewhere pip has it.
if ! command -v moto_server >/dev/null 2>&1; then
  echo "install-test-deps: pip install moto[server]"
  python3 -m pip install --quiet "moto[server]==5.2.1" || { echo "install-test-deps: could not install moto_server; the S3 tests need it" >&2; exit 1; }
fi

# cfn-lint reads the synthesized CloudFormation template in tests/Hakiri.Infra.Aws.Tests; this machine image ships it.
command -v cfn-lint >/dev/null 2>&1 || { echo "install-test-deps: cfn-lint is missing; the AWS stack tests need it: pip install \"cfn-lint==1.51.*\"" >&2; exit 1; }
